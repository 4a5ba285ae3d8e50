import type { Membership } from "../../core/accounts/types.ts";
import { refuseMove, statusAfter, statusesAllowing } from "../../core/enrolment/enrolment-rules.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ParticipantRecord } from "../../db/repositories/enrolments.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import type { DomainEvent } from "../../contracts/events.ts";
import { recordEvents } from "../events/record-events.ts";
import { programmeFor } from "./enrolment.policy.ts";
import { participantNotFound } from "./update-participant.ts";

/**
 * An admin approves or declines a registration waiting for approval; the person is told in the
 * app and by email (with the reason, when declined). A conditional UPDATE: of two admins deciding
 * at once, one wins and the other gets 422 with the state it found.
 */
export async function decideRegistration(
  deps: ServerDeps,
  actor: Pick<Membership, "orgId" | "role">,
  programmeId: string,
  enrolmentId: string,
  decision: { move: "approve" } | { move: "decline"; reason?: string },
): Promise<{ participant: ParticipantRecord; programme: ProgrammeRecord }> {
  const { participant, programme } = await inTransaction(deps.db, async (repos) => {
    const programme = await programmeFor(repos, actor, programmeId);
    const current = await repos.enrolments.findByIdForUpdate(actor.orgId, programme.id, enrolmentId);
    if (!current) throw participantNotFound();
    const refusal = refuseMove(decision.move, current.status);
    if (refusal) throw new AppError("domain_rule", refusal);
    await repos.enrolments.update(
      actor.orgId,
      programme.id,
      current.id,
      { status: statusAfter(decision.move) },
      statusesAllowing(decision.move),
    );
    const approved = decision.move === "approve";
    const reason = decision.move === "decline" ? decision.reason?.trim() : undefined;
    const common = { programmeId: programme.id, programmeName: programme.name, userId: current.userId };
    const envelope = { orgId: actor.orgId, subjectId: current.id };
    const event: DomainEvent = approved
      ? { ...envelope, kind: "enrolment.approved", payload: common }
      : { ...envelope, kind: "enrolment.declined", payload: { ...common, reason: reason || null } };
    await recordEvents(repos, [event]);
    const participant = (await repos.enrolments.findParticipant(actor.orgId, programme.id, current.id))!;
    return { participant, programme };
  });
  await deps.events.afterCommit();
  return { participant, programme };
}
