-- The IKP threshold a VoR was approved with: an approved VoR's proposals to the internal control plan no longer move
-- when the förvaltning's threshold is changed afterwards (risks/vor-read.ts approvedThreshold).
ALTER TABLE "vor_assessments" ADD COLUMN "ikp_threshold" integer;--> statement-breakpoint
-- VoRs approved before: the threshold in force now, the nearest one set on the VoR's organisation or above it, else 12
-- (risks/scale.ts DEFAULT_THRESHOLD).
UPDATE "vor_assessments" v SET "ikp_threshold" = coalesce((
  SELECT t."threshold" FROM "risk_thresholds" t
  JOIN "orgs" a ON a."id" = t."org_id"
  JOIN "orgs" o ON o."id" = v."org_id"
  WHERE left(o."path", length(a."path")) = a."path"
  ORDER BY length(a."path") DESC LIMIT 1), 12)
WHERE v."status" = 'godkand';
