import type { StoredEmail } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";

/**
 * Which listed emails may show their sign-in links (`?token=`) as they are, to this viewer:
 * - emails to the viewer themself (it is their own link);
 * - set-password links of an account nobody has claimed yet (made by an import, no password):
 *   such an account holds nothing, and without SMTP the admin passes the link on by hand, as
 *   with an invitation.
 * Every other one shows `[hidden]` (see mask-link-secrets.ts): once a person has a password,
 * nobody else may read a link that signs in as them.
 */
export async function emailsWithVisibleLinks(
  deps: ServerDeps,
  viewerEmail: string | null,
  emails: readonly StoredEmail[],
): Promise<Set<string>> {
  const visible = new Set<string>();
  const claimed = new Map<string, boolean>();
  for (const email of emails) {
    if (!/[?&]token=/.test(email.text)) continue;
    const to = email.to.toLowerCase();
    if (viewerEmail && to === viewerEmail.toLowerCase()) {
      visible.add(email.id);
      continue;
    }
    if (!claimed.has(to)) {
      const user = await deps.repos.users.findByEmailWithHash(to);
      // A real password hash is argon2; an account made for someone has a marker instead.
      claimed.set(to, user === null || user.passwordHash.startsWith("$argon2"));
    }
    if (claimed.get(to) === false) visible.add(email.id);
  }
  return visible;
}
