-- App nodes may keep a resolved session (person, grants) in memory for a few seconds. Whatever changes what a
-- session resolves to announces itself on channel tillit_auth, after commit, so every node drops its cache at
-- once. Statement-level: a bulk change sends one notification. Last-seen and login bookkeeping do not count.
CREATE FUNCTION "tillit_auth_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tillit_auth', '');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "sessions_auth_changed" AFTER UPDATE OF "revoked_at", "expires_at", "user_id", "csrf_token" OR DELETE OR TRUNCATE ON "sessions" FOR EACH STATEMENT EXECUTE FUNCTION "tillit_auth_changed"();--> statement-breakpoint
CREATE TRIGGER "users_auth_changed" AFTER UPDATE OF "active", "email", "name", "locale" OR DELETE OR TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION "tillit_auth_changed"();--> statement-breakpoint
CREATE TRIGGER "role_assignments_auth_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "role_assignments" FOR EACH STATEMENT EXECUTE FUNCTION "tillit_auth_changed"();--> statement-breakpoint
CREATE TRIGGER "orgs_auth_changed" AFTER UPDATE OF "path" OR DELETE OR TRUNCATE ON "orgs" FOR EACH STATEMENT EXECUTE FUNCTION "tillit_auth_changed"();--> statement-breakpoint
CREATE TRIGGER "org_groups_auth_changed" AFTER UPDATE OR DELETE OR TRUNCATE ON "org_groups" FOR EACH STATEMENT EXECUTE FUNCTION "tillit_auth_changed"();--> statement-breakpoint
CREATE TRIGGER "org_group_members_auth_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "org_group_members" FOR EACH STATEMENT EXECUTE FUNCTION "tillit_auth_changed"();
