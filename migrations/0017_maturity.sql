-- Maturity measurements (mognadsmätning, MSB:s Infosäkkollen): one per organisation and year, a level 1–4 per area.
CREATE TABLE "maturity_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"assessed_on" date,
	"method" text DEFAULT '' NOT NULL,
	"assessor" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maturity_assessments_org_year_unique" UNIQUE("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "maturity_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"area" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"level" smallint NOT NULL,
	"target_level" smallint,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "maturity_scores_assessment_area_unique" UNIQUE("assessment_id","area"),
	CONSTRAINT "maturity_scores_level_check" CHECK ("maturity_scores"."level" between 1 and 4),
	CONSTRAINT "maturity_scores_target_level_check" CHECK ("maturity_scores"."target_level" is null or "maturity_scores"."target_level" between 1 and 4)
);
--> statement-breakpoint
ALTER TABLE "maturity_assessments" ADD CONSTRAINT "maturity_assessments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_scores" ADD CONSTRAINT "maturity_scores_assessment_id_maturity_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."maturity_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maturity_scores_assessment_idx" ON "maturity_scores" USING btree ("assessment_id","position");