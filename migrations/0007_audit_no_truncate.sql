-- TRUNCATE bypasses row triggers: refuse it too, so the audit log cannot be emptied by accident.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION tillit_audit_append_only();
