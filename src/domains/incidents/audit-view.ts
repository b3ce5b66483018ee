/**
 * The audit log as a reader sees it (audit/service.ts listAudit): the free texts of an incident that is protected now
 * are hidden from one who may not read protected records there. An entry written before the incident was marked
 * protected holds its texts in clear (auditSafe hides them only when the record is protected at the time); the entry
 * itself stays as written, for the hash chain, and is hidden when read.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { AuditRedactor } from '../audit/service';
import { orgs } from '../org/table';
import { UUID_RE } from '../../server/platform/uuid7';
import { PROTECTED_ENTITY_TYPES, protectedFields, withoutProtected } from './access';
import { incidents } from './table';

type Entry = Parameters<AuditRedactor>[1][number];
const asObject = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** The incident an entry is about: its own id, or the incidentId its record carries. */
function incidentOf(e: Entry): string | undefined {
  if (!PROTECTED_ENTITY_TYPES.includes(e.entityType)) return undefined;
  const id = e.entityType === 'incident' || e.entityType === 'incident_breach'
    ? e.entityId
    : (asObject(e.after)?.incidentId ?? asObject(e.before)?.incidentId);
  return typeof id === 'string' && UUID_RE.test(id) ? id.toLowerCase() : undefined;
}

function hide(e: Entry, side: 'before' | 'after'): void {
  const v = asObject(e[side]);
  if (v) e[side] = withoutProtected(v, protectedFields(e.entityType, v));
}

export const auditRedactors: AuditRedactor[] = [
  async (ctx, entries) => {
    const ids = [...new Set(entries.map(incidentOf).filter((x): x is string => x !== undefined))];
    if (ids.length === 0) return;
    const isProtected = await ctx.db.select({ id: incidents.id, path: orgs.path }).from(incidents)
      .innerJoin(orgs, eq(orgs.id, incidents.orgId))
      .where(and(inArray(incidents.id, ids), eq(incidents.protectedIdentity, true)));
    const hidden = new Set(isProtected.filter((p) => !ctx.authz.can('incident.protected', p.path)).map((p) => p.id));
    if (hidden.size === 0) return;
    for (const e of entries) {
      const id = incidentOf(e);
      if (id && hidden.has(id)) {
        hide(e, 'before');
        hide(e, 'after');
      }
    }
  },
];
