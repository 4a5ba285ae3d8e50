/**
 * The rules of editing a bulk-matching draft by hand. Each returns why an edit is refused, or
 * null when it may go ahead; the caller applies it in one transaction.
 */
import type { PairExplanation } from "../matching/index.ts";
import { hasRoom, roomLeft } from "../relationships/relationship-status.ts";

export const REMOVED_BY_MANAGER = "removed by manager";

export interface EditRefusal {
  /** conflict: the draft's state is in the way (lock, capacity); rule: the matcher's rules forbid it. */
  kind: "conflict" | "rule";
  message: string;
}

interface Named {
  id: string;
  name: string;
}

/**
 * Whether mentee M may be paired with mentor X: M's pair must not be locked, X must not be M's
 * mentor already, the matcher's hard rules and exclusions must allow the pair (the same scoring
 * the run used), and X needs a free place (draft pairs plus live relationships below capacity).
 *
 * Example: refuseAssignment({ mentee, mentor, currentMentorId: null, locked: false,
 *   explanation: { allowed: true, ... }, capacity: 2, used: 2 })
 *   → { kind: "conflict", message: "Sam Mentor is at capacity (2 of 2 places taken)." }
 */
export function refuseAssignment(input: {
  mentee: Named;
  mentor: Named;
  currentMentorId: string | null;
  locked: boolean;
  explanation: PairExplanation;
  capacity: number;
  used: number;
}): EditRefusal | null {
  const { mentee, mentor } = input;
  if (input.locked)
    return { kind: "conflict", message: `${mentee.name}'s pair is locked; unlock it before changing it.` };
  if (input.currentMentorId === mentor.id)
    return { kind: "conflict", message: `${mentee.name} is already paired with ${mentor.name}.` };
  if (!input.explanation.allowed)
    return {
      kind: "rule",
      message: `${mentor.name} cannot mentor ${mentee.name}: excluded by ${input.explanation.excludedBy.join(", ")}.`,
    };
  if (!hasRoom(input.capacity, input.used))
    return {
      kind: "conflict",
      message: `${mentor.name} is at capacity (${input.used} of ${input.capacity} ${input.capacity === 1 ? "place" : "places"} taken).`,
    };
  return null;
}

/**
 * Whether the mentors of two pairs may be exchanged: two different pairs, neither locked, with
 * different mentors, and both new pairs allowed by the matcher's rules. Capacities do not change.
 *
 * Example: refuseSwap({ first: { mentee: a, mentorId: "x", locked: false, explanation: (a with y) },
 *   second: { mentee: b, mentorId: "y", locked: false, explanation: (b with x) } }) === null
 */
export function refuseSwap(input: {
  first: { mentee: Named; mentorId: string; locked: boolean; explanation: PairExplanation };
  second: { mentee: Named; mentorId: string; locked: boolean; explanation: PairExplanation };
  mentorName: (id: string) => string;
}): EditRefusal | null {
  const { first, second } = input;
  if (first.mentee.id === second.mentee.id)
    return { kind: "rule", message: "Choose two different pairs to swap." };
  for (const side of [first, second]) {
    if (side.locked)
      return {
        kind: "conflict",
        message: `${side.mentee.name}'s pair is locked; unlock it before changing it.`,
      };
  }
  if (first.mentorId === second.mentorId)
    return {
      kind: "conflict",
      message: `${first.mentee.name} and ${second.mentee.name} already share a mentor.`,
    };
  for (const side of [first, second]) {
    if (!side.explanation.allowed)
      return {
        kind: "rule",
        message: `${input.mentorName(side.explanation.mentor)} cannot mentor ${side.mentee.name}: excluded by ${side.explanation.excludedBy.join(", ")}.`,
      };
  }
  return null;
}

/** One reason publishing is refused for a pair. */
export interface PublishProblem {
  menteeId: string;
  message: string;
}

/**
 * Checks a draft against the programme as it is at publish time: both people still active on
 * their side, the mentee without a live relationship, and every mentor's live relationships
 * plus draft pairs within capacity.
 *
 * Example: a mentor of capacity 1 who accepted a request since the run, with one draft pair
 *   → [{ menteeId, message: "Sam Mentor is over capacity: 1 live relationship and 1 draft pair, capacity 1." }]
 */
export function publishProblems(input: {
  pairs: readonly { menteeId: string; mentorId: string }[];
  /** Active enrolments by user id: capacity, and which sides the person is on. */
  enrolments: ReadonlyMap<string, { canMentor: boolean; canBeMentored: boolean; capacity: number }>;
  liveByMentor: ReadonlyMap<string, number>;
  menteesWithLive: ReadonlySet<string>;
  name: (id: string) => string;
}): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const draftByMentor = new Map<string, number>();
  for (const pair of input.pairs)
    draftByMentor.set(pair.mentorId, (draftByMentor.get(pair.mentorId) ?? 0) + 1);
  const reported = new Set<string>();
  for (const pair of input.pairs) {
    const mentee = input.enrolments.get(pair.menteeId);
    const mentor = input.enrolments.get(pair.mentorId);
    const add = (message: string) => problems.push({ menteeId: pair.menteeId, message });
    if (!mentee?.canBeMentored) add(`${input.name(pair.menteeId)} is no longer an active mentee here.`);
    else if (input.menteesWithLive.has(pair.menteeId))
      add(`${input.name(pair.menteeId)} already has a mentor in this programme.`);
    if (!mentor?.canMentor) {
      add(`${input.name(pair.mentorId)} is no longer an active mentor here.`);
      continue;
    }
    const live = input.liveByMentor.get(pair.mentorId) ?? 0;
    const draft = draftByMentor.get(pair.mentorId)!;
    if (roomLeft(mentor.capacity, live + draft) < 0 && !reported.has(pair.mentorId)) {
      reported.add(pair.mentorId);
      add(
        `${input.name(pair.mentorId)} is over capacity: ${live} live ${live === 1 ? "relationship" : "relationships"} and ${draft} draft ${draft === 1 ? "pair" : "pairs"}, capacity ${mentor.capacity}.`,
      );
    }
  }
  return problems;
}
