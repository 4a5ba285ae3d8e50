import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMessage {
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on a free local port that keeps every message it accepts. `refuse` makes it
 * answer RCPT TO with that reply ("451 ..." to say "later", "550 ..." to say "never") until it is
 * set back to null.
 */
export async function startSmtpTestServer() {
  const messages: ReceivedMessage[] = [];
  const control: { refuse: { code: number; message: string } | null } = { refuse: null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: Boolean(process.env.SMTP_TEST_LOG),
    // No reverse DNS lookup of each client: it can stall a conversation for seconds.
    disableReverseLookup: true,
    onRcptTo(_address, _session, callback) {
      if (!control.refuse) return callback();
      const error = Object.assign(new Error(control.refuse.message), { responseCode: control.refuse.code });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        messages.push({
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    control,
    messagesTo: (address: string) => messages.filter((message) => message.to.includes(address)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
