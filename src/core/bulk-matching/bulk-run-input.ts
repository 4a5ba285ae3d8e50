/**
 * From a programme's stored people, its live relationships and the locks carried from a draft to
 * the matcher's input, and from the matcher's result back to a draft.
 */
import type { MatchResult, Participant, Programme } from "../matching/index.ts";
import { type CarriedLock, compactExplanation, type DraftPair } from "./match-run.ts";
import { type StoredParticipant, toMatcherParticipant } from "../programmes/matcher-input.ts";

export interface BulkRunInput {
  /** What the matcher solves: mentees still to match, mentors with the places they have left. */
  programme: Programme;
  /** Locks that still fit: fixed in the draft, their places taken before the matcher runs. */
  keptLocks: CarriedLock[];
  droppedLocks: CarriedLock[];
  /** Mentees left out because they already have a live relationship in the programme. */
  alreadyMatched: number;
  /** Mentees the draft covers: those the matcher sees plus the kept locks. */
  menteesConsidered: number;
  mentorsConsidered: number;
  /** Free mentor places after live relationships (kept locks use some of them). */
  mentorPlaces: number;
}

const isMenteeSide = (p: Participant) => p.role === "mentee" || p.role === "both";
const isMentorSide = (p: Participant) => p.role === "mentor" || p.role === "both";

/**
 * The matcher's input for a bulk run. Pairs already running and kept locks are fixed before the
 * matcher runs: their mentees leave the mentee side (a person on both sides stays a mentor) and
 * their mentors' capacities shrink by as many places, so the matcher's optimum and certificate
 * are over exactly the choices left. A lock is dropped when its mentee or mentor is no longer
 * active on that side, the mentee has meanwhile got a mentor, or the mentor has no place left.
 *
 * Example: mentor m (capacity 2) with a live pair (e0, m) and a lock (e1, m); mentees e0, e1, e2
 *   → matcher sees mentee e2 and mentor m with capacity 0; keptLocks [(e1, m)]; alreadyMatched 1
 */
export function buildBulkRunInput(
  stored: readonly StoredParticipant[],
  pairs: {
    live: readonly (readonly [string, string])[];
    earlier: readonly (readonly [string, string])[];
  },
  locks: readonly CarriedLock[],
): BulkRunInput {
  const participants = stored.map(toMatcherParticipant);
  const byId = new Map(participants.map((p) => [p.id, p]));
  const room = new Map<string, number>();
  for (const p of participants) if (isMentorSide(p)) room.set(p.id, p.mentorCapacity ?? 1);
  const taken = new Set<string>();
  for (const [menteeId, mentorId] of pairs.live) {
    if (room.has(mentorId)) room.set(mentorId, Math.max(0, room.get(mentorId)! - 1));
    const mentee = byId.get(menteeId);
    if (mentee && isMenteeSide(mentee)) taken.add(menteeId);
  }
  const alreadyMatched = taken.size;
  const mentorPlaces = [...room.values()].reduce((sum, n) => sum + n, 0);
  const keptLocks: CarriedLock[] = [];
  const droppedLocks: CarriedLock[] = [];
  for (const lock of locks) {
    const mentee = byId.get(lock.menteeId);
    const fits =
      mentee !== undefined &&
      isMenteeSide(mentee) &&
      !taken.has(lock.menteeId) &&
      lock.menteeId !== lock.mentorId &&
      (room.get(lock.mentorId) ?? 0) > 0;
    if (!fits) {
      droppedLocks.push(lock);
      continue;
    }
    keptLocks.push(lock);
    taken.add(lock.menteeId);
    room.set(lock.mentorId, room.get(lock.mentorId)! - 1);
  }
  const matcherParticipants: Participant[] = [];
  let mentees = 0;
  for (const p of participants) {
    const menteeSide = isMenteeSide(p) && !taken.has(p.id);
    const mentorSide = isMentorSide(p);
    if (!menteeSide && !mentorSide) continue;
    if (menteeSide) mentees++;
    matcherParticipants.push({
      ...p,
      role: menteeSide && mentorSide ? "both" : menteeSide ? "mentee" : "mentor",
      mentorCapacity: mentorSide ? room.get(p.id)! : 0,
    });
  }
  return {
    programme: { participants: matcherParticipants, earlierPairs: pairs.earlier, existingPairs: [] },
    keptLocks,
    droppedLocks,
    alreadyMatched,
    menteesConsidered: mentees + keptLocks.length,
    mentorsConsidered: participants.filter(isMentorSide).length,
    mentorPlaces,
  };
}

/**
 * The draft of a matcher result: its pairs with their explanations, the kept locks (locked), and
 * the reason of every mentee left unmatched.
 *
 * Example: draftFromResult({ matches: [{ mentee: "e1", mentor: "m1", score: 8400, explanation }], unmatched: [{ mentee: "e2", reason: "all allowed mentors are full" }], ... }, [])
 *   → { pairs: [{ menteeId: "e1", mentorId: "m1", score: 8400, locked: false, ... }], reasons: { e2: "all allowed mentors are full" } }
 */
export function draftFromResult(
  result: Pick<MatchResult, "matches" | "unmatched">,
  keptLocks: readonly CarriedLock[],
): { pairs: DraftPair[]; reasons: Record<string, string> } {
  const pairs: DraftPair[] = result.matches.map((match) => ({
    menteeId: match.mentee,
    mentorId: match.mentor,
    score: match.score,
    explanation: compactExplanation(match.explanation?.contributions ?? []),
    locked: false,
    manual: false,
  }));
  for (const lock of keptLocks) pairs.push({ ...lock, locked: true, manual: false });
  const reasons: Record<string, string> = {};
  for (const { mentee, reason } of result.unmatched) reasons[mentee] = reason;
  return { pairs, reasons };
}
