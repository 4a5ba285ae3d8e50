import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpTestServer } from "../src/server/email/testing/smtp-test-server.ts";
import { seriousViolations } from "./support/axe.ts";
import { invite, navigate, setUpThroughPage } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

describe("sent email with a mail server that refuses, then accepts", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    smtp.control.refuse = { code: 451, message: "4.3.0 Greylisted, try again later" };
  });
  afterAll(() => smtp.stop());
  const trellis = useServerAndBrowser({ env: () => ({ SMTP_URL: smtp.url }) });

  it("shows a refused email as retrying with the server's answer, and resending delivers a copy", async () => {
    const page = await trellis.openPage();
    await setUpThroughPage(page);
    const to = "pat@example.org";
    await invite(page, to, "member");

    await navigate(page, "Sent email");
    await page.getByRole("heading", { name: "Sent email", level: 1 }).waitFor();
    const refused = page
      .getByRole("listitem")
      .filter({ hasText: `To ${to}` })
      .first();
    await refused.getByText("Retrying").waitFor();
    await refused.getByText(/try 2 of 5 at/).waitFor();
    await refused.getByText("4.3.0 Greylisted, try again later", { exact: false }).waitFor();
    expect(await seriousViolations(page, "sent email with a retrying email")).toEqual([]);

    smtp.control.refuse = null;
    await refused.getByRole("button", { name: new RegExp(`^Resend .* to ${to}$`) }).click();
    // The feedback stays beside the original, which the new copy pushes down the list.
    await page.getByText("Sent again: a new copy is queued.").waitFor();
    // The copy goes out in the background; Refresh shows it sent.
    const items = page.getByRole("listitem").filter({ hasText: `To ${to}` });
    const sent = items.filter({ has: page.getByText("Sent", { exact: true }) });
    for (let tries = 0; tries < 40 && (await sent.count()) === 0; tries++) {
      await page.waitForTimeout(250);
      await page.getByRole("button", { name: "Refresh" }).click();
    }
    await sent.first().waitFor();
    expect(smtp.messagesTo(to)).toHaveLength(1);

    // The email's own page says the same.
    await sent.first().getByRole("link").click();
    await page.getByRole("term").filter({ hasText: "Delivery" }).waitFor();
    await page
      .getByRole("definition")
      .filter({ hasText: /^Sent on / })
      .waitFor();
  });
});
