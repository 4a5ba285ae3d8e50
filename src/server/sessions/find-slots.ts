import { DateTime } from "luxon";
import type { SlotSearch, SlotSearchQuery } from "../../contracts/sessions.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { mutualSlots, nearestTimes } from "../../core/sessions/slots.ts";
import type { ServerDeps } from "../deps.ts";
import { invalidField } from "../http/app-error.ts";
import { loadParticipants, todayIn } from "./participants.ts";
import { pairSide } from "./session.policy.ts";

/** How many near times to suggest when nobody's hours overlap. */
const NEAREST_LIMIT = 5;
/** At most this many slots are listed (a page shows a few weeks). */
const SLOT_LIMIT = 400;

/**
 * The times both of a pair are free over the next weeks, from the viewer's local `from` date: in
 * both people's hours, clear of their live sessions in every programme and their calendar's busy
 * time, after each one's notice. When there are none, the nearest times free of busy time and who
 * would be outside their hours. Managers may look too (a read).
 */
export async function findSlots(
  deps: ServerDeps,
  membership: Membership,
  relationshipId: string,
  query: SlotSearchQuery,
): Promise<SlotSearch> {
  const pair = await deps.repos.sessions.pairContext(membership.orgId, relationshipId);
  pairSide(pair, membership, "read");
  if (!pair) throw new Error("unreachable");
  const now = deps.now();
  const viewerZone = (await deps.repos.scheduling.forUsers(membership.orgId, [membership.userId])).get(
    membership.userId,
  )?.timeZone;
  const timeZone = viewerZone ?? "UTC";
  const fromDay = query.from ?? todayIn(timeZone, now);
  const start = DateTime.fromISO(fromDay, { zone: timeZone }).startOf("day");
  if (!start.isValid) throw invalidField("query.from", "must be a date (YYYY-MM-DD)");
  const weeks = query.weeks ?? 4;
  const window = {
    start: Math.max(start.toMillis(), now.getTime()),
    end: start.plus({ weeks }).toMillis(),
  };
  if (window.end <= window.start) throw invalidField("query.from", "must not be in the past");
  const lengthMinutes = query.length ?? pair.sessionMinutes;
  const people = [
    { userId: pair.menteeId, name: pair.menteeName },
    { userId: pair.mentorId, name: pair.mentorName },
  ];
  const loaded = await loadParticipants(
    deps,
    deps.repos,
    membership.orgId,
    people,
    window,
    query.excludeSessionId,
  );
  const slotQuery = {
    participants: loaded.map((entry) => entry.participant),
    lengthMinutes,
    window,
    now: now.getTime(),
  };
  const slots = mutualSlots(slotQuery).slice(0, SLOT_LIMIT);
  const nearest = slots.length === 0 ? nearestTimes(slotQuery, NEAREST_LIMIT) : [];
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    lengthMinutes,
    instantBooking: pair.rules.instantBooking,
    cadence: pair.cadence,
    window: { start: iso(window.start), end: iso(window.end) },
    timeZone,
    participants: loaded.map((entry) => ({
      userId: entry.participant.userId,
      name: entry.name,
      timeZone: entry.timeZone,
      calendar: entry.calendar,
      hasHours: entry.hasHours,
    })),
    slots: slots.map((slot) => ({ start: iso(slot.start), end: iso(slot.end) })),
    nearest: nearest.map((slot) => ({
      start: iso(slot.start),
      end: iso(slot.end),
      outsideHours: slot.outsideHours,
    })),
  };
}
