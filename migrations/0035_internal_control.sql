-- Internkontroll: the IKP's kontrollmoment per organisation and year (for an IKP risk, a VoR event, or the förvaltning's
-- own, then with a title) and their results per period (T1–T3, H1–H2, Q1–Q4, M01–M12, helår), one per control and period.
CREATE TABLE "internal_control_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"control_id" uuid NOT NULL,
	"period" text NOT NULL,
	"performed_on" date,
	"result" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "internal_control_results_result_check" CHECK ("internal_control_results"."result" in ('utan_avvikelse','avvikelse','vasentlig_avvikelse','ej_genomford')),
	CONSTRAINT "internal_control_results_period_check" CHECK ("internal_control_results"."period" ~ '^(helar|H[12]|T[123]|Q[1-4]|M(0[1-9]|1[0-2]))$'),
	CONSTRAINT "internal_control_results_performed_check" CHECK ("internal_control_results"."performed_on" is not null or "internal_control_results"."result" = 'ej_genomford')
);
--> statement-breakpoint
CREATE TABLE "internal_controls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"vor_event_id" uuid,
	"title" text DEFAULT '' NOT NULL,
	"control" text NOT NULL,
	"method" text DEFAULT '' NOT NULL,
	"frequency" text DEFAULT 'tertial' NOT NULL,
	"responsible" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"archived" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "internal_controls_year_check" CHECK ("internal_controls"."year" between 2000 and 2100),
	CONSTRAINT "internal_controls_frequency_check" CHECK ("internal_controls"."frequency" in ('arlig','halvar','tertial','kvartal','manad')),
	CONSTRAINT "internal_controls_title_check" CHECK ("internal_controls"."vor_event_id" is not null or btrim("internal_controls"."title") <> '')
);
--> statement-breakpoint
ALTER TABLE "internal_control_results" ADD CONSTRAINT "internal_control_results_control_id_internal_controls_id_fk" FOREIGN KEY ("control_id") REFERENCES "public"."internal_controls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internal_control_results" ADD CONSTRAINT "internal_control_results_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internal_controls" ADD CONSTRAINT "internal_controls_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internal_controls" ADD CONSTRAINT "internal_controls_vor_event_id_vor_events_id_fk" FOREIGN KEY ("vor_event_id") REFERENCES "public"."vor_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internal_controls" ADD CONSTRAINT "internal_controls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "internal_control_results_period_unique" ON "internal_control_results" USING btree ("control_id","period");--> statement-breakpoint
CREATE INDEX "internal_controls_org_year_idx" ON "internal_controls" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "internal_controls_event_idx" ON "internal_controls" USING btree ("vor_event_id");
