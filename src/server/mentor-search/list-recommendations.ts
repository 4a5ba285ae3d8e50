import type { RecommendationList } from "../../contracts/mentor-search.ts";
import { isOrgAdmin } from "../../core/accounts/rules.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import { explainMenteeRow } from "../../core/matching/scoring/explain-pair.ts";
import { RESPONSE_TIME_WINDOW_DAYS } from "../../core/requests/response-time.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { loadMenteeContext } from "./load-mentee-context.ts";
import { presentMentorCard } from "./mentor-card.presenter.ts";
import { rankMentors, remainingOf, scoreOf } from "./rank-mentors.ts";

/**
 * The calling mentee's best mentors: eligible ones (allowed by every rule, not met before, with
 * room) by score, each with its per-criterion explanation from the same kernel that scored it,
 * room left, typical response time, and my open request to them if any.
 */
export async function listRecommendations(
  deps: ServerDeps,
  membership: Membership,
  programmeId: ProgrammeId,
  limit: number,
): Promise<RecommendationList> {
  const context = await loadMenteeContext(deps, membership, programmeId);
  const { entry, live } = context;
  // Scoring and explaining are synchronous: the entry's shared row buffer is read before any await.
  const ranked = rankMentors(entry, membership.userId, live);
  const top = ranked ? Array.from(ranked.order.subarray(0, limit)) : [];
  const scores = ranked ? top.map((j) => scoreOf(entry, ranked.raw[j])) : [];
  const explanations = ranked ? explainMenteeRow(entry.prepared, ranked.menteeIndex, top) : [];
  const mentorIds = top.map((j) => entry.prepared.mentorIds[j] as UserId);

  const since = new Date(deps.now().getTime() - RESPONSE_TIME_WINDOW_DAYS * 86_400_000);
  const [cards, responseTimes] = await Promise.all([
    deps.repos.mentorSearch.cards(membership.orgId, mentorIds),
    deps.repos.requests.medianResponseMs(membership.orgId, mentorIds, since),
  ]);
  const cardById = new Map(cards.map((card) => [card.userId, card]));
  return {
    programme: { id: context.programme.id, name: context.programme.name },
    allowance: context.allowance,
    eligibleMentors: ranked?.order.length ?? 0,
    recommendations: mentorIds.flatMap((mentorId, k) => {
      const card = cardById.get(mentorId);
      if (!card) return [];
      return [
        {
          ...presentMentorCard(card, {
            viewerIsAdmin: isOrgAdmin(membership.role),
            capacity: entry.participants.get(mentorId)?.mentorCapacity ?? 0,
            remainingCapacity: remainingOf(entry, live, mentorId),
            medianResponseMs: responseTimes.get(mentorId),
            myRequest: context.openRequests.get(mentorId),
          }),
          rank: k + 1,
          score: scores[k],
          why: explanations[k].contributions.map((c) => ({ ...c })),
        },
      ];
    }),
  };
}
