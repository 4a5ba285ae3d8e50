import type { SessionSettings, UpdateSessionSettingsRequest } from "../../contracts/sessions.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";

/** A programme's session rules, for its admins. */
export async function loadSessionSettings(
  deps: ServerDeps,
  membership: Membership,
  programmeId: string,
): Promise<SessionSettings> {
  const rules = await deps.repos.sessions.rules(membership.orgId, programmeId);
  if (!rules) throw notFound("Programme not found.");
  return {
    instantBooking: rules.instantBooking,
    lateCancelHours: rules.lateCancelHours,
    reminderOffsetsMinutes: rules.reminderOffsetsMinutes,
  };
}

/**
 * Changes a programme's session rules. They apply from the next booking, move or cancellation;
 * reminders already armed for confirmed sessions keep their times (largest offset first).
 */
export async function updateSessionSettings(
  deps: ServerDeps,
  membership: Membership,
  programmeId: string,
  request: UpdateSessionSettingsRequest,
): Promise<SessionSettings> {
  const offsets = [...request.reminderOffsetsMinutes].sort((a, b) => b - a);
  const changed = await deps.repos.sessions.updateRules(
    membership.orgId,
    programmeId,
    { ...request, reminderOffsetsMinutes: offsets },
    deps.now(),
  );
  if (!changed) throw notFound("Programme not found.");
  return loadSessionSettings(deps, membership, programmeId);
}
