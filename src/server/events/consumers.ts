import type { StoredDomainEvent } from "../../contracts/events.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { inTransaction, type Repositories } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { sessionCalendarConsumer } from "../calendar/session-calendar.consumer.ts";
import { renderOrgEmail } from "../email/render.ts";
import { noticesFor } from "../notifications/notices.ts";
import { webhooksConsumer } from "../webhooks/deliver.ts";
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
const emailBatch: BatchConsumer = async (deps, events) => {
  // Looked up once per round: the same people, organisations and templates recur across events.
  const memo = <T>(load: (key: string) => Promise<T>) => {
    const seen = new Map<string, Promise<T>>();
    return (key: string) => {
      let value = seen.get(key);
      if (!value) {
        value = load(key);
        seen.set(key, value);
      }
      return value;
    };
  };
  const userOf = memo((id) => deps.repos.users.findById(id as UserId));
  const orgNameOf = memo(
    async (id) => (await deps.repos.organisations.findById(id as OrgId))?.name ?? "your organisation",
  );
  const templateOf = memo((key) => {
    const [orgId, kind] = key.split("|") as [OrgId, string];
    return deps.repos.emailTemplates.find(orgId, kind);
  });
  // renderOrgEmail reads only emailTemplates.find: this one answers from the round's memo.
  const templates = {
    emailTemplates: { find: (orgId: OrgId, kind: string) => templateOf(`${orgId}|${kind}`) },
  } as unknown as Pick<Repositories, "emailTemplates">;
  for (const event of events) {
    const orgId = event.orgId as OrgId;
    for (const notice of noticesFor(event)) {
      if (notice.email === false) continue;
      const user = await userOf(notice.userId);
      if (!user) continue;
      await deps.mailer.send({
        to: user.email,
        orgId,
        dedupeKey: `event:${event.id}:${notice.userId}`,
        email: await renderOrgEmail(templates, orgId, "notice", {
          name: user.name,
          orgName: await orgNameOf(orgId),
          title: notice.title,
          body: notice.emailBody ?? notice.body,
          url: new URL(notice.link ?? "/", deps.config.publicUrl).toString(),
          actionLabel: notice.actionLabel ?? "Open Trellis",
        }),
      });
    }
  }
  await deps.repos.events.markDoneMany(
    events.map((event) => event.id),
    "email",
    deps.now(),
  );
};

const email: Consumer = (deps, event) => emailBatch(deps, [event]);

/** Session events into people's calendars: CalDAV pushes and ICS invitation emails (calendar/). */
const calendar: Consumer = sessionCalendarConsumer;

/** Signed webhooks: one delivery per subscribed endpoint of the event's organisation (webhooks/). */
const webhooks: Consumer = webhooksConsumer;

export const CONSUMERS: Record<ConsumerName, Consumer> = { notifications, email, calendar, webhooks };
/** Consumers that can take a round's events at once (the dispatcher falls back to one by one). */
export const BATCH_CONSUMERS: Partial<Record<ConsumerName, BatchConsumer>> = {
  notifications: notificationsBatch,
  email: emailBatch,
};
