import { DateTime } from "luxon";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_MENTEE_EMAIL, DEMO_MENTOR_EMAIL, DEMO_PASSWORD } from "../src/cli/seed.command.ts";
import { seriousViolations } from "./support/axe.ts";
import { navigate, signIn } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

// The demo personas of `trellis seed --demo`: Leo is Mira's mentee (a pair that may book sessions).
const LEO = { email: DEMO_MENTEE_EMAIL, name: "Leo Martins", zone: "Europe/Berlin" };
const MIRA = { email: DEMO_MENTOR_EMAIL, name: "Mira Okafor", zone: "America/New_York" };

/** Calls the API from the page, as the app does (session cookie, CSRF token from /api/me). */
async function api<T = unknown>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const result = await page.evaluate(
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
  );
  if (result.status >= 400)
    throw new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.json)}`);
  return result.json as T;
}

async function signInAs(page: Page, email: string): Promise<{ orgId: string; userId: string }> {
  await signIn(page, email, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  const me = await api<{ currentOrgId: string; user: { id: string } }>(page, "GET", "/api/me");
  return { orgId: me.currentOrgId, userId: me.user.id };
}

/** Sets the profile's zone through My profile, as a person would. */
async function setProfileZone(page: Page, zone: string): Promise<void> {
  await page.goto("/profile");
  await page.getByRole("heading", { name: "My profile", level: 1 }).waitFor();
  await page.getByLabel("Time zone").selectOption(zone);
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.getByText("Saved.").first().waitFor();
}

/**
 * Hours on each of the next 21 local days (date overrides), no notice, no buffer: the set-up that
 * makes the pair's shared hours known whatever the demo profiles say.
 */
async function setHours(page: Page, orgId: string, zone: string, start: string, end: string): Promise<void> {
  const first = DateTime.now().setZone(zone).startOf("day");
  const overrides = Array.from({ length: 21 }, (_, index) => ({
    date: first.plus({ days: index }).toISODate(),
    slots: [{ start, end }],
  }));
  await api(page, "PUT", `/api/orgs/${orgId}/scheduling`, {
    overrides,
    minimumNoticeMinutes: 0,
    bufferMinutes: 0,
  });
}

/** "Tue 8 Dec 2026, 18:00" of an instant in a zone (the session page's start). */
function startWords(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone, locale: "en-GB" }).toFormat("ccc d LLL yyyy, HH:mm");
}

/** A line in the output per step, so a failure says how far the journey got. */
function step(name: string): void {
  process.stderr.write(`[sessions e2e] ${new Date().toISOString().slice(11, 19)} ${name}\n`);
}

interface BookedSession {
  id: string;
  version: number;
  status: string;
  startsAt: string;
}

let onFailure: (() => Promise<void>) | null = null;

describe("sessions: booking from mutual hours, the session page live on both sides, follow-ups", () => {
  const trellis = useServerAndBrowser({ prepare: [["seed", "--demo"]] });
  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await onFailure?.();
  });

  it("a mentee books with her mentor, both see it in their zones, it moves, is held, and follow-ups carry over", async () => {
    const problems: string[] = [];

    // Two people in two places: the browser's zone and the profile's zone differ for each.
    const leo = await trellis.openPage({ timezoneId: "Asia/Tokyo" });
    const mira = await trellis.openPage({ timezoneId: "America/Los_Angeles" });
    step("sign in");
    const leoIds = await signInAs(leo, LEO.email);
    const miraIds = await signInAs(mira, MIRA.email);
    // On a failure, pictures of both sides help (TRELLIS_E2E_SHOTS=<folder>).
    const shots = process.env.TRELLIS_E2E_SHOTS;
    if (shots) {
      onFailure = async () => {
        await leo.screenshot({ path: `${shots}/sessions-leo.png`, fullPage: true }).catch(() => undefined);
        await mira.screenshot({ path: `${shots}/sessions-mira.png`, fullPage: true }).catch(() => undefined);
      };
    }
    step("profile zones");
    await setProfileZone(leo, LEO.zone);
    await setProfileZone(mira, MIRA.zone);
    // Leo 15:00–21:00 in Berlin, Mira 08:00–14:00 in New York: they share 15:00–20:00 Berlin time.
    step("hours");
    await setHours(leo, leoIds.orgId, LEO.zone, "15:00", "21:00");
    await setHours(mira, miraIds.orgId, MIRA.zone, "08:00", "14:00");

    step("the pair");
    const mentoring = await api<{ relationships: { id: string; other: { name: string } }[] }>(
      leo,
      "GET",
      `/api/orgs/${leoIds.orgId}/mentoring`,
    );
    const pair = mentoring.relationships.find((relationship) => relationship.other.name === MIRA.name);
    if (!pair) throw new Error("Leo has no pair with Mira");

    // The earlier session, set up through the API: it starts in about a minute (Leo's own hours
    // are his to overrule; Mira accepts), so the journey can record it afterwards without moving
    // anyone's clock.
    const soon = DateTime.now().plus({ seconds: 75 }).startOf("minute").toUTC().toISO() ?? "";
    step("an earlier session, starting in about a minute");
    const earlierBooking = await api<{ sessions: BookedSession[] }>(
      leo,
      "POST",
      `/api/orgs/${leoIds.orgId}/relationships/${pair.id}/sessions`,
      { startsAt: soon, lengthMinutes: 30, format: "phone" },
    );
    const earlier = earlierBooking.sessions[0]!;
    step("Mira accepts it");
    if (earlier.status === "proposed")
      await api(mira, "POST", `/api/orgs/${miraIds.orgId}/sessions/${earlier.id}/accept`, {
        version: earlier.version,
      });

    step("Leo books from the relationship page");
    // Leo books from the relationship page.
    await leo.goto(`/mentoring/relationships/${pair.id}`);
    await leo.getByRole("heading", { name: `Mentoring with ${MIRA.name}`, level: 1 }).waitFor();
    problems.push(...(await seriousViolations(leo, "relationship page with Book a session")));
    await leo.getByRole("button", { name: "Book a session" }).click();
    const dialog = leo.getByRole("dialog", { name: "Book a session" });
    await dialog.waitFor();
    const firstSlot = dialog.getByRole("radio", { name: /for you.* for Mira/ }).first();
    await firstSlot.waitFor();
    // Each time reads "Tue 18:00 for you · 12:00 for Mira": mine in Berlin, hers in New York.
    const slotStart = (await firstSlot.getAttribute("value")) ?? "";
    const slotName = (await firstSlot.evaluate((input) => input.closest("label")?.textContent ?? "")) ?? "";
    const berlin = DateTime.fromISO(slotStart, { zone: LEO.zone });
    const newYork = DateTime.fromISO(slotStart, { zone: MIRA.zone });
    expect(slotName).toContain(`${berlin.toFormat("HH:mm")} for you`);
    expect(slotName).toContain(`${newYork.toFormat("HH:mm")} for Mira`);
    expect(berlin.hour).toBeGreaterThanOrEqual(15);
    expect(newYork.hour).toBeGreaterThanOrEqual(8);
    await dialog.getByText(`Times in ${LEO.zone.replace("_", " ")} (yours)`).waitFor();
    problems.push(...(await seriousViolations(leo, "booking dialog")));

    // Keyboard: the time is a radio; the format's link is a field.
    await firstSlot.check();
    await dialog.getByRole("radio", { name: "Video call" }).check();
    await dialog.getByLabel("Link to the call (optional)").fill("not a link");
    await dialog.getByRole("button", { name: /^(Book this time|Propose to Mira)$/ }).click();
    // A 4xx names the field: shown beside it.
    await dialog.getByText(/Link to the call \(optional\) must be an http\(s\) link/).waitFor();
    await dialog.getByLabel("Link to the call (optional)").fill("https://meet.example.org/leo-mira");
    await dialog.getByRole("button", { name: /^(Book this time|Propose to Mira)$/ }).click();

    await leo.getByRole("heading", { name: `Session with ${MIRA.name}`, level: 1 }).waitFor();
    const sessionUrl = new URL(leo.url()).pathname;
    await leo.getByText(startWords(slotStart, LEO.zone)).first().waitFor();
    problems.push(...(await seriousViolations(leo, "session page (mentee)")));

    step("Mira opens it; agenda items live");
    // Mira opens it; Leo adds agenda items; Mira sees them without reloading.
    await mira.goto(sessionUrl);
    await mira.getByRole("heading", { name: `Session with ${LEO.name}`, level: 1 }).waitFor();
    await mira.getByText(startWords(slotStart, MIRA.zone)).first().waitFor();
    for (const text of ["Feedback on my conference talk", "Plan for the promotion case"]) {
      await leo.getByLabel("Add an agenda item").fill(text);
      await leo.getByRole("button", { name: "Add", exact: true }).click();
      await leo.getByRole("list", { name: "Agenda items" }).getByText(text, { exact: true }).waitFor();
    }
    const miraAgenda = mira.getByRole("list", { name: "Agenda items" });
    await miraAgenda.getByText("Plan for the promotion case", { exact: true }).waitFor({ timeout: 10_000 });
    await miraAgenda.getByText("Feedback on my conference talk", { exact: true }).waitFor();
    // Mira suggests one (the mentee owns the agenda); Leo takes it.
    await mira.getByLabel("Suggest an agenda item").fill("Reading list");
    await mira.getByRole("button", { name: "Suggest", exact: true }).click();
    await leo.getByRole("button", { name: /^Add to the agenda.*Reading list$/ }).click();
    await leo.getByText("Added by Mira Okafor", { exact: true }).waitFor();
    problems.push(...(await seriousViolations(mira, "session page (mentor)")));

    step("Mira moves it");
    // Mira moves it to another time (answering a proposal, or rescheduling a confirmed one).
    await mira.getByRole("button", { name: /^(Reschedule|Propose another time)$/ }).click();
    const move = mira.getByRole("dialog", { name: "Move this session" });
    await move.waitFor();
    const otherSlot = move.getByRole("radio", { name: /for you.* for Leo/ }).nth(6);
    await otherSlot.waitFor();
    const movedStart = (await otherSlot.getAttribute("value")) ?? "";
    expect(movedStart).not.toBe(slotStart);
    await otherSlot.check();
    problems.push(...(await seriousViolations(mira, "move dialog")));
    await move
      .getByRole("button", { name: /^(Move the session|Propose the move|Propose this time)$/ })
      .click();
    await mira.getByText(startWords(movedStart, MIRA.zone)).first().waitFor();

    // Both see the new time in their own zone, and the other's beside it; Leo without reloading.
    await leo.getByText(startWords(movedStart, LEO.zone)).first().waitFor({ timeout: 10_000 });
    await leo.getByText(startWords(movedStart, MIRA.zone)).first().waitFor();
    await mira.getByText(startWords(movedStart, LEO.zone)).first().waitFor();
    if (await leo.getByRole("button", { name: "Accept this time" }).isVisible()) {
      await leo.getByRole("button", { name: "Accept this time" }).click();
      await leo.getByText("You accepted the time. It is confirmed.", { exact: true }).waitFor();
    }

    step("My sessions, week, availability");
    // My sessions lists it; the week view shows the week in Berlin time.
    await navigate(leo, "Sessions");
    await leo.getByRole("heading", { name: "My sessions", level: 1 }).waitFor();
    await leo.getByRole("list", { name: "Upcoming sessions" }).getByRole("link").first().waitFor();
    problems.push(...(await seriousViolations(leo, "my sessions, upcoming")));
    await leo.getByRole("button", { name: "Week" }).click();
    await leo.getByRole("heading", { name: /^Week of / }).waitFor();
    await leo.getByRole("button", { name: /Next week/ }).click();
    await leo.getByRole("button", { name: /Previous week/ }).click();
    problems.push(...(await seriousViolations(leo, "my sessions, week")));
    await leo.getByRole("link", { name: "My availability" }).click();
    await leo.getByRole("heading", { name: "My availability", level: 1 }).waitFor();
    problems.push(...(await seriousViolations(leo, "availability")));

    step("the earlier session: held, follow-ups");
    // After the earlier session has started, Leo marks it held and records follow-ups.
    const wait = new Date(soon).getTime() - Date.now() + 1500;
    if (wait > 0) await leo.waitForTimeout(wait);
    await leo.goto(`/sessions/${earlier.id}`);
    await leo.getByRole("heading", { name: `Session with ${MIRA.name}`, level: 1 }).waitFor();
    await leo.getByRole("button", { name: "Mark as held" }).click();
    await leo
      .getByRole("dialog", { name: "Mark this session as held?" })
      .getByRole("button", { name: "Mark as held" })
      .click();
    await leo.getByText("Recorded as held.", { exact: true }).waitFor();
    const due = DateTime.now().setZone(LEO.zone).plus({ days: 5 }).toISODate() ?? "";
    await leo.getByLabel("Follow-up", { exact: true }).fill("Send Mira the talk outline");
    await leo.getByLabel("Due (optional)").fill(due);
    await leo.getByRole("button", { name: "Add follow-up" }).click();
    await leo
      .getByRole("list", { name: "Follow-ups" })
      .getByText("Send Mira the talk outline", { exact: true })
      .waitFor();
    await leo.getByLabel("Follow-up", { exact: true }).fill("Introduce Leo to the platform team");
    await leo.getByLabel("Who").selectOption({ label: MIRA.name });
    await leo.getByRole("button", { name: "Add follow-up" }).click();
    await leo
      .getByRole("list", { name: "Follow-ups" })
      .getByText("Introduce Leo to the platform team", { exact: true })
      .waitFor();
    problems.push(...(await seriousViolations(leo, "session page, held, follow-ups")));

    step("Home");
    // Home: the next session one click away, and the open follow-up.
    await navigate(leo, "Home");
    await leo.getByRole("heading", { name: /Welcome/, level: 1 }).waitFor();
    await leo
      .getByRole("list", { name: "Open follow-ups" })
      .getByText("Send Mira the talk outline", { exact: true })
      .waitFor();
    problems.push(...(await seriousViolations(leo, "home with sessions")));
    await leo.getByRole("region", { name: "Your next session" }).getByRole("link").click();
    await leo.getByRole("heading", { name: `Session with ${MIRA.name}`, level: 1 }).waitFor();
    expect(new URL(leo.url()).pathname).toBe(sessionUrl);

    step("follow-ups carried over");
    // The next session carries the follow-ups over from the held one.
    const carried = leo.getByRole("list", { name: "Follow-ups from last time" });
    await carried.getByText("Send Mira the talk outline", { exact: true }).waitFor();
    await carried.getByText("Introduce Leo to the platform team", { exact: true }).waitFor();

    // Past lists the held session; cancelling the next one asks for a reason and says when it counts as late.
    step("past, cancel");
    await navigate(leo, "Sessions");
    await leo.getByRole("button", { name: "Past" }).click();
    await leo.getByRole("list", { name: "Past sessions" }).getByText("Held", { exact: true }).waitFor();
    problems.push(...(await seriousViolations(leo, "my sessions, past")));
    await leo.goto(sessionUrl);
    await leo.getByRole("button", { name: "Cancel the session" }).click();
    const cancel = leo.getByRole("dialog", { name: "Cancel this session?" });
    await cancel.getByText(/counts as late|will be recorded as late/).waitFor();
    await cancel.getByRole("button", { name: "Cancel the session" }).click();
    await cancel.getByText("Please say why, in a few words.").waitFor();
    problems.push(...(await seriousViolations(leo, "cancel dialog")));
    await cancel.getByLabel("Reason (they will see it)").fill("I am travelling that week");
    await cancel.getByRole("button", { name: "Cancel the session" }).click();
    await leo.getByText(/^The session is cancelled/).waitFor();
    await mira.getByText("I am travelling that week", { exact: false }).first().waitFor({ timeout: 10_000 });

    expect(problems).toEqual([]);
  }, 360_000);
});
