-- Continuity (RSA, kontinuitetsplaner, övningar): an RSA cycle has an editable end year and may be planned; a critical
-- process has an owner unit, an owner, a maximal tolerable downtime and its systems (objects); a continuity plan has an
-- adopted date, its systems and is archived, never deleted; status 'utkast' becomes 'under_arbete' (saknas, under
-- arbete, fastställd); an exercise has a type, a status (planerad, genomförd, inställd), a participant count, any
-- number of plans (exercise_plans, filled from the old plan_id) and is archived, never deleted.
CREATE TABLE "continuity_plan_objects" (
	"plan_id" uuid NOT NULL,
	"object_id" uuid NOT NULL,
	CONSTRAINT "continuity_plan_objects_plan_id_object_id_pk" PRIMARY KEY("plan_id","object_id")
);
--> statement-breakpoint
CREATE TABLE "exercise_plans" (
	"exercise_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	CONSTRAINT "exercise_plans_exercise_id_plan_id_pk" PRIMARY KEY("exercise_id","plan_id")
);
--> statement-breakpoint
CREATE TABLE "rsa_activity_objects" (
	"activity_id" uuid NOT NULL,
	"object_id" uuid NOT NULL,
	CONSTRAINT "rsa_activity_objects_activity_id_object_id_pk" PRIMARY KEY("activity_id","object_id")
);
--> statement-breakpoint
ALTER TABLE "continuity_plans" DROP CONSTRAINT "continuity_plans_status_check";--> statement-breakpoint
ALTER TABLE "rsa_analyses" DROP CONSTRAINT "rsa_analyses_status_check";--> statement-breakpoint
ALTER TABLE "continuity_plans" ALTER COLUMN "status" SET DEFAULT 'under_arbete';--> statement-breakpoint
ALTER TABLE "continuity_plans" ADD COLUMN "adopted_date" date;--> statement-breakpoint
ALTER TABLE "continuity_plans" ADD COLUMN "archived" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "risk_exercises" ADD COLUMN "type" text DEFAULT 'diskussionsovning' NOT NULL;--> statement-breakpoint
ALTER TABLE "risk_exercises" ADD COLUMN "status" text DEFAULT 'genomford' NOT NULL;--> statement-breakpoint
ALTER TABLE "risk_exercises" ADD COLUMN "participant_count" integer;--> statement-breakpoint
ALTER TABLE "risk_exercises" ADD COLUMN "archived" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "rsa_activities" ADD COLUMN "owner_org_id" uuid;--> statement-breakpoint
ALTER TABLE "rsa_activities" ADD COLUMN "owner" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "rsa_activities" ADD COLUMN "max_downtime_hours" integer;--> statement-breakpoint
ALTER TABLE "rsa_analyses" ADD COLUMN "cycle_end_year" integer;--> statement-breakpoint
UPDATE "rsa_analyses" SET "cycle_end_year" = "cycle_start_year" + 1;--> statement-breakpoint
ALTER TABLE "rsa_analyses" ALTER COLUMN "cycle_end_year" SET NOT NULL;--> statement-breakpoint
UPDATE "continuity_plans" SET "status" = 'under_arbete' WHERE "status" = 'utkast';--> statement-breakpoint
ALTER TABLE "continuity_plan_objects" ADD CONSTRAINT "continuity_plan_objects_plan_id_continuity_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."continuity_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_plan_objects" ADD CONSTRAINT "continuity_plan_objects_object_id_digital_objects_id_fk" FOREIGN KEY ("object_id") REFERENCES "public"."digital_objects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_plans" ADD CONSTRAINT "exercise_plans_exercise_id_risk_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."risk_exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_plans" ADD CONSTRAINT "exercise_plans_plan_id_continuity_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."continuity_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_activity_objects" ADD CONSTRAINT "rsa_activity_objects_activity_id_rsa_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."rsa_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_activity_objects" ADD CONSTRAINT "rsa_activity_objects_object_id_digital_objects_id_fk" FOREIGN KEY ("object_id") REFERENCES "public"."digital_objects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exercise_plans_plan_idx" ON "exercise_plans" USING btree ("plan_id");--> statement-breakpoint
INSERT INTO "exercise_plans" ("exercise_id", "plan_id") SELECT "id", "plan_id" FROM "risk_exercises" WHERE "plan_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "rsa_activities" ADD CONSTRAINT "rsa_activities_owner_org_id_orgs_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_plans" ADD CONSTRAINT "continuity_plans_status_check" CHECK ("continuity_plans"."status" in ('saknas','under_arbete','faststalld'));--> statement-breakpoint
ALTER TABLE "risk_exercises" ADD CONSTRAINT "risk_exercises_type_check" CHECK ("risk_exercises"."type" in ('diskussionsovning','funktionsovning','fullskaleovning','krisledningsovning','aterstallningstest'));--> statement-breakpoint
ALTER TABLE "risk_exercises" ADD CONSTRAINT "risk_exercises_status_check" CHECK ("risk_exercises"."status" in ('planerad','genomford','installd'));--> statement-breakpoint
ALTER TABLE "risk_exercises" ADD CONSTRAINT "risk_exercises_count_check" CHECK ("risk_exercises"."participant_count" is null or "risk_exercises"."participant_count" >= 0);--> statement-breakpoint
ALTER TABLE "rsa_activities" ADD CONSTRAINT "rsa_activities_downtime_check" CHECK ("rsa_activities"."max_downtime_hours" is null or "rsa_activities"."max_downtime_hours" >= 0);--> statement-breakpoint
ALTER TABLE "rsa_analyses" ADD CONSTRAINT "rsa_analyses_cycle_check" CHECK ("rsa_analyses"."cycle_end_year" >= "rsa_analyses"."cycle_start_year");--> statement-breakpoint
ALTER TABLE "rsa_analyses" ADD CONSTRAINT "rsa_analyses_status_check" CHECK ("rsa_analyses"."status" in ('planerad','pagar','klar'));