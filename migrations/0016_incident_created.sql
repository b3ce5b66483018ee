-- Who registered an incident in Tillit, and how. The status it was registered with is no longer a history row:
-- the history holds the changes (its first entry is made from these columns, children.ts). A bulk import wrote a
-- history row for every new incident, and that row's foreign-key check locked the incident just written: 4.5 of
-- the database's 20 s for 500,000 rows. Older incidents keep their first row; these columns stay null for them.
ALTER TABLE "incidents" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "created_via" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;