/** Shared set-up of the bulk-matching integration tests: a small programme whose optimum is known. */
import { expect } from "vitest";
import type { MatchPairList, MatchRun } from "../../contracts/bulk-matching.ts";
import type { UserId } from "../../core/accounts/types.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import { addPeople, createProgramme } from "../testing/programme-fixtures.ts";
import type { Caller, TestApp } from "../testing/test-app.ts";

/** Skills score, topics score, a shared language is required. */
export const TEST_MATCH_CONFIG = {
  criteria: [
    { kind: "skills", weight: 5 },
    { kind: "topics", weight: 3 },
    { kind: "language", hard: true },
  ],
};

const en = { languages: ["en"], timeZone: "Europe/London" };

/**
 * Three mentors and five mentees. The optimum: Ella-Tara, Pete-Paul, Priya-Paul, Francois-Fleur;
 * Zoe (German only) has no allowed mentor. Fleur speaks only French.
 */
export const PEOPLE = [
  {
    email: "tara@acme.test",
    name: "Tara Mentor",
    role: "mentor" as const,
    mentorCapacity: 1,
    profile: { ...en, skillsOffered: [{ skill: "TypeScript", level: 5 }], topics: ["career"] },
  },
  {
    email: "paul@acme.test",
    name: "Paul Mentor",
    role: "mentor" as const,
    mentorCapacity: 2,
    profile: { ...en, skillsOffered: [{ skill: "Python", level: 5 }], topics: ["data"] },
  },
  {
    email: "fleur@acme.test",
    name: "Fleur Mentor",
    role: "mentor" as const,
    mentorCapacity: 1,
    profile: {
      languages: ["fr"],
      skillsOffered: [
        { skill: "TypeScript", level: 5 },
        { skill: "Python", level: 5 },
      ],
    },
  },
  {
    email: "ella@acme.test",
    name: "Ella Mentee",
    role: "mentee" as const,
    profile: { ...en, skillsWanted: [{ skill: "typescript", level: 3 }], topics: ["career"] },
  },
  {
    email: "pete@acme.test",
    name: "Pete Mentee",
    role: "mentee" as const,
    profile: { ...en, skillsWanted: [{ skill: "python", level: 3 }], topics: ["data"] },
  },
  {
    email: "priya@acme.test",
    name: "Priya Mentee",
    role: "mentee" as const,
    profile: { ...en, skillsWanted: [{ skill: "python", level: 3 }] },
  },
  {
    email: "francois@acme.test",
    name: "Francois Mentee",
    role: "mentee" as const,
    profile: { languages: ["fr"], skillsWanted: [{ skill: "typescript", level: 3 }] },
  },
  {
    email: "zoe@acme.test",
    name: "Zoe Mentee",
    role: "mentee" as const,
    profile: { languages: ["de"], skillsWanted: [{ skill: "typescript", level: 3 }] },
  },
];

/** The test programme (registration open, the test criteria) with PEOPLE; ids by first name. */
export async function programmeWithPeople(
  t: TestApp,
  orgId: string,
  prefix = "",
): Promise<{ programme: ProgrammeRecord; ids: Record<string, UserId> }> {
  const programme = await createProgramme(t, orgId, {
    status: "registration_open",
    matchConfig: TEST_MATCH_CONFIG as never,
  });
  const byEmail = await addPeople(
    t,
    orgId,
    programme.id,
    PEOPLE.map((person) => ({ ...person, email: `${prefix}${person.email}` })),
  );
  const ids: Record<string, UserId> = {};
  for (const person of PEOPLE)
    ids[person.name.split(" ")[0].toLowerCase()] = byEmail[`${prefix}${person.email}`];
  return { programme, ids };
}

export function runsPath(orgId: string, programmeId: string): string {
  return `/api/orgs/${orgId}/programmes/${programmeId}/match-runs`;
}

export async function startRun(
  t: TestApp,
  caller: Caller,
  orgId: string,
  programmeId: string,
  body: object = {},
): Promise<MatchRun> {
  const response = await t.app.inject({
    method: "POST",
    url: runsPath(orgId, programmeId),
    headers: caller.headers,
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(202);
  return response.json() as MatchRun;
}

/** Polls the run as the page does until it is no longer running. */
export async function waitForRun(
  t: TestApp,
  caller: Caller,
  orgId: string,
  programmeId: string,
  runId: string,
  timeoutMs = 30_000,
): Promise<MatchRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await t.app.inject({
      method: "GET",
      url: `${runsPath(orgId, programmeId)}/${runId}`,
      headers: caller.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const run = response.json() as MatchRun;
    if (run.status !== "running") return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts a run and waits for its draft. */
export async function draftOf(
  t: TestApp,
  caller: Caller,
  orgId: string,
  programmeId: string,
  body: object = {},
): Promise<MatchRun> {
  const started = await startRun(t, caller, orgId, programmeId, body);
  const run = await waitForRun(t, caller, orgId, programmeId, started.id);
  expect(run.status, run.error ?? "").toBe("draft");
  return run;
}

export async function pairsOf(
  t: TestApp,
  caller: Caller,
  orgId: string,
  programmeId: string,
  runId: string,
  query = "",
): Promise<MatchPairList> {
  const response = await t.app.inject({
    method: "GET",
    url: `${runsPath(orgId, programmeId)}/${runId}/pairs${query}`,
    headers: caller.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as MatchPairList;
}

/** mentee name -> mentor name of a pair list, for readable assertions. */
export function pairing(list: MatchPairList): Record<string, string> {
  return Object.fromEntries(list.pairs.map((pair) => [pair.mentee.name, pair.mentor.name]));
}
