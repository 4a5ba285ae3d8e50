import type { WhyNot } from "../../contracts/mentor-search.ts";
import { hasRoom } from "../../core/relationships/relationship-status.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import { explainMenteeRow } from "../../core/matching/scoring/explain-pair.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { loadMenteeContext } from "./load-mentee-context.ts";
import { rankMentors } from "./rank-mentors.ts";

type Reason = WhyNot["reasons"][number];

/** The matcher's exclusion labels (see EXCLUSION_REASONS) in a mentee's words. */
function exclusionReason(label: string, name: string): Reason {
  if (label.startsWith("hard rule: "))
    return {
      code: "hard_rule",
      message: `A must-have rule of this programme is not met: ${label.slice("hard rule: ".length)}.`,
    };
  switch (label) {
    case "same person":
      return { code: "same_person", message: "That is you." };
    case "reporting line":
      return {
        code: "reporting_line",
        message: `${name} is in your reporting line: the programme does not pair people with their managers.`,
      };
    case "earlier pair":
      return { code: "earlier_pair", message: `You were paired with ${name} before.` };
    case "blocked":
      return { code: "blocked", message: `This pairing is blocked.` };
    default:
      return { code: "already_matched", message: `${name} is already your mentor here.` };
  }
}

/**
 * "Why not mentor X?": the rules that exclude the pair (from the matcher), an earlier or current
 * pair, no room left, my open request, and otherwise where X stands among my eligible mentors.
 */
export async function explainRecommendation(
  deps: ServerDeps,
  membership: Membership,
  programmeId: ProgrammeId,
  mentorId: UserId,
): Promise<WhyNot> {
  const context = await loadMenteeContext(deps, membership, programmeId);
  const { entry, live } = context;
  const j = entry.mentorIndex.get(mentorId);
  const name = (await deps.repos.requests.names([mentorId])).get(mentorId) ?? "This mentor";
  const reasons: Reason[] = [];
  const myRequest = context.openRequests.get(mentorId);
  if (myRequest)
    reasons.push({
      code: "already_requested",
      message:
        myRequest.status === "needs_info"
          ? `You asked ${name} already; they are waiting for your answer.`
          : `You asked ${name} already; the request is waiting for their answer.`,
    });

  if (j === undefined) {
    const enrolment = await deps.repos.enrolments.findForUser(membership.orgId, programmeId, mentorId);
    if (!enrolment || enrolment.role === "mentee") throw notFound("Mentor not found in this programme.");
    reasons.unshift({
      code: "not_active",
      message: `${name} is not taking mentees in this programme right now (${enrolment.status.replace("_", " ")}).`,
    });
    return { mentor: { userId: mentorId, name }, eligible: false, rank: null, score: null, reasons, why: [] };
  }

  const ranked = rankMentors(entry, membership.userId as UserId, live);
  const explanation = ranked ? explainMenteeRow(entry.prepared, ranked.menteeIndex, [j])[0] : undefined;
  const position = ranked ? ranked.order.indexOf(j) : -1;
  if (explanation) for (const label of explanation.excludedBy) reasons.push(exclusionReason(label, name));
  if (live.earlier.has(mentorId) && !explanation?.excludedBy.includes("earlier pair"))
    reasons.push(exclusionReason("earlier pair", name));
  if (live.live.has(mentorId)) reasons.push(exclusionReason("already matched", name));
  const capacity = entry.participants.get(mentorId)?.mentorCapacity ?? 0;
  const taken = live.liveCounts.get(mentorId) ?? 0;
  if (!hasRoom(capacity, taken)) {
    reasons.push({
      code: "no_capacity",
      message: `${name} has no room for another mentee (${taken} of ${capacity} places taken).`,
    });
  }
  return {
    mentor: { userId: mentorId, name },
    eligible: position >= 0,
    rank: position >= 0 ? position + 1 : null,
    score: explanation?.score ?? null,
    reasons,
    why: explanation ? explanation.contributions.map((c) => ({ ...c })) : [],
  };
}
