-- An Ärende-ID is one case in its förvaltning's register whichever unit it was imported into (as for incidents
-- registered by hand). Imports into an avdelning or enhet used to key the register on that unit; those rows move to
-- the register of that unit's förvaltning (the shallowest förvaltning, nämnd or bolag at or above it, else the unit
-- itself: registerOrgOf in incidents/service.ts). A row whose Ärende-ID that register already holds stays where it is (the earliest
-- one moves when several would meet), so the migration never fails on the unique key.
WITH org_register AS (
  SELECT o.id,
    coalesce((SELECT a.id FROM orgs a WHERE a.type IN ('forvaltning', 'namnd', 'bolag') AND o.path LIKE a.path || '%' ORDER BY a.depth LIMIT 1), o.id) AS reg
  FROM orgs o
), moving AS (
  SELECT i.id, r.reg, row_number() OVER (PARTITION BY r.reg, i.external_id ORDER BY i.created_at, i.id) AS n
  FROM incidents i JOIN org_register r ON r.id = i.register_org_id
  WHERE i.external_id IS NOT NULL AND i.register_org_id <> r.reg
    AND NOT EXISTS (SELECT 1 FROM incidents x WHERE x.register_org_id = r.reg AND x.external_id = i.external_id)
)
UPDATE incidents i SET register_org_id = m.reg FROM moving m WHERE i.id = m.id AND m.n = 1;
