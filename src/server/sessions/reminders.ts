import { z } from "zod";
import { inTransaction } from "../../db/index.ts";
import type { ReminderRow } from "../../db/repositories/session-reminders.repository.ts";
import type { SessionRecord } from "../../db/repositories/sessions.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { recordEvents } from "../events/record-events.ts";
import { defineJob } from "../jobs/define-job.ts";
import { sessionRef } from "./session-ref.ts";

const MINUTE_MS = 60_000;

/**
 * The reminders of one version of a confirmed session: one per programme offset, due that long
 * before the start; those already past are left out (a session booked 30 minutes ahead gets no
 * "24 hours before").
 */
export function reminderRows(
  session: SessionRecord,
  offsetsMinutes: readonly number[],
  now: Date,
): ReminderRow[] {
  if (session.status !== "confirmed") return [];
  return [...new Set(offsetsMinutes)]
    .map((offsetMinutes) => ({
      sessionId: session.id,
      version: session.version,
      offsetMinutes,
      dueAt: new Date(session.startsAt.getTime() - offsetMinutes * MINUTE_MS),
    }))
    .filter((row) => row.dueAt.getTime() > now.getTime());
}

const ReminderKeySchema = z.object({
  sessionId: z.string().uuid(),
  version: z.number().int(),
  offsetMinutes: z.number().int(),
});
export type ReminderKey = z.infer<typeof ReminderKeySchema>;

/**
 * Sends one reminder if it is still wanted: the claim (a conditional update: unsent, due, the
 * session's current version, confirmed, not started) and the session.reminder event commit
 * together, so however many instances or retries run it, it is recorded once. A moved session has a
 * new version (the old rows match nothing); a cancelled one is not confirmed.
 */
export async function sendSessionReminder(deps: ServerDeps, key: ReminderKey): Promise<"done" | "skipped"> {
  const now = deps.now();
  const sent = await inTransaction(deps.db, async (repos) => {
    const orgId = await repos.sessionReminders.claimReminder(key, now);
    if (!orgId) return false;
    const view = await repos.sessions.findView(orgId, key.sessionId);
    if (!view) return false;
    await recordEvents(repos, [
      {
        kind: "session.reminder",
        orgId,
        subjectId: key.sessionId,
        actorId: null,
        payload: { ...sessionRef(view, view.session, null), offsetMinutes: key.offsetMinutes },
      },
    ]);
    return true;
  });
  if (sent) await deps.events.afterCommit();
  return sent ? "done" : "skipped";
}

/** One job per reminder, queued for its due time when the session is confirmed or moved. */
export const sessionReminderJob = defineJob({
  name: "sessions.reminder",
  schema: ReminderKeySchema,
  retry: { limit: 3, delaySeconds: 10, backoff: true },
  handler: (deps, data) => sendSessionReminder(deps, data),
});

/**
 * Queues the reminder jobs after the change committed. Not awaited by the request: the queue may
 * still be starting; the minute sweep (`sendDueReminders`) sends any reminder whose job was lost.
 */
export function scheduleReminderJobs(deps: ServerDeps, rows: readonly ReminderRow[]): void {
  for (const row of rows) {
    deps.jobs
      .sendAt(
        sessionReminderJob,
        { sessionId: row.sessionId, version: row.version, offsetMinutes: row.offsetMinutes },
        row.dueAt,
      )
      .catch(() => {});
  }
}

/** The safety net: every due, unsent reminder of a current version, sent now. Returns how many went. */
export async function sendDueReminders(deps: ServerDeps): Promise<number> {
  let sent = 0;
  for (const row of await deps.repos.sessionReminders.dueReminders(deps.now())) {
    if ((await sendSessionReminder(deps, row)) === "done") sent++;
  }
  return sent;
}
