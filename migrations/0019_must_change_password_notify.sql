-- A session resolves to whether its person must change the password first (the one-time password of a first start
-- or of an account an administrator made): that column announces itself too, so no node keeps a stale answer.
DROP TRIGGER "users_auth_changed" ON "users";--> statement-breakpoint
CREATE TRIGGER "users_auth_changed" AFTER UPDATE OF "active", "email", "name", "locale", "must_change_password" OR DELETE OR TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION "tillit_auth_changed"();
