import { eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { conflict, forbidden, notFound } from '../../server/platform/errors';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { canManage, canRead, checkUser } from './access';
import { categoriesFor, chooseCategory, unknownCategory } from './categories';
import type { BulkUpdate } from './contract';
import { clockInput, incidentNumber, selectIncidents, type LoadedIncident } from './dto';
import { auditView, insertHistory } from './service';
import { incidents } from './table';
import { closedCaseRefusal, closingRefusal, transitionRefusal } from './transitions';
import { quoted } from './model';

/**
 * Triage: set status / handler / kind / category on many incidents in one step. All or nothing: when any
 * incident may not be changed (unknown, out of scope, illegal transition) nothing is written and the answer
 * lists every refused id with its reason. An incident that already has the status asked for keeps it (no history
 * row) and gets the other fields: "select all, set Förfallen and a handler" is not refused for the rows already
 * Förfallen. Only the incidents that changed are counted, versioned and audited. A category follows the one rule of
 * categories.ts against each incident's own list (422 unknown_category, nothing written). With `versions` (the version
 * each was read at), an incident changed since refuses the step: 409 stale_version naming them, nothing written.
 */
export async function bulkUpdate(ctx: Ctx, input: BulkUpdate): Promise<{ updated: number; ids: string[] }> {
  ctx.authz.require('incident.manage');
  const ids = [...new Set(input.ids.map((id) => id.toLowerCase()))];
  return inTx(ctx, async (tx) => {
    const now = new Date();
    const rows = (await selectIncidents(tx, now).where(inArray(incidents.id, ids)).for('update', { of: incidents })) as LoadedIncident[];
    const byId = new Map(rows.map((r) => [r.i.id, r]));
    const missing = ids.filter((id) => !byId.has(id) || !canRead(ctx, byId.get(id)!));
    if (missing.length) {
      throw notFound({ sv: `Incidenterna finns inte: ${missing.join(', ')}.`, en: `These incidents do not exist: ${missing.join(', ')}.` }, 'ids');
    }
    if (rows.some((r) => !canManage(ctx, r))) throw forbidden();
    // Optimistic locking: an incident changed by someone else since the caller read it is not overwritten.
    const versions = new Map(Object.entries(input.versions ?? {}).map(([id, v]) => [id.toLowerCase(), v]));
    const stale = ids.filter((id) => versions.has(id) && versions.get(id) !== byId.get(id)!.i.version).map((id) => byId.get(id)!.i);
    if (stale.length) throw staleVersions(stale, versions, ids.length);
    if (input.set.handlerId !== undefined) await checkUser(tx, input.set.handlerId, 'set.handlerId', rows.map((r) => ({ path: r.org.path, reporterId: r.i.reporterId, protectedIdentity: r.i.protectedIdentity })), 'handler');
    const to = input.set.status;
    const moves = (id: string) => to !== undefined && byId.get(id)!.i.status !== to;
    // A move is checked as a status change; a closed incident that stays closed must not gain a legal duty (a kind
    // making it a personal data breach): closedCaseRefusal, as for a single change.
    const refused = ids.flatMap((id) => {
      const r = byId.get(id)!;
      const why = moves(id) ? transitionRefusal(r.i.status, to!) ?? closingRefusal({ ...clockInput(r), ...input.set }, to!, now)
        : closedCaseRefusal(clockInput(r), { ...clockInput(r), ...input.set, status: r.i.status }, Object.keys(input.set), now);
      return why ? [{ id, number: incidentNumber(r.i), from: r.i.status, code: why.code, reason_sv: why.msg.sv, reason_en: why.msg.en }] : [];
    });
    if (refused.length) {
      const moving = to !== undefined && refused.some((f) => moves(f.id));
      const what = moving ? { sv: `kan inte få status ${quoted(to).sv}`, en: `cannot get status ${quoted(to).en}` } : { sv: 'kan inte ändras så', en: 'cannot be changed so' };
      throw conflict(refused.every((f) => f.code === 'legal_duty_open') ? 'legal_duty_open' : 'illegal_transition', {
        sv: `${refused.length} av ${ids.length} incidenter ${what.sv}; inget har ändrats. ${refused.map((f) => `${f.number}: ${f.reason_sv}`).join(' ')}`,
        en: `${refused.length} of ${ids.length} incidents ${what.en}; nothing was changed. ${refused.map((f) => `${f.number}: ${f.reason_en}`).join(' ')}`,
      }, moving ? 'set.status' : 'set.kind', { refused });
    }
    const categories = input.set.category !== undefined ? await categoriesToSet(tx, rows, input.set.category, ids.length) : undefined;
    const changed: string[] = [];
    for (const id of ids) {
      const cur = byId.get(id)!.i;
      const set = { ...input.set };
      if (categories) set.category = categories.get(id)!;
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

/**
 * 409 stale_version for the incidents changed since the caller read them, as the status refusal lists its own: each
 * with its number, the version read and the one now, and a reason in both languages. Nothing has been written.
 */
function staleVersions(stale: LoadedIncident['i'][], read: Map<string, number>, asked: number) {
  const refused = stale.map((i) => {
    const [yourVersion, currentVersion] = [read.get(i.id)!, i.version];
    return {
      id: i.id, number: incidentNumber(i), code: 'stale_version', yourVersion, currentVersion,
      reason_sv: `ändrad av någon annan sedan den lästes in (version ${yourVersion}, nu ${currentVersion}).`,
      reason_en: `changed by someone else since it was loaded (version ${yourVersion}, now ${currentVersion}).`,
    };
  });
  const numbers = refused.map((r) => r.number).join(', ');
  return conflict('stale_version', {
    sv: `${refused.length} av ${asked} incidenter har ändrats av någon annan sedan de lästes in: ${numbers}. Inget har ändrats. Ladda om listan och försök igen.`,
    en: `${refused.length} of ${asked} incidents were changed by someone else since they were loaded: ${numbers}. Nothing was changed. Reload the list and try again.`,
  }, 'versions', { refused });
}

/**
 * The category each incident is to get, by the one rule of categories.ts (chooseCategory) against the list of its own
 * organisation (lists differ between förvaltningar): the list's spelling, or the value it carries already. When any
 * incident's list lacks the value nothing is changed: 422 unknown_category naming the value, the incidents and the choices.
 */
async function categoriesToSet(tx: Db, rows: LoadedIncident[], value: string | null, asked: number): Promise<Map<string, string | null>> {
  const lists = new Map<string, Awaited<ReturnType<typeof categoriesFor>>>();
  const out = new Map<string, string | null>();
  const refused: { r: LoadedIncident; list: { name: string }[] }[] = [];
  for (const r of rows) {
    if (!lists.has(r.org.path)) lists.set(r.org.path, await categoriesFor(tx, r.org.path));
    const list = lists.get(r.org.path)!;
    const chosen = chooseCategory(list, value, r.i.category);
    if (chosen === 'unknown') refused.push({ r, list });
    else out.set(r.i.id, chosen.name);
  }
  if (refused.length) {
    const numbers = refused.map(({ r }) => incidentNumber(r.i)).join(', ');
    throw unknownCategory(value!, refused[0].list, 'set.category', { unlisted: refused.map(({ r }) => ({ id: r.i.id, number: incidentNumber(r.i) })) }, {
      sv: `Okänd kategori "${value}" för ${refused.length} av ${asked} incidenter (${numbers}); inget har ändrats.`,
      en: `Unknown category "${value}" for ${refused.length} of ${asked} incidents (${numbers}); nothing was changed.`,
    });
  }
  return out;
}
