/**
 * The life of a mentoring request (self-match), as pure rules: who may do what in which state,
 * and the dates that follow. The server applies them inside transactions.
 *
 *   pending ──accept──▶ accepted          (mentor; creates the relationship)
 *   pending ──decline─▶ declined          (mentor, with a reason)
 *   pending ──ask─────▶ needs_info        (mentor asks a question; the request returns to the mentee)
 *   needs_info ─answer▶ pending           (mentee; a fresh expiry)
 *   pending | needs_info ──withdraw──▶ withdrawn  (mentee, or the system when the mentee is matched)
 *   pending | needs_info ──expire────▶ expired    (the system, at expiresAt)
 *
 * While the mentor waits for an answer (needs_info) they may still accept or decline.
 */
import {
  type ProgrammeRecord,
  type ProgrammeStatus,
  REQUEST_STATUSES,
  type RequestStatus,
} from "../programmes/types.ts";

/** States in which a request still waits for someone. */
export const OPEN_REQUEST_STATUSES = ["pending", "needs_info"] as const satisfies readonly RequestStatus[];

export type RequestAction = "accept" | "decline" | "ask" | "answer" | "withdraw";
export type RequestParty = "mentee" | "mentor";

const RULES: Record<RequestAction, { by: RequestParty; from: readonly RequestStatus[] }> = {
  accept: { by: "mentor", from: ["pending", "needs_info"] },
  decline: { by: "mentor", from: ["pending", "needs_info"] },
  ask: { by: "mentor", from: ["pending"] },
  answer: { by: "mentee", from: ["needs_info"] },
  withdraw: { by: "mentee", from: ["pending", "needs_info"] },
};

const ACTION_WORDS: Record<RequestAction, string> = {
  accept: "accept",
  decline: "decline",
  ask: "ask for more information on",
  answer: "answer",
  withdraw: "withdraw",
};

const STATE_WORDS: Record<RequestStatus, string> = {
  pending: "waiting for the mentor",
  needs_info: "waiting for the mentee's answer",
  accepted: "accepted",
  declined: "declined",
  withdrawn: "withdrawn",
  expired: "expired",
};

/** Whether a request still waits for someone (pending or needs_info). */
export function isOpenRequest(status: RequestStatus): boolean {
  return (OPEN_REQUEST_STATUSES as readonly RequestStatus[]).includes(status);
}

/**
 * Every move a request makes, by anyone (a person's action or the system's: expiry, at capacity,
 * matched elsewhere); the diagram above as a table.
 */
export const REQUEST_TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  pending: ["accepted", "declined", "needs_info", "withdrawn", "expired"],
  needs_info: ["pending", "accepted", "declined", "withdrawn", "expired"],
  accepted: [],
  declined: [],
  withdrawn: [],
  expired: [],
};

/**
 * Whether a request may move from `from` to `to`.
 *
 * @example canTransition("needs_info", "pending") // true (the mentee answered)
 * @example canTransition("accepted", "withdrawn") // false (closed requests never change)
 */
export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return REQUEST_TRANSITIONS[from].includes(to);
}

/** The states from which a request may move to `to` (the `status in (...)` guard of its update). */
export function statesBefore(to: RequestStatus): RequestStatus[] {
  return REQUEST_STATUSES.filter((from) => canTransition(from, to));
}

export type RequestRefusal =
  | { kind: "wrong_party"; message: string }
  | { kind: "wrong_state"; message: string; status: RequestStatus };

/**
 * Why `party` may not take `action` on a request in `status`, or null when they may. An
 * "observer" (an admin looking on) may take none.
 *
 * Example: refuseRequestAction("accept", "mentee", "pending")
 *   // { kind: "wrong_party", message: "Only the mentor can accept this request." }
 * Example: refuseRequestAction("answer", "mentee", "pending")
 *   // { kind: "wrong_state", status: "pending", message: "This request is waiting for the mentor: you cannot answer it now." }
 */
export function refuseRequestAction(
  action: RequestAction,
  party: RequestParty | "observer",
  status: RequestStatus,
): RequestRefusal | null {
  const rule = RULES[action];
  if (rule.by !== party)
    return { kind: "wrong_party", message: `Only the ${rule.by} can ${ACTION_WORDS[action]} this request.` };
  if (!rule.from.includes(status)) {
    return {
      kind: "wrong_state",
      status,
      message: `This request is ${STATE_WORDS[status]}: you cannot ${ACTION_WORDS[action]} it now.`,
    };
  }
  return null;
}

/** Whose move it is: the mentor while pending, the mentee while needs_info, nobody once closed. */
export function whoseTurn(status: RequestStatus): RequestParty | null {
  if (status === "pending") return "mentor";
  if (status === "needs_info") return "mentee";
  return null;
}

const DAY_MS = 86_400_000;

/**
 * When a request sent (or handed back) at `now` expires.
 *
 * Example: requestExpiresAt(new Date("2026-03-01T10:00:00Z"), 14) // 2026-03-15T10:00:00Z
 */
export function requestExpiresAt(now: Date, expiryDays: number): Date {
  return new Date(now.getTime() + expiryDays * DAY_MS);
}

/**
 * When the person whose turn it is gets their one reminder: `reminderDays` before expiry (never
 * before the request was sent: a reminder window longer than the expiry reminds at once).
 *
 * Example: reminderDueAt(new Date("2026-03-15T10:00:00Z"), 3) // 2026-03-12T10:00:00Z
 */
export function reminderDueAt(expiresAt: Date, reminderDays: number): Date {
  return new Date(expiresAt.getTime() - Math.max(0, reminderDays) * DAY_MS);
}

/** The reasons the system records when it closes a request (shown to both people). */
export const CLOSE_REASONS = {
  atCapacity: "at capacity",
  matchedElsewhere: "matched with another mentor",
  alreadyMatched: "already matched in this programme",
  expired: "no reply before the request expired",
  expiredWaitingForMentee: "no answer before the request expired",
  mentorInactive: "the mentor is no longer taking requests in this programme",
  menteeInactive: "the mentee is no longer active in this programme",
} as const;

/** Programme states in which mentees may send requests (and Home lists a programme's work). */
export const REQUESTABLE_PROGRAMME_STATES = [
  "registration_open",
  "matching",
  "running",
] as const satisfies readonly ProgrammeStatus[];

export type NewRequestRefusal = {
  kind: "self_match_off" | "not_a_mentee" | "already_matched" | "request_cap";
  message: string;
};

/**
 * Why a person may not send a new request in a programme right now, or null when they may.
 * Checked in this order: the programme, the person's enrolment, an existing match, the cap.
 *
 * Example: refuseNewRequest({ programme: { matchingMode: "both", status: "running", pendingRequestCap: 3 },
 *   mayBeMentored: true, liveAsMentee: 0, openRequests: 3 })
 *   // { kind: "request_cap", message: "You already have 3 open requests, the most this programme allows. ..." }
 */
export function refuseNewRequest(input: {
  programme: Pick<ProgrammeRecord, "matchingMode" | "status" | "pendingRequestCap">;
  mayBeMentored: boolean;
  liveAsMentee: number;
  openRequests: number;
}): NewRequestRefusal | null {
  const { programme } = input;
  if (programme.matchingMode === "admin")
    return {
      kind: "self_match_off",
      message: "In this programme the managers make the matches: mentees do not send requests.",
    };
  if (!(REQUESTABLE_PROGRAMME_STATES as readonly ProgrammeStatus[]).includes(programme.status))
    return { kind: "self_match_off", message: "This programme is not taking requests right now." };
  if (!input.mayBeMentored)
    return { kind: "not_a_mentee", message: "Only active mentees of this programme can send requests." };
  if (input.liveAsMentee > 0)
    return { kind: "already_matched", message: "You already have a mentor in this programme." };
  if (input.openRequests >= programme.pendingRequestCap) {
    const cap = programme.pendingRequestCap;
    return {
      kind: "request_cap",
      message: `You already have ${input.openRequests} open ${input.openRequests === 1 ? "request" : "requests"}, the most this programme allows (${cap}). Wait for an answer or withdraw one first.`,
    };
  }
  return null;
}
