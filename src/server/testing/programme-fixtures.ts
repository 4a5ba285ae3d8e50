import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { EnrolmentRole, ProgrammeId, ProgrammeRecord } from "../../core/programmes/types.ts";
import { profiles } from "../../db/schema.ts";
import { hashPassword } from "../security/passwords.ts";
import { type Caller, signIn, type TestApp } from "./test-app.ts";

/** The password of every person the fixtures create. */
export const FIXTURE_PASSWORD = "fixture-password-1";
let fixtureHash: Promise<string> | undefined;

type ProfileValues = Partial<Omit<typeof profiles.$inferInsert, "orgId" | "userId">>;

export interface FixturePerson {
  email: string;
  name?: string;
  /** Enrolment role in the programme; omit to create the member and profile only. */
  role?: EnrolmentRole;
  mentorCapacity?: number;
  status?: "pending_approval" | "active" | "paused" | "left" | "declined";
  answers?: Record<string, unknown>;
  profile?: ProfileValues;
}

/**
 * A programme inserted straight through the repository (the programmes feature's own tests
 * create them through the API). Defaults: a running 1:1 cohort of 12 weeks, both matching modes.
 */
export async function createProgramme(
  t: TestApp,
  orgId: string,
  overrides: Partial<Parameters<TestApp["deps"]["repos"]["programmes"]["insert"]>[0]> = {},
): Promise<ProgrammeRecord> {
  return t.deps.repos.programmes.insert({
    orgId,
    name: "Developer cohort",
    type: "one_to_one",
    status: "running",
    startsOn: "2026-01-05",
    endsOn: "2026-03-30",
    matchingMode: "both",
    ...overrides,
  });
}

/**
 * People in an organisation: an account (password FIXTURE_PASSWORD, email verified), an active
 * membership, a profile and (when `role` is given) an enrolment in the programme. Returns user
 * ids by email.
 */
export async function addPeople(
  t: TestApp,
  orgId: string,
  programmeId: ProgrammeId | null,
  people: readonly FixturePerson[],
): Promise<Record<string, UserId>> {
  fixtureHash ??= hashPassword(FIXTURE_PASSWORD);
  const passwordHash = await fixtureHash;
  const ids: Record<string, UserId> = {};
  for (const person of people) {
    const user = await t.deps.repos.users.create({
      email: person.email,
      name: person.name ?? person.email.split("@")[0],
      passwordHash,
      emailVerifiedAt: new Date(),
    });
    if (!user) throw new Error(`${person.email} already has an account`);
    await t.deps.repos.organisations.addMember(orgId as OrgId, user.id, "member");
    await t.deps.repos.users.update(user.id, { lastOrgId: orgId as OrgId });
    await t.database.db.insert(profiles).values({ orgId, userId: user.id, ...person.profile });
    if (programmeId && person.role) {
      await t.deps.repos.enrolments.insert({
        orgId,
        programmeId,
        userId: user.id,
        role: person.role,
        status: person.status ?? "active",
        mentorCapacity: person.mentorCapacity ?? (person.role === "mentee" ? 0 : 1),
        answers: person.answers ?? {},
        source: "admin",
      });
    }
    ids[person.email] = user.id;
  }
  return ids;
}

/** Signs in a person the fixtures created. */
export function signInFixture(t: TestApp, email: string): Promise<Caller> {
  return signIn(t.app, email, FIXTURE_PASSWORD);
}
