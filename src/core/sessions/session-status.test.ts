import { describe, expect, it } from "vitest";
import {
  availableSessionActions,
  bookedStatus,
  canSessionTransition,
  isFinalSession,
  isLateCancellation,
  LIVE_SESSION_STATUSES,
  mayRecordOutcome,
  SESSION_STATUSES,
  sessionStatesBefore,
  sessionTransition,
} from "./session-status.ts";

const at = (iso: string) => Date.parse(iso);

describe("session transitions", () => {
  it("a proposal is accepted into a confirmed session, or declined", () => {
    expect(sessionTransition("proposed", "accept")).toEqual({ ok: true, from: "proposed", to: "confirmed" });
    expect(sessionTransition("proposed", "decline")).toMatchObject({ ok: true, to: "declined" });
  });

  it("a confirmed session ends held, missed or cancelled", () => {
    expect(sessionTransition("confirmed", "hold")).toMatchObject({ ok: true, to: "held" });
    expect(sessionTransition("confirmed", "miss")).toMatchObject({ ok: true, to: "no_show" });
    expect(sessionTransition("confirmed", "cancel")).toMatchObject({ ok: true, to: "cancelled" });
  });

  it("moving a confirmed session needs acceptance again unless the programme books instantly", () => {
    expect(sessionTransition("confirmed", "reschedule", { instantBooking: false })).toMatchObject({
      ok: true,
      to: "proposed",
    });
    expect(sessionTransition("confirmed", "reschedule", { instantBooking: true })).toMatchObject({
      ok: true,
      to: "confirmed",
    });
    expect(sessionTransition("proposed", "reschedule", { instantBooking: true })).toMatchObject({
      ok: true,
      to: "proposed",
    });
  });

  it("an unaccepted proposal expires; a confirmed one does not", () => {
    expect(sessionTransition("proposed", "expire")).toMatchObject({ ok: true, to: "expired" });
    expect(sessionTransition("confirmed", "expire").ok).toBe(false);
  });

  it("final states refuse every action, saying why", () => {
    for (const status of ["held", "no_show", "cancelled", "declined", "expired"] as const) {
      expect(isFinalSession(status)).toBe(true);
      const result = sessionTransition(status, "cancel");
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/cannot be cancelled any more/);
    }
    expect(sessionTransition("held", "cancel")).toMatchObject({
      message: "This session was held; it cannot be cancelled any more.",
    });
  });

  it("a proposal cannot be marked held", () => {
    expect(sessionTransition("proposed", "hold")).toMatchObject({
      ok: false,
      message: "A proposed session cannot be marked held.",
    });
  });

  it("live states are exactly the non-final ones", () => {
    expect(SESSION_STATUSES.filter((status) => !isFinalSession(status))).toEqual([...LIVE_SESSION_STATUSES]);
  });

  it("guards list the states an action starts from", () => {
    expect(sessionStatesBefore("cancel")).toEqual(["proposed", "confirmed"]);
    expect(sessionStatesBefore("accept")).toEqual(["proposed"]);
    expect(canSessionTransition("confirmed", "proposed")).toBe(true);
    expect(canSessionTransition("held", "confirmed")).toBe(false);
    expect(bookedStatus(true)).toBe("confirmed");
    expect(bookedStatus(false)).toBe("proposed");
  });
});

describe("late cancellation", () => {
  const start = at("2026-03-02T09:00:00Z");
  it("inside the window is late; exactly at its edge is not", () => {
    expect(isLateCancellation(start, at("2026-03-01T12:00:00Z"), 24)).toBe(true);
    expect(isLateCancellation(start, at("2026-03-01T09:00:00Z"), 24)).toBe(false);
  });
  it("a window of 0 hours is late only from the start", () => {
    expect(isLateCancellation(start, start - 1, 0)).toBe(false);
    expect(isLateCancellation(start, start, 0)).toBe(true);
  });
});

describe("available actions", () => {
  const me = "me";
  const startsAt = at("2026-03-02T09:00:00Z");
  it("the proposer waits; the other side answers", () => {
    const proposal = { status: "proposed" as const, startsAt, proposedBy: me };
    expect(availableSessionActions(proposal, me, startsAt - 1)).toEqual(["reschedule", "cancel"]);
    expect(availableSessionActions(proposal, "other", startsAt - 1)).toEqual([
      "accept",
      "decline",
      "reschedule",
      "cancel",
    ]);
  });
  it("held and missed only once the session started", () => {
    const confirmed = { status: "confirmed" as const, startsAt, proposedBy: me };
    expect(availableSessionActions(confirmed, me, startsAt - 1)).toEqual(["reschedule", "cancel"]);
    expect(availableSessionActions(confirmed, me, startsAt)).toEqual(["hold", "miss", "cancel"]);
    expect(mayRecordOutcome(startsAt, startsAt - 1)).toBe(false);
  });
});
