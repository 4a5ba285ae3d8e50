import type { UpdateMyEnrolmentRequestSchema } from "../../contracts/enrolment.ts";
import type { z } from "zod";
import type { Membership } from "../../core/accounts/types.ts";
import {
  type EnrolmentMove,
  isPauseEndAcceptable,
  refuseMove,
  statusAfter,
  statusesAllowing,
} from "../../core/enrolment/enrolment-rules.ts";
import type { EnrolmentRecord, ProgrammeRecord } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { answersFromList, requireValidAnswers } from "./answers.ts";
import { programmeFor, registrationForm } from "./enrolment.policy.ts";
import { requireCapacityFits } from "./register.ts";

type Actor = Pick<Membership, "orgId" | "role" | "userId">;
const notRegistered = () => notFound("You are not registered for this programme.");

/**
 * Changes the caller's answers (the whole set, checked against the form) or mentor capacity.
 * Not for someone who left or was declined: they register again, or ask an admin.
 */
export async function updateMyEnrolment(
  deps: ServerDeps,
  actor: Actor,
  programmeId: string,
  input: z.output<typeof UpdateMyEnrolmentRequestSchema>,
): Promise<{ enrolment: EnrolmentRecord; programme: ProgrammeRecord }> {
  return inTransaction(deps.db, async (repos) => {
    const programme = await programmeFor(repos, actor, programmeId);
    const current = await repos.enrolments.findForUserForUpdate(actor.orgId, programme.id, actor.userId);
    if (!current) throw notRegistered();
    if (current.status === "left" || current.status === "declined")
      throw new AppError(
        "domain_rule",
        current.status === "left"
          ? "You left this programme. Register again to take part."
          : "Your registration was declined, so it cannot be changed.",
      );
    requireCapacityFits(current.role, input.mentorCapacity);
    const changes: { answers?: Record<string, unknown>; mentorCapacity?: number } = {};
    if (input.answers !== undefined) {
      changes.answers = answersFromList(input.answers);
      requireValidAnswers(registrationForm(programme), changes.answers, current.role);
    }
    if (input.mentorCapacity !== undefined && current.role !== "mentee")
      changes.mentorCapacity = input.mentorCapacity;
    const enrolment = await repos.enrolments.update(actor.orgId, programme.id, current.id, changes);
    return { enrolment: enrolment!, programme };
  });
}

/**
 * Pauses (holiday mode, optionally until a date: today or later), resumes or leaves. The change
 * is a conditional UPDATE from the statuses the move starts from, so a concurrent change wins
 * cleanly (409) rather than being overwritten.
 */
export async function moveMyEnrolment(
  deps: ServerDeps,
  actor: Actor,
  programmeId: string,
  move: Extract<EnrolmentMove, "pause" | "resume" | "leave">,
  until?: string | null,
): Promise<{ enrolment: EnrolmentRecord; programme: ProgrammeRecord }> {
  const programme = await programmeFor(deps.repos, actor, programmeId);
  const current = await deps.repos.enrolments.findForUser(actor.orgId, programme.id, actor.userId);
  if (!current) throw notRegistered();
  const refusal = refuseMove(move, current.status);
  if (refusal) throw new AppError("domain_rule", refusal);
  if (move === "pause" && until) {
    const today = deps.now().toISOString().slice(0, 10);
    if (!isPauseEndAcceptable(until, today))
      throw new AppError("validation_failed", "The pause must end today or later.", [
        { path: "body.until", message: "must be today or later" },
      ]);
  }
  const enrolment = await deps.repos.enrolments.update(
    actor.orgId,
    programme.id,
    current.id,
    { status: statusAfter(move), pausedUntil: move === "pause" ? (until ?? null) : null },
    statusesAllowing(move),
  );
  if (!enrolment)
    throw new AppError("conflict", "Your place in the programme just changed. Reload and try again.");
  return { enrolment, programme };
}
