import type { Membership } from "../../core/accounts/types.ts";
import type { ProgrammeId, ProgrammeRecord } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { settingsColumns, settingsOf } from "./programme-settings-check.ts";

const MAX_NAME = 120;

/**
 * A new draft with the programme's settings, form and criteria, named "Copy of <name>": no
 * people, requests or relationships come along, and its invite link is its own (none yet).
 */
export async function duplicateProgramme(
  deps: ServerDeps,
  actor: Membership,
  programmeId: ProgrammeId,
): Promise<ProgrammeRecord> {
  const programme = await deps.repos.programmes.find(actor.orgId, programmeId);
  if (!programme) throw notFound("Programme not found.");
  const settings = settingsOf(programme);
  return deps.repos.programmes.insert({
    orgId: actor.orgId,
    ...settingsColumns(settings),
    name: `Copy of ${programme.name}`.slice(0, MAX_NAME),
    status: "draft",
    template: programme.template,
    createdBy: actor.userId,
  });
}
