ALTER TABLE "sent_emails" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "sent_emails_dedupe_key" ON "sent_emails" USING btree ("dedupe_key");