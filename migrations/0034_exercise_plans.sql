-- An exercise's plans stand in exercise_plans (filled by 0033_continuity), so the single plan_id goes.
ALTER TABLE "risk_exercises" DROP CONSTRAINT "risk_exercises_plan_id_continuity_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "risk_exercises" DROP COLUMN "plan_id";