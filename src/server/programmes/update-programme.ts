import type { UpdateProgrammeRequest } from "../../contracts/programmes.ts";
import type { Membership } from "../../core/accounts/types.ts";
import {
  cohortEnd,
  frozenFields,
  type ProgrammeSettings,
  type SettingsField,
} from "../../core/programmes/programme-settings.ts";
import type { ProgrammeId, ProgrammeRecord } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { definedOnly, templateWeeks } from "./create-programme.ts";
import { refuseInvalidSettings, settingsColumns, settingsOf } from "./programme-settings-check.ts";

/** JSON with object keys sorted: jsonb and zod both reorder keys, which must not count as a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

const sameValue = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * Changes some settings of a programme. The row is locked first, so a change and a state change
 * made at the same moment are applied one after the other against the state each one saw.
 * A setting frozen in the programme's state is refused (422, naming each field and why) unless
 * it is sent unchanged, so a settings page may send everything it shows. Making a programme
 * evergreen clears its dates; a cohort with a start and no end ends after its template's length
 * (12 weeks from scratch).
 */
export async function updateProgramme(
  deps: ServerDeps,
  actor: Membership,
  programmeId: ProgrammeId,
  input: UpdateProgrammeRequest,
): Promise<ProgrammeRecord> {
  return inTransaction(deps.db, async (repos) => {
    const programme = await repos.programmes.findForUpdate(actor.orgId, programmeId);
    if (!programme) throw notFound("Programme not found.");
    const current = settingsOf(programme);
    const given = definedOnly(input) as Partial<ProgrammeSettings>;
    const changed = (Object.keys(given) as SettingsField[]).filter(
      (field) => !sameValue(given[field], current[field]),
    );

    const frozen = frozenFields(programme);
    const refused = changed.filter((field) => frozen.has(field));
    if (refused.length > 0) {
      throw new AppError(
        "domain_rule",
        `${refused.join(", ")}: ${frozen.get(refused[0])}.`,
        refused.map((field) => ({
          path: `body.${field}`,
          message: frozen.get(field) ?? "cannot change now",
        })),
      );
    }

    const next: ProgrammeSettings = { ...current, ...given };
    if (given.evergreen === true && input.startsOn === undefined) next.startsOn = null;
    if (given.evergreen === true && input.endsOn === undefined) next.endsOn = null;
    if (!next.evergreen && next.startsOn && next.endsOn === null)
      next.endsOn = cohortEnd(next.startsOn, templateWeeks(programme.template));
    refuseInvalidSettings(next);

    const columns = settingsColumns(
      Object.fromEntries(
        (Object.keys(next) as SettingsField[])
          .filter((field) => !sameValue(next[field], current[field]))
          .map((field) => [field, next[field]]),
      ) as Partial<ProgrammeSettings>,
    );
    if (Object.keys(columns).length === 0) return programme;
    const updated = await repos.programmes.update(actor.orgId, programmeId, {
      ...columns,
      updatedAt: deps.now(),
    });
    if (!updated) throw notFound("Programme not found.");
    return updated;
  });
}
