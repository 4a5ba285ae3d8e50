import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_DELIVERY_ATTEMPTS } from "../../core/email/delivery.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  latestEmailTo,
  movableClock,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";
import { deliverDueEmails } from "./deliver-due-emails.ts";
import { startSmtpTestServer } from "./testing/smtp-test-server.ts";

describe("email delivery: retries with backoff against a real SMTP server", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
  let t: TestApp;
  let owner: Caller;
  const clock = movableClock();
  const deliver = () => deliverDueEmails(t.deps, { limit: 10 });

  async function invite(email: string) {
    const response = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${owner.me.currentOrgId}/invitations`,
      headers: owner.headers,
      payload: { email, role: "member" },
    });
    expect(response.statusCode).toBe(201);
    await t.deps.mailer.idle();
    return latestEmailTo(t, email);
  }

  async function listed(id: string) {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${owner.me.currentOrgId}/emails`,
      headers: owner.headers,
    });
    expect(response.statusCode).toBe(200);
    return response.json().emails.find((email: { id: string }) => email.id === id);
  }

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    t = await createTestApp({ smtpUrl: smtp.url }, { now: clock.now });
    owner = await setUpOwner(t.app);
    await t.deps.mailer.idle();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it("a refusal (451) is retried after a minute, and the message is then delivered exactly once", async () => {
    smtp.control.refuse = { code: 451, message: "4.3.0 Mailbox busy, try again later" };
    const first = await invite("busy@acme.test");
    expect(first).toMatchObject({ state: "retrying", attempts: 1 });
    expect(first.lastError).toMatch(/451.*try again later/i);
    expect(await listed(first.id)).toMatchObject({
      state: "retrying",
      lastError: expect.stringMatching(/451/),
      nextAttemptAt: first.nextAttemptAt?.toISOString(),
    });
    expect(first.nextAttemptAt!.getTime() - first.createdAt.getTime()).toBeGreaterThanOrEqual(59_000);

    smtp.control.refuse = null;
    expect((await deliver()).claimed).toBe(0); // not due yet
    clock.advanceMinutes(1.1);
    // Two senders at once (two instances): the row is claimed by one of them.
    const runs = await Promise.all([deliver(), deliver()]);
    expect(runs.map((run) => run.sent).sort()).toEqual([0, 1]);
    expect(await deliver()).toMatchObject({ claimed: 0 });

    expect(smtp.messagesTo("busy@acme.test")).toHaveLength(1);
    const after = await latestEmailTo(t, "busy@acme.test");
    expect(after).toMatchObject({ id: first.id, state: "sent", attempts: 2 });
    expect(after.deliveredAt).toBeInstanceOf(Date);
    expect(await listed(first.id)).toMatchObject({ state: "sent", lastError: null, nextAttemptAt: null });
  });

  it("three senders racing over 20 queued emails deliver each exactly once", async () => {
    smtp.control.refuse = null;
    const addresses = Array.from({ length: 20 }, (_, index) => `race-${index}@acme.test`);
    for (const to of addresses) {
      await t.deps.repos.emails.record({
        orgId: null,
        to,
        subject: "Race",
        text: "race",
        html: "<p>race</p>",
        transport: "smtp",
        now: clock.now(),
      });
    }
    const runs = await Promise.all(
      [1, 2, 3].map(async () => {
        let sent = 0;
        for (;;) {
          const run = await deliverDueEmails(t.deps, { limit: 4 });
          sent += run.sent;
          if (run.claimed === 0) return sent;
        }
      }),
    );
    expect(runs.reduce((sum, sent) => sum + sent, 0)).toBe(20);
    for (const to of addresses) expect(smtp.messagesTo(to), to).toHaveLength(1);
  });

  it("a send repeated with the same dedupe key (a retried event consumer) records and delivers one email", async () => {
    smtp.control.refuse = null;
    const send = () =>
      t.deps.mailer.send({
        to: "once@acme.test",
        orgId: owner.me.currentOrgId as never,
        email: { subject: "Once", text: "once", html: "<p>once</p>" },
        dedupeKey: "event:00000000-0000-4000-8000-000000000001:once",
      });
    const [first, second] = await Promise.all([send(), send()]);
    expect(second).toBe(first);
    expect(await send()).toBe(first);
    await t.deps.mailer.idle();
    expect(smtp.messagesTo("once@acme.test")).toHaveLength(1);
  });

  it(`after ${MAX_DELIVERY_ATTEMPTS} refused tries the email is failed, with the server's answer shown`, async () => {
    smtp.control.refuse = { code: 452, message: "4.2.2 Mailbox full" };
    const email = await invite("full@acme.test");
    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      clock.advanceMinutes(180);
      expect((await deliver()).claimed).toBe(1);
    }
    clock.advanceMinutes(600);
    expect((await deliver()).claimed).toBe(0);
    expect(await listed(email.id)).toMatchObject({
      state: "failed",
      attempts: MAX_DELIVERY_ATTEMPTS,
      nextAttemptAt: null,
      lastError: expect.stringMatching(/452.*Mailbox full/),
    });
    expect(smtp.messagesTo("full@acme.test")).toHaveLength(0);
  });

  it("a permanent refusal (550) fails at once", async () => {
    smtp.control.refuse = { code: 550, message: "5.1.1 No such mailbox" };
    const email = await invite("nobody@acme.test");
    expect(email).toMatchObject({ state: "failed", attempts: 1, lastError: expect.stringMatching(/550/) });
  });

  it("an admin resends a failed email: a new copy is delivered; the original keeps its history", async () => {
    smtp.control.refuse = null;
    const failed = await latestEmailTo(t, "full@acme.test");
    const response = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${owner.me.currentOrgId}/emails/${failed.id}/resend`,
      headers: owner.headers,
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ to: "full@acme.test", subject: failed.subject });
    await t.deps.mailer.idle();
    expect(smtp.messagesTo("full@acme.test")).toHaveLength(1);
    const copy = await listed(response.json().id);
    expect(copy).toMatchObject({ state: "sent", attempts: 1 });
    expect(await listed(failed.id)).toMatchObject({ state: "failed" });
    expect((await latestEmailTo(t, "full@acme.test")).resendOf).toBe(failed.id);
  });

  it("another organisation's email is 404 to resend; a mistyped id is 400", async () => {
    const failed = await latestEmailTo(t, "nobody@acme.test");
    const other = await createSecondOrganisation(t);
    const foreign = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${other.orgId}/emails/${failed.id}/resend`,
      headers: other.owner.headers,
    });
    expect(foreign.statusCode).toBe(404);
    const bad = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${owner.me.currentOrgId}/emails/not-an-id/resend`,
      headers: owner.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toMatch(/emailId/);
  });
});

describe("email delivery without SMTP (outbox)", () => {
  it("emails are stored, never claimed, and cannot be resent (409)", async () => {
    const t = await createTestApp();
    try {
      const owner = await setUpOwner(t.app);
      await t.app.inject({
        method: "POST",
        url: `/api/orgs/${owner.me.currentOrgId}/invitations`,
        headers: owner.headers,
        payload: { email: "kept@acme.test", role: "member" },
      });
      const stored = await latestEmailTo(t, "kept@acme.test");
      expect(stored).toMatchObject({ state: "stored", attempts: 0, nextAttemptAt: null });
      expect(await deliverDueEmails(t.deps, { limit: 10 })).toMatchObject({ claimed: 0 });
      const resend = await t.app.inject({
        method: "POST",
        url: `/api/orgs/${owner.me.currentOrgId}/emails/${stored.id}/resend`,
        headers: owner.headers,
      });
      expect(resend.statusCode).toBe(409);
    } finally {
      await t.close();
    }
  });
});
