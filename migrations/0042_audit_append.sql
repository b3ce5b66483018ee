-- Appends audit rows to the hash chain in one statement (audit/chain.ts recordAudits): the chain's lock, its last
-- hash and the inserts, instead of three round trips from the application for each row. The application computes
-- each row's canonical body (chain.ts rowBody); here each hash is sha256(previous hash, newline, body), exactly as
-- chain.ts rowHash computes it and verifyChain checks it. In a VOLATILE function each statement takes a new
-- snapshot, so the last hash read after the lock is the one the previous holder committed.
CREATE FUNCTION "audit_append"(entries jsonb) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  prev text;
  next text;
  e jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock(727170002);
  SELECT a.hash INTO prev FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  FOR e IN SELECT value FROM jsonb_array_elements(entries) LOOP
    next := encode(sha256(convert_to(prev || E'\n' || (e->>'body'), 'UTF8')), 'hex');
    INSERT INTO audit_log (at, actor_id, actor_label, action, entity_type, entity_id, org_id, before, after, request_id, ip, prev_hash, hash)
    VALUES (
      (e->>'at')::timestamptz, (e->>'actorId')::uuid, e->>'actorLabel', e->>'action', e->>'entityType', e->>'entityId',
      (e->>'orgId')::uuid, nullif(e->'before', 'null'::jsonb), nullif(e->'after', 'null'::jsonb), e->>'requestId', e->>'ip',
      prev, next
    );
    prev := next;
  END LOOP;
END $$;
