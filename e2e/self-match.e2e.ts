import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_MENTEE_EMAIL, DEMO_MENTOR_EMAIL, DEMO_PASSWORD } from "../src/cli/seed.command.ts";
import { seriousViolations } from "./support/axe.ts";
import { signIn } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

/** Calls the API from the page, as the app does (session cookie, CSRF token from /api/me). */
async function api<T = unknown>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch("/api/me")).json();
      const response = await fetch(path, {
        method,
        headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json().catch(() => null) };
    },
    { method, path, body },
  ) as Promise<{ status: number; json: T }>;
}

/** Signs in a demo persona and enrols them in the demo's self-match programme ("Career mentoring"). */
async function personaInCareerProgramme(page: Page, email: string, role: "mentor" | "mentee") {
  await signIn(page, email, DEMO_PASSWORD);
  await page.getByRole("heading", { name: /Welcome/ }).waitFor();
  const me = (await api<{ currentOrgId: string; user: { name: string } }>(page, "GET", "/api/me")).json;
  const orgId: string = me.currentOrgId;
  const list = (
    await api<{ programmes: { id: string; name: string }[] }>(page, "GET", `/api/orgs/${orgId}/programmes`)
  ).json;
  const career = list.programmes.find((programme) => programme.name === "Career mentoring");
  expect(career, JSON.stringify(list)).toBeDefined();
  if (!career) throw new Error("no Career mentoring programme");
  const enrolled = await api(page, "POST", `/api/orgs/${orgId}/programmes/${career.id}/enrolment`, {
    role,
    ...(role === "mentor" ? { mentorCapacity: 2 } : {}),
  });
  expect([200, 201, 409], JSON.stringify(enrolled.json)).toContain(enrolled.status);
  return { orgId, programmeId: career.id, name: me.user.name };
}

describe("self-match: search, request, a question, an answer, accepted", () => {
  const trellis = useServerAndBrowser({ prepare: [["seed", "--demo"]] });

  it("a mentee finds a mentor and asks; the mentor asks for more; the mentee answers; the mentor accepts", async () => {
    const problems: string[] = [];
    const scan = async (page: Page, label: string) =>
      problems.push(...(await seriousViolations(page, label)));

    const mentor = await trellis.openPage();
    const mentorIn = await personaInCareerProgramme(mentor, DEMO_MENTOR_EMAIL, "mentor");
    const profile = (
      await api<{ jobTitle: string; headline: string }>(mentor, "GET", `/api/orgs/${mentorIn.orgId}/profile`)
    ).json;
    const word = String(profile.jobTitle || profile.headline).split(/\s+/)[0];

    const mentee = await trellis.openPage({ viewport: { width: 360, height: 800 } });
    const menteeIn = await personaInCareerProgramme(mentee, DEMO_MENTEE_EMAIL, "mentee");
    const mentorFirst = mentorIn.name.split(" ")[0];

    // Recommended first, then a full-text search for a word of the mentor's profile.
    await mentee.goto(`/programmes/${menteeIn.programmeId}/mentors`);
    await mentee.getByRole("heading", { name: "Find a mentor", level: 1 }).waitFor();
    await mentee.getByRole("heading", { name: "Recommended for you" }).waitFor();
    await scan(mentee, "find a mentor: recommended (360 px)");
    await mentee.getByRole("button", { name: "Search", exact: true }).click();
    await mentee.getByRole("searchbox", { name: "Search mentors" }).fill(word);
    await mentee.getByRole("searchbox", { name: "Search mentors" }).press("Enter");
    const card = mentee.getByRole("article", { name: mentorIn.name });
    await card.waitFor();
    await mentee.getByRole("group", { name: "Skills" }).waitFor();
    await scan(mentee, "find a mentor: search with facets (360 px)");

    // Why (not) this mentor, then the request in GROW steps.
    await card.getByRole("button", { name: `How do I match with ${mentorFirst}?` }).click();
    await card.getByText(/possible mentor|not among your possible mentors/).waitFor();
    await card.getByRole("button", { name: `Ask ${mentorFirst} to mentor you` }).click();
    const dialog = mentee.getByRole("dialog", { name: `Ask ${mentorIn.name} to mentor you` });
    await dialog.getByRole("heading", { name: "Step 1 of 6: Goal" }).waitFor();
    await scan(mentee, "request dialog");
    // Next without a goal: the step says what is missing and keeps focus on it.
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog.getByText("Your goal is required").waitFor();
    await dialog.getByLabel("Your goal").fill("Lead the design of our next service end to end.");
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog.getByLabel("Where you are now").fill("I build features but have never owned a design.");
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog.getByLabel("Options you see").fill("Shadow a staff engineer, or write design docs.");
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog
      .getByLabel("What you will do")
      .fill("Write one design doc a month and bring it to our sessions.");
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog.getByLabel("How often").selectOption("monthly");
    await dialog.getByLabel("Phone").check();
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog.getByText("Write one design doc a month and bring it to our sessions.").waitFor();
    await dialog.getByRole("button", { name: `Send to ${mentorFirst}` }).click();
    await mentee.getByText(`Request sent to ${mentorIn.name}`).waitFor();
    const requestLink = mentee.getByRole("link", { name: "Open the request" });
    const requestPath = new URL(await requestLink.evaluate((a) => (a as HTMLAnchorElement).href)).pathname;

    // The mentor sees it received, opens it and asks for more information.
    await mentor.goto("/mentoring/requests");
    await mentor.getByRole("heading", { name: "Requests", level: 1 }).waitFor();
    const received = mentor.getByRole("link", { name: `From ${menteeIn.name}` });
    await received.waitFor();
    await scan(mentor, "my requests");
    await received.click();
    await mentor.getByRole("heading", { name: `Request from ${menteeIn.name}` }).waitFor();
    await mentor.getByText("Lead the design of our next service end to end.").waitFor();
    await scan(mentor, "request (mentor)");
    await mentor.getByLabel("Ask for more information").fill("Which service, and who else is on it?");
    await mentor.getByRole("button", { name: "Send question" }).click();
    await mentor.getByText("Question sent.").waitFor();
    expect(new URL(mentor.url()).pathname).toBe(requestPath);

    // The mentee answers: the request goes back to the mentor.
    await mentee.goto(requestPath);
    await mentee.getByRole("heading", { name: `Your request to ${mentorIn.name}` }).waitFor();
    await mentee.getByText("Which service, and who else is on it?").waitFor();
    await scan(mentee, "request (mentee, question to answer, 360 px)");
    await mentee.getByLabel("Your answer").fill("The payments service; a team of four.");
    await mentee.getByRole("button", { name: "Send answer" }).click();
    await mentee.getByText("Answer sent.").waitFor();

    // The mentor accepts: the relationship starts.
    await mentor.reload();
    await mentor.getByText("The payments service; a team of four.").waitFor();
    await mentor.getByRole("button", { name: "Accept and start mentoring" }).click();
    await mentor.getByRole("link", { name: "Open the relationship" }).waitFor();
    await mentor.locator(".badge", { hasText: "Accepted" }).first().waitFor();
    await scan(mentor, "request accepted (mentor)");

    // The mentee sees it accepted, in their requests too.
    await mentee.goto("/mentoring/requests?status=");
    const sent = mentee
      .getByRole("listitem")
      .filter({ has: mentee.getByRole("link", { name: `To ${mentorIn.name}` }) });
    await sent.locator(".badge", { hasText: "Accepted" }).waitFor();

    // The same pages in the dark scheme.
    const dark = await trellis.openPage({ colorScheme: "dark" });
    await signIn(dark, DEMO_MENTEE_EMAIL, DEMO_PASSWORD);
    await dark.getByRole("heading", { name: /Welcome/ }).waitFor();
    await dark.goto(`/programmes/${menteeIn.programmeId}/mentors`);
    await dark.getByRole("heading", { name: "Recommended for you" }).waitFor();
    await scan(dark, "find a mentor: recommended [dark]");
    await dark.goto(`/programmes/${menteeIn.programmeId}/mentors?view=search&q=${encodeURIComponent(word)}`);
    await dark.locator(".mentor-card").first().waitFor();
    await scan(dark, "find a mentor: search [dark]");
    await dark.goto("/mentoring/requests?status=");
    await dark.getByRole("link", { name: `To ${mentorIn.name}` }).waitFor();
    await scan(dark, "my requests [dark]");
    await dark.goto(requestPath);
    await dark.getByRole("link", { name: "Open the relationship" }).waitFor();
    await scan(dark, "request accepted (mentee) [dark]");

    expect(problems).toEqual([]);
  }, 240_000);
});
