import { describe, expect, it } from "vitest";
import { defaultOwner, linksInSentEmail, setUpThroughPage, signIn, signOut } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

describe("forgotten password", () => {
  const trellis = useServerAndBrowser();

  it("resets by emailed link, signs in with the new password and refuses the old one", async () => {
    const admin = await trellis.openPage();
    await setUpThroughPage(admin);

    // Someone who forgot their password, on another device.
    const person = await trellis.openPage();
    await person.goto("/sign-in");
    await person.getByRole("link", { name: "Forgot your password?" }).click();
    await person.getByRole("heading", { name: "Forgot your password?" }).waitFor();
    await person.getByLabel("Email").fill(defaultOwner.email);
    await person.getByRole("button", { name: "Send reset link" }).click();
    await person.getByText("Check your email").waitFor();

    // With no SMTP server the email is in the outbox, which the admin reads.
    const links = await linksInSentEmail(admin, defaultOwner.email, /password/i);
    const resetLink = links.find((link) => new URL(link).pathname === "/reset-password");
    expect(resetLink, `links in the reset email: ${links.join(", ")}`).toBeDefined();

    const newPassword = "a brand new passphrase";
    await person.goto(resetLink!);
    await person.getByRole("heading", { name: "Choose a new password" }).waitFor();
    await person.getByLabel("New password", { exact: true }).fill(newPassword);
    await person.getByLabel("Confirm new password").fill(newPassword);
    await person.getByRole("button", { name: "Set new password" }).click();
    await person.getByRole("heading", { name: "Welcome, Ada" }).waitFor();
    await person.getByText("Your password has been changed").waitFor();
    await signOut(person);

    // The link works once.
    await person.goto(resetLink!);
    await person.getByLabel("New password", { exact: true }).fill("yet another passphrase");
    await person.getByLabel("Confirm new password").fill("yet another passphrase");
    await person.getByRole("button", { name: "Set new password" }).click();
    await person.getByRole("heading", { name: "This link has expired" }).waitFor();

    // The old password is refused, with the reason shown.
    await signIn(person, defaultOwner.email, defaultOwner.password);
    await person.getByRole("alert").waitFor();
    expect(person.url()).toContain("/sign-in");

    // Signed out, a page that needs an account leads to sign-in, and back to it afterwards.
    await person.goto("/emails");
    await person.getByText("Please sign in to continue.").waitFor();
    expect(new URL(person.url()).pathname).toBe("/sign-in");
    await person.getByLabel("Email").fill(defaultOwner.email);
    await person.getByLabel("Password").fill(newPassword);
    await person.getByRole("button", { name: "Sign in" }).click();
    await person.getByRole("heading", { name: "Sent email", level: 1 }).waitFor();
    expect(new URL(person.url()).pathname).toBe("/emails");
  });
});
