-- Sessions started through the organisation's OpenID Connect provider name it: logging out then ends the sign-in at the
-- provider too (users/oidc.ts endSessionUrl), and an administrator's one-time password does not hold such a session back.
ALTER TABLE "sessions" ADD COLUMN "oidc_issuer" text;