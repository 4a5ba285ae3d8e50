import type { DomainEvent } from "../../contracts/events.ts";
import type { Session } from "../../contracts/sessions.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import { inTransaction, type Repositories } from "../../db/index.ts";
import {
  isDeadlock,
  isDoubleBooking,
  type SessionRecord,
  type SessionRules,
  type SessionView,
} from "../../db/repositories/sessions.repository.ts";
import type { ReminderRow } from "../../db/repositories/session-reminders.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { recordEvents } from "../events/record-events.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { scheduleReminderJobs } from "./reminders.ts";
import { sessionParticipant } from "./session.policy.ts";
import { presentSession } from "./session.presenter.ts";
import { sessionTopics } from "./session-ref.ts";

/** What one change of a session works with, under the session's row lock. */
export interface SessionChangeContext {
  repos: Repositories;
  view: SessionView;
  session: SessionRecord;
  role: "mentee" | "mentor" | "member";
  actor: { userId: UserId; name: string };
  rules: SessionRules;
  now: Date;
}

export interface SessionChangeResult {
  events: DomainEvent[];
  reminders?: ReminderRow[];
}

/** "Tue 3 Mar 2026, 09:00 UTC": a slot named in a 409. */
export function slotWords(start: Date, end: Date): string {
  return `${start.toISOString().slice(0, 16).replace("T", " ")}–${end.toISOString().slice(11, 16)} UTC`;
}

/**
 * Runs a transaction again when PostgreSQL aborted it as a deadlock (see `isDeadlock`): at most
 * three tries, a few random milliseconds apart. Every other error goes through at once.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
  }
}

/**
 * Runs a write that books a range, turning the exclusion constraint's refusal (SQLSTATE 23P01)
 * into a 409 naming the slot. The transaction is lost with it (the caller's rolls back).
 */
export async function bookingRange<T>(start: Date, end: Date, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isDoubleBooking(error)) throw slotTaken(start, end);
    throw error;
  }
}

/** The 409 for a session changed by someone else between the lock and the write (not expected under the lock). */
export function staleSession(): AppError {
  return new AppError("conflict", "This session changed meanwhile. Reload and try again.");
}

/** The 409 for a time someone became busy at (the exclusion constraint refused it). */
export function slotTaken(start: Date, end: Date): AppError {
  return new AppError(
    "conflict",
    `The time ${slotWords(start, end)} is no longer free: someone in this session was booked then meanwhile. Pick another time.`,
    [{ path: "body.startsAt", message: `${slotWords(start, end)} is taken` }],
  );
}

/**
 * Runs one change of a session by one of its people: locks the row (changes of one session
 * queue), checks the caller is in it (managers 403, anyone else 404) and that they saw its current
 * version (409 otherwise), lets `work` write the change and its events in the same transaction,
 * pushes realtime to the pair and each person, then delivers the events and queues reminders once
 * committed. A move onto a taken time is a 409 naming the slot, and nothing is kept.
 */
export async function changeSession(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  version: number | null,
  work: (context: SessionChangeContext) => Promise<SessionChangeResult>,
): Promise<Session> {
  const now = deps.now();
  let reminders: ReminderRow[] = [];
  try {
    await retryOnDeadlock(() =>
      inTransaction(deps.db, async (repos) => {
        const session = await repos.sessions.findForUpdate(membership.orgId, sessionId);
        if (!session) throw notFound("Session not found.");
        const view = await repos.sessions.findView(membership.orgId, sessionId);
        const role = sessionParticipant(view, membership);
        if (!view) throw notFound("Session not found.");
        if (version !== null && version !== session.version)
          throw new AppError(
            "conflict",
            `This session changed meanwhile (it is now at version ${session.version}). Reload and try again.`,
            [{ path: "body.version", message: `is ${version}; the session is at ${session.version}` }],
          );
        const rules = await repos.sessions.rules(membership.orgId, session.programmeId);
        if (!rules) throw notFound("Session not found.");
        const me = view.attendees.find((attendee) => attendee.userId === membership.userId);
        const result = await work({
          repos,
          view,
          session,
          role,
          actor: { userId: membership.userId, name: me?.name ?? "Someone" },
          rules,
          now,
        });
        await recordEvents(repos, result.events);
        reminders = result.reminders ?? [];
        await repos.sessions.pushRealtime(sessionTopics(view));
      }),
    );
  } catch (error) {
    if (isDoubleBooking(error)) {
      const current = await deps.repos.sessions.find(membership.orgId, sessionId);
      throw slotTaken(current?.startsAt ?? now, current?.endsAt ?? now);
    }
    throw error;
  }
  await deps.events.afterCommit();
  scheduleReminderJobs(deps, reminders);
  const view = await deps.repos.sessions.findView(membership.orgId, sessionId);
  if (!view) throw notFound("Session not found.");
  return presentSession(view, membership.userId, sessionParticipant(view, membership), deps.now());
}
