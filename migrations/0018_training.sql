-- Training (utbildning): trainings held per organisation and date, and e-course completion per unit, year and course.
CREATE TABLE "training_completions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"course" text NOT NULL,
	"employees" integer NOT NULL,
	"completed" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_completions_org_year_course_unique" UNIQUE("org_id","year","course"),
	CONSTRAINT "training_completions_employees_check" CHECK ("training_completions"."employees" >= 1),
	CONSTRAINT "training_completions_completed_check" CHECK ("training_completions"."completed" between 0 and "training_completions"."employees")
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"audience" text DEFAULT '' NOT NULL,
	"given_by" text DEFAULT '' NOT NULL,
	"participants" integer,
	"comment" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_sessions_kind_check" CHECK ("training_sessions"."kind" in ('riktad', 'e-utbildning', 'workshop', 'övning')),
	CONSTRAINT "training_sessions_participants_check" CHECK ("training_sessions"."participants" is null or "training_sessions"."participants" >= 0)
);
--> statement-breakpoint
ALTER TABLE "training_completions" ADD CONSTRAINT "training_completions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_sessions_org_held_idx" ON "training_sessions" USING btree ("org_id","held_on");