-- A deadline reminder is remembered for the deadline it was sent for (incident, clock, threshold, deadline): when the
-- deadline moves (the discovery time corrected), its thresholds are crossed anew and reminded of again. Reminders
-- already sent get the deadline their clock has now (incidents/clocks.ts: 24 h or 72 h from the discovery, else the
-- report; NIS2's final report one calendar month, Stockholm time, after the notification or its deadline, the earlier
-- instant in the hour the clocks go back, as incidents/dto.ts overdueSql), so upgrading sends nothing twice. A reminder
-- sent for a deadline that has moved since (a discovery time corrected) is taken as sent for the new one: quiet, never twice.
ALTER TABLE "incident_reminders_sent" ADD COLUMN "deadline" timestamp with time zone;--> statement-breakpoint
UPDATE "incident_reminders_sent" r SET "deadline" = CASE r.clock
    WHEN 'nis2_early' THEN coalesce(i.discovered_at, i.reported_at) + interval '24 hours'
    WHEN 'nis2_final' THEN CASE WHEN ((f.later - interval '1 hour') AT TIME ZONE 'Europe/Stockholm') = f.local THEN f.later - interval '1 hour' ELSE f.later END
    ELSE coalesce(i.discovered_at, i.reported_at) + interval '72 hours'
  END
FROM incidents i
  CROSS JOIN LATERAL (SELECT ((coalesce(i.csirt_notification_at, coalesce(i.discovered_at, i.reported_at) + interval '72 hours') AT TIME ZONE 'Europe/Stockholm') + interval '1 month') AS local) l
  CROSS JOIN LATERAL (SELECT l.local, (l.local AT TIME ZONE 'Europe/Stockholm') AS later) f
WHERE i.id = r.incident_id;--> statement-breakpoint
ALTER TABLE "incident_reminders_sent" ALTER COLUMN "deadline" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "incident_reminders_sent" DROP CONSTRAINT "incident_reminders_sent_incident_id_clock_threshold_pk";--> statement-breakpoint
ALTER TABLE "incident_reminders_sent" ADD CONSTRAINT "incident_reminders_sent_incident_id_clock_threshold_deadline_pk" PRIMARY KEY("incident_id","clock","threshold","deadline");
