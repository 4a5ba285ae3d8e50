import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { addDays, isoDay } from "../../core/relationships/agreement.ts";
import type { ProgrammeId, ProgrammeRecord } from "../../core/programmes/types.ts";
import { inTransaction, type NewRelationship, type RelationshipRecord } from "../../db/index.ts";
import { addPeople, createProgramme, signInFixture } from "../testing/programme-fixtures.ts";
import { type Caller, setUpOwner, type TestApp } from "../testing/test-app.ts";

/** Starts a relationship the way accepted requests and published matches do. */
export function createRelationship(
  t: TestApp,
  input: Omit<NewRelationship, "origin" | "actorId" | "endsOn"> &
    Partial<Pick<NewRelationship, "origin" | "actorId" | "endsOn">>,
): Promise<RelationshipRecord> {
  return inTransaction(t.deps.db, (repos) =>
    repos.relationships.create({ origin: "request", actorId: input.mentorId, endsOn: null, ...input }),
  );
}

export interface PairWorld {
  orgId: OrgId;
  programme: ProgrammeRecord;
  owner: Caller;
  mentee: Caller & { userId: UserId };
  mentor: Caller & { userId: UserId };
  /** A member of the organisation who is in no relationship. */
  outsider: Caller & { userId: UserId };
  /** "YYYY-MM-DD" the programme ends: 90 days from today. */
  programmeEndsOn: string;
  /** A fresh proposed relationship between the mentee and the mentor, in a programme of its own. */
  newPair(overrides?: Partial<NewRelationship>): Promise<RelationshipRecord>;
}

/**
 * An organisation with a running programme (started a week ago, ending in 90 days), a mentee, a
 * mentor, a member outside the pair and the owner (an admin), all signed in.
 */
export async function createPairWorld(
  t: TestApp,
  options: { ownerEmail?: string; prefix?: string } = {},
): Promise<PairWorld> {
  const prefix = options.prefix ?? "";
  const owner = await setUpOwner(t.app, options.ownerEmail ? { email: options.ownerEmail } : {});
  const orgId = owner.me.currentOrgId as OrgId;
  const today = isoDay(t.deps.now());
  const programmeEndsOn = addDays(today, 90);
  const programme = await createProgramme(t, orgId, {
    startsOn: addDays(today, -7),
    endsOn: programmeEndsOn,
  });
  const ids = await addPeople(t, orgId, programme.id, [
    {
      email: `${prefix}mia@acme.test`,
      name: "Mia Mentee",
      role: "mentee",
      profile: { headline: "Junior developer" },
    },
    {
      email: `${prefix}marco@acme.test`,
      name: "Marco Mentor",
      role: "mentor",
      mentorCapacity: 3,
      profile: { headline: "Staff engineer" },
    },
    { email: `${prefix}olga@acme.test`, name: "Olga Outsider", role: "mentee" },
  ]);
  const signed = async (email: string) => ({ ...(await signInFixture(t, email)), userId: ids[email] });
  const mentee = await signed(`${prefix}mia@acme.test`);
  const mentor = await signed(`${prefix}marco@acme.test`);
  const outsider = await signed(`${prefix}olga@acme.test`);
  return {
    orgId,
    programme,
    owner,
    mentee,
    mentor,
    outsider,
    programmeEndsOn,
    // Each pair gets its own programme: one mentee and mentor can have one live pair per programme.
    newPair: async (overrides = {}) =>
      createRelationship(t, {
        orgId,
        programmeId: (
          await createProgramme(t, orgId, { startsOn: addDays(today, -7), endsOn: programmeEndsOn })
        ).id as ProgrammeId,
        menteeId: mentee.userId,
        mentorId: mentor.userId,
        endsOn: programmeEndsOn,
        agreement: { firstGoals: ["Lead a design review"] },
        ...overrides,
      }),
  };
}

/** Calls a relationship route as someone: "" is the relationship itself, else a sub-path. */
export function relationshipCaller(t: TestApp, orgId: string) {
  return {
    get: (caller: Caller, relationshipId: string, sub = "") =>
      t.app.inject({
        method: "GET",
        url: `/api/orgs/${orgId}/relationships/${relationshipId}${sub ? `/${sub}` : ""}`,
        headers: caller.headers,
      }),
    post: (caller: Caller, relationshipId: string, sub: string, payload?: object) =>
      t.app.inject({
        method: "POST",
        url: `/api/orgs/${orgId}/relationships/${relationshipId}/${sub}`,
        headers: caller.headers,
        ...(payload === undefined ? {} : { payload }),
      }),
    put: (caller: Caller, relationshipId: string, payload: object) =>
      t.app.inject({
        method: "PUT",
        url: `/api/orgs/${orgId}/relationships/${relationshipId}/agreement`,
        headers: caller.headers,
        payload,
      }),
  };
}

/** The agreement terms a form would send, from a starting version. */
export function agreementBody(version: number, endsOn: string, overrides: object = {}) {
  return {
    version,
    cadence: "weekly",
    formats: ["video", "phone"],
    minutesPerMonth: 180,
    confidentiality: "Nothing leaves the room.",
    endsOn,
    firstGoals: ["Lead a design review", "Mentor an intern"],
    ...overrides,
  };
}
