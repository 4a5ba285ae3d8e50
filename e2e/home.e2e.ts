import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.ts";
import { navigate, signIn } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

// The demo personas of `trellis seed --demo`: Leo (mentee) and Mira (mentor) are a proposed pair
// that both still have to confirm; Mira also has a career request waiting for her answer; Dana
// owns the organisation and runs both programmes.
const PASSWORD = "trellis-demo-2026";
const MENTEE = "mentee@demo.trellis.test";
const MENTOR = "mentor@demo.trellis.test";
const OWNER = "admin@demo.trellis.test";

async function signInAs(page: Page, email: string): Promise<void> {
  await signIn(page, email, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.getByRole("heading", { name: /^Welcome, / }).waitFor();
}

/** Console errors of a page (the harness prints them; here they are counted). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return errors;
}

describe("Home shows what's next, per person and role, on the demo data", () => {
  const trellis = useServerAndBrowser({ prepare: [["seed", "--demo"]] });

  it("a signed-out visit logs no console error (the session check is not a 401)", async () => {
    const page = await trellis.openPage();
    const errors = consoleErrors(page);
    await page.goto("/");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
  });

  it("the mentee is asked to confirm the agreement with their mentor and sees their pair", async () => {
    const page = await trellis.openPage();
    await signInAs(page, MENTEE);
    await page
      .getByRole("link", {
        name: "Review and confirm your agreement with Mira Okafor to start your mentoring.",
      })
      .waitFor();
    const pairs = page.getByRole("region", { name: "Your mentoring" });
    await pairs.getByRole("link", { name: "Mira Okafor" }).waitFor();
    expect(await pairs.textContent()).toContain("Your mentor");
    expect(await page.getByText(/Times in Europe\/Berlin/).count()).toBe(1);
    // No manager part for a member.
    expect(await page.getByRole("heading", { name: "Programmes you run" }).count()).toBe(0);
    expect(await seriousViolations(page, "home, mentee")).toEqual([]);
  });

  it("the mentor sees the request waiting for an answer, with its expiry, and their own agreement to confirm", async () => {
    const page = await trellis.openPage();
    await signInAs(page, MENTOR);
    const requests = page.getByRole("region", { name: "Requests waiting for your answer" });
    await requests.getByRole("link", { name: /^From / }).waitFor();
    expect(await requests.textContent()).toMatch(
      /Expires \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} \(in \d+ days?\)/,
    );
    await page
      .getByRole("link", {
        name: "Review and confirm your agreement with Leo Martins to start your mentoring.",
      })
      .waitFor();
    // The request opens with a way to the mentee's profile.
    await requests.getByRole("link", { name: /^From / }).click();
    await page.getByRole("heading", { name: /^Request from / }).waitFor();
    await page.getByRole("link", { name: /'s profile, skills and goals$/ }).click();
    await page.waitForURL(/\/people\//);
    expect(await seriousViolations(page, "home → request → profile")).toEqual([]);
  });

  it("the owner sees each programme they run with what needs attention, and nothing private", async () => {
    const page = await trellis.openPage();
    await signInAs(page, OWNER);
    const programmes = page.getByRole("region", { name: "Programmes you run" });
    await programmes.getByRole("link", { name: "Developer cohort — autumn 2026" }).waitFor();
    await programmes.getByRole("link", { name: "Career mentoring" }).waitFor();
    expect(await programmes.getByRole("link", { name: /waiting for a match$/ }).count()).toBeGreaterThan(0);
    const text = (await programmes.textContent()) ?? "";
    expect(text).toMatch(/\d+ live pairs/);
    // Agreements' goals and confidentiality never reach a manager's Home.
    expect(text).not.toContain("Agree a learning plan");
    expect(await seriousViolations(page, "home, owner")).toEqual([]);
  });

  it("changing a member's role asks first, says what the role may do, and then what changed", async () => {
    const page = await trellis.openPage();
    await signInAs(page, OWNER);
    await navigate(page, "Members");
    await page.getByRole("heading", { name: "Members", level: 1 }).waitFor();
    await page.goto("/members?role=member");
    const select = page.getByRole("combobox", { name: /^Role of / }).first();
    // The list of 300 people can take a while on a busy machine.
    await select.waitFor({ timeout: 45_000 });
    const label = await page.locator(`label[for="${await select.getAttribute("id")}"]`).textContent();
    const person = (label ?? "").replace(/^Role of /, "").trim();
    expect(person).not.toBe("");

    await select.selectOption("admin");
    const dialog = page.getByRole("dialog", { name: `Change ${person}'s role?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`${person} is a member and will become an admin.`);
    expect(await dialog.textContent()).toContain("Admins run programmes, invite and manage members");
    expect(await seriousViolations(page, "members, role change dialog")).toEqual([]);

    // Cancel changes nothing.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await select.inputValue()).toBe("member");

    await select.selectOption("admin");
    await dialog.getByRole("button", { name: "Make an admin" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `${person} is now an admin.` })
      .waitFor();
  });
});
