-- The leverantörsregister: suppliers per organisation with PUB-avtal (art. 28), third-country transfer (transfer tool,
-- TIA), exit plan, sub-suppliers, the latest assessment and the systems delivered (objects of the objektlista).
CREATE TABLE "supplier_objects" (
	"supplier_id" uuid NOT NULL,
	"object_id" uuid NOT NULL,
	CONSTRAINT "supplier_objects_supplier_id_object_id_pk" PRIMARY KEY("supplier_id","object_id")
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"org_number" text,
	"services" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"processes_personal_data" boolean DEFAULT false NOT NULL,
	"pub_agreement" text DEFAULT 'nej' NOT NULL,
	"pub_signed_date" date,
	"pub_review_date" date,
	"third_country_transfer" boolean DEFAULT false NOT NULL,
	"third_countries" text DEFAULT '' NOT NULL,
	"transfer_tool" text,
	"tia_done" boolean DEFAULT false NOT NULL,
	"tia_date" date,
	"exit_plan" boolean DEFAULT false NOT NULL,
	"exit_plan_note" text DEFAULT '' NOT NULL,
	"sub_suppliers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assessment_date" date,
	"assessment_result" text,
	"assessment_note" text DEFAULT '' NOT NULL,
	"follow_up_date" date,
	"created_by" uuid,
	"archived" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppliers_pub_check" CHECK ("suppliers"."pub_agreement" in ('ja','nej','ej_tillampligt')),
	CONSTRAINT "suppliers_transfer_tool_check" CHECK ("suppliers"."transfer_tool" is null or "suppliers"."transfer_tool" in ('adekvansbeslut','scc','bcr','annat')),
	CONSTRAINT "suppliers_assessment_result_check" CHECK ("suppliers"."assessment_result" is null or "suppliers"."assessment_result" in ('godtagbar','brister','ej_godtagbar')),
	CONSTRAINT "suppliers_org_number_check" CHECK ("suppliers"."org_number" is null or "suppliers"."org_number" ~ '^[0-9]{6}-[0-9]{4}$')
);
--> statement-breakpoint
ALTER TABLE "supplier_objects" ADD CONSTRAINT "supplier_objects_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_objects" ADD CONSTRAINT "supplier_objects_object_id_digital_objects_id_fk" FOREIGN KEY ("object_id") REFERENCES "public"."digital_objects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppliers" ADD CONSTRAINT "suppliers_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppliers" ADD CONSTRAINT "suppliers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "suppliers_org_name_unique" ON "suppliers" USING btree ("org_id",lower("name"));