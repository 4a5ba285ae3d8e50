/**
 * The life of a mentoring relationship:
 *
 *   proposed ──activate──▶ active ◀──resume── paused
 *      │                     │ └────pause─────▶ │
 *      │                     ├──complete──▶ completed ◀──complete──┤
 *      └───end───▶ ended_early ◀───end───────────────────────────────┘
 *
 * A proposed pair becomes active when both sides confirm the current agreement ("activate" is
 * never asked for directly); a proposed pair may also be ended before it starts (a declined
 * start). Completed and ended early are final.
 */
import type { RelationshipStatus } from "../programmes/types.ts";

export const RELATIONSHIP_ACTIONS = ["activate", "pause", "resume", "complete", "end"] as const;
export type RelationshipAction = (typeof RELATIONSHIP_ACTIONS)[number];

const TRANSITIONS: Record<RelationshipAction, Partial<Record<RelationshipStatus, RelationshipStatus>>> = {
  activate: { proposed: "active" },
  pause: { active: "paused" },
  resume: { paused: "active" },
  complete: { active: "completed", paused: "completed" },
  end: { proposed: "ended_early", active: "ended_early", paused: "ended_early" },
};

/** The event kind written to the history for each action. */
export const EVENT_KIND: Record<RelationshipAction, string> = {
  activate: "activated",
  pause: "paused",
  resume: "resumed",
  complete: "completed",
  end: "ended_early",
};

export type TransitionResult =
  | { ok: true; from: RelationshipStatus; to: RelationshipStatus }
  | { ok: false; from: RelationshipStatus; message: string };

const STATUS_WORDS: Record<RelationshipStatus, string> = {
  proposed: "proposed",
  active: "active",
  paused: "paused",
  completed: "completed",
  ended_early: "ended early",
};

const ACTION_WORDS: Record<RelationshipAction, string> = {
  activate: "started",
  pause: "paused",
  resume: "resumed",
  complete: "completed",
  end: "ended",
};

/**
 * Where an action takes a relationship, or why it cannot.
 *
 * @example transition("active", "pause")   // { ok: true, from: "active", to: "paused" }
 * @example transition("proposed", "pause") // { ok: false, message: "A proposed relationship cannot be paused." }
 */
export function transition(from: RelationshipStatus, action: RelationshipAction): TransitionResult {
  const to = TRANSITIONS[action][from];
  if (to) return { ok: true, from, to };
  const article = from === "active" ? "An" : "A";
  const state = STATUS_WORDS[from];
  const message = isFinal(from)
    ? `This relationship has ${from === "completed" ? "completed" : "ended"}; it cannot be ${ACTION_WORDS[action]} any more.`
    : `${article} ${state} relationship cannot be ${ACTION_WORDS[action]}.`;
  return { ok: false, from, message };
}

/** The actions a participant may ask for now (activation happens through the agreement). */
export function availableActions(status: RelationshipStatus): RelationshipAction[] {
  return RELATIONSHIP_ACTIONS.filter((action) => action !== "activate" && TRANSITIONS[action][status]);
}

/**
 * Proposed, active and paused pairs are "live": they hold a place of the mentor's capacity and keep
 * the mentee matched. The one list: repositories build their SQL (`status in (...)`) from it.
 */
export const LIVE_RELATIONSHIP_STATUSES = [
  "proposed",
  "active",
  "paused",
] as const satisfies readonly RelationshipStatus[];

/** Completed and ended-early relationships never change again. */
export function isFinal(status: RelationshipStatus): boolean {
  return status === "completed" || status === "ended_early";
}

/** Proposed, active and paused pairs hold a mentor's capacity and keep the mentee matched. */
export function isLive(status: RelationshipStatus): boolean {
  return (LIVE_RELATIONSHIP_STATUSES as readonly RelationshipStatus[]).includes(status);
}

/**
 * Whether a mentor with `capacity` places and `liveCount` live pairs may take one more: the one
 * capacity rule (accepting a request, sending one, publishing a match, a draft's free places).
 *
 * @example hasRoom(2, 1) // true
 * @example hasRoom(2, 2) // false
 */
export function hasRoom(capacity: number, liveCount: number): boolean {
  return liveCount < capacity;
}

/** Places a mentor has left (negative when over capacity, e.g. after the capacity was lowered). */
export function roomLeft(capacity: number, liveCount: number): number {
  return capacity - liveCount;
}

/**
 * Whether any action moves a relationship from `from` to `to` (the table above); a new pair is
 * always created "proposed".
 *
 * @example canTransition("paused", "active") // true (resume)
 * @example canTransition("completed", "active") // false
 */
export function canTransition(from: RelationshipStatus, to: RelationshipStatus): boolean {
  return RELATIONSHIP_ACTIONS.some((action) => TRANSITIONS[action][from] === to);
}

/** The state every new relationship starts in (by a request accepted or a match published). */
export const INITIAL_RELATIONSHIP_STATUS: RelationshipStatus = "proposed";

/** Whether the agreement may be changed or confirmed in this state (not while paused or over). */
export function isAgreementOpen(status: RelationshipStatus): boolean {
  return status === "proposed" || status === "active";
}

/**
 * Whole days between the last activity and now (never negative).
 *
 * @example daysSince(new Date("2026-03-01T10:00Z"), new Date("2026-03-04T09:00Z")) // 2
 */
export function daysSince(then: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - then.getTime()) / 86_400_000));
}
