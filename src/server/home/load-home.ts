import type { Home } from "../../contracts/home.ts";
import { isOrgAdmin } from "../../core/accounts/rules.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { isLive } from "../../core/relationships/relationship-status.ts";
import type { ServerDeps } from "../deps.ts";
import { loadMyMentoring } from "../relationships/load-my-mentoring.ts";
import { presentHomeRequest, presentManagedProgramme } from "./home.presenter.ts";
import { loadHomeSessions } from "../sessions/home-sessions.ts";

const DAY_MS = 86_400_000;
/** A pair with no activity for this long is shown to its managers as inactive. */
export const INACTIVE_PAIR_DAYS = 21;
/** Open requests expiring within this many days are flagged to managers. */
export const EXPIRING_WITHIN_DAYS = 3;
/** How long a closed request I sent stays on my Home, so I see how it ended. */
const CLOSED_REQUEST_DAYS = 14;

/**
 * Home: my next steps (the same ones as My mentoring), the requests waiting for my answer and the
 * ones I sent, my live pairs, and, for owners and admins, each programme with what needs
 * attention and the work still running in it.
 */
export async function loadHome(deps: ServerDeps, membership: Membership): Promise<Home> {
  const { orgId, userId } = membership;
  const now = deps.now();
  const isManager = isOrgAdmin(membership.role);
  const [mentoring, requests, timeZone, manager, sessions] = await Promise.all([
    loadMyMentoring(deps, membership),
    deps.repos.home.requestsOf(orgId, userId, new Date(now.getTime() - CLOSED_REQUEST_DAYS * DAY_MS)),
    deps.repos.home.timeZoneOf(orgId, userId),
    isManager ? loadManagerPart(deps, membership, now) : Promise.resolve(null),
    loadHomeSessions(deps, membership, now),
  ]);
  return {
    timeZone: timeZone ?? "UTC",
    nextSteps: mentoring.nextSteps,
    requestsToAnswer: requests.toAnswer.map(presentHomeRequest),
    sentRequests: requests.sent.map(presentHomeRequest),
    pairs: mentoring.relationships.filter((relationship) => isLive(relationship.status)),
    enrolledProgrammes: mentoring.enrolledProgrammes,
    nextSession: sessions.nextSession,
    openActionItems: sessions.openActionItems,
    manager,
  };
}

async function loadManagerPart(
  deps: ServerDeps,
  membership: Membership,
  now: Date,
): Promise<Home["manager"]> {
  const { orgId } = membership;
  const [members, programmes, work] = await Promise.all([
    deps.repos.home.activeMembers(orgId),
    deps.repos.home.programmeAttention(orgId, {
      now,
      expiringBefore: new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS),
      inactiveSince: new Date(now.getTime() - INACTIVE_PAIR_DAYS * DAY_MS),
    }),
    deps.repos.home.runningWork(orgId),
  ]);
  return {
    members,
    programmes: programmes.map((row) => presentManagedProgramme(row, work)),
    inactiveDays: INACTIVE_PAIR_DAYS,
    expiringWithinDays: EXPIRING_WITHIN_DAYS,
  };
}
