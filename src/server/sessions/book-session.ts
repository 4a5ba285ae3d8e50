import { randomUUID } from "node:crypto";
import type { DomainEvent } from "../../contracts/events.ts";
import type { BookedSessions, BookSessionRequest } from "../../contracts/sessions.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeId, RelationshipId } from "../../core/programmes/types.ts";
import { occurrences, recurrenceProblems } from "../../core/sessions/recurrence.ts";
import { bookedStatus } from "../../core/sessions/session-status.ts";
import { inTransaction } from "../../db/index.ts";
import type { ReminderRow } from "../../db/repositories/session-reminders.repository.ts";
import type { SessionRecord } from "../../db/repositories/sessions.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { recordEvents } from "../events/record-events.ts";
import { AppError, invalidField } from "../http/app-error.ts";
import { calendarBusyFor } from "./calendar-busy.ts";
import { bookingRange, retryOnDeadlock } from "./change-session.ts";
import { reminderRows, scheduleReminderJobs } from "./reminders.ts";
import { pairSide } from "./session.policy.ts";
import { presentSession } from "./session.presenter.ts";
import { sessionRef, sessionTopics } from "./session-ref.ts";
import { checkSlot } from "./slot-check.ts";

/** Relationship states in which a pair may book: agreed and running, or about to start. */
const BOOKABLE_RELATIONSHIP = new Set(["proposed", "active"]);

/**
 * Books a time for a pair, by one of it: confirmed at once where the programme books instantly
 * (and nothing stands in the other's way), else proposed to the other side. With a recurrence,
 * every occurrence at the same local time in the booker's zone; occurrences where someone already
 * has a session are skipped and listed. All sessions, attendee rows, events and reminders commit
 * in one transaction; a time taken meanwhile (the exclusion constraint) is a 409 naming the slot.
 */
export async function bookSession(
  deps: ServerDeps,
  membership: Membership,
  relationshipId: string,
  request: BookSessionRequest,
): Promise<BookedSessions> {
  const orgId = membership.orgId;
  const pair = await deps.repos.sessions.pairContext(orgId, relationshipId);
  const side = pairSide(pair, membership);
  if (!pair || side === "admin") throw new Error("unreachable");
  if (!BOOKABLE_RELATIONSHIP.has(pair.relationshipStatus))
    throw new AppError(
      "domain_rule",
      `This relationship is ${pair.relationshipStatus.replace("_", " ")}; it cannot book sessions.`,
    );
  if (request.format === "in_person" && !request.location)
    throw invalidField("body.location", "is required for a session in person");
  const now = deps.now();
  const lengthMinutes = request.lengthMinutes ?? pair.sessionMinutes;
  const start = new Date(request.startsAt);
  const first = { start: start.getTime(), end: start.getTime() + lengthMinutes * 60_000 };
  const people = [
    { userId: pair.menteeId, name: pair.menteeName },
    { userId: pair.mentorId, name: pair.mentorName },
  ];
  const scheduling = await deps.repos.scheduling.forUsers(orgId, [membership.userId]);
  const timeZone = scheduling.get(membership.userId)?.timeZone ?? "UTC";

  let slots = [first];
  if (request.recurrence) {
    const problems = recurrenceProblems(request.recurrence, first.start, timeZone);
    if (problems.length > 0) {
      const [problem] = problems;
      throw invalidField(
        `body.recurrence${problem?.field ? `.${problem.field}` : ""}`,
        problem?.message ?? "is not valid",
      );
    }
    slots = occurrences(first, timeZone, request.recurrence);
  }

  const actorName = side === "mentee" ? pair.menteeName : pair.mentorName;
  const calendarBusy = await calendarBusyFor(
    deps,
    people.map((person) => person.userId),
    { start: first.start, end: slots[slots.length - 1]?.end ?? first.end },
  );
  const skipped: BookedSessions["skipped"] = [];
  const bookedIds: string[] = [];
  let reminders: ReminderRow[] = [];
  await retryOnDeadlock(() =>
    inTransaction(deps.db, async (repos) => {
      skipped.length = 0;
      bookedIds.length = 0;
      // Checked in the transaction; the exclusion constraint still decides a race.
      const verdicts = [];
      for (const [index, slot] of slots.entries()) {
        const span = { start: new Date(slot.start), end: new Date(slot.end) };
        try {
          verdicts.push({
            span,
            verdict: await checkSlot(deps, repos, orgId, people, span, membership.userId, calendarBusy),
          });
        } catch (error) {
          if (index === 0 || !(error instanceof AppError)) throw error;
          skipped.push({
            start: span.start.toISOString(),
            end: span.end.toISOString(),
            reason: error.message,
          });
        }
      }
      const needsAcceptance = verdicts.some((entry) => entry.verdict.needsAcceptance.length > 0);
      const status = bookedStatus(pair.rules.instantBooking && !needsAcceptance);
      const seriesId = slots.length > 1 ? randomUUID() : null;
      const created: SessionRecord[] = [];
      for (const { span } of verdicts) {
        const session = await bookingRange(span.start, span.end, () =>
          repos.sessions.insert({
            orgId,
            programmeId: pair.programmeId as ProgrammeId,
            relationshipId: pair.relationshipId as RelationshipId,
            seriesId,
            status,
            startsAt: span.start,
            endsAt: span.end,
            timeZone,
            format: request.format,
            location: request.location ?? null,
            videoUrl: request.videoUrl ?? null,
            createdBy: membership.userId,
            proposedBy: status === "proposed" ? membership.userId : null,
            attendees: [
              { userId: pair.menteeId as UserId, role: "mentee" },
              { userId: pair.mentorId as UserId, role: "mentor" },
            ],
            now,
          }),
        );
        created.push(session);
      }
      const views = await repos.sessions.viewsByIds(
        orgId,
        created.map((session) => session.id),
      );
      const events: DomainEvent[] = views.map((view, index) => {
        const ref = sessionRef(view, view.session, { userId: membership.userId, name: actorName });
        // The first session's event tells the people (naming the series' size); the rest only
        // reach calendars (occurrences 0: no notice).
        const count = index === 0 ? views.length : 0;
        return status === "confirmed"
          ? {
              kind: "session.confirmed",
              orgId,
              subjectId: view.session.id,
              actorId: membership.userId,
              payload: { ...ref, occurrences: count, accepted: false },
            }
          : {
              kind: "session.proposed",
              orgId,
              subjectId: view.session.id,
              actorId: membership.userId,
              payload: { ...ref, occurrences: count },
            };
      });
      await recordEvents(repos, events);
      reminders = created.flatMap((session) => reminderRows(session, pair.rules.reminderOffsetsMinutes, now));
      await repos.sessionReminders.insertReminders(orgId, reminders);
      if (views[0]) await repos.sessions.pushRealtime(sessionTopics(views[0]));
      bookedIds.push(...created.map((session) => session.id));
    }),
  );
  await deps.events.afterCommit();
  scheduleReminderJobs(deps, reminders);
  const views = await deps.repos.sessions.viewsByIds(orgId, bookedIds);
  return {
    sessions: views.map((view) => presentSession(view, membership.userId, side, deps.now())),
    skipped,
  };
}
