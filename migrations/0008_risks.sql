CREATE TABLE "continuity_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"activity_id" uuid,
	"object_name" text,
	"owner" text DEFAULT '' NOT NULL,
	"fallback" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'utkast' NOT NULL,
	"last_reviewed" date,
	"next_review" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "continuity_plans_status_check" CHECK ("continuity_plans"."status" in ('utkast','faststalld','under_arbete'))
);
--> statement-breakpoint
CREATE TABLE "risk_exercises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid,
	"date" date NOT NULL,
	"title" text NOT NULL,
	"scenario" text DEFAULT '' NOT NULL,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"observations" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"parent_type" text NOT NULL,
	"parent_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"due_date" date,
	"status" text DEFAULT 'planerad' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"carried_from_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_actions_status_check" CHECK ("risk_actions"."status" in ('planerad','pagar','klar','avbruten')),
	CONSTRAINT "risk_actions_parent_check" CHECK ("risk_actions"."parent_type" in ('vor_event','risk','exercise','rsa_activity','continuity_plan'))
);
--> statement-breakpoint
CREATE TABLE "risk_scales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_org_id" uuid NOT NULL,
	"scale_version" integer NOT NULL,
	"name" text NOT NULL,
	"likelihood" jsonb NOT NULL,
	"consequence" jsonb NOT NULL,
	"bands" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text DEFAULT 'system' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_thresholds" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"threshold" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_thresholds_positive" CHECK ("risk_thresholds"."threshold" >= 1)
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source_type" text DEFAULT 'manual' NOT NULL,
	"source_id" text,
	"source_label" text DEFAULT '' NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"scale_id" uuid NOT NULL,
	"inherent_sannolikhet" integer NOT NULL,
	"inherent_konsekvens" integer NOT NULL,
	"inherent_riskvarde" integer NOT NULL,
	"residual_sannolikhet" integer,
	"residual_konsekvens" integer,
	"residual_riskvarde" integer,
	"treatment" text,
	"treatment_decision" text DEFAULT '' NOT NULL,
	"treatment_decided_by" text,
	"treatment_decided_at" timestamp with time zone,
	"review_date" date,
	"status" text DEFAULT 'oppen' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risks_source_check" CHECK ("risks"."source_type" in ('vor','rsa','dso','classification','supplier','incident','manual')),
	CONSTRAINT "risks_treatment_check" CHECK ("risks"."treatment" is null or "risks"."treatment" in ('reducera','acceptera','overfora','undvika')),
	CONSTRAINT "risks_status_check" CHECK ("risks"."status" in ('oppen','stangd')),
	CONSTRAINT "risks_inherent_check" CHECK ("risks"."inherent_riskvarde" = "risks"."inherent_sannolikhet" * "risks"."inherent_konsekvens"),
	CONSTRAINT "risks_residual_check" CHECK (("risks"."residual_sannolikhet" is null and "risks"."residual_konsekvens" is null and "risks"."residual_riskvarde" is null) or "risks"."residual_riskvarde" = "risks"."residual_sannolikhet" * "risks"."residual_konsekvens")
);
--> statement-breakpoint
CREATE TABLE "rsa_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rsa_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"dependencies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"threats" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"capability" text,
	"capability_note" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rsa_activities_capability_check" CHECK ("rsa_activities"."capability" is null or "rsa_activities"."capability" in ('god','viss','bristande'))
);
--> statement-breakpoint
CREATE TABLE "rsa_analyses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"cycle_start_year" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pagar' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rsa_analyses_status_check" CHECK ("rsa_analyses"."status" in ('pagar','klar'))
);
--> statement-breakpoint
CREATE TABLE "vor_arbetssatt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vor_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"key" text,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vor_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'utkast' NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" text,
	"previous_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vor_assessments_status_check" CHECK ("vor_assessments"."status" in ('utkast','godkand'))
);
--> statement-breakpoint
CREATE TABLE "vor_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vor_id" uuid NOT NULL,
	"arbetssatt_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"motivation" text DEFAULT '' NOT NULL,
	"scale_id" uuid NOT NULL,
	"sannolikhet" integer NOT NULL,
	"konsekvens" integer NOT NULL,
	"riskvarde" integer NOT NULL,
	"follow_up" text DEFAULT '' NOT NULL,
	"ikp_decision" boolean,
	"ikp_decided_by" text,
	"ikp_decided_at" timestamp with time zone,
	"ikp_comment" text,
	"ikp_decided_riskvarde" integer,
	"carried_from_id" uuid,
	"previous" jsonb,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vor_events_riskvarde_check" CHECK ("vor_events"."riskvarde" = "vor_events"."sannolikhet" * "vor_events"."konsekvens"),
	CONSTRAINT "vor_events_values_check" CHECK ("vor_events"."sannolikhet" >= 1 and "vor_events"."konsekvens" >= 1)
);
--> statement-breakpoint
CREATE TABLE "vor_processes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vor_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mandatory" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "continuity_plans" ADD CONSTRAINT "continuity_plans_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_plans" ADD CONSTRAINT "continuity_plans_activity_id_rsa_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."rsa_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_exercises" ADD CONSTRAINT "risk_exercises_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_exercises" ADD CONSTRAINT "risk_exercises_plan_id_continuity_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."continuity_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_actions" ADD CONSTRAINT "risk_actions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_scales" ADD CONSTRAINT "risk_scales_city_org_id_orgs_id_fk" FOREIGN KEY ("city_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_thresholds" ADD CONSTRAINT "risk_thresholds_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_scale_id_risk_scales_id_fk" FOREIGN KEY ("scale_id") REFERENCES "public"."risk_scales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_activities" ADD CONSTRAINT "rsa_activities_rsa_id_rsa_analyses_id_fk" FOREIGN KEY ("rsa_id") REFERENCES "public"."rsa_analyses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_activities" ADD CONSTRAINT "rsa_activities_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_analyses" ADD CONSTRAINT "rsa_analyses_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vor_arbetssatt" ADD CONSTRAINT "vor_arbetssatt_vor_id_vor_assessments_id_fk" FOREIGN KEY ("vor_id") REFERENCES "public"."vor_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vor_arbetssatt" ADD CONSTRAINT "vor_arbetssatt_process_id_vor_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."vor_processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vor_assessments" ADD CONSTRAINT "vor_assessments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vor_events" ADD CONSTRAINT "vor_events_vor_id_vor_assessments_id_fk" FOREIGN KEY ("vor_id") REFERENCES "public"."vor_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vor_events" ADD CONSTRAINT "vor_events_arbetssatt_id_vor_arbetssatt_id_fk" FOREIGN KEY ("arbetssatt_id") REFERENCES "public"."vor_arbetssatt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vor_events" ADD CONSTRAINT "vor_events_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vor_events" ADD CONSTRAINT "vor_events_scale_id_risk_scales_id_fk" FOREIGN KEY ("scale_id") REFERENCES "public"."risk_scales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vor_processes" ADD CONSTRAINT "vor_processes_vor_id_vor_assessments_id_fk" FOREIGN KEY ("vor_id") REFERENCES "public"."vor_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "continuity_plans_org_idx" ON "continuity_plans" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "risk_exercises_org_date_idx" ON "risk_exercises" USING btree ("org_id","date");--> statement-breakpoint
CREATE INDEX "risk_actions_parent_idx" ON "risk_actions" USING btree ("parent_type","parent_id");--> statement-breakpoint
CREATE INDEX "risk_actions_due_idx" ON "risk_actions" USING btree ("status","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_scales_city_version_unique" ON "risk_scales" USING btree ("city_org_id","scale_version");--> statement-breakpoint
CREATE INDEX "risks_org_idx" ON "risks" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "risks_source_idx" ON "risks" USING btree ("source_type","source_id");--> statement-breakpoint
CREATE INDEX "risks_scale_idx" ON "risks" USING btree ("scale_id");--> statement-breakpoint
CREATE INDEX "rsa_activities_rsa_idx" ON "rsa_activities" USING btree ("rsa_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rsa_analyses_org_cycle_unique" ON "rsa_analyses" USING btree ("org_id","cycle_start_year");--> statement-breakpoint
CREATE INDEX "vor_arbetssatt_vor_idx" ON "vor_arbetssatt" USING btree ("vor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vor_assessments_org_year_unique" ON "vor_assessments" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "vor_events_vor_idx" ON "vor_events" USING btree ("vor_id");--> statement-breakpoint
CREATE INDEX "vor_events_scale_idx" ON "vor_events" USING btree ("scale_id");--> statement-breakpoint
CREATE INDEX "vor_processes_vor_idx" ON "vor_processes" USING btree ("vor_id");