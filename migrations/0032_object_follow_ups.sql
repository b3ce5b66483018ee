-- The yearly object follow-up (objektuppföljning) with access review (behörighetsgenomgång) per digital object and
-- year: when, by whom, and the checks (ja/nej/ej aktuellt with comment): access review with result and accounts
-- removed or changed, förvaltningsplan, classification, handlingsplan, kontinuitetsplan, PUB-avtal and supplier.
CREATE TABLE "object_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"object_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"held_on" date NOT NULL,
	"held_by" text NOT NULL,
	"held_by_role" text DEFAULT 'objektagare' NOT NULL,
	"access_review" text DEFAULT 'nej' NOT NULL,
	"access_result" text,
	"accounts_changed" integer,
	"access_review_comment" text DEFAULT '' NOT NULL,
	"management_plan" text DEFAULT 'nej' NOT NULL,
	"management_plan_comment" text DEFAULT '' NOT NULL,
	"classification" text DEFAULT 'nej' NOT NULL,
	"classification_comment" text DEFAULT '' NOT NULL,
	"action_plan" text DEFAULT 'nej' NOT NULL,
	"action_plan_comment" text DEFAULT '' NOT NULL,
	"continuity_plan" text DEFAULT 'nej' NOT NULL,
	"continuity_plan_comment" text DEFAULT '' NOT NULL,
	"pub_supplier" text DEFAULT 'nej' NOT NULL,
	"pub_supplier_comment" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"actions" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "object_follow_ups_year_check" CHECK ("object_follow_ups"."year" between 2000 and 2100),
	CONSTRAINT "object_follow_ups_role_check" CHECK ("object_follow_ups"."held_by_role" in ('objektagare','objektledare')),
	CONSTRAINT "object_follow_ups_checks_check" CHECK ("object_follow_ups"."access_review" in ('ja','nej','ej_aktuellt') and "object_follow_ups"."management_plan" in ('ja','nej','ej_aktuellt') and "object_follow_ups"."classification" in ('ja','nej','ej_aktuellt')
      and "object_follow_ups"."action_plan" in ('ja','nej','ej_aktuellt') and "object_follow_ups"."continuity_plan" in ('ja','nej','ej_aktuellt') and "object_follow_ups"."pub_supplier" in ('ja','nej','ej_aktuellt')),
	CONSTRAINT "object_follow_ups_result_check" CHECK ("object_follow_ups"."access_result" is null or "object_follow_ups"."access_result" in ('inga_avvikelser','avvikelser_atgardade','avvikelser_kvarstar')),
	CONSTRAINT "object_follow_ups_accounts_check" CHECK ("object_follow_ups"."accounts_changed" is null or "object_follow_ups"."accounts_changed" >= 0)
);
--> statement-breakpoint
ALTER TABLE "object_follow_ups" ADD CONSTRAINT "object_follow_ups_object_id_digital_objects_id_fk" FOREIGN KEY ("object_id") REFERENCES "public"."digital_objects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "object_follow_ups_object_year_unique" ON "object_follow_ups" USING btree ("object_id","year");
