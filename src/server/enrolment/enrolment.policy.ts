import { isOrgAdmin } from "../../core/accounts/rules.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { QUESTION_KINDS, type FormQuestion } from "../../core/programmes/registration-form.ts";
import type { ProgrammeId, ProgrammeRecord } from "../../core/programmes/types.ts";
import type { Repositories } from "../../db/index.ts";
import { notFound } from "../http/app-error.ts";

export const programmeNotFound = () => notFound("Programme not found.");

/**
 * The programme in the path, in the caller's organisation. A draft is not yet published: only
 * admins (and people holding its join link) see it; everyone else gets the same 404 as for a
 * programme that does not exist.
 */
export async function programmeFor(
  repos: Repositories,
  membership: Pick<Membership, "orgId" | "role">,
  programmeId: string,
  options: { viaJoinLink?: boolean } = {},
): Promise<ProgrammeRecord> {
  const programme = await repos.programmes.find(membership.orgId, programmeId as ProgrammeId);
  if (!programme) throw programmeNotFound();
  if (programme.status === "draft" && !isOrgAdmin(membership.role) && !options.viaJoinLink)
    throw programmeNotFound();
  return programme;
}

/**
 * The programme's registration form. The programmes feature checks the form when it is saved;
 * this keeps out anything that is not a question (so a bad row can never break registration).
 */
export function registrationForm(programme: Pick<ProgrammeRecord, "registrationForm">): FormQuestion[] {
  return (programme.registrationForm as Partial<FormQuestion>[]).filter(
    (question): question is FormQuestion =>
      typeof question === "object" &&
      question !== null &&
      typeof question.id === "string" &&
      typeof question.label === "string" &&
      QUESTION_KINDS.includes(question.kind as FormQuestion["kind"]),
  );
}
