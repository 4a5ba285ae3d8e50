import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.ts";
import { linksInSentEmail, navigate, setUpThroughPage } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

const PROGRAMME = "Spring developer cohort";
const DEPARTMENTS = ["Platform", "Payments", "Data", "Design", "Mobile"];

/** 30 people: every fifth a mentor (capacity 2) offering TypeScript, the others mentees wanting it. */
function thirtyPeople(): string {
  const lines = [
    "Email,Full name,Role,Capacity,Department,Time zone,Languages,Skills offered,Skills wanted,Track",
  ];
  for (let i = 1; i <= 30; i++) {
    const mentor = i % 5 === 0;
    lines.push(
      [
        `person${i}@journey.example`,
        `Person ${String(i).padStart(2, "0")}`,
        mentor ? "mentor" : "mentee",
        mentor ? "2" : "",
        DEPARTMENTS[i % DEPARTMENTS.length],
        i % 2 === 0 ? "Europe/London" : "Europe/Berlin",
        "en",
        mentor ? "TypeScript:4; React:3" : "",
        mentor ? "" : "TypeScript:3",
        i % 3 === 0 ? "Backend" : "Frontend",
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

const emailOf = (name: string) => `person${Number(name.replace("Person ", ""))}@journey.example`;

/** A person imported without a password follows the emailed link, chooses one and is signed in. */
async function firstSignIn(owner: Page, person: Page, name: string): Promise<void> {
  const links = await linksInSentEmail(owner, emailOf(name), /You were added to/);
  const setPassword = links.find((link) => new URL(link).pathname === "/reset-password");
  expect(setPassword, `links in the email to ${name}: ${links.join(", ")}`).toBeDefined();
  await person.goto(setPassword!);
  await person.getByRole("heading", { name: "Choose a new password" }).waitFor();
  await person.getByLabel("New password", { exact: true }).fill("a long new password");
  await person.getByLabel("Confirm new password").fill("a long new password");
  await person.getByRole("button", { name: "Set new password" }).click();
  await person.waitForURL((url) => url.pathname !== "/reset-password");
}

/** Opens the relationship from My mentoring and confirms its agreement; returns the version. */
async function confirmAgreement(page: Page, other: string): Promise<string> {
  await navigate(page, "My mentoring");
  await page.getByRole("heading", { name: "My mentoring", level: 1 }).waitFor();
  await page.getByRole("heading", { name: other, level: 3 }).waitFor();
  await page
    .getByRole("link", { name: new RegExp(`Review the agreement \\(mentoring with ${other}\\)`) })
    .click();
  await page.getByRole("heading", { name: `Mentoring with ${other}`, level: 1 }).waitFor();
  const confirm = page.getByRole("button", { name: /^Confirm version \d+$/ });
  const version = (await confirm.textContent())?.match(/\d+/)?.[0] ?? "";
  await confirm.click();
  return version;
}

describe("a cohort from template to running pairs", () => {
  const trellis = useServerAndBrowser();

  it("a manager creates it from a template, imports 30 people, matches in bulk, adjusts a pair and publishes; the pair confirm their agreement", async () => {
    const problems: string[] = [];
    const owner = await trellis.openPage();
    await setUpThroughPage(owner);

    // From the template, then open registration.
    await navigate(owner, "Programmes");
    await owner.getByRole("link", { name: "New programme" }).click();
    await owner.getByLabel("12-week developer cohort with GROW goals").check();
    await owner.getByRole("button", { name: "Continue" }).click();
    await owner.getByLabel("Name", { exact: true }).fill(PROGRAMME);
    await owner.getByLabel("Start date").fill("2027-03-01");
    await owner.getByRole("button", { name: "Create draft programme" }).click();
    await owner.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    await owner.getByRole("button", { name: "Open registration" }).click();
    await owner.getByText("The programme is now registration open.").waitFor();

    // Import 30 people from a CSV file.
    await owner.getByRole("link", { name: "Import", exact: true }).click();
    await owner.getByRole("heading", { name: "Import participants", level: 1 }).waitFor();
    await owner.getByLabel("CSV file").setInputFiles({
      name: "spring.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(thirtyPeople()),
    });
    await owner.getByText("spring.csv: 30 rows read.").waitFor();
    expect(await owner.getByRole("combobox", { name: "Column 9: Skills wanted" }).inputValue()).toBe(
      "skillsWanted",
    );
    await owner.getByRole("button", { name: "Import 30 people" }).click();
    await owner.getByRole("heading", { name: "Import finished" }).waitFor({ timeout: 60_000 });
    await owner.getByText("Done: 30 added, 0 updated").waitFor();

    // Bulk matching with live progress, then the draft.
    await owner.getByRole("link", { name: "Matching", exact: true }).click();
    await owner.getByRole("heading", { name: "No matching run yet" }).waitFor();
    await owner.getByRole("button", { name: "Run matching" }).click();
    await owner.getByRole("heading", { name: "Pairs", level: 2 }).waitFor({ timeout: 60_000 });
    const rows = owner
      .getByRole("table", { name: "Pairs of the draft" })
      .locator("tbody tr.pairs-table__row");
    // 6 mentors with 2 places each: 12 of the 24 mentees are matched.
    await expect.poll(() => rows.count()).toBe(12);
    problems.push(...(await seriousViolations(owner, "journey: the draft")));

    // Adjust one pair: remove it, so its mentor has a place and its mentee waits for the next round.
    const removedMentee = (await rows.nth(11).locator("td").first().innerText()).split("\n")[0].trim();
    await owner.getByRole("button", { name: `Remove pair of ${removedMentee}` }).click();
    await owner
      .getByRole("region", { name: "Unmatched mentees" })
      .getByText("removed by manager")
      .first()
      .waitFor();
    await expect.poll(() => rows.count()).toBe(11);
    const mentee = (await rows.nth(0).locator("td").first().innerText()).split("\n")[0].trim();
    const mentor = (await rows.nth(0).locator("td").nth(1).innerText()).split("\n")[0].trim();

    await owner.getByRole("button", { name: "Publish…" }).click();
    const confirm = owner.getByRole("dialog", { name: /^Publish 11 pairs\?$/ });
    await confirm.getByRole("button", { name: "Publish and send 22 emails" }).click();
    await owner.getByText("This matching was published").waitFor({ timeout: 60_000 });

    // The mentee signs in for the first time, sees the mentor and confirms the agreement.
    const menteePage = await trellis.openPage();
    await firstSignIn(owner, menteePage, mentee);
    const version = await confirmAgreement(menteePage, mentor);
    await menteePage.getByText(`You confirmed version ${version}.`).waitFor();
    problems.push(...(await seriousViolations(menteePage, "journey: mentee's relationship")));

    // The mentor confirms the same version: the mentoring has started.
    const mentorPage = await trellis.openPage();
    await firstSignIn(owner, mentorPage, mentor);
    expect(await confirmAgreement(mentorPage, mentee)).toBe(version);
    await mentorPage.getByText("You both confirmed: your mentoring has started.").waitFor();
    await mentorPage.getByText("Active", { exact: true }).first().waitFor();

    // The manager sees 11 pairs in the programme, one of them active.
    await owner.getByRole("link", { name: "Relationships", exact: true }).first().click();
    await owner.getByRole("heading", { name: "Relationships", level: 1 }).waitFor();
    await owner.getByRole("row").filter({ hasText: mentee }).getByText("Active", { exact: true }).waitFor();

    expect(problems).toEqual([]);
  });
});
