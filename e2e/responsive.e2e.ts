import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { settle } from "./support/axe.ts";
import { defaultOwner, invite, linksInSentEmail, setUpThroughPage, signIn } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

async function horizontalOverflow(page: Page, label: string): Promise<string | undefined> {
  await settle(page);
  const sizes = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  return sizes.scrollWidth > sizes.clientWidth
    ? `${label}: content is ${sizes.scrollWidth}px wide in a ${sizes.clientWidth}px viewport`
    : undefined;
}

describe("a 360 px wide phone", () => {
  const trellis = useServerAndBrowser();

  it("shows every main page without horizontal scrolling", async () => {
    const problems: (string | undefined)[] = [];
    const page = await trellis.openPage(phone);
    await page.goto("/setup");
    problems.push(await horizontalOverflow(page, "set-up"));
    await setUpThroughPage(page);
    problems.push(await horizontalOverflow(page, "home"));

    // The menu opens and closes on a phone, and leads to the admin pages.
    await invite(page, "a.very.long.email.address.for.testing@subdomain.example.org", "member");
    problems.push(await horizontalOverflow(page, "invitations"));
    await linksInSentEmail(page, "a.very.long.email.address.for.testing@subdomain.example.org", /invit/i);
    problems.push(await horizontalOverflow(page, "sent email, text"));
    for (const [path, label] of [
      ["/emails", "sent email"],
      ["/members", "members"],
      ["/account", "my account"],
      ["/not-a-page", "404"],
    ] as const) {
      await page.goto(path);
      problems.push(await horizontalOverflow(page, label));
    }
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    problems.push(await horizontalOverflow(page, "open menu"));
    await page.context().close();

    const visitor = await trellis.openPage(phone);
    for (const [path, label] of [
      ["/sign-in", "sign-in"],
      ["/forgot-password", "forgot password"],
      [`/reset-password?token=${"x".repeat(40)}`, "reset password"],
    ] as const) {
      await visitor.goto(path);
      problems.push(await horizontalOverflow(visitor, label));
    }
    await signIn(visitor, defaultOwner.email, "wrong password");
    await visitor.getByRole("alert").waitFor();
    problems.push(await horizontalOverflow(visitor, "sign-in with an error"));
    await visitor.context().close();

    const found = problems.filter(Boolean);
    expect(found, found.join("\n")).toEqual([]);
  });
});
