import nodemailer from "nodemailer";
import type { OrgId } from "../../core/accounts/types.ts";
import type { EmailsRepository } from "../../db/index.ts";
import type { RenderedEmail } from "./templates.ts";

export interface Mailer {
  readonly delivery: "smtp" | "outbox";
  /**
   * Records the email and, with SMTP configured, starts delivering it in the background: a slow
   * or unreachable SMTP server never holds up (or fails) the request that caused the email, and
   * a password-reset request takes the same time whether the account exists or not. A delivery
   * failure is reported through onError and kept on the record.
   */
  send(input: { to: string; orgId: OrgId | null; email: RenderedEmail }): Promise<void>;
  /** Resolves once every delivery started so far has finished, delivered or failed. */
  idle(): Promise<void>;
  /** Waits for deliveries in flight, then closes the transport. */
  close(): Promise<void>;
}

/** Bounds on a conversation with the SMTP server (nodemailer's defaults run to minutes). */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

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
  const inFlight = new Set<Promise<void>>();

  async function deliver(id: string, to: string, email: RenderedEmail): Promise<void> {
    try {
      await transport!.sendMail({
        from: options.from,
        to,
        subject: email.subject,
        text: email.text,
        html: email.html,
      });
      await options.emails.markDelivered(id, options.now());
    } catch (error) {
      options.onError(error);
      await options.emails
        .markFailed(id, error instanceof Error ? error.message : String(error))
        .catch(options.onError);
    }
  }

  return {
    delivery: transport ? "smtp" : "outbox",
    async send({ to, orgId, email }) {
      const id = await options.emails.record({
        orgId,
        to,
        ...email,
        transport: transport ? "smtp" : "outbox",
      });
      if (!transport) return;
      const delivery = deliver(id, to, email).finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async close() {
      await this.idle();
      transport?.close();
    },
  };
}
