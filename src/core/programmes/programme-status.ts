/**
 * A programme's life: draft → registration_open → matching → running → completed → archived.
 *
 * The moves, and why:
 * - draft → registration_open: people may now register (a cohort needs its dates first).
 * - draft → archived: abandon a draft.
 * - registration_open → matching: close registration and match (bulk or by requests).
 * - registration_open → running: skip the matching state, e.g. when people choose their own
 *   mentors and pairs start as soon as a mentor accepts.
 * - registration_open → archived: abandon a programme before anyone is matched.
 * - matching → registration_open: reopen registration for latecomers.
 * - matching → running: pairs are set, the programme starts.
 * - running → completed: the programme ends.
 * - completed → archived: put it away (read-only). Archived is final: duplicate it to run again.
 *
 * Evergreen programmes (no dates) never close registration: while matching or running they still
 * accept registrations, so newcomers join a programme that is already going. A cohort's
 * registration is open only in registration_open. A running programme cannot be archived
 * directly: complete it first, so live pairs are never hidden away.
 */
import type { ProgrammeStatus } from "./types.ts";

/** The allowed moves from each state, in the order an admin usually takes them. */
export const PROGRAMME_TRANSITIONS: Readonly<Record<ProgrammeStatus, readonly ProgrammeStatus[]>> = {
  draft: ["registration_open", "archived"],
  registration_open: ["matching", "running", "archived"],
  matching: ["running", "registration_open"],
  running: ["completed"],
  completed: ["archived"],
  archived: [],
};

/**
 * Whether a programme may move from `from` to `to` by the table (the date checks of
 * refuseTransition aside).
 *
 * @example canTransition("matching", "running") // true
 * @example canTransition("draft", "running") // false
 */
export function canTransition(from: ProgrammeStatus, to: ProgrammeStatus): boolean {
  return PROGRAMME_TRANSITIONS[from].includes(to);
}

/**
 * The states that may move to `to`: the guard of a conditional update, e.g. publishing a match
 * starts the programme only from those that may move to "running" (registration open, matching).
 */
export function statesBefore(to: ProgrammeStatus): ProgrammeStatus[] {
  return (Object.keys(PROGRAMME_TRANSITIONS) as ProgrammeStatus[]).filter((from) => canTransition(from, to));
}

/** How a state reads in a sentence: "registration open". */
export function describeStatus(status: ProgrammeStatus): string {
  return status.replace("_", " ");
}

/** What an admin's button for a move says. */
export const TRANSITION_LABELS: Readonly<Record<ProgrammeStatus, string>> = {
  draft: "Back to draft",
  registration_open: "Open registration",
  matching: "Start matching",
  running: "Start the programme",
  completed: "Complete the programme",
  archived: "Archive",
};

export interface ProgrammeState {
  status: ProgrammeStatus;
  evergreen: boolean;
  startsOn: string | null;
  endsOn: string | null;
}

/**
 * Whether people may register now.
 *
 * Example: acceptsRegistrations({ status: "running", evergreen: true, ... }) === true;
 *          acceptsRegistrations({ status: "running", evergreen: false, ... }) === false
 */
export function acceptsRegistrations(programme: Pick<ProgrammeState, "status" | "evergreen">): boolean {
  if (programme.status === "registration_open") return true;
  return programme.evergreen && (programme.status === "matching" || programme.status === "running");
}

/** The states a programme may move to next (the table above). */
export function nextStatuses(programme: Pick<ProgrammeState, "status">): readonly ProgrammeStatus[] {
  return PROGRAMME_TRANSITIONS[programme.status];
}

/**
 * Why a programme may not move to `to`, or null when it may. The message names the current state
 * and what would be allowed instead.
 *
 * Example: refuseTransition({ status: "draft", evergreen: false, startsOn: "2026-01-05", endsOn: "2026-03-30" }, "running")
 *   === "A programme in draft cannot move to running. From draft it can move to registration open or archived."
 */
export function refuseTransition(programme: ProgrammeState, to: ProgrammeStatus): string | null {
  const from = programme.status;
  const allowed = PROGRAMME_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    if (from === to) return `The programme is already ${describeStatus(from)}.`;
    const options =
      allowed.length === 0
        ? `An ${describeStatus(from)} programme is final: duplicate it to run it again.`
        : `From ${describeStatus(from)} it can move to ${allowed.map(describeStatus).join(" or ")}.`;
    const hint = from === "running" && to === "archived" ? " Complete it first." : "";
    return `A programme in ${describeStatus(from)} cannot move to ${describeStatus(to)}. ${options}${hint}`;
  }
  if (from === "draft" && to === "registration_open" && !programme.evergreen) {
    if (!programme.startsOn || !programme.endsOn)
      return "A programme in draft needs its start and end dates before registration opens (or make it evergreen).";
  }
  return null;
}
