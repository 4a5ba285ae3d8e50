import { describe, expect, it } from "vitest";
import {
  capacityFor,
  isPauseEndAcceptable,
  isRoleOffered,
  offeredRoles,
  refuseMove,
  refuseRegistration,
  statusAfter,
  statusOnRegistration,
} from "./enrolment-rules.ts";

describe("enrolment rules", () => {
  it("offers 'both' when the programme lists it or lists mentee and mentor", () => {
    expect(isRoleOffered(["mentee", "mentor"], "both")).toBe(true);
    expect(isRoleOffered(["both"], "both")).toBe(true);
    expect(isRoleOffered(["mentee"], "both")).toBe(false);
    expect(isRoleOffered(["mentee"], "mentor")).toBe(false);
    expect(offeredRoles(["mentor", "mentee"])).toEqual(["mentee", "mentor", "both"]);
    expect(offeredRoles(["both"])).toEqual(["both"]);
  });

  it("mentees mentor nobody; mentors get what they asked for or the programme's default", () => {
    expect(capacityFor("mentee", 3, 2)).toBe(0);
    expect(capacityFor("mentor", undefined, 2)).toBe(2);
    expect(capacityFor("both", 4, 2)).toBe(4);
  });

  it("a new registration waits for approval when the programme asks for it", () => {
    expect(statusOnRegistration({ requiresApproval: true })).toBe("pending_approval");
    expect(statusOnRegistration({ requiresApproval: false })).toBe("active");
  });

  it("someone who left may register again; a registered or declined person may not", () => {
    expect(refuseRegistration(null)).toBeNull();
    expect(refuseRegistration({ status: "left" })).toBeNull();
    expect(refuseRegistration({ status: "active" })).toMatch(/already registered/);
    expect(refuseRegistration({ status: "pending_approval" })).toMatch(/already registered/);
    expect(refuseRegistration({ status: "declined" })).toMatch(/declined/);
  });

  it("pause, resume, leave, approve and decline each start from their own statuses", () => {
    expect(refuseMove("pause", "active")).toBeNull();
    expect(refuseMove("pause", "pending_approval")).toBe(
      "You can pause only an active place in a programme; this one is waiting for approval.",
    );
    expect(refuseMove("resume", "paused")).toBeNull();
    expect(refuseMove("resume", "active")).toMatch(/Only a paused place/);
    expect(refuseMove("leave", "paused")).toBeNull();
    expect(refuseMove("leave", "left")).toBe("This place is already no longer in the programme.");
    expect(refuseMove("approve", "pending_approval")).toBeNull();
    expect(refuseMove("decline", "active")).toMatch(/waiting for approval/);
    expect(statusAfter("decline")).toBe("declined");
    expect(statusAfter("resume")).toBe("active");
  });

  it("a pause may end today or later", () => {
    expect(isPauseEndAcceptable("2026-05-01", "2026-05-01")).toBe(true);
    expect(isPauseEndAcceptable("2026-04-30", "2026-05-01")).toBe(false);
  });
});
