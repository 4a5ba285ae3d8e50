import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import pg from "pg";
import { CHANGE_FEED_APPLICATION, openDatabase } from "../../db/index.ts";
import { buildApp } from "../app.ts";
import { createDeps } from "../start-server.ts";
import { addPeople, createProgramme, signInFixture } from "../testing/programme-fixtures.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";
import { MAX_SOCKETS_PER_PERSON } from "./realtime.routes.ts";
import { openSocket } from "./realtime.test-support.ts";

const ORIGIN = "http://trellis.test";

describe("realtime socket", () => {
  let t: TestApp;
  let url: string;
  let owner: Caller;
  let orgId: OrgId;
  let ids: Record<string, UserId>;
  let mentee: Caller;
  let other: Caller;
  let requestId: string;
  let programmeId: string;
  let beta: { orgId: OrgId; owner: Caller };
  let betaProgrammeId: string;

  const headers = (caller: Caller, origin = ORIGIN) => ({ cookie: caller.cookie, origin });

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    const programme = await createProgramme(t, orgId);
    programmeId = programme.id;
    ids = await addPeople(t, orgId, programme.id, [
      { email: "mentee@acme.test", role: "mentee" },
      { email: "mentor@acme.test", role: "mentor" },
      { email: "other@acme.test", role: "mentee" },
    ]);
    mentee = await signInFixture(t, "mentee@acme.test");
    other = await signInFixture(t, "other@acme.test");
    const inserted = await t.database.db.execute(
      sql`insert into mentoring_requests (org_id, programme_id, mentee_id, mentor_id, goal, expires_at)
          values (${orgId}, ${programme.id}, ${ids["mentee@acme.test"]}, ${ids["mentor@acme.test"]}, 'Grow', now() + interval '7 days')
          returning id`,
    );
    requestId = (inserted as unknown as { rows: { id: string }[] }).rows[0]?.id as string;
    beta = await createSecondOrganisation(t);
    betaProgrammeId = (await createProgramme(t, beta.orgId)).id;
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const address = t.app.server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    url = `ws://127.0.0.1:${address.port}/api/realtime`;
  });
  afterAll(() => t?.close());

  it("refuses an upgrade without a session (401) and from a foreign Origin (403)", async () => {
    await expect(openSocket(url, { origin: ORIGIN })).rejects.toThrow("status 401");
    await expect(openSocket(url, headers(owner, "https://evil.test"))).rejects.toThrow("status 403");
    await expect(openSocket(url, { cookie: owner.cookie })).rejects.toThrow("status 403");
  });

  it("refuses a person's socket beyond the limit (429) until one closes", async () => {
    const open = [];
    for (let index = 0; index < MAX_SOCKETS_PER_PERSON; index++)
      open.push(await openSocket(url, headers(other)));
    await expect(openSocket(url, headers(other))).rejects.toThrow("status 429");
    open[0]?.ws.close();
    await open[0]?.closed;
    const again = await openSocket(url, headers(other));
    for (const socket of [...open, again]) socket.ws.close();
  });

  it("accepts the Origin of the Host it was reached at", async () => {
    const socket = await openSocket(
      url,
      headers(owner, url.replace("ws:", "http:").replace("/api/realtime", "")),
    );
    socket.ws.close();
  });

  it("closes a socket that sends bad JSON or an unknown topic, with a reason, and goes on serving", async () => {
    const bad = await openSocket(url, headers(owner));
    bad.send("{not json");
    expect(await bad.closed).toEqual({ code: 4400, reason: "Invalid JSON." });

    const unknown = await openSocket(url, headers(owner));
    unknown.send({ type: "subscribe", topics: ["weather:today"] });
    expect(await unknown.closed).toEqual({ code: 4400, reason: "Unknown topic: weather:today" });

    const shapeless = await openSocket(url, headers(owner));
    shapeless.send({ type: "shout", topics: [] });
    expect((await shapeless.closed).code).toBe(4400);

    const good = await openSocket(url, headers(owner));
    good.send({ type: "subscribe", topics: [`user:${owner.me.user.id}`] });
    expect(await good.next()).toEqual({
      type: "subscribed",
      topics: [`user:${owner.me.user.id}`],
      refused: [],
    });
    good.ws.close();
  });

  it("lets each person hear only what they may read; another organisation's topics are refused", async () => {
    const ask = async (caller: Caller, topics: string[]) => {
      const socket = await openSocket(url, headers(caller));
      socket.send({ type: "subscribe", topics });
      const answer = await socket.next();
      socket.ws.close();
      return answer;
    };
    const acme = [
      `org:${orgId}`,
      `programme:${programmeId}`,
      `request:${requestId}`,
      `user:${ids["mentor@acme.test"]}`,
    ];
    expect(await ask(owner, acme)).toMatchObject({ refused: [`user:${ids["mentor@acme.test"]}`] });
    expect(await ask(mentee, acme)).toMatchObject({ refused: [`user:${ids["mentor@acme.test"]}`] });
    expect(await ask(other, acme)).toMatchObject({
      refused: [`request:${requestId}`, `user:${ids["mentor@acme.test"]}`],
    });
    expect(await ask(beta.owner, acme)).toMatchObject({ topics: [], refused: acme });
    expect(await ask(owner, [`org:${beta.orgId}`, `programme:${betaProgrammeId}`])).toMatchObject({
      topics: [],
    });
  });

  it("pushes ids and a sequence number after commit, never for a rolled-back write", async () => {
    const socket = await openSocket(url, headers(mentee));
    socket.send({ type: "subscribe", topics: [`user:${mentee.me.user.id}`, `request:${requestId}`] });
    await socket.next((m) => m.type === "subscribed");
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`update mentoring_requests set status = 'declined' where id = ${requestId}`);
        throw new Error("roll back");
      })
      .catch(() => {});
    await t.database.db.execute(
      sql`update mentoring_requests set status = 'accepted' where id = ${requestId}`,
    );
    const event = await socket.next((m) => m.type === "event");
    expect(event).toEqual({
      type: "event",
      seq: expect.any(Number),
      topics: expect.arrayContaining([`request:${requestId}`, `user:${mentee.me.user.id}`]),
    });
    await t.database.db.execute(
      sql`insert into notifications (org_id, user_id, kind, title) values (${orgId}, ${mentee.me.user.id}, 'test', 'Hello')`,
    );
    const badge = await socket.next((m) => m.type === "event" && m.topics.length === 1);
    expect(badge).toMatchObject({ topics: [`user:${mentee.me.user.id}`] });
    expect((badge as { seq: number }).seq).toBeGreaterThan((event as { seq: number }).seq);
    expect(socket.heard.filter((m) => m.type === "event")).toHaveLength(2);
    socket.ws.close();
  });

  it("pushes organisation-wide changes: a programme's state to its programme and org topics, a member's role to the org", async () => {
    const pushed = await createProgramme(t, orgId, { name: "Pushed cohort" });
    // An admin's socket (a member not in the programme may not hear it).
    const socket = await openSocket(url, headers(owner));
    socket.send({ type: "subscribe", topics: [`org:${orgId}`, `programme:${pushed.id}`] });
    expect(await socket.next((m) => m.type === "subscribed")).toMatchObject({ refused: [] });

    const moved = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${orgId}/programmes/${pushed.id}/transition`,
      headers: owner.headers,
      payload: { to: "completed" },
    });
    expect(moved.statusCode).toBe(200);
    expect(await socket.next((m) => m.type === "event")).toMatchObject({
      topics: expect.arrayContaining([`org:${orgId}`, `programme:${pushed.id}`]),
    });

    const promoted = await t.app.inject({
      method: "PATCH",
      url: `/api/orgs/${orgId}/members/${ids["other@acme.test"]}`,
      headers: owner.headers,
      payload: { role: "admin" },
    });
    expect(promoted.statusCode).toBe(200);
    // The membership's push names the organisation (and the person, whom this socket does not hear).
    expect(
      await socket.next((m) => m.type === "event" && m.topics.length === 1 && m.topics[0] === `org:${orgId}`),
    ).toBeTruthy();
    socket.ws.close();
  });

  it("splits a statement's many topics into payloads NOTIFY accepts", async () => {
    const socket = await openSocket(url, headers(owner));
    socket.send({ type: "subscribe", topics: [`user:${owner.me.user.id}`] });
    await socket.next((m) => m.type === "subscribed");
    await t.database.db.execute(
      sql`insert into users (email, name, password_hash)
          select 'many' || k || '@acme.test', 'Many ' || k, 'x' from generate_series(1, 400) k`,
    );
    await t.database.db.execute(
      sql`insert into notifications (org_id, user_id, kind, title)
          select ${orgId}, id, 'test', 'Hi' from users where email like 'many%@acme.test' or id = ${owner.me.user.id}`,
    );
    expect(await socket.next((m) => m.type === "event")).toMatchObject({
      topics: [`user:${owner.me.user.id}`],
    });
    socket.ws.close();
  });

  it.runIf(process.env.TRELLIS_TEST_DB === "postgres")(
    "when the instance's feed connection drops, its sockets are told to read everything again",
    async () => {
      const socket = await openSocket(url, headers(mentee));
      socket.send({ type: "subscribe", topics: [`user:${mentee.me.user.id}`] });
      await socket.next((m) => m.type === "subscribed");
      const admin = new pg.Client({ connectionString: t.database.url as string });
      await admin.connect();
      try {
        await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
           where datname = current_database() and application_name = $1`,
          [CHANGE_FEED_APPLICATION],
        );
      } finally {
        await admin.end();
      }
      expect(await socket.next((m) => m.type === "resync")).toEqual({ type: "resync" });
      // Once it is back (it reconnects after a second), pushes flow again.
      expect(await socket.next((m) => m.type === "resync", 10_000)).toEqual({ type: "resync" });
      await t.database.db.execute(
        sql`insert into notifications (org_id, user_id, kind, title) values (${orgId}, ${mentee.me.user.id}, 'test', 'Back')`,
      );
      expect(await socket.next((m) => m.type === "event")).toMatchObject({
        topics: [`user:${mentee.me.user.id}`],
      });
      socket.ws.close();
    },
  );

  it.runIf(process.env.TRELLIS_TEST_DB === "postgres")(
    "a change made through one instance reaches a socket on another",
    async () => {
      const handle = await openDatabase({ kind: "postgres", url: t.database.url as string, poolSize: 2 });
      const deps = await createDeps(t.deps.config, handle);
      const second = await buildApp({ ...deps, secret: t.deps.secret }, { logger: false });
      try {
        await second.listen({ port: 0, host: "127.0.0.1" });
        const address = second.server.address();
        if (!address || typeof address === "string") throw new Error("no port");
        const socket = await openSocket(`ws://127.0.0.1:${address.port}/api/realtime`, headers(mentee));
        socket.send({ type: "subscribe", topics: [`user:${mentee.me.user.id}`] });
        await socket.next((m) => m.type === "subscribed");
        // Through the first instance's API: marking the unread notification read.
        const response = await t.app.inject({
          method: "POST",
          url: `/api/orgs/${orgId}/notifications/read`,
          headers: mentee.headers,
          payload: {},
        });
        expect(response.statusCode).toBe(200);
        expect(await socket.next((m) => m.type === "event")).toMatchObject({
          topics: [`user:${mentee.me.user.id}`],
        });
        socket.ws.close();
      } finally {
        await second.close();
        await handle.close();
      }
    },
  );
});

describe("realtime socket after signing out", () => {
  it("is closed with 4401 at its next check (every 30 s)", async () => {
    // Only the check's interval is faked: the database and the sockets run on real time.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const t = await createTestApp();
    try {
      const owner = await setUpOwner(t.app);
      await t.app.listen({ port: 0, host: "127.0.0.1" });
      const address = t.app.server.address();
      if (!address || typeof address === "string") throw new Error("no port");
      const socket = await openSocket(`ws://127.0.0.1:${address.port}/api/realtime`, {
        cookie: owner.cookie,
        origin: ORIGIN,
      });
      socket.send({ type: "subscribe", topics: [`user:${owner.me.user.id}`] });
      await socket.next((m) => m.type === "subscribed");
      vi.advanceTimersByTime(30_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(socket.ws.readyState).toBe(socket.ws.OPEN);

      const out = await t.app.inject({ method: "POST", url: "/api/auth/sign-out", headers: owner.headers });
      expect(out.statusCode).toBeLessThan(300);
      vi.advanceTimersByTime(30_000);
      expect(await socket.closed).toEqual({ code: 4401, reason: "Signed out." });
    } finally {
      vi.useRealTimers();
      await t.close();
    }
  });
});
