-- Kamerabevakning (kamerabevakningslagen from 2025-04-01): per organisation the surveilled sites with purpose, area,
-- cameras, sound, storage time in days (> 0), started and ended dates, the documented intresseavvägning (text, date,
-- by whom), signs and the processing activity of the registerförteckning; archived, never deleted.
CREATE TABLE "camera_sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"cameras" integer DEFAULT 1 NOT NULL,
	"sound" boolean DEFAULT false NOT NULL,
	"storage_days" integer DEFAULT 14 NOT NULL,
	"started_on" date,
	"ended_on" date,
	"balancing" text DEFAULT '' NOT NULL,
	"balancing_date" date,
	"balancing_by" text DEFAULT '' NOT NULL,
	"signs" boolean DEFAULT false NOT NULL,
	"activity_id" uuid,
	"created_by" uuid,
	"archived" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "camera_sites_storage_check" CHECK ("camera_sites"."storage_days" > 0),
	CONSTRAINT "camera_sites_cameras_check" CHECK ("camera_sites"."cameras" >= 0),
	CONSTRAINT "camera_sites_dates_check" CHECK ("camera_sites"."ended_on" is null or ("camera_sites"."started_on" is not null and "camera_sites"."ended_on" >= "camera_sites"."started_on"))
);
--> statement-breakpoint
ALTER TABLE "camera_sites" ADD CONSTRAINT "camera_sites_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_sites" ADD CONSTRAINT "camera_sites_activity_id_processing_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."processing_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_sites" ADD CONSTRAINT "camera_sites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "camera_sites_org_name_unique" ON "camera_sites" USING btree ("org_id",lower("name"));