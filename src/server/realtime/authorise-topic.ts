import { isOrgAdmin } from "../../core/accounts/rules.ts";
import type { Membership, OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { TopicKind } from "../../contracts/realtime.ts";
import type { Repositories } from "../../db/index.ts";
import { mayMemberSee } from "../programmes/programmes.policy.ts";

export interface Listener {
  userId: UserId;
  /** Active memberships, read when the socket subscribes (and again every minute). */
  memberships: Membership[];
}

/**
 * Whether a person may hear a topic: the same people who may read the thing through the API.
 * A thing of an organisation they are not in, or that does not exist, is refused alike.
 * - user: only oneself; org: its members;
 * - programme: its organisation's admins, and members who may see it (enrolled, or it is open);
 * - request and relationship: the mentee, the mentor and the organisation's admins;
 * - match-run and csv-import: the organisation's admins (who manage programmes).
 */
export async function mayHear(
  repos: Repositories,
  listener: Listener,
  kind: TopicKind,
  id: string,
): Promise<boolean> {
  const membershipIn = (orgId: string) => listener.memberships.find((m) => m.orgId === orgId) ?? null;
  switch (kind) {
    case "user":
      return id === listener.userId;
    case "org":
      return membershipIn(id) !== null;
    case "programme": {
      for (const membership of listener.memberships) {
        const programme = await repos.programmes.find(membership.orgId as OrgId, id as ProgrammeId);
        if (!programme) continue;
        if (isOrgAdmin(membership.role)) return true;
        const enrolment = await repos.enrolments.findForUser(membership.orgId, programme.id, listener.userId);
        return mayMemberSee(programme, enrolment);
      }
      return false;
    }
    default: {
      const scope = await repos.realtime.scopeOf(kind, id);
      const membership = scope ? membershipIn(scope.orgId) : null;
      if (!scope || !membership) return false;
      return isOrgAdmin(membership.role) || scope.parties.includes(listener.userId);
    }
  }
}
