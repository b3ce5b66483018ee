-- NIS2 / cybersäkerhetslagen: per organisation whether it is in scope, a yearly assessment of the ten measure areas of
-- article 21(2) (a)–(j), the supply chain's suppliers, the management's training and its approval (article 20).
CREATE TABLE "nis2_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"area" text NOT NULL,
	"status" text DEFAULT 'ej_paborjad' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"gaps" text DEFAULT '' NOT NULL,
	"measure" text DEFAULT '' NOT NULL,
	"measure_owner" text DEFAULT '' NOT NULL,
	"due_date" date,
	"evidence" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nis2_areas_area_check" CHECK ("nis2_areas"."area" in ('a','b','c','d','e','f','g','h','i','j')),
	CONSTRAINT "nis2_areas_status_check" CHECK ("nis2_areas"."status" in ('ej_paborjad','delvis','genomford','ej_tillamplig'))
);
--> statement-breakpoint
CREATE TABLE "nis2_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"carried_from" integer,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nis2_assessments_year_check" CHECK ("nis2_assessments"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "nis2_scopes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"in_scope" boolean DEFAULT false NOT NULL,
	"entity_type" text,
	"sector" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nis2_scopes_entity_type_check" CHECK ("nis2_scopes"."entity_type" is null or "nis2_scopes"."entity_type" in ('vasentlig','viktig'))
);
--> statement-breakpoint
CREATE TABLE "nis2_suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"supplier" text NOT NULL,
	"service" text DEFAULT '' NOT NULL,
	"sub_suppliers" text DEFAULT '' NOT NULL,
	"contract" boolean DEFAULT false NOT NULL,
	"assessed" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nis2_training" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"name" text NOT NULL,
	"date" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "nis2_areas" ADD CONSTRAINT "nis2_areas_assessment_id_nis2_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."nis2_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nis2_assessments" ADD CONSTRAINT "nis2_assessments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nis2_assessments" ADD CONSTRAINT "nis2_assessments_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nis2_scopes" ADD CONSTRAINT "nis2_scopes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nis2_suppliers" ADD CONSTRAINT "nis2_suppliers_assessment_id_nis2_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."nis2_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nis2_training" ADD CONSTRAINT "nis2_training_assessment_id_nis2_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."nis2_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "nis2_areas_assessment_area_unique" ON "nis2_areas" USING btree ("assessment_id","area");--> statement-breakpoint
CREATE UNIQUE INDEX "nis2_assessments_org_year_unique" ON "nis2_assessments" USING btree ("org_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "nis2_scopes_org_unique" ON "nis2_scopes" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "nis2_suppliers_assessment_idx" ON "nis2_suppliers" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "nis2_training_assessment_idx" ON "nis2_training" USING btree ("assessment_id");