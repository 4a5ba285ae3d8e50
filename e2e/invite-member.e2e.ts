import { describe, expect, it } from "vitest";
import {
  defaultOwner,
  invite,
  linksInSentEmail,
  setUpThroughPage,
  signIn,
  signOut,
} from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

describe("first run, then inviting a member", () => {
  const trellis = useServerAndBrowser();

  it("sets up, invites by email, and the member joins through the emailed link", async () => {
    const owner = await trellis.openPage();
    await setUpThroughPage(owner);
    await owner.getByText("Your organisation is ready").waitFor();

    const memberEmail = "grace@example.org";
    await invite(owner, memberEmail, "member");
    await owner.getByRole("listitem").filter({ hasText: memberEmail }).getByText("pending").waitFor();

    const links = await linksInSentEmail(owner, memberEmail, /invit/i);
    const invitationLink = links.find((link) => new URL(link).pathname.startsWith("/invitations/"));
    expect(invitationLink, `links in the invitation email: ${links.join(", ")}`).toBeDefined();

    // The member, in a browser of their own.
    const member = await trellis.openPage();
    await member.goto(invitationLink!);
    await member.getByRole("heading", { name: `Join ${defaultOwner.organisationName}` }).waitFor();
    await expect(member.getByLabel("Email").inputValue()).resolves.toBe(memberEmail);
    await member.getByLabel("Your name").fill("Grace Hopper");
    await member.getByLabel("Password").fill("a long new password");
    await member.getByRole("button", { name: "Accept invitation" }).click();
    await member.getByRole("heading", { name: "Welcome, Grace" }).waitFor();
    await member.getByText(`You are a member of ${defaultOwner.organisationName}`).waitFor();
    // Members do not see the admin pages.
    expect(await member.getByRole("link", { name: "Members" }).count()).toBe(0);

    await signOut(member);
    await member.getByText("You are signed out.").waitFor();

    // The password chosen on the invitation works for signing in again.
    await signIn(member, memberEmail, "a long new password");
    await member.getByRole("heading", { name: "Welcome, Grace" }).waitFor();
    await signOut(member);

    // The owner sees the invitation accepted and the new member listed.
    await owner.goto("/members");
    const role = owner.getByRole("combobox", { name: "Role of Grace Hopper" });
    await role.waitFor();
    expect(await role.inputValue()).toBe("member");

    // Deactivate and reactivate the member.
    await owner.getByRole("button", { name: "Deactivate Grace Hopper" }).click();
    await owner.getByRole("button", { name: "Reactivate Grace Hopper" }).waitFor();
    await owner.getByRole("button", { name: "Reactivate Grace Hopper" }).click();
    await owner.getByRole("button", { name: "Deactivate Grace Hopper" }).waitFor();

    // The only owner cannot demote themself: the server's last_owner refusal is explained.
    await owner.getByRole("combobox", { name: `Role of ${defaultOwner.name}` }).selectOption("member");
    // A role change asks first.
    await owner
      .getByRole("dialog", { name: `Change ${defaultOwner.name}'s role?` })
      .getByRole("button", { name: "Make a member" })
      .click();
    await owner.getByRole("alert").filter({ hasText: "The last owner must stay" }).waitFor();
    expect(await owner.getByRole("combobox", { name: `Role of ${defaultOwner.name}` }).inputValue()).toBe(
      "owner",
    );
  });
});
