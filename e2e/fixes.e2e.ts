import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.ts";
import { signIn } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

// What a new user hit on the demo data (issue 9), checked as a person sees it.
const PASSWORD = "trellis-demo-2026";

async function signInAs(page: Page, email: string): Promise<void> {
  await signIn(page, email, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.getByRole("heading", { name: /^Welcome, / }).waitFor();
}

async function post<T>(page: Page, path: string, body: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ path, body }) => {
      const session = await (await fetch("/api/session")).json();
      const response = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": session.me.csrfToken },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    },
    { path, body },
  ) as Promise<{ status: number; json: T }>;
}

const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("the fixes of what a new user hit", () => {
  const trellis = useServerAndBrowser({ prepare: [["seed", "--demo"]] });

  it("a 120-character name without spaces wraps on Settings; pasting 500 characters shows the limit, not a cut", async () => {
    const page = await trellis.openPage({ viewport: { width: 1024, height: 800 } });
    await signInAs(page, "admin@demo.trellis.test");
    const orgId = await page.evaluate(
      async () => (await (await fetch("/api/session")).json()).me.currentOrgId,
    );
    const created = await post<{ id: string }>(page, `/api/orgs/${orgId}/programmes`, {
      name: "N".repeat(120),
      type: "one_to_one",
    });
    expect(created.status).toBe(201);
    await page.goto(`/programmes/${created.json.id}/settings`);
    await page.getByLabel("Name", { exact: true }).waitFor();
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.goto(`/programmes/${created.json.id}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await noHorizontalScroll(page)).toBe(true);

    // The counter shows the limit; 500 characters stay in the box and are named as too many.
    await page.goto(`/programmes/${created.json.id}/settings`);
    const name = page.getByLabel("Name", { exact: true });
    await name.fill("L".repeat(500));
    expect(await name.inputValue()).toHaveLength(500);
    await page.getByText("500 / 120 characters (380 over the limit)").waitFor();
    await page.getByText("Name must be at most 120 characters").waitFor();
    expect(await seriousViolations(page, "settings, name over its limit")).toEqual([]);
  });

  it("the sidebar shows the email on one line, whole in its tooltip; My mentoring's button fits one line", async () => {
    const page = await trellis.openPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(page, "mentee@demo.trellis.test");
    const email = page.locator(".user-panel__email");
    expect(await email.getAttribute("title")).toBe("mentee@demo.trellis.test");
    const lines = await email.evaluate((element) => {
      const style = getComputedStyle(element);
      return Math.round(element.getBoundingClientRect().height / Number.parseFloat(style.lineHeight));
    });
    expect(lines).toBe(1);

    await page.goto("/mentoring");
    const button = page.getByRole("link", { name: /^Review the agreement \(mentoring with Mira Okafor\)$/ });
    await button.waitFor();
    // The visible words lie on one line (the rows their text's boxes start on).
    const rows = await button.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element.firstChild as Node);
      return new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size;
    });
    expect(rows).toBe(1);
  });

  it("a pair that ended at its fit check keeps the answered fit check, with its note, on the relationship page", async () => {
    const admin = await trellis.openPage();
    await signInAs(admin, "admin@demo.trellis.test");
    const found = await admin.evaluate(async () => {
      const orgId = (await (await fetch("/api/session")).json()).me.currentOrgId;
      const list = await (await fetch(`/api/orgs/${orgId}/relationships?status=ended_early&limit=1`)).json();
      const pair = list.relationships[0];
      const members = await (
        await fetch(`/api/orgs/${orgId}/members?q=${encodeURIComponent(pair.mentee.name)}`)
      ).json();
      return { id: pair.id as string, email: members.members[0].email as string };
    });
    const mentee = await trellis.openPage();
    await signInAs(mentee, found.email);
    await mentee.goto(`/mentoring/relationships/${found.id}`);
    const card = mentee
      .locator("section.card")
      .filter({ has: mentee.getByRole("heading", { name: "Fit check", exact: true }) });
    await card.getByText("You answered: It does not work.").waitFor();
    expect(await card.textContent()).toContain("We never managed to meet: our schedules never lined up.");
    expect(await seriousViolations(mentee, "ended relationship with its fit check")).toEqual([]);
  });

  it("copy is true: the format is 'Video (your own tool)', declining asks for 'Your reason for declining'", async () => {
    const mentor = await trellis.openPage();
    await signInAs(mentor, "mentor@demo.trellis.test");
    const request = mentor
      .getByRole("region", { name: "Requests waiting for your answer" })
      .getByRole("link", {
        name: /^From /,
      });
    await request.click();
    await mentor.getByRole("heading", { name: /^Request from / }).waitFor();
    await mentor.getByText("Video (your own tool)").first().waitFor();
    expect(await mentor.getByText("Video call").count()).toBe(0);
    await mentor.getByLabel("Your reason for declining").waitFor();
    expect(await mentor.getByText("Decline, with a reason").count()).toBe(0);
  });
});
