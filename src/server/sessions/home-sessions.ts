import type { Home } from "../../contracts/home.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { presentActionItem } from "./session.presenter.ts";

/** Home's sessions part: my next live session and my open action items. */
export async function loadHomeSessions(
  deps: ServerDeps,
  membership: Membership,
  now: Date,
): Promise<Pick<Home, "nextSession" | "openActionItems">> {
  const userId = membership.userId as UserId;
  const [next, items] = await Promise.all([
    deps.repos.sessions.nextForUser(membership.orgId, userId, now),
    deps.repos.sessionContent.openForOwner(membership.orgId, userId, 20),
  ]);
  return {
    nextSession: next
      ? {
          id: next.session.id,
          relationshipId: next.session.relationshipId,
          programme: { id: next.session.programmeId, name: next.programmeName },
          status: next.session.status,
          startsAt: next.session.startsAt.toISOString(),
          endsAt: next.session.endsAt.toISOString(),
          format: next.session.format,
          with: next.attendees
            .filter((attendee) => attendee.userId !== userId)
            .map((attendee) => ({
              userId: attendee.userId,
              name: attendee.name,
              timeZone: attendee.timeZone,
            })),
          mustAnswer: next.session.status === "proposed" && next.session.proposedBy !== userId,
        }
      : null,
    openActionItems: items.map(presentActionItem),
  };
}
