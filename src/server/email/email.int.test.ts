import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterResponseSettled } from "../accounts/after-response.ts";
import { createTestApp, latestEmailTo, setUpOwner, type TestApp } from "../testing/test-app.ts";

interface ReceivedMessage {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a free local port that keeps every message it receives. */
async function startSmtpServer(): Promise<{
  port: number;
  messages: ReceivedMessage[];
  stop(): Promise<void>;
}> {
  const messages: ReceivedMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, messages, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Undoes quoted-printable soft line breaks and escapes, enough to find a link in a raw message. */
function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** The body of each MIME part of a raw message, by content type. */
function mimeParts(raw: string): Record<string, string> {
  const boundary = raw.match(/boundary="?([^";\r\n]+)"?/)?.[1];
  if (!boundary) throw new Error(`not a multipart message:\n${raw.slice(0, 500)}`);
  const parts: Record<string, string> = {};
  for (const part of raw.split(`--${boundary}`)) {
    const type = part.match(/content-type:\s*([\w/]+)/i)?.[1]?.toLowerCase();
    if (!type || type.startsWith("multipart")) continue;
    const [, ...body] = part.split(/\r?\n\r?\n/);
    parts[type] = decodeQuotedPrintable(body.join("\n\n"));
  }
  return parts;
}

describe("email over a real SMTP server", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      mailFrom: "Trellis <trellis@acme.test>",
    });
    await setUpOwner(t.app);
    await afterResponseSettled(t.deps);
    expect(smtp.messages.map((message) => message.raw)).toEqual([
      expect.stringMatching(/Confirm your email/),
    ]);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it("delivers a password reset with the link in both the text and the HTML part", async () => {
    const before = smtp.messages.length;
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: { email: "owner@acme.test" },
    });
    expect(response.statusCode).toBe(202);
    await afterResponseSettled(t.deps);

    const received = smtp.messages.slice(before);
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message.to).toEqual(["owner@acme.test"]);
    expect(message.from).toBe("trellis@acme.test");
    expect(message.raw).toMatch(/^Subject: Reset your Trellis password/m);

    const parts = mimeParts(message.raw);
    const link = parts["text/plain"].match(/http:\/\/trellis\.test\/reset-password\?token=[\w-]+/)?.[0];
    expect(link).toBeDefined();
    expect(parts["text/html"]).toContain(`href="${link}"`);

    const record = await latestEmailTo(t, "owner@acme.test");
    expect(record).toMatchObject({ transport: "smtp", lastError: null });
    expect(record.deliveredAt).toBeInstanceOf(Date);

    const token = new URL(link!).searchParams.get("token");
    const confirmed = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset/confirm",
      payload: { token, password: "delivered-password-1" },
    });
    expect(confirmed.statusCode).toBe(200);
  });

  it("with SMTP configured, the sent-email list says so and holds no account emails", async () => {
    const owner = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: "owner@acme.test", password: "delivered-password-1" },
    });
    const me = owner.json();
    const cookie = owner.cookies.find((item) => item.name === "trellis_session")!;
    const response = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${me.currentOrgId}/emails`,
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().delivery).toBe("smtp");
    expect(response.json().emails).toEqual([]);
  });
});

describe("when the SMTP server is down or stalls", () => {
  it("a refused connection: the request still succeeds and the failure is recorded", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${port}` });
    try {
      const owner = await setUpOwner(t.app);
      expect(owner.me.user.email).toBe("owner@acme.test");
      const response = await t.app.inject({
        method: "POST",
        url: "/api/auth/password-reset",
        payload: { email: "owner@acme.test" },
      });
      expect(response.statusCode).toBe(202);
      await afterResponseSettled(t.deps);
      const record = await latestEmailTo(t, "owner@acme.test");
      expect(record.deliveredAt).toBeNull();
      expect(record.attempts).toBe(1);
      expect(record.lastError).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await t.close();
    }
  });

  it("a server that accepts but never answers does not hold up the request", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as AddressInfo).port;
    const t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${port}` });
    try {
      await setUpOwner(t.app);
      const started = performance.now();
      const response = await t.app.inject({
        method: "POST",
        url: "/api/auth/password-reset",
        payload: { email: "owner@acme.test" },
      });
      expect(response.statusCode).toBe(202);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
      await afterResponseSettled(t.deps);
      const record = await latestEmailTo(t, "owner@acme.test");
      expect(record.deliveredAt).toBeNull();
      expect(record.lastError).not.toBeNull();
      await t.close();
    }
  });
});
