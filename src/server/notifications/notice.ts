import type { OrgId, UserId } from "../../core/accounts/types.ts";

/**
 * What an event tells one person, in words: the in-app line (title, body, link) and the email
 * (title as subject, `emailBody` or `body`, one button). Rendered from the stored event when read
 * or sent (src/server/notifications/notices.ts), never stored as text.
 */
export interface Notice {
  orgId: OrgId;
  userId: UserId;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** Email it too (default true). */
  email?: boolean;
  /** The email's button label (default "Open Trellis"). */
  actionLabel?: string;
  /** The email's text when it should say more than the in-app line (paragraphs separated by a blank line). */
  emailBody?: string;
}
