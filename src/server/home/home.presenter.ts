import type { HomeRequest, HomeWork, ManagedProgramme } from "../../contracts/home.ts";
import type {
  HomeRequestRow,
  ProgrammeAttentionRow,
  RunningWorkRow,
} from "../../db/repositories/home.repository.ts";

/** A request on Home: names, state and dates; never its GROW text. */
export function presentHomeRequest(row: HomeRequestRow): HomeRequest {
  return {
    id: row.id,
    programme: { id: row.programmeId, name: row.programmeName },
    person: { userId: row.otherId, name: row.otherName },
    status: row.status,
    expiresAt: row.expiresAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function presentWork(row: RunningWorkRow): HomeWork {
  return {
    kind: row.kind,
    id: row.id,
    startedAt: row.startedAt.toISOString(),
    done: row.done,
    total: row.total,
  };
}

/**
 * A programme a manager runs, with counts of what needs attention and its running work. Only
 * counts, states and dates leave here: a manager never sees a pair's agreement or notes.
 */
export function presentManagedProgramme(
  row: ProgrammeAttentionRow,
  work: readonly RunningWorkRow[],
): ManagedProgramme {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    evergreen: row.evergreen,
    waitingForMatch: row.waitingForMatch,
    pendingApproval: row.pendingApproval,
    expiringRequests: row.expiringRequests,
    inactivePairs: row.inactivePairs,
    livePairs: row.livePairs,
    work: work.filter((item) => item.programmeId === row.id).map(presentWork),
  };
}
