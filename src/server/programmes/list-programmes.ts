import type { ProgrammeListQuery } from "../../contracts/programmes.ts";
import { isOrgAdmin } from "../../core/accounts/rules.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { mayMemberSee } from "./programmes.policy.ts";
import type { ProgrammeViewer } from "./programme.presenter.ts";

/**
 * Admins: every programme (one state, or all but archived), with counts. Members: programmes
 * open for registration and those they are enrolled in (never drafts or archived ones), each
 * with their own enrolment.
 */
export async function listProgrammes(
  deps: ServerDeps,
  caller: Membership,
  query: ProgrammeListQuery,
): Promise<{ programme: ProgrammeRecord; viewer: ProgrammeViewer }[]> {
  const isAdmin = isOrgAdmin(caller.role);
  const [all, enrolments] = await Promise.all([
    deps.repos.programmes.list(caller.orgId, { status: query.status }),
    deps.repos.programmes.enrolmentsOf(caller.orgId, caller.userId),
  ]);
  const visible = isAdmin
    ? all
    : all.filter((programme) => mayMemberSee(programme, enrolments.get(programme.id) ?? null));
  const counts = isAdmin
    ? await deps.repos.programmes.counts(
        caller.orgId,
        visible.map((programme) => programme.id),
      )
    : new Map();
  return visible.map((programme) => ({
    programme,
    viewer: {
      isAdmin,
      counts: counts.get(programme.id) ?? null,
      myEnrolment: enrolments.get(programme.id) ?? null,
    },
  }));
}
