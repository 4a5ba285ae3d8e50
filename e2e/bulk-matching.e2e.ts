import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations, settle } from "./support/axe.ts";
import { signIn } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

const ADMIN = { email: "admin@demo.trellis.test", password: "trellis-demo-2026" };
const PROGRAMME = "Career mentoring";

/** Signs in as the demo admin and waits until the app has left the sign-in page. */
async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** The demo programme's id and the organisation's, through the API as the page calls it. */
async function demoProgramme(page: Page): Promise<{ orgId: string; programmeId: string }> {
  return page.evaluate(async (name) => {
    const me = await (await fetch("/api/me")).json();
    const list = await (await fetch(`/api/orgs/${me.currentOrgId}/programmes`)).json();
    const programme = list.programmes?.find((item: { name: string }) => item.name === name);
    if (!programme) throw new Error(`no programme ${name} in ${JSON.stringify(list).slice(0, 500)}`);
    return { orgId: me.currentOrgId as string, programmeId: programme.id as string };
  }, PROGRAMME);
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("bulk matching from the page", () => {
  const trellis = useServerAndBrowser({ prepare: [["seed", "--demo"]] });

  it("runs matching with live progress, locks a pair, changes a mentor and publishes", async () => {
    const problems: string[] = [];
    const page = await trellis.openPage();
    await signInAsAdmin(page);
    const { orgId, programmeId } = await demoProgramme(page);

    await page.goto(`/programmes/${programmeId}/matching`);
    await page.getByRole("heading", { name: "No matching run yet" }).waitFor();
    problems.push(...(await seriousViolations(page, "matching, empty")));

    await page.getByRole("radio", { name: /Match as many people as possible/ }).check();
    await page.getByRole("button", { name: "Run matching" }).click();
    // Progress first (the POST answers before the matcher has finished) ...
    const bar = page.getByRole("progressbar", { name: "Matching in progress" });
    await bar.waitFor();
    expect(Number(await bar.getAttribute("aria-valuenow"))).toBeGreaterThanOrEqual(0);
    // ... then the draft.
    await page.getByRole("heading", { name: "Pairs", level: 2 }).waitFor({ timeout: 60_000 });
    await page.getByText(/of \d+ mentees/).waitFor();
    problems.push(...(await seriousViolations(page, "matching, draft")));

    const table = page.getByRole("table", { name: "Pairs of the draft" });
    const rows = table.locator("tbody tr.pairs-table__row");
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    const menteeOf = async (row: number) =>
      (await rows.nth(row).locator("td").first().innerText()).split("\n")[0].trim();
    const mentorOf = async (row: number) => (await rows.nth(row).locator("td").nth(1).innerText()).trim();

    // Why a score: the explanation opens under the row.
    await rows
      .nth(0)
      .getByRole("button", { name: /show why/ })
      .click();
    const why = rows.nth(0).getByRole("button", { name: /hide why/ });
    await expect.poll(() => why.getAttribute("aria-expanded")).toBe("true");
    await page.getByRole("list", { name: /^Why / }).first().waitFor();

    // Lock the first pair, from the keyboard.
    const locked = await menteeOf(0);
    const lock = page.getByRole("button", { name: `Lock pair of ${locked}` });
    await lock.focus();
    await page.keyboard.press("Space");
    await expect.poll(() => lock.getAttribute("aria-pressed")).toBe("true");

    // Free a place (remove a pair with another mentor), then give the second pair's mentee that mentor.
    const changed = await menteeOf(1);
    let other = 2;
    while ((await mentorOf(other)) === (await mentorOf(1))) other++;
    const removed = await menteeOf(other);
    await page.getByRole("button", { name: `Remove pair of ${removed}` }).click();
    await page
      .getByRole("region", { name: "Unmatched mentees" })
      .getByText("removed by manager")
      .first()
      .waitFor();
    // The picker opens and closes from the keyboard; Escape gives focus back to its button.
    const changeMentor = page.getByRole("button", { name: `Change mentor for ${changed}` });
    await changeMentor.focus();
    await page.keyboard.press("Enter");
    const picker = page.getByRole("dialog", { name: `Choose a mentor for ${changed}` });
    await picker.waitFor();
    await page.keyboard.press("Escape");
    await picker.waitFor({ state: "hidden" });
    await expect.poll(() => changeMentor.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await picker.waitFor();
    await picker.getByText(/mentors? ha(s|ve) a free place/).waitFor();
    problems.push(...(await seriousViolations(page, "matching, mentor picker")));
    const choice = picker
      .getByRole("button", { name: /^Choose / })
      .and(page.locator(":not([disabled])"))
      .first();
    const chosen = ((await choice.getAttribute("aria-label")) ?? "").replace(/^Choose /, "");
    await choice.focus();
    await page.keyboard.press("Enter");
    await picker.waitFor({ state: "hidden" });
    const changedRow = table.locator("tbody tr.pairs-table__row", { hasText: changed });
    await expect.poll(() => changedRow.first().innerText()).toContain(chosen);
    await expect.poll(() => changedRow.first().innerText()).toContain("Changed");

    // Publish, after the confirmation says what it creates.
    const summaryMatched = Number(
      (await page.locator(".summary-card").first().locator(".summary-card__value").innerText()).trim(),
    );
    await page.getByRole("button", { name: "Publish…" }).click();
    const confirm = page.getByRole("dialog", { name: /^Publish \d+ pairs?\?$/ });
    await confirm.getByText(`creates ${summaryMatched} relationship`).waitFor();
    problems.push(...(await seriousViolations(page, "matching, publish confirmation")));
    await confirm.getByRole("button", { name: `Publish and send ${summaryMatched * 2} emails` }).click();
    await page.getByText("This matching was published").waitFor({ timeout: 60_000 });
    problems.push(...(await seriousViolations(page, "matching, published")));

    const emails = await page.evaluate(
      async (org) => (await (await fetch(`/api/orgs/${org}/emails`)).json()).emails as { subject: string }[],
      orgId,
    );
    expect(emails.filter((email) => email.subject.startsWith("You have a mentor:")).length).toBe(
      summaryMatched,
    );
    expect(emails.filter((email) => email.subject.startsWith("You have a new mentee:")).length).toBe(
      summaryMatched,
    );
    await page.context().close();

    // Dark scheme and a 360 px phone.
    const dark = await trellis.openPage({ colorScheme: "dark" });
    await signInAsAdmin(dark);
    await dark.goto(`/programmes/${programmeId}/matching`);
    await dark.getByRole("heading", { name: "Pairs", level: 2 }).waitFor();
    problems.push(...(await seriousViolations(dark, "matching, published [dark]")));
    await dark.context().close();

    const phone = await trellis.openPage({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await signInAsAdmin(phone);
    await phone.goto(`/programmes/${programmeId}/matching`);
    await phone.getByRole("heading", { name: "Pairs", level: 2 }).waitFor();
    await settle(phone);
    expect(await horizontalOverflow(phone), "matching page scrolls sideways at 360 px").toBeLessThanOrEqual(
      0,
    );
    problems.push(...(await seriousViolations(phone, "matching, published [360 px]")));
    await phone.context().close();

    expect(problems).toEqual([]);
  });
});
