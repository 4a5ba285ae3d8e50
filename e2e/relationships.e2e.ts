import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations, settle } from "./support/axe.ts";
import { navigate, signIn } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

// The demo personas of `trellis seed --demo`: Leo is Mira's mentee in a proposed pair that both
// still have to confirm.
const MENTEE = { email: "mentee@demo.trellis.test", name: "Leo Martins" };
const MENTOR = { email: "mentor@demo.trellis.test", name: "Mira Okafor" };
const ADMIN = { email: "admin@demo.trellis.test" };
const PASSWORD = "trellis-demo-2026";

async function signInAs(page: Page, email: string): Promise<void> {
  await signIn(page, email, PASSWORD);
  // The navigation is in the menu on narrow screens: wait for the page to leave the sign-in form.
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.getByRole("heading", { level: 1 }).first().waitFor();
}

/** The accessible name of the nav link "Notifications" (it carries the unread count). */
function notificationsLink(page: Page) {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Notifications/ });
}

async function noHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe("a relationship starts when both sides confirm the agreement", () => {
  const trellis = useServerAndBrowser({ prepare: [["seed", "--demo"]] });

  it("the mentee confirms, the mentor confirms, it is active; the unread badge shows and clears", async () => {
    const problems: string[] = [];

    // The mentee opens My mentoring and finds their mentor.
    const mentee = await trellis.openPage();
    await signInAs(mentee, MENTEE.email);
    await navigate(mentee, "My mentoring");
    await mentee.getByRole("heading", { name: "My mentoring", level: 1 }).waitFor();
    await mentee.getByRole("heading", { name: MENTOR.name, level: 3 }).waitFor();
    await mentee
      .getByRole("link", {
        name: "Review and confirm your agreement with Mira Okafor to start your mentoring.",
      })
      .waitFor();
    problems.push(...(await seriousViolations(mentee, "my mentoring")));

    await mentee.getByRole("link", { name: /Review the agreement \(mentoring with Mira Okafor\)/ }).click();
    await mentee.getByRole("heading", { name: `Mentoring with ${MENTOR.name}`, level: 1 }).waitFor();
    problems.push(...(await seriousViolations(mentee, "relationship, proposed")));
    const confirm = mentee.getByRole("button", { name: /^Confirm version \d+$/ });
    const version = (await confirm.textContent())?.match(/\d+/)?.[0];
    await confirm.click();
    await mentee.getByText(`You confirmed version ${version}.`).waitFor();
    await mentee
      .getByRole("list", { name: "Confirmations" })
      .getByText("Confirmed", { exact: true })
      .waitFor();

    // The mentor sees an unread notification in the badge, reads it, and the badge clears.
    const mentor = await trellis.openPage();
    await signInAs(mentor, MENTOR.email);
    await expect
      .poll(async () => (await notificationsLink(mentor).textContent()) ?? "")
      .toMatch(/\d+ unread/);
    await navigate(mentor, "Notifications");
    await mentor.getByRole("heading", { name: "Notifications", level: 1 }).waitFor();
    await mentor
      .getByRole("link", { name: `${MENTEE.name} confirmed your mentoring agreement` })
      .first()
      .waitFor();
    problems.push(...(await seriousViolations(mentor, "notifications, unread")));
    await mentor.getByRole("button", { name: "Mark all read" }).click();
    await mentor.getByText("All read", { exact: true }).waitFor();
    await expect
      .poll(async () => (await notificationsLink(mentor).textContent()) ?? "")
      .toBe("Notifications");

    // The mentor confirms from My mentoring: the pair is active.
    await navigate(mentor, "My mentoring");
    await mentor.getByRole("link", { name: /Review the agreement \(mentoring with Leo Martins\)/ }).click();
    await mentor.getByRole("heading", { name: `Mentoring with ${MENTEE.name}`, level: 1 }).waitFor();
    await mentor.getByRole("button", { name: `Confirm version ${version}` }).click();
    await mentor.getByText("You both confirmed: your mentoring has started.").waitFor();
    await mentor.getByText("Active", { exact: true }).first().waitFor();
    problems.push(...(await seriousViolations(mentor, "relationship, active")));

    // A state change asks first, in an accessible dialog; Cancel leaves everything as it was.
    await mentor.getByRole("button", { name: "Pause" }).click();
    const dialog = mentor.getByRole("dialog", { name: "Pause this mentoring?" });
    await dialog.waitFor();
    problems.push(...(await seriousViolations(mentor, "pause dialog")));
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });

    // The mentee is told it started: their badge shows, and clears once read.
    await mentee.reload();
    await mentee.getByText("Active", { exact: true }).first().waitFor();
    await expect
      .poll(async () => (await notificationsLink(mentee).textContent()) ?? "")
      .toMatch(/\d+ unread/);
    await notificationsLink(mentee).click();
    await mentee.getByRole("link", { name: `Your mentoring with ${MENTOR.name} has started` }).click();
    await mentee.getByRole("heading", { name: `Mentoring with ${MENTOR.name}`, level: 1 }).waitFor();
    // Opening a notification marks it read: the badge clears and the list says so.
    await expect
      .poll(async () => (await notificationsLink(mentee).textContent()) ?? "")
      .toBe("Notifications");
    await navigate(mentee, "Notifications");
    await mentee.getByText("All read", { exact: true }).waitFor();
    await mentee.getByRole("button", { name: "Mark all read" }).and(mentee.locator(":disabled")).waitFor();

    // Narrow screens: My mentoring and the relationship fit 360 px.
    const narrow = await trellis.openPage({ viewport: { width: 360, height: 740 } });
    await signInAs(narrow, MENTEE.email);
    await narrow.goto("/mentoring");
    await settle(narrow);
    expect(await noHorizontalScroll(narrow)).toBe(true);
    await narrow.getByRole("link", { name: /\(mentoring with Mira Okafor\)/ }).click();
    await narrow.getByRole("heading", { name: `Mentoring with ${MENTOR.name}`, level: 1 }).waitFor();
    await settle(narrow);
    expect(await noHorizontalScroll(narrow)).toBe(true);
    await narrow.context().close();

    // Managers see the pairs, never the pair's private text; both of their pages pass axe.
    const admin = await trellis.openPage({ colorScheme: "dark" });
    await signInAs(admin, ADMIN.email);
    await navigate(admin, "Relationships");
    await admin.getByRole("heading", { name: "Relationships", level: 1 }).waitFor();
    await admin.getByLabel("Search by name").fill("Leo Martins");
    const row = admin.getByRole("row").filter({ hasText: "Leo Martins" }).first();
    await row.waitFor();
    await row.getByText("Active", { exact: true }).waitFor();
    problems.push(...(await seriousViolations(admin, "relationships [dark]")));
    await row.getByRole("link").click();
    await admin.getByRole("heading", { name: `${MENTEE.name} and ${MENTOR.name}`, level: 1 }).waitFor();
    await admin.getByText(/are private to the pair/).waitFor();
    problems.push(...(await seriousViolations(admin, "relationship as manager [dark]")));
    const programmeId = await admin.evaluate(async () => {
      const me = await (await fetch("/api/me")).json();
      const list = await (await fetch(`/api/orgs/${me.currentOrgId}/relationships?q=Leo%20Martins`)).json();
      return list.relationships[0].programme.id as string;
    });
    await admin.goto(`/programmes/${programmeId}/relationships`);
    await admin.getByRole("heading", { name: "Relationships", level: 1 }).waitFor();
    await admin.getByRole("row").nth(1).waitFor();
    problems.push(...(await seriousViolations(admin, "programme relationships [dark]")));

    // Dark scheme for the participants' pages too.
    const dark = await trellis.openPage({ colorScheme: "dark" });
    await signInAs(dark, MENTOR.email);
    for (const path of ["/mentoring", "/notifications"]) {
      await dark.goto(path);
      problems.push(...(await seriousViolations(dark, `${path} [dark]`)));
    }

    expect(problems).toEqual([]);
  });
});
