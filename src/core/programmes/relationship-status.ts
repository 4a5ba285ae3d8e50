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
import type { RelationshipStatus } from "./types.ts";

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

/** Completed and ended-early relationships never change again. */
export function isFinal(status: RelationshipStatus): boolean {
  return status === "completed" || status === "ended_early";
}

/** Proposed, active and paused pairs hold a mentor's capacity and keep the mentee matched. */
export function isLive(status: RelationshipStatus): boolean {
  return !isFinal(status);
}

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
