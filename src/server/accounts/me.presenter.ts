import type { Me } from "../../contracts/accounts.ts";
import type { Membership, SessionRecord, User } from "../../core/accounts/types.ts";

/** The signed-in person as the API shows them: the one place this shape is built. */
export function presentMe(user: User, memberships: Membership[], session: SessionRecord): Me {
  const current = memberships.find((membership) => membership.orgId === user.lastOrgId) ?? memberships[0];
  return {
    user: { id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerifiedAt !== null },
    memberships: memberships.map((membership) => ({
      orgId: membership.orgId,
      orgName: membership.orgName,
      role: membership.role,
    })),
    currentOrgId: current?.orgId ?? null,
    csrfToken: session.csrfToken,
  };
}
