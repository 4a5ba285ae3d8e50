import { z } from "zod";
import { defineJob } from "../jobs/define-job.ts";
import { deliverDueEmails } from "./deliver-due-emails.ts";

/** Emails claimed per round; rounds go on while a round comes back full. */
const ROUND = 50;

/**
 * Email delivery's sweep, once a minute: retries whose backoff has passed, and queued emails that
 * no instance sent right after recording them (it died first). The prompt path is the mailer's
 * background run after each `mailer.send`. Safe on every instance at once (rows are claimed).
 */
export const deliverEmailsJob = defineJob({
  name: "email.deliver-due",
  schema: z.object({}).loose(),
  cron: "* * * * *",
  policy: "singleton",
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  async handler(deps) {
    let claimed = 0;
    for (;;) {
      const run = await deliverDueEmails(deps, { limit: ROUND });
      claimed += run.claimed;
      if (run.claimed < ROUND) break;
    }
    return claimed > 0 ? "done" : "skipped";
  },
});
