import type { Scheduling, UpdateSchedulingRequest } from "../../contracts/sessions.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import { availabilityProblems } from "../../core/sessions/availability.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { invalidField } from "../http/app-error.ts";

/** My scheduling in this organisation: weekly hours and zone (from my profile), overrides, notice, buffer. */
export async function loadMyScheduling(deps: ServerDeps, membership: Membership): Promise<Scheduling> {
  const record = (await deps.repos.scheduling.forUsers(membership.orgId, [membership.userId])).get(
    membership.userId,
  );
  return {
    timeZone: record?.timeZone ?? "UTC",
    weekly: record?.weekly ?? [],
    overrides: record?.overrides ?? [],
    minimumNoticeMinutes: record?.minimumNoticeMinutes ?? 0,
    bufferMinutes: record?.bufferMinutes ?? 0,
  };
}

/**
 * Replaces my date overrides and sets my notice and buffer, in one transaction. An override's
 * time that is not a time, or ends before it starts, is a 400 naming it
 * (`body.overrides.<i>.slots.<j>.end`).
 */
export async function updateMyScheduling(
  deps: ServerDeps,
  membership: Membership,
  request: UpdateSchedulingRequest,
): Promise<Scheduling> {
  const problems = availabilityProblems({ timeZone: "UTC", weekly: [], overrides: request.overrides });
  const [problem] = problems;
  if (problem) {
    // "overrides[1].slots[0].end" → "body.overrides.1.slots.0.end", as the contract's 400s name fields.
    throw invalidField(`body.${problem.field.replace(/\[(\d+)\]/g, ".$1")}`, problem.message);
  }
  await inTransaction(deps.db, (repos) =>
    repos.scheduling.replace(membership.orgId, membership.userId as UserId, request, deps.now()),
  );
  return loadMyScheduling(deps, membership);
}
