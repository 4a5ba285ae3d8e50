import type { StoredDomainEvent } from "../../contracts/events.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { renderOrgEmail } from "../email/render.ts";
import { noticesFor } from "../notifications/notices.ts";
import type { ConsumerName } from "./consumer-names.ts";

/**
 * What a consumer does with one event. It runs at least once per event (again after a crash
 * or a failure), so each must be idempotent, and it throws to ask for a retry.
 */
export type Consumer = (deps: ServerDeps, event: StoredDomainEvent) => Promise<void>;
/** A consumer that handles a round's events at once and marks them done itself. */
export type BatchConsumer = (deps: ServerDeps, events: StoredDomainEvent[]) => Promise<void>;

/**
 * In-app notifications, for a batch of events at once: one row per recipient holding only the
 * event and the recipient (the text is rendered when read). The rows and the deliveries' "done"
 * commit together, and (event, user) is unique, so a retried delivery adds nothing: exactly once.
 */
const notificationsBatch: BatchConsumer = async (deps, events) => {
  const items = events.map((event) => ({ event, userIds: noticesFor(event).map((notice) => notice.userId) }));
  await inTransaction(deps.db, async (repos) => {
    await repos.notifications.insertForEvents(items);
    await repos.events.markDoneMany(
      events.map((event) => event.id),
      "notifications",
      deps.now(),
    );
  });
};

const notifications: Consumer = (deps, event) => notificationsBatch(deps, [event]);

/**
 * Email: each recipient's notice rendered now, in the organisation's own wording of the "notice"
 * email when it has one, then queued with the mailer (which sends with retries). The queueing and
 * the delivery's "done" are not one transaction (the mailer records through its own handle): a
 * crash between them runs this again, and the dedupe key (event, recipient) makes the mailer
 * record nothing the second time, so each email goes once.
 */
const email: Consumer = async (deps, event) => {
  const orgId = event.orgId as OrgId;
  let orgName: string | undefined;
  for (const notice of noticesFor(event)) {
    if (notice.email === false) continue;
    const user = await deps.repos.users.findById(notice.userId);
    if (!user) continue;
    orgName ??= (await deps.repos.organisations.findById(orgId))?.name ?? "your organisation";
    await deps.mailer.send({
      to: user.email,
      orgId,
      dedupeKey: `event:${event.id}:${notice.userId}`,
      email: await renderOrgEmail(deps.repos, orgId, "notice", {
        name: user.name,
        orgName,
        title: notice.title,
        body: notice.emailBody ?? notice.body,
        url: new URL(notice.link ?? "/", deps.config.publicUrl).toString(),
        actionLabel: notice.actionLabel ?? "Open Trellis",
      }),
    });
  }
};

export const CONSUMERS: Record<ConsumerName, Consumer> = { notifications, email };
/** Consumers that can take a round's events at once (the dispatcher falls back to one by one). */
export const BATCH_CONSUMERS: Partial<Record<ConsumerName, BatchConsumer>> = {
  notifications: notificationsBatch,
};
