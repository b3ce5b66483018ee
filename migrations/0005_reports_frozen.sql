-- Approved report versions are frozen: the database itself refuses to change or delete them.
CREATE OR REPLACE FUNCTION tillit_report_version_frozen() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'report_versions is immutable (approved reports are frozen)' USING ERRCODE = '42501';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER report_versions_frozen BEFORE UPDATE OR DELETE ON report_versions
  FOR EACH ROW EXECUTE FUNCTION tillit_report_version_frozen();
