import type { Membership } from "../../core/accounts/types.ts";
import type { ProgrammeId, ProgrammeRecord } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { settingsColumns, settingsOf } from "./programme-settings-check.ts";

const MAX_NAME = 120;

/**
 * "Copy of <name>", within the name limit: a name too long for the prefix is shortened with a
 * visible ellipsis (never cut mid-way without a sign), e.g. "Copy of LLL…LLL…" for 120 L's.
 */
export function copyName(name: string): string {
  const full = `Copy of ${name}`;
  return full.length <= MAX_NAME ? full : `${full.slice(0, MAX_NAME - 1)}…`;
}

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
    name: copyName(programme.name),
    status: "draft",
    template: programme.template,
    createdBy: actor.userId,
  });
}
