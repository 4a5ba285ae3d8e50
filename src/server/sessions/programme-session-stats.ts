import type { ProgrammeSessionStats } from "../../contracts/sessions.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";

/**
 * For a programme's managers: per pair, how many sessions were held, cancelled (and how many late),
 * missed, are coming, and the hours held. Counts and dates only: never notes or agenda.
 */
export async function programmeSessionStats(
  deps: ServerDeps,
  membership: Membership,
  programmeId: string,
): Promise<ProgrammeSessionStats> {
  const programme = await deps.repos.programmes.find(membership.orgId, programmeId as ProgrammeId);
  if (!programme) throw notFound("Programme not found.");
  const rows = await deps.repos.sessions.programmeStats(membership.orgId, programmeId, deps.now());
  return {
    programme: { id: programme.id, name: programme.name },
    pairs: rows.map((row) => ({
      relationshipId: row.relationshipId,
      mentee: { userId: row.menteeId, name: row.menteeName },
      mentor: { userId: row.mentorId, name: row.mentorName },
      relationshipStatus: row.relationshipStatus,
      held: row.held,
      cancelled: row.cancelled,
      cancelledLate: row.cancelledLate,
      missed: row.missed,
      upcoming: row.upcoming,
      hoursLogged: Math.round(row.hours * 10) / 10,
      lastHeldAt: row.lastHeldAt?.toISOString() ?? null,
      nextAt: row.nextAt?.toISOString() ?? null,
    })),
  };
}
