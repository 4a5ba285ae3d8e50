import type { OrgId } from "../../core/accounts/types.ts";
import { overlaps } from "../../core/sessions/ranges.ts";
import { slotProblems } from "../../core/sessions/slots.ts";
import type { Repositories } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, invalidField } from "../http/app-error.ts";
import { slotWords } from "./change-session.ts";
import type { CalendarBusy } from "./calendar-busy.ts";
import { loadParticipants } from "./participants.ts";

export interface SlotVerdict {
  /**
   * Why the time needs the others' acceptance even where booking is instant: outside someone
   * else's hours, sooner than their notice, or against their calendar's busy time or buffer.
   * Empty when nothing stands in the way.
   */
  needsAcceptance: string[];
}

/**
 * Checks a time for a booking or a move by `actorId`. A start in the past is a 400 naming
 * `body.startsAt`; a time someone already has a live Trellis session at is a 409 naming the slot.
 * The booker's own hours, notice and calendar are theirs to overrule; the other people's make the
 * time a proposal they must accept.
 */
export async function checkSlot(
  deps: ServerDeps,
  repos: Repositories,
  orgId: OrgId,
  people: readonly { userId: string; name: string }[],
  slot: { start: Date; end: Date },
  actorId: string,
  calendarBusy: Map<string, CalendarBusy>,
  excludeSessionId?: string,
): Promise<SlotVerdict> {
  const range = { start: slot.start.getTime(), end: slot.end.getTime() };
  const now = deps.now().getTime();
  if (range.start < now) throw invalidField("body.startsAt", "is in the past");
  const loaded = await loadParticipants(deps, repos, orgId, people, range, excludeSessionId, calendarBusy);
  for (const entry of loaded) {
    if (overlaps(entry.sessionBusy, range))
      throw new AppError(
        "conflict",
        `${entry.name} already has a session at ${slotWords(slot.start, slot.end)}. Pick another time.`,
        [{ path: "body.startsAt", message: `${slotWords(slot.start, slot.end)} is taken` }],
      );
  }
  const problems = slotProblems(
    {
      participants: loaded.map((entry) => entry.participant),
      lengthMinutes: (range.end - range.start) / 60_000,
      window: range,
      now,
    },
    range,
  );
  return {
    needsAcceptance: problems
      .filter((problem) => problem.userId && problem.userId !== actorId && problem.code !== "in_past")
      .map((problem) => problem.message),
  };
}
