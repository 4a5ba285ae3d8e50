import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpTestServer } from "../email/testing/smtp-test-server.ts";
import { createTestApp, type TestApp } from "../testing/test-app.ts";
import { invitationIcs } from "./ics.ts";

describe("an ICS invitation through a real SMTP server", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    t = await createTestApp({ smtpUrl: smtp.url });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it("goes as the text/calendar; method=REQUEST part calendar apps act on; the file is kept with the email for retries and resends", async () => {
    const { method, ics } = invitationIcs(
      {
        sessionId: "2b0f5c1e-6d0a-4f51-9d77-3f7d2a9a0c11",
        version: 2,
        cancelled: false,
        startsAt: Date.UTC(2030, 3, 2, 14),
        endsAt: Date.UTC(2030, 3, 2, 15),
        timeZone: "Europe/Berlin",
        title: "Session: Mira & Olivia",
        organizer: { name: "Trellis", email: "no-reply@trellis.local" },
        attendees: [{ name: "Mira", email: "mira@acme.test" }],
        updatedAt: Date.UTC(2030, 2, 1),
      },
      "trellis.test",
    );
    const id = await t.deps.mailer.send({
      to: "mira@acme.test",
      orgId: null,
      email: { subject: "Invitation", text: "See the invitation.", html: "<p>See the invitation.</p>" },
      attachments: [
        { filename: "invite.ics", contentType: "text/calendar; method=REQUEST", method, content: ics },
      ],
    });
    await t.deps.mailer.idle();
    const [message] = smtp.messagesTo("mira@acme.test");
    expect(message?.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    const unfolded = (message?.raw ?? "").replace(/=\r?\n/g, "").replace(/\r?\n[ \t]/g, "");
    expect(unfolded).toMatch(/UID:2b0f5c1e-6d0a-4f51-9d77-3f7d2a9a0c11@trellis\.test|VUlEOjJiMGY1YzFl/);
    expect(await t.deps.repos.emails.attachmentsOf(id)).toEqual([
      {
        filename: "invite.ics",
        contentType: "text/calendar; method=REQUEST",
        method: "REQUEST",
        content: ics,
      },
    ]);
  });
});
