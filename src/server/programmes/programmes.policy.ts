import { isOrgAdmin } from "../../core/accounts/rules.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { acceptsRegistrations } from "../../core/programmes/programme-status.ts";
import type { EnrolmentRecord, ProgrammeId, ProgrammeRecord } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import type { ProgrammeViewer } from "./programme.presenter.ts";

/**
 * Who may see a programme: admins any; members one open for registration or one they are
 * enrolled in, never a draft or an archived programme. To anyone else it does not exist (404).
 */
export function mayMemberSee(
  programme: Pick<ProgrammeRecord, "status" | "evergreen">,
  enrolment: Pick<EnrolmentRecord, "status"> | null,
): boolean {
  if (programme.status === "draft" || programme.status === "archived") return false;
  return acceptsRegistrations(programme) || enrolment !== null;
}

/** The programme as the caller may see it, with what they see beside it; 404 when they may not. */
export async function loadProgrammeFor(
  deps: ServerDeps,
  caller: Membership,
  programmeId: ProgrammeId,
): Promise<{ programme: ProgrammeRecord; viewer: ProgrammeViewer }> {
  const programme = await deps.repos.programmes.find(caller.orgId, programmeId);
  if (!programme) throw notFound("Programme not found.");
  const enrolment = await deps.repos.enrolments.findForUser(caller.orgId, programmeId, caller.userId);
  const myEnrolment = enrolment ? { role: enrolment.role, status: enrolment.status } : null;
  if (!isOrgAdmin(caller.role)) {
    if (!mayMemberSee(programme, enrolment)) throw notFound("Programme not found.");
    return { programme, viewer: { isAdmin: false, counts: null, myEnrolment } };
  }
  return { programme, viewer: await adminViewer(deps, caller, programme, myEnrolment) };
}

/** What an admin sees beside a programme: its counts. */
export async function adminViewer(
  deps: ServerDeps,
  caller: Membership,
  programme: ProgrammeRecord,
  myEnrolment?: ProgrammeViewer["myEnrolment"],
): Promise<ProgrammeViewer> {
  const counts = await deps.repos.programmes.counts(caller.orgId, [programme.id]);
  const enrolment =
    myEnrolment !== undefined
      ? myEnrolment
      : await deps.repos.enrolments.findForUser(caller.orgId, programme.id, caller.userId);
  return {
    isAdmin: true,
    counts: counts.get(programme.id) ?? null,
    myEnrolment: enrolment ? { role: enrolment.role, status: enrolment.status } : null,
  };
}
