import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations, settle } from "./support/axe.ts";
import { setUpThroughPage } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

const DEPARTMENTS = ["Platform", "Payments", "Data", "Design", "Mobile"];
const ZONES = ["Europe/London", "Asia/Kolkata", "America/New_York", "Australia/Adelaide", "UTC"];

/**
 * 30 people as a spreadsheet exports them: a quoted name over two lines (line 3-4), one bad time
 * zone (person 12, on line 14), and an hours column whose header the mapping cannot guess.
 */
function thirtyPeople(): string {
  const lines = ["Email,Full name,Role,Capacity,Department,Time zone,Skills offered,Track,Hours given"];
  for (let i = 1; i <= 30; i++) {
    const mentor = i % 5 === 0;
    const name = i === 1 ? '"Nora\nNewline"' : `Person ${String(i).padStart(2, "0")}`;
    lines.push(
      [
        `person${i}@import.example`,
        name,
        mentor ? "mentor" : "mentee",
        mentor ? "2" : "",
        DEPARTMENTS[i % DEPARTMENTS.length],
        i === 12 ? "Mars/Base" : ZONES[i % ZONES.length],
        mentor ? "TypeScript:4; React:3" : "",
        i % 2 === 0 ? "Backend" : "Frontend",
        String(1 + (i % 8)),
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

async function overflow(page: Page, label: string): Promise<string | undefined> {
  await settle(page);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  return scrollWidth > clientWidth ? `${label}: ${scrollWidth}px wide in ${clientWidth}px` : undefined;
}

/** A programme open for registration, made through the API from the signed-in page. */
async function createOpenProgramme(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const me = await (await fetch("/api/me")).json();
    const headers = { "content-type": "application/json", "x-csrf-token": me.csrfToken };
    const created = await fetch(`/api/orgs/${me.currentOrgId}/programmes`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        name: "Spring developer cohort",
        template: "developer-cohort",
        startsOn: "2027-03-01",
      }),
    });
    if (!created.ok) throw new Error(`create: ${created.status} ${await created.text()}`);
    const { id } = await created.json();
    const opened = await fetch(`/api/orgs/${me.currentOrgId}/programmes/${id}/transition`, {
      method: "POST",
      headers,
      body: JSON.stringify({ to: "registration_open" }),
    });
    if (!opened.ok) throw new Error(`open: ${opened.status} ${await opened.text()}`);
    return id as string;
  });
}

describe("enrolment in the browser", () => {
  const trellis = useServerAndBrowser();

  it("an admin imports 30 people from CSV (map, preview, import, progress) and sees them; then joins by link and registers", async () => {
    const problems: string[] = [];
    const scan = async (page: Page, label: string) =>
      problems.push(...(await seriousViolations(page, label)));
    const page = await trellis.openPage();
    await setUpThroughPage(page);
    const programmeId = await createOpenProgramme(page);

    // The empty participants page points to the import.
    await page.goto(`/programmes/${programmeId}/participants`);
    await page.getByRole("heading", { name: "Participants", level: 1 }).waitFor();
    await page.getByText("Nobody is in this programme yet").waitFor();
    await scan(page, "participants, empty");
    await page.getByRole("link", { name: "Import people from a CSV file" }).click();
    await page.getByRole("heading", { name: "Import participants", level: 1 }).waitFor();
    await scan(page, "import, no file");

    // Choose the file: the columns are matched from the headers and the rows previewed.
    await page.getByLabel("CSV file").setInputFiles({
      name: "spring-cohort.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(thirtyPeople()),
    });
    await page.getByText("spring-cohort.csv: 30 rows read.").waitFor();
    const emailColumn = page.getByRole("combobox", { name: "Column 1: Email" });
    expect(await emailColumn.inputValue()).toBe("email");
    expect(await page.getByRole("combobox", { name: "Column 6: Time zone" }).inputValue()).toBe("timeZone");
    expect(await page.getByRole("combobox", { name: "Column 8: Track" }).inputValue()).toBe("answer:track");
    const hours = page.getByRole("combobox", { name: "Column 9: Hours given" });
    expect(await hours.inputValue()).toBe("");
    await hours.selectOption({ label: "Hours a month you can give" });
    // The preview follows the new mapping: the hours column shows, the bad row is named by its line.
    const preview = page.getByRole("region", { name: "Preview of the first rows" });
    await preview.getByRole("columnheader", { name: "Hours a month you can give" }).waitFor();
    await preview.getByRole("cell", { name: "Nora Newline" }).waitFor();
    const problemsList = page.getByRole("region", { name: "1 problem in the file" });
    await problemsList.getByText('Line 14, Time zone: "Mars/Base" is not an IANA time zone').waitFor();
    await scan(page, "import, mapped and previewed");

    await page.getByRole("button", { name: "Import 29 people" }).click();
    await page.getByRole("heading", { name: "Import finished" }).waitFor({ timeout: 60_000 });
    await page.getByText("Done: 29 added, 0 updated, 1 problem.").waitFor();
    await page.getByRole("region", { name: "Rows with problems" }).getByText("Line 14").waitFor();
    await scan(page, "import, finished");

    await page.getByRole("link", { name: "See the participants" }).click();
    await page.getByRole("heading", { name: "Participants", level: 1 }).waitFor();
    await page.getByText("29 people").waitFor();
    await page.getByRole("cell", { name: /^Person 05/ }).waitFor();
    expect(await page.getByRole("spinbutton", { name: "Mentor capacity of Person 05" }).inputValue()).toBe(
      "2",
    );
    await page.getByLabel("Search participants").fill("person1");
    await page.getByText("10 people found").waitFor();
    await page.getByLabel("Search participants").fill("");
    await page.getByLabel("Status", { exact: true }).selectOption("active");
    await page.getByText("29 people found").waitFor();
    await scan(page, "participants, imported");

    // The join link is made and shown once, with a copy button.
    await page.locator("summary", { hasText: "Join link" }).click();
    await page.getByRole("button", { name: "Make a join link" }).click();
    const link = await page.getByLabel("Link (shown only now)").inputValue();
    expect(link).toMatch(/\/join\/[\w-]{43}$/);
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByText(/Copied to the clipboard|Could not copy/).waitFor();
    await scan(page, "participants, join link");

    // Someone new is added by email: an account is made for them.
    await page.locator("summary", { hasText: "Add people by email" }).click();
    await page.getByLabel("Email addresses").fill("grace@import.example, not an email");
    await page.getByRole("button", { name: "Add to the programme" }).click();
    await page.getByText("Email addresses: not, an, email are not valid email addresses").waitFor();
    await page.getByLabel("Email addresses").fill("grace@import.example");
    await page.getByLabel("As", { exact: true }).selectOption("mentor");
    await page.getByRole("button", { name: "Add to the programme" }).click();
    await page.getByText("grace@import.example: added with a new account.").waitFor();
    await page.getByText("30 people found").waitFor();
    await scan(page, "participants, added by email");

    // The admin opens the link, registers as a mentor, and lands on their registration.
    await page.goto(new URL(link).pathname);
    await page.getByRole("heading", { name: "Join Spring developer cohort", level: 1 }).waitFor();
    await scan(page, "join");
    await page.getByRole("button", { name: "Join the programme" }).click();
    await page.getByText("Please correct the highlighted fields.").waitFor();
    await page.getByRole("radio", { name: "Mentor", exact: true }).check();
    await page.getByLabel("How many mentees can you take at once?").fill("3");
    await page
      .getByRole("group", { name: "Which track are you in?" })
      .getByRole("radio", { name: "Platform" })
      .check();
    await page
      .getByRole("group", { name: /Hours a month you can give/ })
      .getByRole("radio", { name: "4" })
      .check();
    await page.getByLabel(/Skills you want to work on/).fill("Go:5; Kubernetes");
    await page.getByRole("button", { name: "Join the programme" }).click();
    await page.getByText('"Kubernetes" needs a level from 1 to 5').waitFor();
    await scan(page, "join, with errors");
    await page.getByLabel(/Skills you want to work on/).fill("Go:5; Kubernetes:3");
    await page.getByRole("button", { name: "Join the programme" }).click();
    await page.getByText("You joined Spring developer cohort.").waitFor();
    await page.getByRole("heading", { name: "Your registration", level: 1 }).waitFor();
    await page.getByText("up to 3 mentees at once").waitFor();
    await scan(page, "register, registered");

    // Holiday mode and back.
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByRole("button", { name: "Resume now" }).waitFor();
    await scan(page, "register, paused");
    await page.getByRole("button", { name: "Resume now" }).click();
    await page.getByRole("button", { name: "Pause" }).waitFor();

    // A phone shows the pages without sideways scrolling.
    const small = await trellis.openPage({ ...phone, storageState: await page.context().storageState() });
    for (const path of ["participants", "import", "register"]) {
      await small.goto(`/programmes/${programmeId}/${path}`);
      await small.getByRole("heading", { level: 1 }).waitFor();
      const wide = await overflow(small, `${path} at 360 px`);
      if (wide) problems.push(wide);
    }
    await small.context().close();

    // The same pages in the dark colour scheme.
    const dark = await trellis.openPage({
      colorScheme: "dark",
      storageState: await page.context().storageState(),
    });
    for (const path of [
      `/programmes/${programmeId}/participants`,
      `/programmes/${programmeId}/import`,
      `/programmes/${programmeId}/register`,
      new URL(link).pathname,
    ]) {
      await dark.goto(path);
      await dark.getByRole("heading", { level: 1 }).waitFor();
      await scan(dark, `${path} [dark]`);
    }
    await dark.context().close();

    expect(problems).toEqual([]);
  });
});
