import type { RegisterRequestSchema } from "../../contracts/enrolment.ts";
import type { z } from "zod";
import type { Membership, OrgId, UserId } from "../../core/accounts/types.ts";
import {
  capacityFor,
  isRoleOffered,
  offeredRoles,
  refuseRegistration,
  statusOnRegistration,
} from "../../core/enrolment/enrolment-rules.ts";
import { acceptsRegistrations } from "../../core/programmes/programme-status.ts";
import type { EnrolmentRecord, ProgrammeRecord } from "../../core/programmes/types.ts";
import { inTransaction, type Repositories } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { recordEvents } from "../events/record-events.ts";
import { answersFromList, requireValidAnswers } from "./answers.ts";
import { programmeFor, registrationForm } from "./enrolment.policy.ts";

export type RegisterInput = z.output<typeof RegisterRequestSchema>;

/** Refuses a role the programme does not offer: a 400 naming body.role. */
export function requireOfferedRole(programme: ProgrammeRecord, role: EnrolmentRecord["role"]): void {
  if (!isRoleOffered(programme.rolesOffered, role))
    throw new AppError("validation_failed", `${programme.name} does not offer the role ${role}.`, [
      {
        path: "body.role",
        message: `is not offered here (choose ${offeredRoles(programme.rolesOffered).join(" or ")})`,
      },
    ]);
}

/** Refuses a capacity from someone who will mentor nobody: a 400 naming body.mentorCapacity. */
export function requireCapacityFits(role: EnrolmentRecord["role"], capacity: number | undefined): void {
  if (role === "mentee" && capacity !== undefined && capacity !== 0)
    throw new AppError("validation_failed", "Only mentors have a mentor capacity.", [
      { path: "body.mentorCapacity", message: "applies to mentors only" },
    ]);
}

async function tellAdmins(
  repos: Repositories,
  actor: { orgId: OrgId; userId: string },
  programme: ProgrammeRecord,
  name: string,
) {
  const adminIds: string[] = [];
  for (const role of ["owner", "admin"] as const) {
    const { members } = await repos.organisations.listMembers(actor.orgId, {
      role,
      status: "active",
      limit: 200,
      offset: 0,
    });
    adminIds.push(...members.map((member) => member.userId));
  }
  await recordEvents(repos, [
    {
      kind: "enrolment.pending",
      orgId: actor.orgId,
      actorId: actor.userId,
      subjectId: programme.id,
      payload: { programmeId: programme.id, programmeName: programme.name, registrantName: name, adminIds },
    },
  ]);
}

/**
 * Registers the caller for a programme with a role and answers: refused when registration is
 * closed (422), for a role not offered or answers that do not fit the form (400 naming the
 * field), or when already registered (409). Someone who left registers again in the same row.
 * Waits for approval when the programme asks for it (admins are told in the app).
 */
export async function registerForProgramme(
  deps: ServerDeps,
  actor: Pick<Membership, "orgId" | "role" | "userId">,
  programmeId: string,
  input: RegisterInput,
  source: "self" | "invite",
): Promise<{ enrolment: EnrolmentRecord; programme: ProgrammeRecord }> {
  const outcome = await inTransaction(deps.db, async (repos) => {
    const programme = await programmeFor(repos, actor, programmeId, { viaJoinLink: source === "invite" });
    if (!acceptsRegistrations(programme))
      throw new AppError("domain_rule", `Registration for ${programme.name} is closed.`);
    requireOfferedRole(programme, input.role);
    requireCapacityFits(input.role, input.mentorCapacity);
    const form = registrationForm(programme);
    const answers = answersFromList(input.answers);
    requireValidAnswers(form, answers, input.role);

    const existing = await repos.enrolments.findForUserForUpdate(actor.orgId, programme.id, actor.userId);
    const refusal = refuseRegistration(existing);
    if (refusal) throw new AppError(existing?.status === "declined" ? "domain_rule" : "conflict", refusal);
    const values = {
      role: input.role,
      status: statusOnRegistration(programme),
      mentorCapacity: capacityFor(input.role, input.mentorCapacity, programme.defaultMentorCapacity),
      answers,
      source,
      pausedUntil: null,
    };
    const enrolment = existing
      ? await repos.enrolments.update(actor.orgId, programme.id, existing.id, values, ["left"])
      : await repos.enrolments.insertIfAbsent({
          orgId: actor.orgId,
          programmeId: programme.id,
          userId: actor.userId as UserId,
          ...values,
        });
    if (!enrolment) throw new AppError("conflict", "You are already registered for this programme.");
    if (enrolment.status === "pending_approval") {
      const me = await repos.users.findById(actor.userId);
      await tellAdmins(repos, actor, programme, me?.name ?? "Someone");
    }
    return { enrolment, programme };
  });
  await deps.events.afterCommit();
  return outcome;
}
