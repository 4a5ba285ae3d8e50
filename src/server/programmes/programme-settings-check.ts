import type { MatchConfig } from "../../core/matching/scoring/match-config.ts";
import { checkSettings, type ProgrammeSettings } from "../../core/programmes/programme-settings.ts";
import type { FormQuestion } from "../../core/programmes/registration-form.ts";
import type { EnrolmentRole, ProgrammeRecord } from "../../core/programmes/types.ts";
import { AppError } from "../http/app-error.ts";

/** A stored programme's settings, typed (they were validated when saved). */
export function settingsOf(programme: ProgrammeRecord): ProgrammeSettings {
  return {
    name: programme.name,
    description: programme.description,
    type: programme.type,
    evergreen: programme.evergreen,
    startsOn: programme.startsOn,
    endsOn: programme.endsOn,
    rolesOffered: programme.rolesOffered as EnrolmentRole[],
    defaultMentorCapacity: programme.defaultMentorCapacity,
    matchingMode: programme.matchingMode,
    registrationForm: programme.registrationForm as FormQuestion[],
    matchConfig: programme.matchConfig as unknown as MatchConfig,
    requestExpiryDays: programme.requestExpiryDays,
    requestReminderDays: programme.requestReminderDays,
    pendingRequestCap: programme.pendingRequestCap,
    requiresApproval: programme.requiresApproval,
  };
}

/** Refuses settings that break a rule of the whole (dates, roles, criteria on the form) with a 400 naming each field. */
export function refuseInvalidSettings(settings: ProgrammeSettings): void {
  const problems = checkSettings(settings);
  if (problems.length === 0) return;
  const details = problems.map((problem) => ({ path: `body.${problem.path}`, message: problem.message }));
  throw new AppError(
    "validation_failed",
    `Invalid request: ${details.map((detail) => `${detail.path} ${detail.message}`).join("; ")}`,
    details,
  );
}

/**
 * The programmes table's columns for some settings: the same names; the criteria are stored as
 * the jsonb the schema declares.
 */
export function settingsColumns<S extends Partial<ProgrammeSettings>>(
  settings: S,
): Omit<S, "matchConfig"> & { matchConfig?: { criteria: unknown[] } } {
  return settings as Omit<S, "matchConfig"> & { matchConfig?: { criteria: unknown[] } };
}
