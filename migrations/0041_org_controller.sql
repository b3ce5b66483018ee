ALTER TABLE "orgs" ADD COLUMN "controller_name" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "controller_org_number" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_controller_org_number_check" CHECK ("orgs"."controller_org_number" is null or "orgs"."controller_org_number" ~ '^[0-9]{6}-[0-9]{4}$');