CREATE TABLE "processing_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"purposes" text DEFAULT '' NOT NULL,
	"legal_basis" text,
	"legal_basis_note" text DEFAULT '' NOT NULL,
	"data_subjects" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"personal_data" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"special_categories" boolean DEFAULT false NOT NULL,
	"special_categories_note" text DEFAULT '' NOT NULL,
	"recipients" text DEFAULT '' NOT NULL,
	"third_country_transfer" boolean DEFAULT false NOT NULL,
	"third_countries" text DEFAULT '' NOT NULL,
	"transfer_tool" text,
	"tia_done" boolean DEFAULT false NOT NULL,
	"retention" text DEFAULT '' NOT NULL,
	"security_measures" text DEFAULT '' NOT NULL,
	"pub_agreement" text DEFAULT 'nej' NOT NULL,
	"responsible" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'utkast' NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"dpia_criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dpia" text DEFAULT 'ej_gjord' NOT NULL,
	"dpia_date" date,
	"dpia_reason" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"archived" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processing_activities_legal_basis_check" CHECK ("processing_activities"."legal_basis" is null or "processing_activities"."legal_basis" in ('a','b','c','d','e','f')),
	CONSTRAINT "processing_activities_transfer_tool_check" CHECK ("processing_activities"."transfer_tool" is null or "processing_activities"."transfer_tool" in ('adekvansbeslut','scc','bcr','annat')),
	CONSTRAINT "processing_activities_pub_check" CHECK ("processing_activities"."pub_agreement" in ('ja','nej','ej_tillampligt')),
	CONSTRAINT "processing_activities_status_check" CHECK ("processing_activities"."status" in ('utkast','granskas','godkand')),
	CONSTRAINT "processing_activities_dpia_check" CHECK ("processing_activities"."dpia" in ('ej_gjord','gjord','behovs_ej')),
	CONSTRAINT "processing_activities_approved_check" CHECK (("processing_activities"."status" = 'godkand') = ("processing_activities"."approved_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "processing_activity_objects" (
	"activity_id" uuid NOT NULL,
	"object_id" uuid NOT NULL,
	CONSTRAINT "processing_activity_objects_activity_id_object_id_pk" PRIMARY KEY("activity_id","object_id")
);
--> statement-breakpoint
ALTER TABLE "processing_activities" ADD CONSTRAINT "processing_activities_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_activities" ADD CONSTRAINT "processing_activities_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_activities" ADD CONSTRAINT "processing_activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_activity_objects" ADD CONSTRAINT "processing_activity_objects_activity_id_processing_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."processing_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_activity_objects" ADD CONSTRAINT "processing_activity_objects_object_id_digital_objects_id_fk" FOREIGN KEY ("object_id") REFERENCES "public"."digital_objects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "processing_activities_org_name_unique" ON "processing_activities" USING btree ("org_id",lower("name"));