import type { Repositories } from "../../db/index.ts";
import type { NewNotification } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { renderOrgEmail } from "../email/render.ts";

/** One event for one person: shown in the app and (unless `email` is false) emailed. */
export interface Notice extends NewNotification {
  /** Email it too (default true). */
  email?: boolean;
  /** The email's button label (default "Open Trellis"). */
  actionLabel?: string;
  /**
   * The email's text when it should say more than the in-app line (paragraphs separated by a
   * blank line); `body` otherwise.
   */
  emailBody?: string;
}

/**
 * Records the notices in the app's list. Call it with the transaction's repositories so the
 * notices commit (or roll back) with the change they describe.
 */
export async function recordNotices(repos: Repositories, notices: readonly Notice[]): Promise<void> {
  await repos.notifications.insertMany(notices);
}

/** Emails the notices (after the transaction committed). Each person gets their own email. */
export async function emailNotices(deps: ServerDeps, notices: readonly Notice[]): Promise<void> {
  const orgNames = new Map<string, string>();
  for (const notice of notices) {
    if (notice.email === false) continue;
    const user = await deps.repos.users.findById(notice.userId);
    if (!user) continue;
    let orgName = orgNames.get(notice.orgId);
    if (orgName === undefined) {
      orgName = (await deps.repos.organisations.findById(notice.orgId))?.name ?? "your organisation";
      orgNames.set(notice.orgId, orgName);
    }
    await deps.mailer.send({
      to: user.email,
      orgId: notice.orgId,
      email: await renderOrgEmail(deps.repos, notice.orgId, "notice", {
        name: user.name,
        orgName,
        title: notice.title,
        body: notice.emailBody ?? notice.body ?? "",
        url: new URL(notice.link ?? "/", deps.config.publicUrl).toString(),
        actionLabel: notice.actionLabel ?? "Open Trellis",
      }),
    });
  }
}

/** Both: for changes made outside a transaction. */
export async function notify(deps: ServerDeps, notices: readonly Notice[]): Promise<void> {
  await recordNotices(deps.repos, notices);
  await emailNotices(deps, notices);
}
