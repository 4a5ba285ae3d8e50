/**
 * The agreement both sides of a relationship confirm: how often and how they meet, how much time
 * they give, what stays confidential, when it ends and what they work on first. Every change makes
 * a new version and clears both confirmations; a pair starts when both have confirmed the current
 * version, and a later change (an extension) takes effect when both confirm it again.
 */
import type { Cadence, MeetingFormat } from "../programmes/types.ts";

export interface AgreementTerms {
  cadence: Cadence;
  formats: MeetingFormat[];
  minutesPerMonth: number;
  /** The length of one session, in minutes (30, 45, 60 or 90). */
  sessionMinutes: number;
  confidentiality: string;
  /** "YYYY-MM-DD", or null for an open-ended pair in an evergreen programme. */
  endsOn: string | null;
  firstGoals: string[];
}

export interface AgreementVersions {
  version: number;
  menteeConfirmedVersion: number | null;
  mentorConfirmedVersion: number | null;
}

export type Side = "mentee" | "mentor";

/** The highest version a confirmation can name (the contract caps it too). */
export const MAX_AGREEMENT_VERSION = 9999;

/** Days after the start when each side is asked whether the pair works. */
export const FIT_CHECK_AFTER_DAYS = 21;

/** "YYYY-MM-DD" of an instant, in UTC. */
export function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * A day plus some days, as "YYYY-MM-DD".
 *
 * @example addDays("2026-01-30", 3) // "2026-02-02"
 */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDay(date);
}

/** The names of the terms that differ (dates compared as days, lists in order). */
export function changedTerms(before: AgreementTerms, after: AgreementTerms): (keyof AgreementTerms)[] {
  const keys: (keyof AgreementTerms)[] = [
    "cadence",
    "formats",
    "minutesPerMonth",
    "sessionMinutes",
    "confidentiality",
    "endsOn",
    "firstGoals",
  ];
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/**
 * Why an end date cannot be agreed, or null when it can. It must come after today and not before
 * the pair's start (the day it started, or the programme's start while it has not).
 *
 * @example checkEndDate("2026-01-10", { today: "2026-01-10", startsOn: null }) // "must be after today"
 */
export function checkEndDate(
  endsOn: string | null,
  context: { today: string; startsOn: string | null; openEndedAllowed: boolean },
): string | null {
  if (endsOn === null) return context.openEndedAllowed ? null : "is required: choose when the mentoring ends";
  if (endsOn <= context.today) return "must be after today";
  if (context.startsOn && endsOn < context.startsOn)
    return `must not be before the start (${context.startsOn})`;
  return null;
}

/**
 * Why an end date lies beyond the programme's own end, or null when it does not (or the programme
 * has no end). A pair's agreement cannot outlast the programme that holds it.
 *
 * @example checkEndWithinProgramme("2031-01-01", "2027-02-01") // "must not be after the programme's end (2027-02-01)"
 */
export function checkEndWithinProgramme(
  endsOn: string | null,
  programmeEndsOn: string | null,
): string | null {
  if (endsOn === null || programmeEndsOn === null) return null;
  return endsOn > programmeEndsOn ? `must not be after the programme's end (${programmeEndsOn})` : null;
}

/** Whether a side has confirmed the version in force now. */
export function hasConfirmed(agreement: AgreementVersions, side: Side): boolean {
  const confirmed = side === "mentee" ? agreement.menteeConfirmedVersion : agreement.mentorConfirmedVersion;
  return confirmed === agreement.version;
}

/** Both sides have confirmed the current version. */
export function isFullyConfirmed(agreement: AgreementVersions): boolean {
  return hasConfirmed(agreement, "mentee") && hasConfirmed(agreement, "mentor");
}

export type ConfirmDecision =
  | { ok: true; alreadyConfirmed: boolean; bothConfirmed: boolean }
  | { ok: false; currentVersion: number };

/**
 * Checks a side's confirmation of a version: a stale version is refused (naming the current one);
 * confirming twice is harmless.
 *
 * @example decideConfirmation({ version: 2, menteeConfirmedVersion: null, mentorConfirmedVersion: 2 }, "mentee", 2)
 *          // { ok: true, alreadyConfirmed: false, bothConfirmed: true }
 */
export function decideConfirmation(
  agreement: AgreementVersions,
  side: Side,
  version: number,
): ConfirmDecision {
  if (version !== agreement.version) return { ok: false, currentVersion: agreement.version };
  const other: Side = side === "mentee" ? "mentor" : "mentee";
  return {
    ok: true,
    alreadyConfirmed: hasConfirmed(agreement, side),
    bothConfirmed: hasConfirmed(agreement, other),
  };
}

/**
 * Whether the fit check is open for a side: the pair is active, the due day has come, and that
 * side has not answered yet.
 */
export function isFitCheckDue(input: {
  status: string;
  fitCheckDueOn: string | null;
  answered: boolean;
  today: string;
}): boolean {
  return (
    input.status === "active" &&
    input.fitCheckDueOn !== null &&
    input.fitCheckDueOn <= input.today &&
    !input.answered
  );
}

/** What a mentee asked for in a request, as stored with it (every field optional). */
export interface RequestExpectations {
  cadence?: Cadence;
  formats?: MeetingFormat[];
  minutesPerMonth?: number;
}

/**
 * The first agreement draft of a new pair: the end is the programme's (none for an evergreen
 * programme); a pair from a request starts from what the mentee asked for and their goal, one from
 * a published match from the defaults. Both ways of starting a relationship use this.
 *
 * @example draftAgreement({ evergreen: false, endsOn: "2027-02-01" }, { expectations: { cadence: "weekly" }, goal: "Lead a team" })
 *   // { endsOn: "2027-02-01", terms: { cadence: "weekly", firstGoals: ["Lead a team"] } }
 */
export function draftAgreement(
  programme: { evergreen: boolean; endsOn: string | null },
  fromRequest?: { expectations: RequestExpectations; goal: string },
): {
  endsOn: string | null;
  terms: Partial<Pick<AgreementTerms, "cadence" | "formats" | "minutesPerMonth" | "firstGoals">>;
} {
  const endsOn = programme.evergreen ? null : programme.endsOn;
  if (!fromRequest) return { endsOn, terms: {} };
  const { expectations, goal } = fromRequest;
  return {
    endsOn,
    terms: {
      ...(expectations.cadence ? { cadence: expectations.cadence } : {}),
      ...(expectations.formats?.length ? { formats: expectations.formats } : {}),
      ...(expectations.minutesPerMonth ? { minutesPerMonth: expectations.minutesPerMonth } : {}),
      firstGoals: [goal],
    },
  };
}
