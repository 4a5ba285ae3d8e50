import { describe, expect, it } from "vitest";
import {
  availableActions,
  daysSince,
  isAgreementOpen,
  isFinal,
  isLive,
  RELATIONSHIP_ACTIONS,
  transition,
} from "./relationship-status.ts";
import { RELATIONSHIP_STATUSES, type RelationshipStatus } from "../programmes/types.ts";

describe("relationship states", () => {
  it("a proposed pair starts when activated, or ends early (a declined start)", () => {
    expect(transition("proposed", "activate")).toEqual({ ok: true, from: "proposed", to: "active" });
    expect(transition("proposed", "end")).toEqual({ ok: true, from: "proposed", to: "ended_early" });
  });

  it("an active pair pauses and resumes, completes, or ends early", () => {
    expect(transition("active", "pause")).toMatchObject({ ok: true, to: "paused" });
    expect(transition("paused", "resume")).toMatchObject({ ok: true, to: "active" });
    expect(transition("active", "complete")).toMatchObject({ ok: true, to: "completed" });
    expect(transition("active", "end")).toMatchObject({ ok: true, to: "ended_early" });
  });

  it("a paused pair may complete or end without resuming first", () => {
    expect(transition("paused", "complete")).toMatchObject({ ok: true, to: "completed" });
    expect(transition("paused", "end")).toMatchObject({ ok: true, to: "ended_early" });
  });

  it("exactly these eight moves are legal; every other one is refused with a sentence", () => {
    const legal: string[] = [];
    for (const from of RELATIONSHIP_STATUSES) {
      for (const action of RELATIONSHIP_ACTIONS) {
        const result = transition(from, action);
        if (result.ok) legal.push(`${from} -${action}-> ${result.to}`);
        else expect(result.message).toMatch(/cannot be \w+/);
      }
    }
    expect(legal.sort()).toEqual(
      [
        "active -complete-> completed",
        "active -end-> ended_early",
        "active -pause-> paused",
        "paused -complete-> completed",
        "paused -end-> ended_early",
        "paused -resume-> active",
        "proposed -activate-> active",
        "proposed -end-> ended_early",
      ].sort(),
    );
  });

  it("says why in words a person understands", () => {
    expect(transition("proposed", "pause")).toMatchObject({
      ok: false,
      message: "A proposed relationship cannot be paused.",
    });
    expect(transition("active", "resume")).toMatchObject({
      ok: false,
      message: "An active relationship cannot be resumed.",
    });
    expect(transition("completed", "end")).toMatchObject({
      ok: false,
      message: "This relationship has completed; it cannot be ended any more.",
    });
    expect(transition("ended_early", "resume")).toMatchObject({
      ok: false,
      message: "This relationship has ended; it cannot be resumed any more.",
    });
  });

  it("completed and ended early are final: no action is offered or allowed", () => {
    for (const status of ["completed", "ended_early"] as RelationshipStatus[]) {
      expect(isFinal(status)).toBe(true);
      expect(isLive(status)).toBe(false);
      expect(availableActions(status)).toEqual([]);
      for (const action of RELATIONSHIP_ACTIONS) expect(transition(status, action).ok).toBe(false);
    }
  });

  it("offers the actions a participant may ask for (never 'activate': the agreement does that)", () => {
    expect(availableActions("proposed")).toEqual(["end"]);
    expect(availableActions("active")).toEqual(["pause", "complete", "end"]);
    expect(availableActions("paused")).toEqual(["resume", "complete", "end"]);
  });

  it("the agreement may change while proposed or active, not while paused or over", () => {
    expect(RELATIONSHIP_STATUSES.filter(isAgreementOpen)).toEqual(["proposed", "active"]);
  });

  it("counts whole days since the last activity, never negative", () => {
    const now = new Date("2026-03-04T09:00:00Z");
    expect(daysSince(new Date("2026-03-01T10:00:00Z"), now)).toBe(2);
    expect(daysSince(new Date("2026-03-04T08:59:00Z"), now)).toBe(0);
    expect(daysSince(new Date("2026-03-05T00:00:00Z"), now)).toBe(0);
  });
});
