import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import type { PeriodicJob } from "../jobs/periodic.ts";
import type { DomainEvent } from "../../contracts/events.ts";
import { recordEvents } from "../events/record-events.ts";
import { relationshipNotice } from "../notifications/relationship-notices.ts";

const BATCH = 100;

/**
 * Tells both sides of a pair when its fit check opens (once per pair), in the app and by email.
 * Each batch claims its pairs and records the fit_check.due events in one transaction; they are
 * delivered (app and email) after commit.
 * Returns how many pairs were reminded.
 */
export async function remindDueFitChecks(deps: ServerDeps): Promise<number> {
  const now = deps.now();
  const today = now.toISOString().slice(0, 10);
  let reminded = 0;
  for (;;) {
    const notices = await inTransaction(deps.db, async (repos) => {
      const claimed = await repos.relationshipHistory.claimDueFitChecks(today, now, BATCH);
      const batch: DomainEvent[] = [];
      for (const { orgId, relationshipId: id } of claimed) {
        const view = await repos.relationships.findView(orgId, id);
        if (!view) continue;
        const { relationship } = view;
        reminded++;
        for (const [recipient, other] of [
          [view.mentee, view.mentor],
          [view.mentor, view.mentee],
        ] as const) {
          if (relationship.fitCheck[recipient.userId]) continue;
          batch.push(
            relationshipNotice(
              { kind: "fit_check_due" },
              {
                orgId: relationship.orgId,
                relationshipId: id,
                recipientId: recipient.userId,
                actorName: other.name,
                programmeName: view.programmeName,
              },
            ),
          );
        }
      }
      await recordEvents(repos, batch);
      return { claimed: claimed.length };
    });
    await deps.events.afterCommit();
    if (notices.claimed < BATCH) return reminded;
  }
}

/** The fit-check reminder sweep. (To be listed in jobs/jobs.ts.) */
export const fitCheckReminderJob: PeriodicJob = {
  name: "relationships.fit-check-reminders",
  cron: "0 * * * *",
  async run(deps) {
    await remindDueFitChecks(deps);
  },
};
