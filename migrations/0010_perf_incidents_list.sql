DROP INDEX "incidents_org_idx";--> statement-breakpoint
DROP INDEX "incidents_org_reported_idx";--> statement-breakpoint
CREATE INDEX "incidents_org_list_idx" ON "incidents" USING btree ("org_id","reported_at","id","status","kind","category","personal_data","protected_identity");--> statement-breakpoint
CREATE INDEX "incidents_org_protected_idx" ON "incidents" USING btree ("org_id","reported_at","id") WHERE "incidents"."protected_identity";