import type { UserId } from "../../core/accounts/types.ts";
import { roomLeft } from "../../core/relationships/relationship-status.ts";
import { EXCLUDED, rawToScore, scoreMenteeRow } from "../../core/matching/index.ts";
import type { PreparedEntry } from "./prepared-programme-cache.ts";

/** What changes faster than the prepared programme: pairs and capacity, read on every call. */
export interface LiveState {
  /** Mentors the mentee is matched with now in this programme. */
  live: ReadonlySet<UserId>;
  /** Mentors the mentee met before (completed or ended) anywhere in the organisation. */
  earlier: ReadonlySet<UserId>;
  /** Live relationships per mentor in this programme. */
  liveCounts: ReadonlyMap<UserId, number>;
}

export interface RankedMentors {
  /** Mentor indices allowed for the mentee and with room, best first (higher raw, then index). */
  order: Int32Array;
  /** The mentee's raw row (entry.row): raw < EXCLUDED means no rule excludes the pair. */
  raw: Int32Array;
  menteeIndex: number;
}

/** Room a mentor has left: capacity minus live relationships. */
export function remainingOf(entry: PreparedEntry, live: LiveState, mentorId: UserId): number {
  const capacity = entry.participants.get(mentorId)?.mentorCapacity ?? 0;
  return roomLeft(capacity, live.liveCounts.get(mentorId) ?? 0);
}

/**
 * Scores one mentee against every mentor with the matcher's kernel (one pass over typed arrays)
 * and orders the eligible mentors: allowed by every rule, not an earlier or current pair, and
 * with room left. About a millisecond per 10,000 mentors; the sort touches only eligible ones.
 */
export function rankMentors(entry: PreparedEntry, menteeId: UserId, live: LiveState): RankedMentors | null {
  const i = entry.menteeIndex.get(menteeId);
  if (i === undefined) return null;
  const { prepared, row } = entry;
  scoreMenteeRow(prepared, i, row, entry.scratch);
  const eligible: number[] = [];
  for (let j = 0; j < row.length; j++) {
    if (row[j] >= EXCLUDED) continue;
    const mentorId = prepared.mentorIds[j] as UserId;
    if (live.live.has(mentorId) || live.earlier.has(mentorId)) continue;
    if (remainingOf(entry, live, mentorId) <= 0) continue;
    eligible.push(j);
  }
  const order = Int32Array.from(eligible);
  order.sort((a, b) => row[b] - row[a] || a - b);
  return { order, raw: row, menteeIndex: i };
}

/** The 0..10,000 score of a raw entry. */
export function scoreOf(entry: PreparedEntry, raw: number): number {
  return rawToScore(raw, entry.prepared.weightSum);
}
