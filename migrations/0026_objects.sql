-- The objektlista (Pm3): digital objects per organisation with their information classification after KLASSA
-- (normerande and lokal status and date, level 0-4 per aspect). Names are unique per organisation whatever the case.
CREATE TABLE "digital_objects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"management" text DEFAULT 'lokal' NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"manager" text DEFAULT '' NOT NULL,
	"specialist" text DEFAULT '' NOT NULL,
	"supplier" text DEFAULT '' NOT NULL,
	"nis" boolean DEFAULT false NOT NULL,
	"pub_agreement" text DEFAULT 'nej' NOT NULL,
	"third_country_transfer" boolean DEFAULT false NOT NULL,
	"third_country_note" text DEFAULT '' NOT NULL,
	"ai_functions" boolean DEFAULT false NOT NULL,
	"ai_note" text DEFAULT '' NOT NULL,
	"management_plan" boolean DEFAULT false NOT NULL,
	"continuity_plan" boolean DEFAULT false NOT NULL,
	"normerande_status" text DEFAULT 'saknas' NOT NULL,
	"normerande_date" date,
	"lokal_status" text DEFAULT 'saknas' NOT NULL,
	"lokal_date" date,
	"konfidentialitet" integer,
	"riktighet" integer,
	"tillganglighet" integer,
	"sparbarhet" integer,
	"archived" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digital_objects_management_check" CHECK ("digital_objects"."management" in ('central','lokal')),
	CONSTRAINT "digital_objects_pub_check" CHECK ("digital_objects"."pub_agreement" in ('ja','nej','ej_tillampligt')),
	CONSTRAINT "digital_objects_normerande_check" CHECK ("digital_objects"."normerande_status" in ('saknas','pagar','klar','ej_aktuell')),
	CONSTRAINT "digital_objects_lokal_check" CHECK ("digital_objects"."lokal_status" in ('saknas','pagar','klar','ej_aktuell')),
	CONSTRAINT "digital_objects_levels_check" CHECK (coalesce("digital_objects"."konfidentialitet", 0) between 0 and 4 and coalesce("digital_objects"."riktighet", 0) between 0 and 4
      and coalesce("digital_objects"."tillganglighet", 0) between 0 and 4 and coalesce("digital_objects"."sparbarhet", 0) between 0 and 4)
);
--> statement-breakpoint
ALTER TABLE "digital_objects" ADD CONSTRAINT "digital_objects_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "digital_objects_org_name_unique" ON "digital_objects" USING btree ("org_id",lower("name"));