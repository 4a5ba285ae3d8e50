import type { UpdateParticipantRequestSchema } from "../../contracts/enrolment.ts";
import type { z } from "zod";
import type { Membership } from "../../core/accounts/types.ts";
import { capacityFor } from "../../core/enrolment/enrolment-rules.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ParticipantRecord } from "../../db/repositories/enrolments.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { programmeFor } from "./enrolment.policy.ts";
import { requireCapacityFits, requireOfferedRole } from "./register.ts";

export const participantNotFound = () => notFound("Participant not found.");

/**
 * An admin changes someone's role (one the programme offers) or mentor capacity. A mentee's
 * capacity is 0; someone made a mentor without a capacity gets their old one or the default.
 */
export async function updateParticipant(
  deps: ServerDeps,
  actor: Pick<Membership, "orgId" | "role">,
  programmeId: string,
  enrolmentId: string,
  input: z.output<typeof UpdateParticipantRequestSchema>,
): Promise<{ participant: ParticipantRecord; programme: ProgrammeRecord }> {
  return inTransaction(deps.db, async (repos) => {
    const programme = await programmeFor(repos, actor, programmeId);
    const current = await repos.enrolments.findByIdForUpdate(actor.orgId, programme.id, enrolmentId);
    if (!current) throw participantNotFound();
    const role = input.role ?? current.role;
    if (input.role) requireOfferedRole(programme, input.role);
    requireCapacityFits(role, input.mentorCapacity);
    const kept = current.role === "mentee" ? undefined : current.mentorCapacity;
    const mentorCapacity = capacityFor(role, input.mentorCapacity ?? kept, programme.defaultMentorCapacity);
    await repos.enrolments.update(actor.orgId, programme.id, current.id, { role, mentorCapacity });
    return {
      participant: (await repos.enrolments.findParticipant(actor.orgId, programme.id, current.id))!,
      programme,
    };
  });
}
