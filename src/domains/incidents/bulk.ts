import { eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { conflict, forbidden, notFound } from '../../server/platform/errors';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { canManage, canRead, checkUser } from './access';
import type { BulkUpdate } from './contract';
import { incidentNumber, selectIncidents, type LoadedIncident } from './dto';
import { auditView, insertHistory } from './service';
import { incidents } from './table';
import { closingRefusal, transitionRefusal } from './transitions';
import { quoted } from './model';

/**
 * Triage: set status / handler / kind / category on many incidents in one step. All or nothing: when any
 * incident may not be changed (unknown, out of scope, illegal transition) nothing is written and the answer
 * lists every refused id with its reason. An incident that already has the status asked for keeps it (no history
 * row) and gets the other fields: "select all, set Förfallen and a handler" is not refused for the rows already
 * Förfallen. Only the incidents that changed are counted, versioned and audited.
 */
export async function bulkUpdate(ctx: Ctx, input: BulkUpdate): Promise<{ updated: number; ids: string[] }> {
  ctx.authz.require('incident.manage');
  const ids = [...new Set(input.ids)];
  return inTx(ctx, async (tx) => {
    const now = new Date();
    const rows = (await selectIncidents(tx, now).where(inArray(incidents.id, ids)).for('update', { of: incidents })) as LoadedIncident[];
    const byId = new Map(rows.map((r) => [r.i.id, r]));
    const missing = ids.filter((id) => !byId.has(id) || !canRead(ctx, byId.get(id)!));
    if (missing.length) {
      throw notFound({ sv: `Incidenterna finns inte: ${missing.join(', ')}.`, en: `These incidents do not exist: ${missing.join(', ')}.` }, 'ids');
    }
    if (rows.some((r) => !canManage(ctx, r))) throw forbidden();
    if (input.set.handlerId !== undefined) await checkUser(tx, input.set.handlerId, 'set.handlerId', rows.map((r) => ({ path: r.org.path, reporterId: r.i.reporterId })));
    const to = input.set.status;
    const moves = (id: string) => to !== undefined && byId.get(id)!.i.status !== to;
    if (to) {
      const refused = ids.filter(moves).flatMap((id) => {
        const r = byId.get(id)!;
        const why = transitionRefusal(r.i.status, to) ?? closingRefusal({ ...r.i, ...input.set }, to, now);
        return why ? [{ id, number: incidentNumber(r.i), from: r.i.status, code: why.code, reason_sv: why.msg.sv, reason_en: why.msg.en }] : [];
      });
      if (refused.length) {
        throw conflict(refused.every((f) => f.code === 'legal_duty_open') ? 'legal_duty_open' : 'illegal_transition', {
          sv: `${refused.length} av ${ids.length} incidenter kan inte få status ${quoted(to).sv}; inget har ändrats. ${refused.map((f) => `${f.number}: ${f.reason_sv}`).join(' ')}`,
          en: `${refused.length} of ${ids.length} incidents cannot get status ${quoted(to).en}; nothing was changed. ${refused.map((f) => `${f.number}: ${f.reason_en}`).join(' ')}`,
        }, 'set.status', { refused });
      }
    }
    const changed: string[] = [];
    for (const id of ids) {
      const cur = byId.get(id)!.i;
      const set = { ...input.set };
      if (!moves(id)) delete set.status;
      const keys = (Object.keys(set) as (keyof typeof set)[]).filter((k) => set[k] !== cur[k]);
      if (keys.length === 0) continue;
      const [row] = await tx.update(incidents)
        .set({ ...set, version: sql`${incidents.version} + 1`, updatedAt: now })
        .where(eq(incidents.id, id)).returning();
      if (set.status) await insertHistory(tx, ctx, id, cur.status, set.status, now, 'bulk');
      changed.push(id);
      await recordAudit(tx, ctx, {
        action: 'incident.bulk_update', entityType: 'incident', entityId: id, orgId: cur.orgId,
        before: auditView(Object.fromEntries([...keys.map((k) => [k, cur[k]]), ['version', cur.version], ['protectedIdentity', cur.protectedIdentity]])),
        after: auditView(Object.fromEntries([...keys.map((k) => [k, row[k]]), ['version', row.version], ['protectedIdentity', row.protectedIdentity]])),
      });
    }
    return { updated: changed.length, ids: changed };
  });
}
