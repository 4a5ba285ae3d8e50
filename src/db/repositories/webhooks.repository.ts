import { and, arrayContains, desc, eq, inArray, sql } from "drizzle-orm";
import type { OrgId } from "../../core/accounts/types.ts";
import type { Database } from "../connection.ts";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../schema/webhooks.ts";

export type WebhookEndpointRecord = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRecord = typeof webhookDeliveries.$inferSelect;
export type WebhookAttemptRecord = typeof webhookAttempts.$inferSelect;

export interface NewWebhookDelivery {
  endpointId: string;
  orgId: string;
  eventId: string | null;
  kind: string;
  body: string;
}

/** Webhook endpoints, their deliveries and every try. Each read is scoped by organisation. */
export function webhooksRepository(db: Database) {
  return {
    async listEndpoints(orgId: OrgId): Promise<WebhookEndpointRecord[]> {
      return db
        .select()
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.orgId, orgId))
        .orderBy(webhookEndpoints.createdAt);
    },

    async findEndpoint(orgId: OrgId, id: string): Promise<WebhookEndpointRecord | null> {
      const [row] = await db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)));
      return row ?? null;
    },

    async findEndpointById(id: string): Promise<WebhookEndpointRecord | null> {
      const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
      return row ?? null;
    },

    async createEndpoint(input: {
      id: string;
      orgId: OrgId;
      url: string;
      description: string;
      kinds: string[];
      secretSealed: string;
      now: Date;
    }): Promise<WebhookEndpointRecord> {
      const [row] = await db
        .insert(webhookEndpoints)
        .values({ ...input, createdAt: input.now, updatedAt: input.now })
        .returning();
      return row as WebhookEndpointRecord;
    },

    async updateEndpoint(
      orgId: OrgId,
      id: string,
      changes: { url?: string; description?: string; kinds?: string[]; enabled?: boolean },
      now: Date,
    ): Promise<WebhookEndpointRecord | null> {
      const [row] = await db
        .update(webhookEndpoints)
        .set({ ...changes, updatedAt: now })
        .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)))
        .returning();
      return row ?? null;
    },

    async deleteEndpoint(orgId: OrgId, id: string): Promise<boolean> {
      const rows = await db
        .delete(webhookEndpoints)
        .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)))
        .returning({ id: webhookEndpoints.id });
      return rows.length > 0;
    },

    /** The organisation's enabled endpoints subscribed to `kind`. */
    async subscribers(orgId: string, kind: string): Promise<WebhookEndpointRecord[]> {
      return db
        .select()
        .from(webhookEndpoints)
        .where(
          and(
            eq(webhookEndpoints.orgId, orgId),
            eq(webhookEndpoints.enabled, true),
            arrayContains(webhookEndpoints.kinds, [kind]),
          ),
        );
    },

    /** Adds deliveries; one per (endpoint, event) however often it is asked. Returns those made now. */
    async addDeliveries(rows: NewWebhookDelivery[], now: Date): Promise<WebhookDeliveryRecord[]> {
      if (rows.length === 0) return [];
      return db
        .insert(webhookDeliveries)
        .values(rows.map((row) => ({ ...row, nextAttemptAt: now, createdAt: now })))
        .onConflictDoNothing()
        .returning();
    },

    /**
     * Claims due deliveries (all, or those `ids`) for one try: their next try moves `leaseMs`
     * ahead, so another instance skips them until the try is recorded or the holder died.
     */
    async claimDue(
      now: Date,
      limit: number,
      leaseMs: number,
      ids?: string[],
    ): Promise<WebhookDeliveryRecord[]> {
      if (ids && ids.length === 0) return [];
      const lease = new Date(now.getTime() + leaseMs);
      const due = db
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.state, "pending"),
            sql`${webhookDeliveries.nextAttemptAt} <= ${now.toISOString()}::timestamptz`,
            ids ? inArray(webhookDeliveries.id, ids) : undefined,
          ),
        )
        .orderBy(webhookDeliveries.nextAttemptAt)
        .limit(limit)
        .for("update", { skipLocked: true });
      return db
        .update(webhookDeliveries)
        .set({ nextAttemptAt: lease })
        .where(inArray(webhookDeliveries.id, due))
        .returning();
    },

    /** Records one try and the delivery's new state, in one transaction. */
    async recordAttempt(
      deliveryId: string,
      attempt: {
        at: Date;
        statusCode: number | null;
        responseBody: string;
        error: string | null;
        durationMs: number;
      },
      outcome: { state: "delivered" | "failed" } | { state: "pending"; nextAttemptAt: Date },
    ): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.insert(webhookAttempts).values({ deliveryId, ...attempt });
        await tx
          .update(webhookDeliveries)
          .set({
            state: outcome.state,
            attempts: sql`${webhookDeliveries.attempts} + 1`,
            lastStatusCode: attempt.statusCode,
            nextAttemptAt: outcome.state === "pending" ? outcome.nextAttemptAt : attempt.at,
            finishedAt: outcome.state === "pending" ? null : attempt.at,
          })
          .where(eq(webhookDeliveries.id, deliveryId));
      });
    },

    /** The organisation's latest deliveries (of one endpoint, or all), newest first. */
    async recentDeliveries(
      orgId: OrgId,
      limit: number,
      endpointId?: string,
    ): Promise<WebhookDeliveryRecord[]> {
      return db
        .select()
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.orgId, orgId),
            endpointId ? eq(webhookDeliveries.endpointId, endpointId) : undefined,
          ),
        )
        .orderBy(desc(webhookDeliveries.createdAt))
        .limit(limit);
    },

    async attemptsOf(deliveryIds: string[]): Promise<WebhookAttemptRecord[]> {
      if (deliveryIds.length === 0) return [];
      return db
        .select()
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, deliveryIds))
        .orderBy(webhookAttempts.deliveryId, webhookAttempts.at, webhookAttempts.id);
    },
  };
}
export type WebhooksRepository = ReturnType<typeof webhooksRepository>;
