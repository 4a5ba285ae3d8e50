import { z } from "zod";
import { defineJob } from "../jobs/define-job.ts";
import { SYNC_EVERY_MS } from "./calendar-deps.ts";
import { syncDueConnections } from "./sync-connection.ts";

/** Connections synced per round; rounds go on while one comes back full. */
const ROUND = 20;

/**
 * The periodic busy import: every 5 minutes, each connection not tried for SYNC_EVERY_MS is
 * synced (claimed with SKIP LOCKED, so instances share the work). A failing server marks its
 * connection failing and keeps its busy time (stale) until a sync works again.
 */
export const calendarSyncJob = defineJob({
  name: "calendar.sync-due",
  schema: z.object({}).loose(),
  cron: "*/5 * * * *",
  policy: "singleton",
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  expireInSeconds: 30 * 60,
  async handler(deps) {
    let total = 0;
    for (;;) {
      const run = await syncDueConnections(deps, { everyMs: SYNC_EVERY_MS, limit: ROUND });
      total += run.synced + run.failed;
      if (run.synced + run.failed < ROUND) break;
    }
    return total > 0 ? "done" : "skipped";
  },
});
