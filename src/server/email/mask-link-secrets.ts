import { SECRET_QUERY_PARAMS } from "../../contracts/url-secrets.ts";

export const MASKED = "[hidden]";
const secretQuery = new RegExp(`([?&](?:amp;)?(?:${SECRET_QUERY_PARAMS.join("|")})=)[^&"'<>\\s]+`, "gi");

/**
 * An email as it may be shown in Sent email: every `?token=` (password reset, email verification,
 * a participant's set-your-password link) replaced by [hidden]. Such a link signs in as its
 * recipient, so nobody else may read it, an owner of the organisation included (before, an owner
 * reading the outbox could take over a member's account; docs/adr/0003-resets-without-smtp.md).
 * Invitation and join links stay readable: they only let someone join, which an admin may do for
 * anyone anyway, and without SMTP the admin passes them on by hand.
 */
export function maskLinkSecrets(text: string): string {
  return text.replace(secretQuery, `$1${MASKED}`);
}
