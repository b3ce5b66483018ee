CREATE TABLE "document_files" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"doc_version" text DEFAULT '' NOT NULL,
	"adopted_on" date,
	"decision_ref" text DEFAULT '' NOT NULL,
	"next_review_on" date,
	"search_text" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('swedish'::regconfig, coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(search_text, ''))) STORED,
	"file_name" text,
	"file_kind" text,
	"file_size" integer,
	"file_sha256" text,
	"file_uploaded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_file_kind_check" CHECK ("documents"."file_kind" is null or "documents"."file_kind" in ('pdf','docx','xlsx','txt'))
);
--> statement-breakpoint
CREATE TABLE "dso_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dso_follow_ups_rec_year_unique" UNIQUE("recommendation_id","year")
);
--> statement-breakpoint
CREATE TABLE "dso_recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"report_year" integer NOT NULL,
	"area" text NOT NULL,
	"recommendation" text NOT NULL,
	"risk_level" text DEFAULT 'medel' NOT NULL,
	"response" text DEFAULT '' NOT NULL,
	"responsible" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'öppen' NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dso_recommendations_risk_check" CHECK ("dso_recommendations"."risk_level" in ('låg','medel','hög','allvarlig')),
	CONSTRAINT "dso_recommendations_status_check" CHECK ("dso_recommendations"."status" in ('öppen','pågår','åtgärdad','ej åtgärdad'))
);
--> statement-breakpoint
CREATE TABLE "goal_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"text" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goal_statuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"indicator_id" uuid,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goal_statuses_goal_indicator_year_unique" UNIQUE NULLS NOT DISTINCT("goal_id","indicator_id","year"),
	CONSTRAINT "goal_statuses_status_check" CHECK ("goal_statuses"."status" in ('uppfyllt','delvis uppfyllt','ej uppfyllt','pågår'))
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goals_org_code_unique" UNIQUE("org_id","code")
);
--> statement-breakpoint
CREATE TABLE "plan_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"area" text NOT NULL,
	"description" text NOT NULL,
	"responsible" text DEFAULT '' NOT NULL,
	"partners" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planerad' NOT NULL,
	"due_date" date,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"carried_from_id" uuid,
	"review_decision_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_activities_status_check" CHECK ("plan_activities"."status" in ('planerad','pågår','klar','avbruten')),
	CONSTRAINT "plan_activities_year_check" CHECK ("plan_activities"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "plan_area_lists" (
	"city_org_id" uuid PRIMARY KEY NOT NULL,
	"areas" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "management_review_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"owner" text NOT NULL,
	"due_date" date,
	"activity_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "management_review_decisions_kind_check" CHECK ("management_review_decisions"."kind" in ('improvement','isms_change'))
);
--> statement-breakpoint
CREATE TABLE "management_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"meeting_date" date,
	"chair" text DEFAULT '' NOT NULL,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"inputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"isms_changes" text DEFAULT '' NOT NULL,
	"conclusion" jsonb,
	"signed_at" timestamp with time zone,
	"signed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "management_reviews_org_year_unique" UNIQUE("org_id","year")
);
--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dso_follow_ups" ADD CONSTRAINT "dso_follow_ups_recommendation_id_dso_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."dso_recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dso_recommendations" ADD CONSTRAINT "dso_recommendations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dso_recommendations" ADD CONSTRAINT "dso_recommendations_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_indicators" ADD CONSTRAINT "goal_indicators_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_statuses" ADD CONSTRAINT "goal_statuses_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_statuses" ADD CONSTRAINT "goal_statuses_indicator_id_goal_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."goal_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activities" ADD CONSTRAINT "plan_activities_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activities" ADD CONSTRAINT "plan_activities_carried_from_id_plan_activities_id_fk" FOREIGN KEY ("carried_from_id") REFERENCES "public"."plan_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_area_lists" ADD CONSTRAINT "plan_area_lists_city_org_id_orgs_id_fk" FOREIGN KEY ("city_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_decisions" ADD CONSTRAINT "management_review_decisions_review_id_management_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."management_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_org_idx" ON "documents" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin ("search");--> statement-breakpoint
CREATE INDEX "dso_recommendations_org_year_idx" ON "dso_recommendations" USING btree ("org_id","report_year");--> statement-breakpoint
CREATE INDEX "goal_indicators_goal_idx" ON "goal_indicators" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "plan_activities_org_year_idx" ON "plan_activities" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "plan_activities_carried_idx" ON "plan_activities" USING btree ("carried_from_id");--> statement-breakpoint
CREATE INDEX "management_review_decisions_review_idx" ON "management_review_decisions" USING btree ("review_id");