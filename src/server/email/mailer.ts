import nodemailer from "nodemailer";
import type { OrgId } from "../../core/accounts/types.ts";
import type { RenderedEmail } from "../../core/email/template.ts";
import type { EmailsRepository } from "../../db/index.ts";
import type { EmailAttachment } from "../../db/repositories/emails.repository.ts";
import { deliverDueEmails } from "./deliver-due-emails.ts";

/** One conversation with the SMTP server; throws with the server's answer when it refuses. */
export interface SmtpSender {
  send(message: { to: string; attachments?: readonly EmailAttachment[] } & RenderedEmail): Promise<void>;
}

export interface Mailer {
  readonly delivery: "smtp" | "outbox";
  /** The SMTP server, when one is configured (deliverDueEmails talks to it). */
  readonly smtp: SmtpSender | null;
  /**
   * Records the email (queued with SMTP, stored in the outbox without) and returns its id. With
   * SMTP it then starts delivering in the background: a slow or unreachable SMTP server never
   * holds up (or fails) the request that caused the email, and a password-reset request takes
   * the same time whether the account exists or not. A failed try is retried later (see
   * deliver-due-emails.ts).
   */
  send(input: {
    to: string;
    orgId: OrgId | null;
    email: RenderedEmail;
    resendOf?: string;
    /**
     * For a sender that may run twice for one cause (an event consumer after a crash), e.g.
     * `event:<eventId>:<userId>`: the second send records nothing, so the email goes once.
     */
    dedupeKey?: string;
    /** Files sent with it (an ICS invitation), kept with the email for retries. */
    attachments?: readonly EmailAttachment[];
  }): Promise<string>;
  /** Starts a background run of deliverDueEmails (again, once the current one ends). */
  deliverSoon(): void;
  /** Resolves once the background deliveries started so far have finished, sent or failed. */
  idle(): Promise<void>;
  /** Waits for deliveries in flight, then closes the transport. */
  close(): Promise<void>;
}

/** Bounds on a conversation with the SMTP server (nodemailer's defaults run to minutes). */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
/** Emails sent at once by one background run. */
const BATCH = 10;

export function createMailer(options: {
  smtpUrl: string | null;
  from: string;
  emails: EmailsRepository;
  now: () => Date;
  onError: (error: unknown) => void;
}): Mailer {
  const transport = options.smtpUrl
    ? nodemailer.createTransport({ url: options.smtpUrl, ...SMTP_TIMEOUTS })
    : null;
  const smtp: SmtpSender | null = transport
    ? {
        async send(message) {
          await transport.sendMail({
            from: options.from,
            to: message.to,
            subject: message.subject,
            text: message.text,
            html: message.html,
            ...nodemailerAttachments(message.attachments ?? []),
          });
        },
      }
    : null;
  const deps = {
    repos: { emails: options.emails },
    mailer: { smtp },
    now: options.now,
    onError: options.onError,
  };

  let running: Promise<void> | null = null;
  let again = false;
  async function drain(): Promise<void> {
    do {
      again = false;
      const run = await deliverDueEmails(deps, { limit: BATCH });
      if (run.claimed === BATCH) again = true;
    } while (again);
  }

  const mailer: Mailer = {
    delivery: transport ? "smtp" : "outbox",
    smtp,
    async send({ to, orgId, email, resendOf, dedupeKey, attachments }) {
      const id = await options.emails.record({
        orgId,
        to,
        ...email,
        transport: transport ? "smtp" : "outbox",
        now: options.now(),
        resendOf,
        dedupeKey,
        attachments,
      });
      mailer.deliverSoon();
      return id;
    },
    deliverSoon() {
      if (!smtp) return;
      if (running) {
        again = true;
        return;
      }
      running = drain()
        .catch(options.onError)
        .finally(() => {
          running = null;
        });
    },
    async idle() {
      while (running) await running;
    },
    async close() {
      await mailer.idle();
      transport?.close();
    },
  };
  return mailer;
}

/**
 * Our attachments as nodemailer options: an iCalendar invitation (a `method`) goes as `icalEvent`,
 * the text/calendar alternative with METHOD that Gmail, Outlook and Apple Mail show as an
 * invitation (and as a file beside it); anything else as a plain attachment.
 */
export function nodemailerAttachments(attachments: readonly EmailAttachment[]) {
  const invitation = attachments.find((attachment) => attachment.method !== null);
  const files = attachments.filter((attachment) => attachment !== invitation);
  return {
    ...(invitation
      ? {
          icalEvent: {
            method: invitation.method as string,
            filename: invitation.filename,
            content: invitation.content,
          },
        }
      : {}),
    ...(files.length > 0
      ? {
          attachments: files.map((file) => ({
            filename: file.filename,
            content: file.content,
            contentType: file.contentType,
          })),
        }
      : {}),
  };
}
