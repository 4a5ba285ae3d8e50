import type { DomainEvent } from "../../contracts/events.ts";
import type { Cadence } from "../../core/programmes/types.ts";
import { cadenceWeeks } from "../../core/sessions/recurrence.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { recordEvents } from "../events/record-events.ts";
import type { PeriodicJob } from "../jobs/periodic.ts";
import { sendDueReminders } from "./reminders.ts";

const DAY_MS = 86_400_000;
/** Days past the cadence before a pair is nudged (a meeting a day late is not a lapse). */
export const CADENCE_GRACE_DAYS = 2;

/** Proposals whose time passed unanswered become expired (their time freed). Returns how many. */
export async function expireProposals(deps: ServerDeps): Promise<number> {
  const expired = await inTransaction(deps.db, (repos) => repos.sessions.expireProposals(deps.now()));
  return expired.length;
}

/**
 * Nudges active pairs whose agreed cadence passed with nothing booked: "you agreed to meet every
 * two weeks; nothing is booked". Once per lapse: the claim row (relationship, since) is unique, and
 * it commits with the event. A new session ends the lapse; the next lapse counts from it.
 */
export async function nudgeLapsedCadences(deps: ServerDeps): Promise<number> {
  const now = deps.now();
  const candidates = await deps.repos.sessionReminders.cadenceCandidates(now);
  const lapsed = candidates.filter((candidate) => {
    const weeks = cadenceWeeks(candidate.cadence as Cadence);
    return (
      weeks !== null && now.getTime() - candidate.since.getTime() > (weeks * 7 + CADENCE_GRACE_DAYS) * DAY_MS
    );
  });
  let nudged = 0;
  await inTransaction(deps.db, async (repos) => {
    const events: DomainEvent[] = [];
    for (const pair of lapsed) {
      if (!(await repos.sessionReminders.claimCadenceNudge(pair.orgId, pair.relationshipId, pair.since, now)))
        continue;
      nudged++;
      events.push({
        kind: "session.cadence_lapsed",
        orgId: pair.orgId,
        subjectId: pair.relationshipId,
        actorId: null,
        payload: {
          relationshipId: pair.relationshipId,
          programmeId: pair.programmeId,
          programmeName: pair.programmeName,
          menteeId: pair.menteeId,
          mentorId: pair.mentorId,
          menteeName: pair.menteeName,
          mentorName: pair.mentorName,
          cadence: pair.cadence,
          since: pair.since.toISOString(),
        },
      });
    }
    await recordEvents(repos, events);
  });
  if (nudged > 0) await deps.events.afterCommit();
  return nudged;
}

/** Every minute: due reminders whose job was lost, and unanswered proposals whose time passed. */
export const sessionSweepJob: PeriodicJob = {
  name: "sessions.sweep",
  cron: "* * * * *",
  async run(deps) {
    await sendDueReminders(deps);
    await expireProposals(deps);
  },
};

/** Hourly: cadence nudges. */
export const cadenceNudgeJob: PeriodicJob = {
  name: "sessions.cadence-nudges",
  cron: "17 * * * *",
  async run(deps) {
    await nudgeLapsedCadences(deps);
  },
};
