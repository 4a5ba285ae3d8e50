import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { RowProblem } from "../../core/enrolment/csv-import.ts";
import type { ImportedProfile, ImportRow } from "../../core/enrolment/csv-import-rows.ts";
import { capacityFor } from "../../core/enrolment/enrolment-rules.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import type { Repositories } from "../../db/index.ts";
import type {
  ImportedEnrolmentRow,
  ImportedProfileRow,
} from "../../db/repositories/bulk-enrolment.repository.ts";
import type { DomainEvent } from "../../contracts/events.ts";
import { recordEvents } from "../events/record-events.ts";
import { hashToken, newToken } from "../security/tokens.ts";

/** How long the "set your password" link of an account made for someone stays valid. */
export const SET_PASSWORD_LIFETIME_DAYS = 14;

/**
 * The password hash of an account made for someone: not a valid argon2 hash, so no password
 * matches it until the person sets one through their emailed link.
 */
const UNUSABLE_PASSWORD_HASH = "!unset";

export interface EnrolContext {
  orgId: OrgId;
  programme: ProgrammeRecord;
  /** "import" for CSV rows, "admin" for people added by email. */
  source: "import" | "admin";
  /** Update people already enrolled (an import), or leave them as they are (adding by email). */
  updateExisting: boolean;
  /** The organisation's skill list: imported skill names take its spelling. */
  skillNames: readonly string[];
  secret: string;
  now: Date;
}

export type EnrolOutcome = "enrolled" | "account_created" | "already_enrolled" | "updated" | "refused";

/** An email to send once the transaction has committed. */
export type PendingMail =
  | { kind: "set_password"; to: string; name: string; token: string }
  | { kind: "added"; to: string; name: string };

export interface EnrolBatchResult {
  outcomes: { line: number; email: string; outcome: EnrolOutcome; userId: UserId | null }[];
  problems: RowProblem[];
  created: number;
  updated: number;
  /** The people added, told by one enrolment.added event (recorded in the batch's transaction). */
  events: DomainEvent[];
  mail: PendingMail[];
}

/** "ann.lee@x.org" → "Ann Lee": a name for an account until its person sets their own. */
export function nameFromEmail(email: string): string {
  const local = email.split("@")[0];
  const words = local.split(/[._+-]+/).filter((word) => word !== "");
  if (words.length === 0) return local;
  return words.map((word) => word[0].toUpperCase() + word.slice(1)).join(" ");
}

const EMPTY_PROFILE: Omit<ImportedProfileRow, "userId"> = {
  department: "",
  jobTitle: "",
  location: "",
  timeZone: "UTC",
  languages: [],
  yearsExperience: null,
  skillsOffered: [],
  skillsWanted: [],
  topics: [],
  careerGoals: "",
};

function mergeProfile(
  userId: UserId,
  stored: ImportedProfileRow | undefined,
  given: ImportedProfile,
  skillNames: ReadonlyMap<string, string>,
): ImportedProfileRow {
  const spell = (skills: { skill: string; level: number }[] | undefined) =>
    skills?.map((item) => ({
      skill: skillNames.get(item.skill.toLowerCase()) ?? item.skill,
      level: item.level,
    }));
  const defined = Object.fromEntries(
    Object.entries({
      ...given,
      skillsOffered: spell(given.skillsOffered),
      skillsWanted: spell(given.skillsWanted),
    }).filter(([, value]) => value !== undefined),
  );
  return { ...EMPTY_PROFILE, ...stored, ...defined, userId };
}

/**
 * Enrols people by email in one transaction, with a handful of multi-row statements whatever
 * their number: unknown emails get an account (no usable password, a "set your password" link),
 * non-members become members, profiles take the fields given (merged with what is stored), and
 * each person gets one enrolment (unique per programme and person: a second run updates it).
 * Deactivated members are refused: an admin reactivates them first. The people added are told in
 * the app by one enrolment.added event, recorded in the caller's transaction; the caller sends the
 * mail returned and calls `deps.events.afterCommit()` once it committed.
 */
export async function enrolPeople(
  repos: Repositories,
  context: EnrolContext,
  people: readonly ImportRow[],
): Promise<EnrolBatchResult> {
  const { orgId, programme } = context;
  const result: EnrolBatchResult = {
    outcomes: [],
    problems: [],
    created: 0,
    updated: 0,
    events: [],
    mail: [],
  };
  if (people.length === 0) return result;
  const emails = people.map((person) => person.email);

  const existing = new Map(
    (await repos.bulkEnrolment.usersByEmail(emails)).map((user) => [user.email, user]),
  );
  const missing = people.filter((person) => !existing.has(person.email));
  const created = await repos.bulkEnrolment.createUsers(
    missing.map((person) => ({
      email: person.email,
      name: person.name ?? nameFromEmail(person.email),
      passwordHash: UNUSABLE_PASSWORD_HASH,
    })),
  );
  const newAccounts = new Set(created.map((user) => user.email));
  if (created.length < missing.length) {
    // Someone created some of these accounts meanwhile: read them as existing accounts.
    for (const user of await repos.bulkEnrolment.usersByEmail(missing.map((person) => person.email)))
      if (!newAccounts.has(user.email)) existing.set(user.email, user);
  }
  const idOf = new Map<string, UserId>([
    ...[...existing.values()].map((user) => [user.email, user.id] as const),
    ...created.map((user) => [user.email, user.id] as const),
  ]);
  const nameOf = (person: ImportRow) =>
    existing.get(person.email)?.name ?? person.name ?? nameFromEmail(person.email);

  const statuses = await repos.bulkEnrolment.membershipStatuses(
    orgId,
    [...existing.values()].map((user) => user.id),
  );
  const accepted: ImportRow[] = [];
  for (const person of people) {
    const userId = idOf.get(person.email)!;
    if (statuses.get(userId) === "deactivated") {
      result.problems.push({
        line: person.line,
        field: "email",
        message: `${person.email} is a deactivated member of the organisation: reactivate them on the Members page first`,
      });
      result.outcomes.push({ line: person.line, email: person.email, outcome: "refused", userId });
    } else accepted.push(person);
  }
  const acceptedIds = accepted.map((person) => idOf.get(person.email)!);
  await repos.bulkEnrolment.addMembers(orgId, acceptedIds);

  const enrolled = new Map(
    (await repos.bulkEnrolment.enrolmentsForUpdate(orgId, programme.id, acceptedIds)).map((row) => [
      row.userId,
      row,
    ]),
  );
  const toWrite = context.updateExisting
    ? accepted
    : accepted.filter((person) => !enrolled.has(idOf.get(person.email)!));

  const stored = new Map(
    (await repos.bulkEnrolment.profilesForUpdate(orgId, acceptedIds)).map((row) => [row.userId, row]),
  );
  const skillNames = new Map(context.skillNames.map((name) => [name.toLowerCase(), name]));
  await repos.bulkEnrolment.upsertProfiles(
    orgId,
    toWrite
      .filter((person) => Object.keys(person.profile).length > 0 || !stored.has(idOf.get(person.email)!))
      .map((person) => {
        const userId = idOf.get(person.email)!;
        return mergeProfile(userId, stored.get(userId), person.profile, skillNames);
      }),
  );

  const rows: ImportedEnrolmentRow[] = toWrite.map((person) => {
    const userId = idOf.get(person.email)!;
    const current = enrolled.get(userId);
    const kept = current && current.role !== "mentee" ? current.mentorCapacity : null;
    return {
      userId,
      role: person.role,
      mentorCapacity: capacityFor(
        person.role,
        person.mentorCapacity ?? kept,
        programme.defaultMentorCapacity,
      ),
      answers: { ...current?.answers, ...person.answers },
    };
  });
  const inserted = await repos.bulkEnrolment.upsertEnrolments(orgId, programme.id, rows, context.source);

  const added: UserId[] = [];
  const tokens: { tokenHash: string; userId: UserId; expiresAt: Date }[] = [];
  const expiresAt = new Date(context.now.getTime() + SET_PASSWORD_LIFETIME_DAYS * 86_400_000);
  for (const person of accepted) {
    const userId = idOf.get(person.email)!;
    const isNew = inserted.has(userId);
    const wasWritten = isNew || (context.updateExisting && enrolled.has(userId));
    const outcome: EnrolOutcome = !wasWritten
      ? "already_enrolled"
      : !isNew
        ? "updated"
        : newAccounts.has(person.email)
          ? "account_created"
          : "enrolled";
    result.outcomes.push({ line: person.line, email: person.email, outcome, userId });
    if (outcome === "updated") result.updated++;
    if (!isNew) continue;
    result.created++;
    added.push(userId);
    if (newAccounts.has(person.email)) {
      const token = newToken();
      tokens.push({ tokenHash: hashToken(context.secret, token), userId, expiresAt });
      result.mail.push({ kind: "set_password", to: person.email, name: nameOf(person), token });
    } else result.mail.push({ kind: "added", to: person.email, name: nameOf(person) });
  }
  await repos.bulkEnrolment.createPasswordTokens(tokens);
  if (added.length > 0)
    result.events.push({
      kind: "enrolment.added",
      orgId,
      payload: { programmeId: programme.id, programmeName: programme.name, userIds: added },
    });
  await recordEvents(repos, result.events);
  result.outcomes.sort((a, b) => a.line - b.line);
  return result;
}
