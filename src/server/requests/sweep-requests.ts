import { CLOSE_REASONS, whoseTurn } from "../../core/requests/request-status.ts";
import { inTransaction, type Repositories } from "../../db/index.ts";
import type { MentoringRequestRecord } from "../../db/repositories/requests.repository.ts";
import type { ServerDeps } from "../deps.ts";
import type { PeriodicJob } from "../jobs/periodic.ts";
import type { DomainEvent } from "../../contracts/events.ts";
import { recordEvents } from "../events/record-events.ts";
import { noticeRequest, viewOf } from "./requests.policy.ts";
import { requestEvents } from "./request-events.ts";

const BATCH = 100;
const DAY_MS = 86_400_000;

type Claim = (repos: Repositories, now: Date) => Promise<MentoringRequestRecord[]>;
type Tell = (repos: Repositories, request: MentoringRequestRecord, now: Date) => Promise<DomainEvent[]>;

/**
 * Claims a batch in one transaction (FOR UPDATE SKIP LOCKED + a conditional UPDATE ... RETURNING,
 * see the requests repository), records its events there, has them delivered after the commit, and
 * repeats until a batch comes back short. Each row is handled by exactly one instance.
 */
async function drain(deps: ServerDeps, claim: Claim, tell: Tell): Promise<number> {
  let handled = 0;
  for (;;) {
    const now = deps.now();
    const { count } = await inTransaction(deps.db, async (repos) => {
      const claimed = await claim(repos, now);
      const notices: DomainEvent[] = [];
      for (const request of claimed) notices.push(...(await tell(repos, request, now)));
      await recordEvents(repos, notices);
      return { count: claimed.length, notices };
    });
    await deps.events.afterCommit();
    handled += count;
    if (count < BATCH) return handled;
  }
}

/**
 * The request sweep, run periodically by every instance: reminds whoever holds the request
 * (the mentor while pending, the mentee while it waits for their answer) `requestReminderDays`
 * before it expires, once; expires overdue requests and tells both people; closes open requests
 * whose mentor or mentee is no longer active in the programme (paused, left) and tells the other.
 * Exported so tests can run it with a moved clock.
 */
export async function sweepRequests(
  deps: ServerDeps,
): Promise<{ reminded: number; expired: number; closed: number }> {
  const closed = await drain(
    deps,
    (repos, now) => repos.requests.claimWithInactiveSide(now, BATCH),
    async (repos, request) => {
      const inactive = request.closeReason === CLOSE_REASONS.menteeInactive ? "mentee" : "mentor";
      return requestEvents.closedInactive(noticeRequest(await viewOf(repos, request)), inactive);
    },
  );
  const expired = await drain(
    deps,
    (repos, now) => repos.requests.claimExpired(now, BATCH),
    async (repos, request) => requestEvents.expired(noticeRequest(await viewOf(repos, request))),
  );
  const reminded = await drain(
    deps,
    (repos, now) => repos.requests.claimDueReminders(now, BATCH),
    async (repos, request, now) => {
      const turn = whoseTurn(request.status);
      if (!turn) return [];
      const daysLeft = Math.max(1, Math.ceil((request.expiresAt.getTime() - now.getTime()) / DAY_MS));
      return requestEvents.reminder(noticeRequest(await viewOf(repos, request)), turn, daysLeft);
    },
  );
  return { reminded, expired, closed };
}

/** Every five minutes: reminders and expiry need no finer timing than that. */
export const requestSweepJob: PeriodicJob = {
  name: "self-match request sweep",
  cron: "*/5 * * * *",
  run: async (deps) => {
    await sweepRequests(deps);
  },
};
