-- Cybersäkerhetslagen: the day and reference of an organisation's anmälan to the supervisory authority's register.
ALTER TABLE "nis2_scopes" ADD COLUMN "registered_on" date;--> statement-breakpoint
ALTER TABLE "nis2_scopes" ADD COLUMN "registration_reference" text DEFAULT '' NOT NULL;
