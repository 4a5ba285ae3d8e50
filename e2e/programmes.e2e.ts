import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations, settle } from "./support/axe.ts";
import { signIn } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

const ADMIN = { email: "admin@demo.trellis.test", password: "trellis-demo-2026" };
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

async function signInAsAdmin(page: Page) {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

async function overflow(page: Page, label: string): Promise<string | undefined> {
  await settle(page);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  return scrollWidth > clientWidth ? `${label}: ${scrollWidth}px wide in ${clientWidth}px` : undefined;
}

describe("programmes in the browser", () => {
  const trellis = useServerAndBrowser({ prepare: [["seed", "--demo"]] });

  it("an admin creates a programme from the developer cohort template, tunes a criterion with the preview, and opens registration", async () => {
    const problems: string[] = [];
    const page = await trellis.openPage();
    await signInAsAdmin(page);

    await page.goto("/programmes");
    await page.getByRole("heading", { name: "Programmes", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Developer cohort — autumn 2026" }).waitFor();
    problems.push(...(await seriousViolations(page, "programmes")));

    await page.getByRole("link", { name: "New programme" }).click();
    await page.getByRole("heading", { name: "New programme", level: 1 }).waitFor();
    await page.getByLabel("12-week developer cohort with GROW goals").waitFor();
    problems.push(...(await seriousViolations(page, "new programme, templates")));
    await page.getByLabel("12-week developer cohort with GROW goals").check();
    await page.getByRole("button", { name: "Continue" }).click();

    await page.getByLabel("Name", { exact: true }).fill("Spring developer cohort");
    await page.getByLabel("Start date").fill("2027-03-01");
    problems.push(...(await seriousViolations(page, "new programme, details")));
    await page.getByRole("button", { name: "Create draft programme" }).click();

    // The new draft opens on its settings, with the template's form and criteria.
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    await page.getByText("is created as a draft").waitFor();
    expect(await page.getByLabel("Question", { exact: true }).first().inputValue()).toBe(
      "Which track are you in?",
    );
    await page.getByText("No pairs yet").waitFor();
    problems.push(...(await seriousViolations(page, "settings")));

    // Add a multiple-choice question, move it up a place with the keyboard-friendly buttons, save.
    const form = page.locator("form[aria-labelledby=registration-form]");
    await page.getByLabel("Kind of question").selectOption("multiple_choice");
    await page.getByRole("button", { name: "Add question" }).click();
    const label = form.getByLabel("Question", { exact: true }).last();
    expect(await label.evaluate((element) => element === document.activeElement)).toBe(true);
    await label.fill("Preferred meeting times");
    await form.getByLabel("Choice 1").last().fill("Mornings");
    await form.getByLabel("Choice 2").last().fill("Afternoons");
    await form.getByRole("button", { name: /^Move up\W+Preferred meeting times$/ }).click();
    await form.getByRole("button", { name: "Save registration form" }).click();
    await form.getByText("Saved.").waitFor();
    expect(await form.getByRole("group", { name: /^Question \d/ }).count()).toBe(5);
    expect(await form.getByLabel("Question", { exact: true }).nth(3).inputValue()).toBe(
      "Preferred meeting times",
    );

    // Make "skills" a hard rule: the preview counts the pairs it removes beside it.
    const skills = page.getByRole("group", { name: "Skills wanted are offered" });
    await skills.getByLabel("Hard rule").check();
    await skills.getByText(/Removes 0 pairs/).waitFor();
    // The weight slider answers the keyboard.
    const slider = skills.getByRole("slider");
    await slider.focus();
    await page.keyboard.press("ArrowLeft");
    expect(await slider.inputValue()).toBe("7");
    const criteria = page.locator("form[aria-labelledby=matching-criteria]");
    await criteria.getByRole("button", { name: "Save criteria" }).click();
    await criteria.getByText("Saved.").waitFor();

    // Open registration from the frame.
    await page.getByRole("button", { name: "Open registration" }).click();
    await page.getByText("The programme is now registration open.").waitFor();
    await page.getByRole("link", { name: "Overview" }).click();
    await page.getByRole("heading", { name: "Spring developer cohort", level: 1 }).waitFor();
    await page.getByText("Registration open", { exact: true }).first().waitFor();
    await page.getByRole("heading", { name: "What to do next" }).waitFor();
    problems.push(...(await seriousViolations(page, "overview")));

    expect(problems, problems.join("\n")).toEqual([]);
    await page.context().close();
  });

  it("previews a hard rule on a programme with people: the counts change as the admin edits", async () => {
    const page = await trellis.openPage();
    await signInAsAdmin(page);
    await page.goto("/programmes");
    await page.getByRole("link", { name: "Developer cohort — autumn 2026" }).click();
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    const headline = page.locator(".criteria-preview__headline");
    await headline.getByText(/remain allowed/).waitFor();
    const before = await headline.textContent();

    const department = page.getByRole("group", { name: "Different department" });
    await department.getByLabel("Hard rule").check();
    const count = department.getByText(/Removes [\d,]+ pairs?/);
    await count.waitFor();
    await expect.poll(async () => headline.textContent(), { timeout: 10_000 }).not.toBe(before);
    const removed = Number((await count.textContent())?.match(/Removes ([\d,]+)/)?.[1].replace(/,/g, ""));
    expect(removed).toBeGreaterThan(0);
    await page.context().close();
  });

  it("duplicates and archives with confirmation, and works at 360 px", async () => {
    const problems: (string | undefined)[] = [];
    const page = await trellis.openPage(phone);
    await signInAsAdmin(page);
    await page.goto("/programmes");
    problems.push(await overflow(page, "programmes"));
    await page.getByRole("link", { name: "Career mentoring" }).first().click();
    await page.getByRole("heading", { name: "Career mentoring", level: 1 }).waitFor();
    problems.push(await overflow(page, "overview"));

    await page.getByRole("button", { name: "Duplicate" }).click();
    await page.getByText(/Its settings, registration form and criteria are copied/).waitFor();
    await page.getByRole("button", { name: "Yes, duplicate" }).click();
    await page.getByText("is a new draft with the same settings").waitFor();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    problems.push(await overflow(page, "settings"));

    await page.getByRole("button", { name: "Archive" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    expect(
      await page.getByRole("button", { name: "Archive" }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.getByRole("button", { name: "Archive" }).click();
    await page.getByRole("button", { name: "Yes, archive" }).click();
    await page.getByText("The programme is archived.").waitFor();
    await page.goto("/programmes/new");
    problems.push(await overflow(page, "new programme"));
    expect(problems.filter(Boolean)).toEqual([]);
    await page.context().close();
  });

  it("has no serious axe violation in the dark scheme either", async () => {
    const page = await trellis.openPage({ colorScheme: "dark" });
    await signInAsAdmin(page);
    const problems: string[] = [];
    await page.goto("/programmes");
    await page.getByRole("link", { name: "Developer cohort — autumn 2026" }).waitFor();
    problems.push(...(await seriousViolations(page, "programmes [dark]")));
    await page.goto("/programmes/new");
    await page.getByRole("button", { name: "Continue" }).waitFor();
    problems.push(...(await seriousViolations(page, "new programme [dark]")));
    await page.goto("/programmes");
    await page.getByRole("link", { name: "Developer cohort — autumn 2026" }).click();
    await page.getByRole("heading", { name: "What to do next" }).waitFor();
    problems.push(...(await seriousViolations(page, "overview [dark]")));
    await page.getByRole("link", { name: "Settings" }).click();
    await page.locator(".criteria-preview__headline").waitFor();
    problems.push(...(await seriousViolations(page, "settings [dark]")));
    expect(problems, problems.join("\n")).toEqual([]);
    await page.context().close();
  });

  it("shows a member the programmes open to them, with no admin controls", async () => {
    const page = await trellis.openPage();
    await signIn(page, "mentee@demo.trellis.test", ADMIN.password);
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    await page.goto("/programmes");
    await page.getByRole("heading", { name: "My programmes" }).waitFor();
    await page.getByRole("heading", { name: "Open for registration" }).waitFor();
    expect(await page.getByRole("link", { name: "New programme" }).count()).toBe(0);
    const problems = await seriousViolations(page, "programmes as a member");
    expect(problems, problems.join("\n")).toEqual([]);
    await page.context().close();
  });
});
