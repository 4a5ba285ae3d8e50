import type { CreateProgrammeRequest } from "../../contracts/programmes.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { MatchConfig } from "../../core/matching/scoring/match-config.ts";
import {
  cohortEnd,
  DEFAULT_COHORT_WEEKS,
  type ProgrammeSettings,
  SCRATCH_SETTINGS,
} from "../../core/programmes/programme-settings.ts";
import type { FormQuestion } from "../../core/programmes/registration-form.ts";
import { findTemplate, settingsFromTemplate } from "../../core/programmes/templates.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { refuseInvalidSettings, settingsColumns } from "./programme-settings-check.ts";

/**
 * Creates a draft programme from a template (its settings, then the admin's) or from scratch
 * (the defaults, then the admin's). A cohort's end defaults (when missing or null) to its start
 * plus the template's length (12 weeks from scratch); an evergreen programme has no dates.
 */
export async function createProgramme(
  deps: ServerDeps,
  actor: Membership,
  input: CreateProgrammeRequest,
): Promise<ProgrammeRecord> {
  const template = input.template ? findTemplate(input.template) : undefined;
  const base: ProgrammeSettings = template
    ? settingsFromTemplate(template, input.name, null)
    : { ...structuredClone(SCRATCH_SETTINGS), name: input.name, startsOn: null, endsOn: null };
  const { template: _template, ...given } = input;
  const settings: ProgrammeSettings = {
    ...base,
    ...definedOnly(given),
    registrationForm: (input.registrationForm as FormQuestion[] | undefined) ?? base.registrationForm,
    matchConfig: (input.matchConfig as MatchConfig | undefined) ?? base.matchConfig,
  };
  settings.startsOn = input.startsOn ?? null;
  settings.endsOn =
    input.endsOn ??
    (settings.startsOn && !settings.evergreen
      ? cohortEnd(settings.startsOn, templateWeeks(template?.id ?? null))
      : null);
  refuseInvalidSettings(settings);
  return deps.repos.programmes.insert({
    orgId: actor.orgId,
    ...settingsColumns(settings),
    status: "draft",
    template: template?.id ?? null,
    createdBy: actor.userId,
  });
}

/** The fields that were given (a JSON body leaves the rest out; zod keeps it that way). */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

/** How long a cohort of this template lasts (12 weeks from scratch or for an evergreen template). */
export function templateWeeks(templateId: string | null): number {
  return (templateId ? findTemplate(templateId)?.settings.cohortWeeks : null) ?? DEFAULT_COHORT_WEEKS;
}
