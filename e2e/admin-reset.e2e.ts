import { describe, expect, it } from "vitest";
import { defaultOwner, invite, linksInSentEmail, setUpThroughPage, signOut } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

describe("a reset link issued by an admin (no SMTP server)", () => {
  const trellis = useServerAndBrowser();

  it("the owner issues a one-time link from Members, the member uses it once and is told who issued it", async () => {
    const owner = await trellis.openPage();
    await setUpThroughPage(owner);
    const memberEmail = "grace@example.org";
    await invite(owner, memberEmail, "member");
    const invitation = (await linksInSentEmail(owner, memberEmail, /invit/i)).find((link) =>
      new URL(link).pathname.startsWith("/invitations/"),
    );
    const member = await trellis.openPage();
    await member.goto(invitation!);
    await member.getByLabel("Your name").fill("Grace Hopper");
    await member.getByLabel("Password").fill("a long first password");
    await member.getByRole("button", { name: "Accept invitation" }).click();
    await member.getByRole("heading", { name: "Welcome, Grace" }).waitFor();
    await signOut(member);

    await owner.goto("/members");
    await owner.getByRole("button", { name: "Issue a password reset link for Grace Hopper" }).click();
    const dialog = owner.getByRole("dialog", { name: "Issue a password reset link for Grace Hopper?" });
    await dialog.getByText("will be told in Trellis and by email").waitFor();
    await dialog.getByRole("button", { name: "Issue the link" }).click();
    const field = owner.getByLabel(/Shown once; works once/);
    await field.waitFor();
    const link = await field.inputValue();
    expect(new URL(link).pathname).toBe("/reset-password");
    const token = new URL(link).searchParams.get("token") as string;

    // The notice to the member is the organisation's record in Sent email; the link is not in it.
    await owner.goto("/emails");
    await owner
      .getByText(`${defaultOwner.name} issued a password reset link for your account`)
      .first()
      .waitFor();
    expect(await owner.content()).not.toContain(token);

    // The member uses the link once.
    await member.goto(link);
    await member.getByRole("heading", { name: "Choose a new password" }).waitFor();
    await member.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
    await member.getByLabel("Confirm new password").fill("a brand new passphrase");
    await member.getByRole("button", { name: "Set new password" }).click();
    await member.getByRole("heading", { name: "Welcome, Grace" }).waitFor();
    await member.goto("/notifications");
    await member
      .getByText(`${defaultOwner.name} issued a password reset link for your account`)
      .first()
      .waitFor();
    await signOut(member);

    await member.goto(link);
    await member.getByLabel("New password", { exact: true }).fill("yet another passphrase");
    await member.getByLabel("Confirm new password").fill("yet another passphrase");
    await member.getByRole("button", { name: "Set new password" }).click();
    await member.getByRole("heading", { name: "This link has expired" }).waitFor();
  });
});
