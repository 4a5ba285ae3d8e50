import { describe, expect, it } from "vitest";
import { invitationStatus, mayInviteWithRole, refuseMemberChange } from "./rules.ts";

const now = new Date("2026-11-22T12:00:00Z");
const later = new Date("2026-11-30T12:00:00Z");
const earlier = new Date("2026-11-01T12:00:00Z");

describe("invitationStatus", () => {
  it("is pending before it expires", () => {
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: later }, now)).toBe("pending");
  });
  it("is expired at and after its expiry instant", () => {
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: earlier }, now)).toBe("expired");
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: now }, now)).toBe("expired");
  });
  it("stays accepted even after the expiry date", () => {
    expect(invitationStatus({ acceptedAt: earlier, revokedAt: null, expiresAt: earlier }, now)).toBe(
      "accepted",
    );
  });
  it("is revoked when revoked", () => {
    expect(invitationStatus({ acceptedAt: null, revokedAt: earlier, expiresAt: later }, now)).toBe("revoked");
  });
});

describe("refuseMemberChange", () => {
  const owner = { role: "owner" as const, status: "active" as const };
  it("refuses demoting the last active owner", () => {
    const refusal = refuseMemberChange({
      actorRole: "owner",
      current: owner,
      next: { role: "admin", status: "active" },
      activeOwnerCount: 1,
    });
    expect(refusal?.kind).toBe("last_owner");
  });
  it("refuses deactivating the last active owner", () => {
    const refusal = refuseMemberChange({
      actorRole: "owner",
      current: owner,
      next: { role: "owner", status: "deactivated" },
      activeOwnerCount: 1,
    });
    expect(refusal?.kind).toBe("last_owner");
  });
  it("allows demoting an owner when another owner remains", () => {
    expect(
      refuseMemberChange({
        actorRole: "owner",
        current: owner,
        next: { role: "member", status: "active" },
        activeOwnerCount: 2,
      }),
    ).toBeNull();
  });
  it("refuses an admin promoting someone to owner", () => {
    const refusal = refuseMemberChange({
      actorRole: "admin",
      current: { role: "member", status: "active" },
      next: { role: "owner", status: "active" },
      activeOwnerCount: 1,
    });
    expect(refusal?.kind).toBe("forbidden");
  });
  it("lets an admin deactivate a member", () => {
    expect(
      refuseMemberChange({
        actorRole: "admin",
        current: { role: "member", status: "active" },
        next: { role: "member", status: "deactivated" },
        activeOwnerCount: 1,
      }),
    ).toBeNull();
  });
});

describe("mayInviteWithRole", () => {
  it("lets admins invite members and admins but not owners", () => {
    expect(mayInviteWithRole("admin", "member")).toBe(true);
    expect(mayInviteWithRole("admin", "admin")).toBe(true);
    expect(mayInviteWithRole("admin", "owner")).toBe(false);
  });
  it("lets owners invite owners, and members invite no one", () => {
    expect(mayInviteWithRole("owner", "owner")).toBe(true);
    expect(mayInviteWithRole("member", "member")).toBe(false);
  });
});
