import { describe, expect, it } from "vitest";
import { draftAgreement } from "../relationships/agreement.ts";
import * as programme from "./programme-status.ts";
import * as relationship from "../relationships/relationship-status.ts";
import * as request from "../requests/request-status.ts";
import { RELATIONSHIP_STATUSES, REQUEST_STATUSES } from "./types.ts";

/** The rules stated once in core (issue 9): capacity, "live", and each status machine as a table. */
describe("capacity", () => {
  it("a mentor has room while their live pairs are fewer than their capacity", () => {
    expect(relationship.hasRoom(2, 0)).toBe(true);
    expect(relationship.hasRoom(2, 1)).toBe(true);
    expect(relationship.hasRoom(2, 2)).toBe(false);
    expect(relationship.hasRoom(1, 3)).toBe(false);
    expect(relationship.hasRoom(0, 0)).toBe(false);
  });

  it("room left may be negative after a capacity was lowered", () => {
    expect(relationship.roomLeft(3, 1)).toBe(2);
    expect(relationship.roomLeft(1, 2)).toBe(-1);
  });
});

describe("live relationships", () => {
  it("are exactly proposed, active and paused, and isLive agrees with the list", () => {
    expect([...relationship.LIVE_RELATIONSHIP_STATUSES]).toEqual(["proposed", "active", "paused"]);
    for (const status of RELATIONSHIP_STATUSES)
      expect(relationship.isLive(status)).toBe(!relationship.isFinal(status));
  });

  it("a new pair starts live", () => {
    expect(relationship.isLive(relationship.INITIAL_RELATIONSHIP_STATUS)).toBe(true);
  });
});

describe("relationship transitions", () => {
  it("follow the action table", () => {
    expect(relationship.canTransition("proposed", "active")).toBe(true);
    expect(relationship.canTransition("active", "paused")).toBe(true);
    expect(relationship.canTransition("paused", "active")).toBe(true);
    expect(relationship.canTransition("paused", "completed")).toBe(true);
    expect(relationship.canTransition("proposed", "completed")).toBe(false);
    expect(relationship.canTransition("proposed", "paused")).toBe(false);
  });

  it("never leave a final state", () => {
    for (const to of RELATIONSHIP_STATUSES) {
      expect(relationship.canTransition("completed", to)).toBe(false);
      expect(relationship.canTransition("ended_early", to)).toBe(false);
    }
  });
});

describe("request transitions", () => {
  it("open requests are the states that can still move", () => {
    const movable = REQUEST_STATUSES.filter((status) => request.REQUEST_TRANSITIONS[status].length > 0);
    expect(movable).toEqual([...request.OPEN_REQUEST_STATUSES]);
    for (const status of REQUEST_STATUSES)
      expect(request.isOpenRequest(status)).toBe(movable.includes(status));
  });

  it("agree with who may act (every allowed action is a move in the table)", () => {
    const target = {
      accept: "accepted",
      decline: "declined",
      ask: "needs_info",
      answer: "pending",
      withdraw: "withdrawn",
    } as const;
    for (const action of Object.keys(target) as (keyof typeof target)[]) {
      for (const from of REQUEST_STATUSES) {
        const party = action === "answer" || action === "withdraw" ? "mentee" : "mentor";
        if (request.refuseRequestAction(action, party, from) === null)
          expect(request.canTransition(from, target[action])).toBe(true);
      }
    }
  });

  it("expire and close only from an open state", () => {
    expect(request.statesBefore("expired")).toEqual(["pending", "needs_info"]);
    expect(request.statesBefore("accepted")).toEqual(["pending", "needs_info"]);
    expect(request.statesBefore("pending")).toEqual(["needs_info"]);
    expect(request.canTransition("accepted", "withdrawn")).toBe(false);
  });
});

describe("programme transitions", () => {
  it("canTransition reads the table", () => {
    expect(programme.canTransition("matching", "running")).toBe(true);
    expect(programme.canTransition("registration_open", "running")).toBe(true);
    expect(programme.canTransition("draft", "running")).toBe(false);
    expect(programme.canTransition("archived", "draft")).toBe(false);
  });

  it("a published match starts the programme only from registration open or matching", () => {
    expect(programme.statesBefore("running")).toEqual(["registration_open", "matching"]);
  });

  it("requests are taken in the programme states Home lists as in progress", () => {
    expect([...request.REQUESTABLE_PROGRAMME_STATES]).toEqual(["registration_open", "matching", "running"]);
  });
});

describe("the first agreement draft", () => {
  const cohort = { evergreen: false, endsOn: "2027-02-01" };
  it("from a request: what the mentee asked for and their goal, ending with the programme", () => {
    expect(
      draftAgreement(cohort, {
        expectations: { cadence: "weekly", formats: [], minutesPerMonth: 0 },
        goal: "Lead",
      }),
    ).toEqual({ endsOn: "2027-02-01", terms: { cadence: "weekly", firstGoals: ["Lead"] } });
  });

  it("from a published match: the defaults; an evergreen programme's pair has no end", () => {
    expect(draftAgreement(cohort)).toEqual({ endsOn: "2027-02-01", terms: {} });
    expect(draftAgreement({ evergreen: true, endsOn: null })).toEqual({ endsOn: null, terms: {} });
  });
});
