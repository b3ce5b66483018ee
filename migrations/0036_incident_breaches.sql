CREATE TABLE "incident_breaches" (
	"incident_id" uuid PRIMARY KEY NOT NULL,
	"breach_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject_categories_other" text DEFAULT '' NOT NULL,
	"subject_count" integer,
	"subject_count_unknown" boolean DEFAULT false NOT NULL,
	"data_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"data_categories_other" text DEFAULT '' NOT NULL,
	"record_count" integer,
	"record_count_unknown" boolean DEFAULT false NOT NULL,
	"likely_consequences" text DEFAULT '' NOT NULL,
	"measures_taken" text DEFAULT '' NOT NULL,
	"cause" text,
	"delay_reason" text DEFAULT '' NOT NULL,
	"not_informing_reason" text,
	"not_informing_text" text DEFAULT '' NOT NULL,
	"documented_at" timestamp with time zone,
	"documented_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_breaches_cause_check" CHECK ("incident_breaches"."cause" is null or "incident_breaches"."cause" in ('manskligt_misstag','teknisk_brist','antagonistisk','leverantor','okand')),
	CONSTRAINT "incident_breaches_not_informing_check" CHECK ("incident_breaches"."not_informing_reason" is null or "incident_breaches"."not_informing_reason" in ('a','b','c')),
	CONSTRAINT "incident_breaches_counts_check" CHECK (("incident_breaches"."subject_count" is null or "incident_breaches"."subject_count" >= 0) and ("incident_breaches"."record_count" is null or "incident_breaches"."record_count" >= 0))
);
--> statement-breakpoint
ALTER TABLE "incident_breaches" ADD CONSTRAINT "incident_breaches_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_breaches" ADD CONSTRAINT "incident_breaches_documented_by_users_id_fk" FOREIGN KEY ("documented_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;