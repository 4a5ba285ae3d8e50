-- A relationship's history moves into the domain event stream (issue 9): one source of what
-- happened. Events name what they happened to (subject_type + subject_id); each former
-- relationship_events row becomes a relationship.changed event with the same id and time, and no
-- deliveries (nobody is told again), before the old table goes.
ALTER TABLE "domain_events" ADD COLUMN "subject_type" text;--> statement-breakpoint
UPDATE "domain_events" SET "subject_type" = CASE split_part("kind", '.', 1)
    WHEN 'request' THEN 'request'
    WHEN 'relationship' THEN 'relationship'
    WHEN 'agreement' THEN 'relationship'
    WHEN 'fit_check' THEN 'relationship'
  END
  WHERE "subject_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "domain_events" ("id", "org_id", "kind", "payload", "actor_id", "subject_type", "subject_id", "occurred_at")
  SELECT e."id", e."org_id", 'relationship.changed',
         jsonb_build_object('relationshipId', e."relationship_id", 'change', e."kind",
                            'fromStatus', e."from_status", 'toStatus', e."to_status", 'detail', e."detail"),
         e."actor_id", 'relationship', e."relationship_id", e."created_at"
    FROM "relationship_events" e
   ORDER BY e."created_at", e."id";--> statement-breakpoint
DROP TABLE "relationship_events" CASCADE;--> statement-breakpoint
CREATE INDEX "domain_events_history_idx" ON "domain_events" USING btree ("subject_id","occurred_at") WHERE kind = 'relationship.changed';
