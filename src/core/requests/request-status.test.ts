import { describe, expect, it } from "vitest";
import {
  isOpenRequest,
  refuseNewRequest,
  refuseRequestAction,
  reminderDueAt,
  requestExpiresAt,
  whoseTurn,
} from "./request-status.ts";
import { describeResponseTime, medianMs } from "./response-time.ts";
import { REQUEST_STATUSES } from "../programmes/types.ts";

describe("request actions", () => {
  it("a mentor accepts, declines or asks; a mentee answers or withdraws", () => {
    expect(refuseRequestAction("accept", "mentor", "pending")).toBeNull();
    expect(refuseRequestAction("decline", "mentor", "pending")).toBeNull();
    expect(refuseRequestAction("ask", "mentor", "pending")).toBeNull();
    expect(refuseRequestAction("answer", "mentee", "needs_info")).toBeNull();
    expect(refuseRequestAction("withdraw", "mentee", "pending")).toBeNull();
    expect(refuseRequestAction("withdraw", "mentee", "needs_info")).toBeNull();
  });

  it("a mentee cannot accept their own request, a mentor cannot answer or withdraw for the mentee", () => {
    expect(refuseRequestAction("accept", "mentee", "pending")).toEqual({
      kind: "wrong_party",
      message: "Only the mentor can accept this request.",
    });
    expect(refuseRequestAction("answer", "mentor", "needs_info")?.kind).toBe("wrong_party");
    expect(refuseRequestAction("withdraw", "mentor", "pending")?.kind).toBe("wrong_party");
    expect(refuseRequestAction("accept", "observer", "pending")?.kind).toBe("wrong_party");
  });

  it("the party is checked before the state (a mentee learns they cannot accept at all)", () => {
    expect(refuseRequestAction("accept", "mentee", "declined")?.kind).toBe("wrong_party");
  });

  it("while waiting for the mentee's answer the mentor may still accept or decline, not ask again", () => {
    expect(refuseRequestAction("accept", "mentor", "needs_info")).toBeNull();
    expect(refuseRequestAction("decline", "mentor", "needs_info")).toBeNull();
    expect(refuseRequestAction("ask", "mentor", "needs_info")).toMatchObject({
      kind: "wrong_state",
      status: "needs_info",
    });
  });

  it("nothing can be done to a closed request, and the refusal names the state", () => {
    for (const status of ["accepted", "declined", "withdrawn", "expired"] as const) {
      expect(isOpenRequest(status)).toBe(false);
      expect(whoseTurn(status)).toBeNull();
      for (const [action, party] of [
        ["accept", "mentor"],
        ["decline", "mentor"],
        ["ask", "mentor"],
        ["answer", "mentee"],
        ["withdraw", "mentee"],
      ] as const) {
        const refusal = refuseRequestAction(action, party, status);
        expect(refusal).toMatchObject({ kind: "wrong_state", status });
        expect(refusal?.message).toContain(status);
      }
    }
  });

  it("answering a request that is not waiting for an answer is refused in words", () => {
    expect(refuseRequestAction("answer", "mentee", "pending")?.message).toBe(
      "This request is waiting for the mentor: you cannot answer it now.",
    );
  });

  it("the mentor holds the ball while pending, the mentee while needs_info", () => {
    expect(whoseTurn("pending")).toBe("mentor");
    expect(whoseTurn("needs_info")).toBe("mentee");
    expect(REQUEST_STATUSES.filter(isOpenRequest)).toEqual(["pending", "needs_info"]);
  });
});

describe("request dates", () => {
  it("expires requestExpiryDays after it is sent", () => {
    expect(requestExpiresAt(new Date("2026-03-01T10:00:00Z"), 14).toISOString()).toBe(
      "2026-03-15T10:00:00.000Z",
    );
  });

  it("reminds reminderDays before expiry (a clock of UTC instants: no DST shift)", () => {
    expect(reminderDueAt(new Date("2026-03-31T10:00:00Z"), 3).toISOString()).toBe("2026-03-28T10:00:00.000Z");
    expect(reminderDueAt(new Date("2026-03-31T10:00:00Z"), -1).toISOString()).toBe(
      "2026-03-31T10:00:00.000Z",
    );
  });
});

describe("response time", () => {
  it("is the median of answered requests; unknown without any", () => {
    expect(medianMs([])).toBeNull();
    expect(medianMs([5])).toBe(5);
    expect(medianMs([9, 1, 5])).toBe(5);
    expect(medianMs([1, 3, 100, 2])).toBe(2.5);
  });

  it("is said rounded up: within an hour, N hours, a day, N days", () => {
    const hour = 3_600_000;
    expect(describeResponseTime(0)).toBe("usually replies within an hour");
    expect(describeResponseTime(hour)).toBe("usually replies within an hour");
    expect(describeResponseTime(5.2 * hour)).toBe("usually replies within 6 hours");
    expect(describeResponseTime(23.5 * hour)).toBe("usually replies within 24 hours");
    expect(describeResponseTime(24 * hour)).toBe("usually replies within a day");
    expect(describeResponseTime(30 * hour)).toBe("usually replies within 2 days");
  });
});

describe("who may send a new request", () => {
  const programme = { matchingMode: "both" as const, status: "running" as const, pendingRequestCap: 3 };
  const ok = { programme, mayBeMentored: true, liveAsMentee: 0, openRequests: 0 };

  it("an active, unmatched mentee under the cap of an open self-match programme may", () => {
    expect(refuseNewRequest(ok)).toBeNull();
    expect(refuseNewRequest({ ...ok, programme: { ...programme, matchingMode: "self" } })).toBeNull();
    expect(refuseNewRequest({ ...ok, programme: { ...programme, status: "registration_open" } })).toBeNull();
  });

  it("refuses when managers match, or the programme is not open", () => {
    expect(refuseNewRequest({ ...ok, programme: { ...programme, matchingMode: "admin" } })?.kind).toBe(
      "self_match_off",
    );
    for (const status of ["draft", "completed", "archived"] as const)
      expect(refuseNewRequest({ ...ok, programme: { ...programme, status } })?.kind).toBe("self_match_off");
  });

  it("refuses a person who is not an active mentee, or already has a mentor", () => {
    expect(refuseNewRequest({ ...ok, mayBeMentored: false })?.kind).toBe("not_a_mentee");
    expect(refuseNewRequest({ ...ok, liveAsMentee: 1 })?.kind).toBe("already_matched");
  });

  it("refuses at the pending-request cap, saying how many and what to do", () => {
    expect(refuseNewRequest({ ...ok, openRequests: 2 })).toBeNull();
    expect(refuseNewRequest({ ...ok, openRequests: 3 })?.message).toBe(
      "You already have 3 open requests, the most this programme allows (3). Wait for an answer or withdraw one first.",
    );
  });
});
