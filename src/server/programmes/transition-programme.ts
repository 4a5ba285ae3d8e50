import type { Membership } from "../../core/accounts/types.ts";
import { refuseTransition } from "../../core/programmes/programme-status.ts";
import type { ProgrammeId, ProgrammeRecord, ProgrammeStatus } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";

/**
 * Moves a programme to another state if the state table allows it (422 domain_rule naming the
 * current state otherwise). The row is locked while deciding, so two admins pressing "Start
 * matching" and "Archive" at once get one move each, in turn, each checked against the state
 * the other left.
 */
export async function transitionProgramme(
  deps: ServerDeps,
  actor: Membership,
  programmeId: ProgrammeId,
  to: ProgrammeStatus,
): Promise<ProgrammeRecord> {
  return inTransaction(deps.db, async (repos) => {
    const programme = await repos.programmes.findForUpdate(actor.orgId, programmeId);
    if (!programme) throw notFound("Programme not found.");
    const refusal = refuseTransition(programme, to);
    if (refusal) throw new AppError("domain_rule", refusal);
    const updated = await repos.programmes.update(actor.orgId, programmeId, {
      status: to,
      updatedAt: deps.now(),
    });
    if (!updated) throw notFound("Programme not found.");
    return updated;
  });
}
