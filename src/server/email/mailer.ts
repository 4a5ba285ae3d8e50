import nodemailer from "nodemailer";
import type { OrgId } from "../../core/accounts/types.ts";
import type { EmailsRepository } from "../../db/index.ts";
import type { RenderedEmail } from "./templates.ts";

export interface Mailer {
  readonly delivery: "smtp" | "outbox";
  /**
   * Records the email and, with SMTP configured, delivers it. A delivery failure is logged and
   * kept on the record; it never fails the request that caused the email.
   */
  send(input: { to: string; orgId: OrgId | null; email: RenderedEmail }): Promise<void>;
  close(): void;
}

export function createMailer(options: {
  smtpUrl: string | null;
  from: string;
  emails: EmailsRepository;
  now: () => Date;
  onError: (error: unknown) => void;
}): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
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
      try {
        await transport.sendMail({
          from: options.from,
          to,
          subject: email.subject,
          text: email.text,
          html: email.html,
        });
        await options.emails.markDelivered(id, options.now());
      } catch (error) {
        options.onError(error);
        await options.emails.markFailed(id, error instanceof Error ? error.message : String(error));
      }
    },
    close() {
      transport?.close();
    },
  };
}
