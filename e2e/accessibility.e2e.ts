import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.ts";
import { defaultOwner, invite, linksInSentEmail, setUpThroughPage, signIn } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

const schemes = ["light", "dark"] as const;

describe("accessibility of every page, light and dark", () => {
  const trellis = useServerAndBrowser();

  it("has no serious or critical axe violation", async () => {
    const problems: string[] = [];

    // Set-up exists only before the first organisation: scan it in both schemes first.
    for (const colorScheme of schemes) {
      const page = await trellis.openPage({ colorScheme });
      await page.goto("/setup");
      problems.push(...(await seriousViolations(page, `set-up [${colorScheme}]`)));
      await page.context().close();
    }

    // Data for the other pages: an organisation, an invitation, a reset link.
    const owner = await trellis.openPage();
    await setUpThroughPage(owner);
    await invite(owner, "lin@example.org", "admin");
    const invitationLink = (await linksInSentEmail(owner, "lin@example.org", /invit/i)).find((link) =>
      link.includes("/invitations/"),
    );
    expect(invitationLink).toBeDefined();
    const invitationPath = new URL(invitationLink!).pathname;
    await owner.context().close();

    for (const colorScheme of schemes) {
      const scan = async (page: Page, label: string, skipFrames = false) =>
        problems.push(...(await seriousViolations(page, `${label} [${colorScheme}]`, { skipFrames })));

      const visitor = await trellis.openPage({ colorScheme });
      await visitor.goto("/sign-in");
      await scan(visitor, "sign-in");
      // A sign-in with errors shown.
      await visitor.getByRole("button", { name: "Sign in" }).click();
      await visitor.getByRole("alert").first().waitFor();
      await scan(visitor, "sign-in with errors");
      await visitor.goto("/forgot-password");
      await scan(visitor, "forgot password");
      await visitor.getByLabel("Email").fill("nobody@example.org");
      await visitor.getByRole("button", { name: "Send reset link" }).click();
      await visitor.getByText("Check your email").waitFor();
      await scan(visitor, "forgot password, sent");
      await visitor.goto(`/reset-password?token=${"x".repeat(40)}`);
      await scan(visitor, "reset password");
      await visitor.goto(`/verify-email?token=${"x".repeat(40)}`);
      await visitor.getByRole("alert").waitFor();
      await scan(visitor, "verify email");
      await visitor.goto(invitationPath);
      await visitor.getByRole("button", { name: "Accept invitation" }).waitFor();
      await scan(visitor, "accept invitation");
      await visitor.goto("/no-such-page");
      await scan(visitor, "404 signed out");
      await visitor.context().close();

      const page = await trellis.openPage({ colorScheme });
      await signIn(page, defaultOwner.email, defaultOwner.password);
      await page.getByRole("heading", { name: "Welcome, Ada" }).waitFor();
      await scan(page, "home");
      for (const [path, label] of [
        ["/account", "my account"],
        ["/members", "members"],
        ["/members/invitations", "invitations"],
        ["/emails", "sent email"],
        ["/somewhere/else", "404 signed in"],
      ] as const) {
        await page.goto(path);
        await scan(page, label);
      }
      // Pages of sessions, calendars and identity, each scanned once its heading is drawn.
      for (const [path, label] of [
        ["/sessions", "my sessions"],
        ["/settings/availability", "availability"],
        ["/account/calendars", "my calendars"],
        ["/settings/security", "security"],
        ["/settings/sso", "single sign-on"],
        ["/settings/webhooks", "webhooks"],
        ["/settings/audit-log", "audit log"],
      ] as const) {
        await page.goto(path);
        await page.getByRole("heading", { level: 1 }).waitFor();
        await page.waitForLoadState("networkidle");
        await scan(page, label);
      }
      await page.goto("/emails");
      await page.getByRole("list", { name: "Sent email" }).getByRole("link").first().click();
      await scan(page, "sent email, text");
      await page.getByRole("button", { name: "HTML" }).click();
      await page.locator("iframe").waitFor();
      await scan(page, "sent email, HTML", true);
      await page.goto("/settings/email-templates");
      await scan(page, "email templates");
      await page.goto("/settings/email-templates/invitation");
      await page.getByLabel("Body").waitFor();
      await scan(page, "email template editor", true);
      await page.context().close();
    }

    expect(problems, problems.join("\n")).toEqual([]);
  }, 480_000);

  it("remembers the theme chosen with the toggle", async () => {
    const page = await trellis.openPage({ colorScheme: "light" });
    await page.goto("/sign-in");
    const toggle = page.getByRole("button", { name: "Dark theme" });
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    await toggle.click();
    expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
    await page.reload();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(await page.getByRole("button", { name: "Dark theme" }).getAttribute("aria-pressed")).toBe("true");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(15, 21, 18)");
    await page.context().close();
  });
});
