DROP INDEX "incidents_status_idx";--> statement-breakpoint
DROP INDEX "incidents_handler_idx";--> statement-breakpoint
DROP INDEX "incidents_reporter_reported_idx";--> statement-breakpoint
CREATE INDEX "incidents_handler_idx" ON "incidents" USING btree ("handler_id") WHERE "incidents"."handler_id" is not null;--> statement-breakpoint
CREATE INDEX "incidents_reporter_reported_idx" ON "incidents" USING btree ("reporter_id","reported_at","id") WHERE "incidents"."reporter_id" is not null;--> statement-breakpoint
-- IA ärende-IDs are keys, not words: compare them bytewise (the unique index no longer pays for locale-aware
-- collation on every insert, whatever the database's default collation is).
ALTER TABLE "incidents" ALTER COLUMN "external_id" TYPE text COLLATE "C";
