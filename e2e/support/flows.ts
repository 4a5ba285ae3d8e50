import type { Page } from "playwright-core";

export interface Owner {
  organisationName: string;
  name: string;
  email: string;
  password: string;
}

export const defaultOwner: Owner = {
  organisationName: "Greenfield Mentoring",
  name: "Ada Lovelace",
  email: "ada@example.org",
  password: "correct horse battery",
};

/** First-run set-up through the page; ends on the home page, signed in as the owner. */
export async function setUpThroughPage(page: Page, owner: Owner = defaultOwner): Promise<void> {
  await page.goto("/");
  await page.getByRole("heading", { name: "Set up Trellis" }).waitFor();
  await page.getByLabel("Organisation name").fill(owner.organisationName);
  await page.getByLabel("Your name").fill(owner.name);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await page.getByRole("heading", { name: `Welcome, ${owner.name.split(" ")[0]}` }).waitFor();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page): Promise<void> {
  const menu = page.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
}

/** Opens the admin navigation entry (the sidebar, or the menu on narrow screens). */
export async function navigate(page: Page, linkName: string): Promise<void> {
  const menu = page.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: linkName }).click();
}

export async function invite(page: Page, email: string, role: "member" | "admin" | "owner" = "member") {
  await navigate(page, "Invitations");
  await page.getByRole("heading", { name: "Invitations", level: 1 }).waitFor();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role").selectOption(role);
  await page.getByRole("button", { name: "Send invitation", exact: true }).click();
  await page.getByText(`Invitation sent to ${email}`).waitFor();
}

/**
 * As a signed-in admin: opens Sent email, then the newest email to `to` whose subject matches,
 * and returns the addresses of the links in its text.
 */
export async function linksInSentEmail(page: Page, to: string, subject: RegExp): Promise<string[]> {
  await navigate(page, "Sent email");
  await page.getByRole("heading", { name: "Sent email", level: 1 }).waitFor();
  const item = page
    .getByRole("listitem")
    .filter({ hasText: `To ${to}` })
    .filter({ hasText: subject })
    .first();
  // Some emails are recorded just after the answer (a password reset's, within 200 ms, so its
  // timing says nothing): read the list again until the email is there, for at most 10 s.
  for (let reloads = 0; (await item.count()) === 0 && reloads < 20; reloads += 1) {
    await page.waitForTimeout(500);
    await page.reload();
    await page.getByRole("heading", { name: "Sent email", level: 1 }).waitFor();
  }
  await item.getByRole("link").click();
  await page.getByRole("region", { name: "Email text" }).waitFor();
  const links = page.getByRole("region", { name: "Email text" }).getByRole("link");
  return links.evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
}
