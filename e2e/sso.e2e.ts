import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpTestServer } from "../src/server/email/testing/smtp-test-server.ts";
import { OIDC_CALLBACK_PATH } from "../src/server/sso/oidc.ts";
import { startOidcProvider, type TestOidcProvider } from "../src/server/testing/oidc-test-provider.ts";
import { seriousViolations } from "./support/axe.ts";
import { navigate, setUpThroughPage } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

/** The verification link in a raw (quoted-printable) email. */
function verificationLink(raw: string): string {
  const decoded = raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  const match = decoded.match(/https?:\/\/[^\s"<]+\/verify-domain\?token=[A-Za-z0-9_-]+/);
  if (!match) throw new Error(`no verification link in:\n${decoded}`);
  return match[0];
}

describe("single sign-on with OpenID Connect", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
  let provider: TestOidcProvider;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    // The provider's own login and consent pages, on loopback.
    provider = await startOidcProvider({ autoLogin: false });
    provider.accounts.set("mia@example.org", {
      sub: "mia@example.org",
      email: "mia@example.org",
      email_verified: true,
      name: "Mia Chen",
    });
  });
  afterAll(async () => {
    await provider?.close();
    await smtp?.stop();
  });
  const trellis = useServerAndBrowser({
    env: () => ({ SMTP_URL: smtp.url, TRELLIS_SSO_ALLOW_INSECURE: "1" }),
  });

  it("an admin connects an OpenID provider and a member signs in through it", async () => {
    const problems: string[] = [];
    const admin = await trellis.openPage();
    await setUpThroughPage(admin);
    const origin = new URL(admin.url()).origin;
    provider.allowRedirect(`${origin}${OIDC_CALLBACK_PATH}`);

    await navigate(admin, "Single sign-on");
    await admin.getByRole("heading", { name: "Single sign-on", level: 1 }).waitFor();
    problems.push(...(await seriousViolations(admin, "sso settings: empty")));
    const oidc = admin.getByRole("form", { name: "OpenID Connect" });
    await expect(oidc.getByLabel("Redirect URI to register at the provider").inputValue()).resolves.toBe(
      `${origin}${OIDC_CALLBACK_PATH}`,
    );
    // A wrong issuer is named on its field.
    await oidc.getByLabel("Issuer URL").fill("not a url");
    await oidc.getByLabel("Client ID").fill(provider.clientId);
    await oidc.getByLabel("Client secret").fill(provider.clientSecret);
    await oidc.getByRole("button", { name: "Save OpenID Connect" }).click();
    await oidc.getByText("Issuer URL must be an https:// address").waitFor();
    await oidc.getByLabel("Issuer URL").fill(provider.issuer);
    await oidc.getByRole("button", { name: "Save OpenID Connect" }).click();
    await admin.getByText(/Saved\. The provider answered its discovery document/).waitFor();
    await admin.getByText(`OpenID Connect: ${provider.issuer} (client trellis)`).waitFor();

    // The SAML form shows what to register at the IdP (checked for accessibility, not saved).
    await admin.getByRole("radio", { name: "SAML 2.0" }).check();
    const saml = admin.getByRole("form", { name: "SAML 2.0" });
    await expect(saml.getByLabel("Our assertion consumer service URL").inputValue()).resolves.toBe(
      `${origin}/api/auth/sso/saml/acs`,
    );
    problems.push(...(await seriousViolations(admin, "sso settings: SAML form")));
    await admin.getByRole("radio", { name: "OpenID Connect" }).check();

    // The domain, verified by the link sent to its postmaster.
    const domains = admin.getByRole("form", { name: "Add a domain" });
    await domains.getByLabel("Domain").fill("example.org");
    await domains.getByRole("button", { name: "Add domain" }).click();
    await admin.getByText("· Not verified", { exact: false }).waitFor();
    await admin.getByLabel("Send the link for example.org to").selectOption("postmaster");
    await admin.getByRole("button", { name: "Send verification link" }).click();
    await admin.getByText("a link was sent to postmaster@example.org", { exact: false }).waitFor();
    problems.push(...(await seriousViolations(admin, "sso settings: connected, domain waiting")));
    let raw: string | undefined;
    for (let tries = 0; tries < 40 && !raw; tries++) {
      raw = smtp.messagesTo("postmaster@example.org")[0]?.raw;
      if (!raw) await admin.waitForTimeout(250);
    }
    const postmaster = await trellis.openPage();
    await postmaster.goto(verificationLink(raw ?? ""));
    await postmaster.getByText("Greenfield Mentoring may now use example.org for single sign-on.").waitFor();
    problems.push(...(await seriousViolations(postmaster, "verify domain")));
    await admin.reload();
    await admin.getByText("· Verified", { exact: false }).waitFor();

    // A new member signs in through the provider's own pages.
    const member = await trellis.openPage();
    await member.goto("/sign-in");
    await member.getByLabel("Email").fill("mia@example.org");
    const step = member.getByRole("region", { name: "Single sign-on" });
    await step
      .getByText("Greenfield Mentoring signs in people at this address through its identity provider")
      .waitFor();
    problems.push(...(await seriousViolations(member, "sign-in: sso step")));
    await step.getByRole("button", { name: "Continue with SSO" }).click();
    await member.waitForURL((url) => url.origin === provider.issuer);
    await member.locator('input[name="login"]').fill("mia@example.org");
    await member.locator('input[name="password"]').fill("any password");
    await member.getByRole("button", { name: "Sign-in" }).click();
    await member.getByRole("button", { name: "Continue" }).click();
    await member.getByRole("heading", { name: "Welcome, Mia" }).waitFor();
    expect(new URL(member.url()).origin).toBe(origin);

    // The admin sees the new member, made just in time.
    await navigate(admin, "Members");
    await admin.getByText("Mia Chen", { exact: true }).first().waitFor();

    expect(problems).toEqual([]);
  });
});
