import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import type { RelationshipRecord } from "../../db/index.ts";
import { createPairWorld, type PairWorld } from "../relationships/relationship.test-helpers.ts";
import type { Caller, TestApp } from "../testing/test-app.ts";

/** Weekly hours every day 08:00–20:00 (local). */
export const DAYTIME = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "08:00", end: "20:00" }));

/**
 * A time `days` from now at `hour`:00 UTC. The world's pair (Berlin and New York, both 08:00–20:00
 * local) overlaps 13:00–19:00 UTC all year.
 */
export function utcAt(t: TestApp, days: number, hour: number, minute = 0): string {
  const now = t.deps.now();
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, hour, minute),
  ).toISOString();
}

export interface SessionWorld extends PairWorld {
  pair: RelationshipRecord;
  /** Calls a sessions route: method, path under /api/orgs/:orgId, payload. */
  call(
    caller: Caller,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    path: string,
    payload?: object,
  ): Promise<LightMyRequestResponse>;
  book(caller: Caller, body: object, relationshipId?: string): Promise<LightMyRequestResponse>;
  setProgramme(
    programmeId: string,
    settings: { instantBooking?: boolean; type?: string; lateCancelHours?: number },
  ): Promise<void>;
}

/** A pair world whose mentee is in Europe/Berlin and mentor in America/New_York, both with day hours and no notice. */
export async function createSessionWorld(
  t: TestApp,
  options: { prefix?: string; ownerEmail?: string } = {},
): Promise<SessionWorld> {
  const world = await createPairWorld(t, options);
  const pair = await world.newPair();
  const hours = JSON.stringify(DAYTIME);
  await t.deps.db.execute(
    sql`update profiles set time_zone = 'Europe/Berlin', availability = ${hours}::jsonb where user_id = ${world.mentee.userId}`,
  );
  await t.deps.db.execute(
    sql`update profiles set time_zone = 'America/New_York', availability = ${hours}::jsonb where user_id = ${world.mentor.userId}`,
  );
  for (const userId of [world.mentee.userId, world.mentor.userId])
    await t.deps.db.execute(
      sql`insert into scheduling_preferences (org_id, user_id, minimum_notice_minutes, buffer_minutes) values (${world.orgId}, ${userId}, 0, 0)`,
    );
  const call: SessionWorld["call"] = (caller, method, path, payload) =>
    t.app.inject({
      method,
      url: `/api/orgs/${world.orgId}${path}`,
      headers: caller.headers,
      ...(payload === undefined ? {} : { payload }),
    });
  return {
    ...world,
    pair,
    call,
    book: (caller, body, relationshipId = pair.id) =>
      call(caller, "POST", `/relationships/${relationshipId}/sessions`, body),
    async setProgramme(programmeId, settings) {
      if (settings.instantBooking !== undefined)
        await t.deps.db.execute(
          sql`update programmes set instant_booking = ${settings.instantBooking} where id = ${programmeId}`,
        );
      if (settings.type !== undefined)
        await t.deps.db.execute(sql`update programmes set type = ${settings.type} where id = ${programmeId}`);
      if (settings.lateCancelHours !== undefined)
        await t.deps.db.execute(
          sql`update programmes set late_cancel_hours = ${settings.lateCancelHours} where id = ${programmeId}`,
        );
    },
  };
}
