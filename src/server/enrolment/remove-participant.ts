import type { Membership } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { recordEvents } from "../events/record-events.ts";
import { programmeFor } from "./enrolment.policy.ts";
import { participantNotFound } from "./update-participant.ts";

/**
 * An admin removes someone from a programme: the enrolment is deleted (a later import or
 * registration starts afresh) and the person is told in the app. Refused while they are in a
 * proposed, active or paused relationship of the programme: end that first.
 */
export async function removeParticipant(
  deps: ServerDeps,
  actor: Pick<Membership, "orgId" | "role">,
  programmeId: string,
  enrolmentId: string,
): Promise<void> {
  await inTransaction(deps.db, async (repos) => {
    const programme = await programmeFor(repos, actor, programmeId);
    const current = await repos.enrolments.findByIdForUpdate(actor.orgId, programme.id, enrolmentId);
    if (!current) throw participantNotFound();
    if (await repos.enrolments.hasLiveRelationship(actor.orgId, programme.id, current.userId))
      throw new AppError(
        "domain_rule",
        "This person is in a mentoring relationship of this programme. End the relationship first.",
      );
    await repos.enrolments.delete(actor.orgId, programme.id, current.id);
    if (current.status !== "left" && current.status !== "declined")
      await recordEvents(repos, [
        {
          kind: "enrolment.removed",
          orgId: actor.orgId,
          subjectId: current.id,
          payload: { programmeId: programme.id, programmeName: programme.name, userId: current.userId },
        },
      ]);
  });
  await deps.events.afterCommit();
}
