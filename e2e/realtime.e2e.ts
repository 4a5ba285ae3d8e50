import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_MENTEE_EMAIL, DEMO_MENTOR_EMAIL, DEMO_PASSWORD } from "../src/cli/seed.command.ts";
import { seriousViolations } from "./support/axe.ts";
import { signIn } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

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

/** Signs in a demo persona and enrols them in the demo's "Career mentoring" programme. */
async function persona(page: Page, email: string, role: "mentor" | "mentee") {
  await signIn(page, email, DEMO_PASSWORD);
  await page.getByRole("heading", { name: /Welcome/ }).waitFor();
  const me = await api<{ currentOrgId: string; user: { id: string; name: string } }>(page, "GET", "/api/me");
  const orgId = me.currentOrgId;
  const list = await api<{ programmes: { id: string; name: string }[] }>(
    page,
    "GET",
    `/api/orgs/${orgId}/programmes`,
  );
  const career = list.programmes.find((programme) => programme.name === "Career mentoring");
  if (!career) throw new Error("no Career mentoring programme");
  await api(page, "POST", `/api/orgs/${orgId}/programmes/${career.id}/enrolment`, {
    role,
    ...(role === "mentor" ? { mentorCapacity: 2 } : {}),
  }).catch(() => undefined); // already enrolled
  return { orgId, programmeId: career.id, userId: me.user.id, name: me.user.name };
}

/** The unread count the sidebar's Notifications link reads out (0 when it shows none). */
async function unread(page: Page): Promise<number> {
  const name = await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /Notifications/ })
    .textContent();
  return Number(name?.match(/(\d+) unread/)?.[1] ?? 0);
}

describe("live updates without reloading", () => {
  const trellis = useServerAndBrowser({ prepare: [["seed", "--demo"]] });

  it("a tab whose socket dropped, missing a push, catches up when it reconnects", async () => {
    const mentee = await trellis.openPage();
    const menteeIn = await persona(mentee, DEMO_MENTEE_EMAIL, "mentee");
    const found = await api<{ mentors: { userId: string; name: string }[] }>(
      mentee,
      "GET",
      `/api/orgs/${menteeIn.orgId}/programmes/${menteeIn.programmeId}/mentors`,
    );
    const other = found.mentors.find((mentor) => mentor.name !== "" && mentor.userId !== menteeIn.userId);
    if (!other) throw new Error("no mentor to ask");
    const request = await api<{ id: string }>(
      mentee,
      "POST",
      `/api/orgs/${menteeIn.orgId}/programmes/${menteeIn.programmeId}/requests`,
      {
        mentorId: other.userId,
        goal: "Speak at a conference next year.",
        reality: "I have given two internal talks.",
        options: "A meetup first, or a lightning talk.",
        will: "Write an abstract by the end of the month.",
        expectations: { cadence: "monthly", formats: ["video"], minutesPerMonth: 60 },
      },
    );

    // A second tab of the same person, its socket going through a relay the test controls.
    const tab = await mentee.context().newPage();
    let relayed = true;
    const pageSides: { close(): Promise<void> }[] = [];
    await tab.routeWebSocket("**/api/realtime", (pageSide) => {
      const serverSide = pageSide.connectToServer();
      pageSides.push(pageSide);
      serverSide.onMessage((message) => {
        if (relayed) pageSide.send(message);
      });
    });
    await tab.goto(`/mentoring/requests/${request.id}`);
    await tab.getByRole("heading", { name: `Your request to ${other.name}` }).waitFor();
    await expect.poll(() => pageSides.length).toBe(1);
    await tab.waitForTimeout(300); // subscribed

    // Pushes stop reaching the tab (as when a laptop sleeps); the request is withdrawn meanwhile.
    relayed = false;
    await api(mentee, "POST", `/api/orgs/${menteeIn.orgId}/requests/${request.id}/withdraw`, {});
    await tab.waitForTimeout(1000);
    expect(await tab.locator(".badge", { hasText: "Withdrawn" }).count()).toBe(0);

    // The socket drops; the tab reconnects on its own and reads what it shows again.
    relayed = true;
    await pageSides[0]?.close();
    await tab.locator(".badge", { hasText: "Withdrawn" }).first().waitFor({ timeout: 10_000 });
    expect(pageSides.length).toBe(2);
    await tab.close();
  }, 180_000);

  it("the mentor accepts; the mentee's open tab shows it accepted and a new notification, unreloaded", async () => {
    const mentor = await trellis.openPage();
    const mentorIn = await persona(mentor, DEMO_MENTOR_EMAIL, "mentor");
    const mentee = await trellis.openPage();
    // What the mentee's tab hears on its one socket (the proof that no reload or poll did it).
    const sockets: string[] = [];
    const pushes: string[] = [];
    mentee.on("websocket", (socket) => {
      sockets.push(new URL(socket.url()).pathname);
      socket.on("framereceived", (frame) => pushes.push(String(frame.payload)));
    });
    const menteeIn = await persona(mentee, DEMO_MENTEE_EMAIL, "mentee");

    const request = await api<{ id: string }>(
      mentee,
      "POST",
      `/api/orgs/${menteeIn.orgId}/programmes/${menteeIn.programmeId}/requests`,
      {
        mentorId: mentorIn.userId,
        goal: "Run a team of four within a year.",
        reality: "I lead projects but not people.",
        options: "Ask for a team lead role, or coach a junior first.",
        will: "Meet monthly and bring one situation each time.",
        expectations: { cadence: "monthly", formats: ["video"], minutesPerMonth: 60 },
      },
    );
    await api(mentee, "POST", `/api/orgs/${menteeIn.orgId}/notifications/read`, {});

    // The mentee's tab is open on the request (its one socket), nothing unread.
    sockets.length = 0;
    await mentee.goto(`/mentoring/requests/${request.id}`);
    await mentee.getByRole("heading", { name: `Your request to ${mentorIn.name}` }).waitFor();
    await expect.poll(() => unread(mentee)).toBe(0);
    await expect.poll(() => sockets).toEqual(["/api/realtime"]);
    sockets.length = 0;
    await mentee.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    // The mentor accepts in their own browser.
    await mentor.goto(`/mentoring/requests/${request.id}`);
    await mentor.getByRole("button", { name: "Accept and start mentoring" }).click();
    await mentor.getByRole("link", { name: "Open the relationship" }).waitFor();

    // Within a second or two, without a reload: the state, the link to the pair and the badge.
    await mentee.getByRole("link", { name: "Open the relationship" }).waitFor({ timeout: 5000 });
    await mentee.locator(".badge", { hasText: "Accepted" }).first().waitFor({ timeout: 5000 });
    await expect.poll(() => unread(mentee), { timeout: 5000 }).toBeGreaterThan(0);
    expect(pushes.some((push) => push.includes(`"type":"event"`))).toBe(true);
    expect(sockets, "no socket opened again (no reload, no reconnect)").toEqual([]);
    expect(await mentee.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );

    expect(await seriousViolations(mentee, "request accepted live (mentee)")).toEqual([]);
  }, 180_000);
});
