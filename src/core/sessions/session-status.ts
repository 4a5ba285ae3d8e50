/**
 * The life of a mentoring session:
 *
 *   proposed ──accept──▶ confirmed ──hold──▶ held
 *     │  ▲                 │  │ └──miss──▶ no_show
 *     │  └──reschedule*────┘  └──cancel──▶ cancelled (on time, or late inside the window)
 *     ├──decline──▶ declined
 *     ├──cancel───▶ cancelled
 *     └──expire───▶ expired (its time passed before anyone accepted)
 *
 * "Book" creates a session directly: confirmed in a programme with instant booking, proposed
 * otherwise. Rescheduling keeps a proposed session proposed (a counter-proposal: the other side
 * answers); a confirmed one stays confirmed when the programme books instantly and goes back to
 * proposed when it needs acceptance (*). Held, no-show, cancelled, declined and expired are final.
 */

export const SESSION_STATUSES = [
  "proposed",
  "confirmed",
  "held",
  "no_show",
  "cancelled",
  "declined",
  "expired",
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_ACTIONS = [
  "accept",
  "decline",
  "reschedule",
  "cancel",
  "hold",
  "miss",
  "expire",
] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

/**
 * Proposed and confirmed sessions hold their time: their attendee rows are "live", so the
 * database's exclusion constraint keeps anyone from being booked twice over them. The one list.
 */
export const LIVE_SESSION_STATUSES = ["proposed", "confirmed"] as const satisfies readonly SessionStatus[];

const TRANSITIONS: Record<SessionAction, Partial<Record<SessionStatus, SessionStatus>>> = {
  accept: { proposed: "confirmed" },
  decline: { proposed: "declined" },
  // The target of a confirmed session depends on the programme: see rescheduledStatus.
  reschedule: { proposed: "proposed", confirmed: "confirmed" },
  cancel: { proposed: "cancelled", confirmed: "cancelled" },
  hold: { confirmed: "held" },
  miss: { confirmed: "no_show" },
  expire: { proposed: "expired" },
};

const STATUS_WORDS: Record<SessionStatus, string> = {
  proposed: "proposed",
  confirmed: "confirmed",
  held: "held",
  no_show: "missed",
  cancelled: "cancelled",
  declined: "declined",
  expired: "expired",
};

const ACTION_WORDS: Record<SessionAction, string> = {
  accept: "accepted",
  decline: "declined",
  reschedule: "moved",
  cancel: "cancelled",
  hold: "marked held",
  miss: "marked missed",
  expire: "expired",
};

export type SessionTransition =
  | { ok: true; from: SessionStatus; to: SessionStatus }
  | { ok: false; from: SessionStatus; message: string };

export interface TransitionOptions {
  /** The programme books without acceptance (instant booking): a moved confirmed session stays confirmed. */
  instantBooking?: boolean;
}

/**
 * Where an action takes a session, or why it cannot (the message is shown to the person).
 *
 * @example sessionTransition("proposed", "accept")  // { ok: true, from: "proposed", to: "confirmed" }
 * @example sessionTransition("confirmed", "reschedule", { instantBooking: false }) // to: "proposed"
 * @example sessionTransition("held", "cancel") // { ok: false, message: "This session was held; it cannot be cancelled any more." }
 */
export function sessionTransition(
  from: SessionStatus,
  action: SessionAction,
  options: TransitionOptions = {},
): SessionTransition {
  let to = TRANSITIONS[action][from];
  if (to && action === "reschedule")
    to = rescheduledStatus(from as "proposed" | "confirmed", options.instantBooking ?? false);
  if (to) return { ok: true, from, to };
  const message = isFinalSession(from)
    ? `This session was ${STATUS_WORDS[from]}; it cannot be ${ACTION_WORDS[action]} any more.`
    : `A ${STATUS_WORDS[from]} session cannot be ${ACTION_WORDS[action]}.`;
  return { ok: false, from, message };
}

/**
 * The state of a session after it moves to another time: a proposal stays a proposal; a confirmed
 * session needs the other side's acceptance again unless the programme books instantly.
 *
 * @example rescheduledStatus("confirmed", false) // "proposed"
 * @example rescheduledStatus("confirmed", true)  // "confirmed"
 */
export function rescheduledStatus(from: "proposed" | "confirmed", instantBooking: boolean): SessionStatus {
  return from === "confirmed" && instantBooking ? "confirmed" : "proposed";
}

/** The state a new booking starts in. */
export function bookedStatus(instantBooking: boolean): SessionStatus {
  return instantBooking ? "confirmed" : "proposed";
}

/** Whether any action moves a session from `from` to `to` (the guard of a conditional update). */
export function canSessionTransition(from: SessionStatus, to: SessionStatus): boolean {
  if (from === "confirmed" && to === "proposed") return true; // a move that needs acceptance again
  return SESSION_ACTIONS.some((action) => TRANSITIONS[action][from] === to);
}

/** The states an action may start from (for `status in (...)` guards). */
export function sessionStatesBefore(action: SessionAction): SessionStatus[] {
  return SESSION_STATUSES.filter((status) => TRANSITIONS[action][status] !== undefined);
}

/** Held, missed, cancelled, declined and expired sessions never change again. */
export function isFinalSession(status: SessionStatus): boolean {
  return !(LIVE_SESSION_STATUSES as readonly SessionStatus[]).includes(status);
}

/** Proposed and confirmed sessions hold their time for everyone in them. */
export function isLiveSession(status: SessionStatus): boolean {
  return !isFinalSession(status);
}

const HOUR_MS = 3_600_000;

/**
 * Whether cancelling now is late: inside the programme's window before the start (or after it).
 * A window of 0 hours is late only from the start.
 *
 * @example isLateCancellation(Date.parse("2026-03-02T09:00Z"), Date.parse("2026-03-01T12:00Z"), 24) // true (21 h before)
 * @example isLateCancellation(Date.parse("2026-03-02T09:00Z"), Date.parse("2026-03-01T09:00Z"), 24) // false (exactly 24 h)
 */
export function isLateCancellation(startsAt: number, now: number, lateCancelHours: number): boolean {
  return now >= startsAt || startsAt - now < lateCancelHours * HOUR_MS;
}

/**
 * Whether a session's outcome (held, missed) may be recorded: only once its start has passed.
 *
 * @example mayRecordOutcome(Date.parse("2026-03-02T09:00Z"), Date.parse("2026-03-02T09:00Z")) // true
 */
export function mayRecordOutcome(startsAt: number, now: number): boolean {
  return now >= startsAt;
}

/**
 * The actions one attendee may take now. The person who proposed a time waits for the other to
 * accept or decline (but may move or withdraw it); held and missed are for after the start.
 */
export function availableSessionActions(
  session: { status: SessionStatus; startsAt: number; proposedBy: string | null },
  userId: string,
  now: number,
): SessionAction[] {
  const actions: SessionAction[] = [];
  const started = mayRecordOutcome(session.startsAt, now);
  if (session.status === "proposed") {
    if (session.proposedBy !== userId && !started) actions.push("accept", "decline");
    if (!started) actions.push("reschedule");
    actions.push("cancel");
  } else if (session.status === "confirmed") {
    if (!started) actions.push("reschedule", "cancel");
    else actions.push("hold", "miss", "cancel");
  }
  return actions;
}
