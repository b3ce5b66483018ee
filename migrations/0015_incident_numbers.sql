-- Incident numbers per reported year: AV-2026-0001, AV-2026-0002, … (they used to share one counter over all
-- years, so an imported IA history made this year's first report AV-2026-30324). Incidents that already have a
-- number keep it: number_seq takes the old counter's value.
ALTER TABLE "incidents" ADD COLUMN "number_year" smallint;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "number_seq" integer;--> statement-breakpoint
UPDATE "incidents" SET "number_year" = extract(year from "reported_at" AT TIME ZONE 'Europe/Stockholm')::smallint, "number_seq" = "seq"::integer;--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_number_unique" ON "incidents" USING btree ("number_year","number_seq");--> statement-breakpoint
-- A year's numbers come from its own sequence (incident_number_<year>), returned here. Sequences never wait for another
-- transaction, so a long import does not hold up a quick report. A year's sequence is made on first use, starting
-- after the highest number the year already has (so dropping them, as a restore does, is safe: they come back).
CREATE FUNCTION "incident_number_sequence"(y integer) RETURNS regclass LANGUAGE plpgsql AS $$
DECLARE
  s text := 'incident_number_' || y::text;
BEGIN
  IF to_regclass(s) IS NULL THEN
    BEGIN
      EXECUTE format('CREATE SEQUENCE %I AS integer START 1', s);
      PERFORM setval(s, coalesce((SELECT max(number_seq) FROM incidents WHERE number_year = y), 0) + 1, false);
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
      NULL; -- another transaction made it meanwhile
    END;
  END IF;
  RETURN s::regclass;
END
$$;--> statement-breakpoint
CREATE FUNCTION "incidents_number"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.number_year := extract(year from NEW.reported_at AT TIME ZONE 'Europe/Stockholm')::smallint;
  IF current_setting('tillit.restore', true) = 'on' THEN
    NEW.number_seq := NEW.seq; -- a backup from before this migration: the number it had then, as above
  ELSE
    NEW.number_seq := nextval(incident_number_sequence(NEW.number_year));
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
-- Only rows that come without a number (a restore brings its own): the WHEN test costs nothing per row otherwise.
CREATE TRIGGER "incidents_number" BEFORE INSERT ON "incidents" FOR EACH ROW WHEN (NEW.number_seq IS NULL) EXECUTE FUNCTION "incidents_number"();
