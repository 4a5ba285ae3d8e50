import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { hotp, totpStep } from "../src/server/security/totp.ts";
import { seriousViolations } from "./support/axe.ts";
import { defaultOwner, navigate, setUpThroughPage, signIn, signOut } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

/** The code an authenticator app shows (one step ahead is within the window, and never used yet). */
const appCode = (secret: string, ahead = 0) => hotp(secret, totpStep(new Date()) + ahead);

async function typeCode(page: Page | Locator, label: string | RegExp, code: string) {
  await page.getByLabel(label).fill(code);
}

describe("two-factor sign-in", () => {
  const trellis = useServerAndBrowser();

  it("turning on two-factor and signing in with a code", async () => {
    const problems: string[] = [];
    const page = await trellis.openPage();
    await setUpThroughPage(page);

    await navigate(page, "My account");
    const card = page.getByRole("region", { name: "Two-factor sign-in" });
    await card.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await card.getByRole("img", { name: "QR code for your authenticator app" }).waitFor();
    await card.getByText("Can’t scan? Enter the key by hand").click();
    const secret = ((await card.locator("code.two-factor-secret").textContent()) ?? "").replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    problems.push(...(await seriousViolations(page, "account: two-factor set-up")));

    // A wrong code is refused, naming the field; the right one turns it on.
    await typeCode(card, "Code from your app", "000000");
    await card.getByRole("button", { name: "Verify and turn on" }).click();
    await card.getByText(/Code from your app is not the current code/).waitFor();
    await typeCode(card, "Code from your app", appCode(secret));
    await card.getByRole("button", { name: "Verify and turn on" }).click();
    const codes = card.getByRole("list", { name: "Recovery codes" }).locator("code");
    await codes.first().waitFor();
    const recoveryCodes = await codes.allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    problems.push(...(await seriousViolations(page, "account: recovery codes")));
    await card.getByRole("button", { name: "I have saved them" }).click();
    await card.getByText("10 of 10 recovery codes left.").waitFor();

    // Signing in now asks for the code after the password.
    await page.goto("/");
    await signOut(page);
    await signIn(page, defaultOwner.email, defaultOwner.password);
    await page.getByRole("heading", { name: "Two-factor sign-in" }).waitFor();
    problems.push(...(await seriousViolations(page, "sign-in: code step")));
    await typeCode(page, "Code from your app", "123");
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.getByText("Code from your app must be the 6 digits your app shows").waitFor();
    await typeCode(page, "Code from your app", appCode(secret, 1));
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.getByRole("heading", { name: `Welcome, ${defaultOwner.name.split(" ")[0]}` }).waitFor();

    // A recovery code instead of the app, once.
    await signOut(page);
    await signIn(page, defaultOwner.email, defaultOwner.password);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await typeCode(page, "Recovery code", recoveryCodes[0]);
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.getByRole("heading", { name: `Welcome, ${defaultOwner.name.split(" ")[0]}` }).waitFor();
    await navigate(page, "My account");
    await page.getByText("9 of 10 recovery codes left.").waitFor();

    // Turning it off needs the password.
    await page.getByRole("button", { name: "Turn off" }).click();
    await page.getByLabel("Your password").fill("not my password");
    await page.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
    await page.getByText("Your password is not right").waitFor();
    await page.getByLabel("Your password").fill(defaultOwner.password);
    await page.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).waitFor();

    // The owner's other pages of this work: Security (the rule and exports), the audit log, Your data.
    await navigate(page, "Security");
    await page.getByRole("heading", { name: "Security", level: 1 }).waitFor();
    await page.getByLabel("Require two-factor sign-in for owners and admins").waitFor();
    problems.push(...(await seriousViolations(page, "security settings")));
    await navigate(page, "Audit log");
    await page.getByRole("heading", { name: "Audit log", level: 1 }).waitFor();
    problems.push(...(await seriousViolations(page, "audit log")));
    await navigate(page, "My account");
    await page.getByRole("button", { name: "Delete my account…" }).click();
    await page.getByLabel("Your password").waitFor();
    problems.push(...(await seriousViolations(page, "account: delete my account")));

    expect(problems).toEqual([]);
  });
});
