import type { Membership } from "../../core/accounts/types.ts";
import { refuseMove, statusAfter, statusesAllowing } from "../../core/programmes/enrolment-rules.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ParticipantRecord } from "../../db/repositories/enrolments.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { emailNotices, type Notice, recordNotices } from "../notifications/notify.ts";
import { programmeFor } from "./programme-access.ts";
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
  const { participant, programme, notice } = await inTransaction(deps.db, async (repos) => {
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
    const notice: Notice = {
      orgId: actor.orgId,
      userId: current.userId,
      kind: approved ? "enrolment.approved" : "enrolment.declined",
      title: approved
        ? `You are in: ${programme.name}`
        : `Your registration for ${programme.name} was declined`,
      body: approved
        ? "Your registration was approved. You can now be matched."
        : reason
          ? `The programme's admins said: ${reason}`
          : "The programme's admins did not give a reason. Ask them if you would like to know more.",
      link: approved ? `/programmes/${programme.id}/register` : "/programmes",
      actionLabel: approved ? "See your registration" : "See programmes",
    };
    await recordNotices(repos, [notice]);
    const participant = (await repos.enrolments.findParticipant(actor.orgId, programme.id, current.id))!;
    return { participant, programme, notice };
  });
  await emailNotices(deps, [notice]);
  return { participant, programme };
}
