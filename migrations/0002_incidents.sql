CREATE TABLE "incident_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"source" text DEFAULT 'ui' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"org_id" uuid NOT NULL,
	"register_org_id" uuid NOT NULL,
	"external_id" text,
	"unit_text" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text,
	"category" text,
	"personal_data" text DEFAULT 'vet_ej' NOT NULL,
	"occurred_at" timestamp with time zone,
	"discovered_at" timestamp with time zone,
	"reported_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'Rapporterad' NOT NULL,
	"handler_id" uuid,
	"reporter_id" uuid,
	"risk_assessment" text,
	"reported_to_imy" boolean DEFAULT false NOT NULL,
	"imy_reported_at" timestamp with time zone,
	"imy_reference" text,
	"subjects_informed_at" timestamp with time zone,
	"nis2_significant" boolean DEFAULT false NOT NULL,
	"reported_to_csirt" boolean DEFAULT false NOT NULL,
	"csirt_early_warning_at" timestamp with time zone,
	"csirt_notification_at" timestamp with time zone,
	"csirt_final_report_at" timestamp with time zone,
	"protected_identity" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_status_check" CHECK ("incidents"."status" in ('Rapporterad','Under registrering','Under utredning','Under åtgärd','Klar','Förfallen')),
	CONSTRAINT "incidents_personal_data_check" CHECK ("incidents"."personal_data" in ('ja','nej','vet_ej'))
);
--> statement-breakpoint
ALTER TABLE "incident_status_history" ADD CONSTRAINT "incident_status_history_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_status_history" ADD CONSTRAINT "incident_status_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_register_org_id_orgs_id_fk" FOREIGN KEY ("register_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_handler_id_users_id_fk" FOREIGN KEY ("handler_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_status_history_incident_idx" ON "incident_status_history" USING btree ("incident_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_register_external_unique" ON "incidents" USING btree ("register_org_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_seq_unique" ON "incidents" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "incidents_org_idx" ON "incidents" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "incidents_reported_idx" ON "incidents" USING btree ("reported_at");--> statement-breakpoint
CREATE INDEX "incidents_status_idx" ON "incidents" USING btree ("status");