/** "Start next year's VoR": copies processes and events, carries open åtgärder forward, marks what was carried. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { OPEN_ACTION } from './contract';
import { riskActions, vorArbetssatt, vorEvents, vorProcesses } from './table';
import { loadVor } from './vor-read';
import { insertVor } from './vor';
import { thresholdFor } from './common';

export async function startNextYear(ctx: Ctx, vorId: string) {
  return inTx(ctx, async (tx) => {
    const { vor: prev, org } = await loadVor(ctx, tx, vorId, 'risk.manage');
    const vor = await insertVor(tx, ctx, org.id, prev.year + 1, prev.id);
    const [presetProc] = await tx.select().from(vorProcesses).where(and(eq(vorProcesses.vorId, vor.id), eq(vorProcesses.mandatory, true)));
    const presetArbs = await tx.select().from(vorArbetssatt).where(eq(vorArbetssatt.vorId, vor.id));
    const oldProcs = await tx.select().from(vorProcesses).where(eq(vorProcesses.vorId, prev.id)).orderBy(asc(vorProcesses.sortOrder));
    const oldArbs = await tx.select().from(vorArbetssatt).where(eq(vorArbetssatt.vorId, prev.id)).orderBy(asc(vorArbetssatt.sortOrder));

    // Map every old arbetssätt to its new counterpart: preset ones by key, the rest copied with their process.
    const arbMap = new Map<string, string>();
    for (const p of oldProcs) {
      let newProcId = presetProc.id;
      if (!p.mandatory) {
        const [np] = await tx.insert(vorProcesses).values({ vorId: vor.id, name: p.name, mandatory: false, sortOrder: p.sortOrder }).returning();
        newProcId = np.id;
      }
      for (const a of oldArbs.filter((x) => x.processId === p.id)) {
        const preset = a.key ? presetArbs.find((x) => x.key === a.key) : undefined;
        if (preset) {
          arbMap.set(a.id, preset.id);
          continue;
        }
        const [na] = await tx.insert(vorArbetssatt).values({ vorId: vor.id, processId: newProcId, name: a.name, key: a.key, sortOrder: a.sortOrder }).returning();
        arbMap.set(a.id, na.id);
      }
    }

    const oldEvents = await tx.select().from(vorEvents).where(eq(vorEvents.vorId, prev.id)).orderBy(asc(vorEvents.sortOrder));
    const eventMap = new Map<string, string>();
    for (const e of oldEvents) {
      const [ne] = await tx
        .insert(vorEvents)
        .values({
          vorId: vor.id,
          arbetssattId: arbMap.get(e.arbetssattId)!,
          orgId: e.orgId,
          title: e.title,
          motivation: e.motivation,
          scaleId: e.scaleId,
          sannolikhet: e.sannolikhet,
          konsekvens: e.konsekvens,
          riskvarde: e.riskvarde,
          followUp: '',
          carriedFromId: e.id,
          previous: { title: e.title, sannolikhet: e.sannolikhet, konsekvens: e.konsekvens, riskvarde: e.riskvarde },
          sortOrder: e.sortOrder,
        })
        .returning();
      eventMap.set(e.id, ne.id);
    }

    const oldActions = oldEvents.length
      ? await tx.select().from(riskActions).where(and(eq(riskActions.parentType, 'vor_event'), inArray(riskActions.parentId, oldEvents.map((e) => e.id)))).orderBy(asc(riskActions.createdAt))
      : [];
    const open = oldActions.filter((a) => (OPEN_ACTION as readonly string[]).includes(a.status));
    if (open.length) {
      await tx.insert(riskActions).values(open.map((a) => ({
        orgId: a.orgId,
        parentType: 'vor_event',
        parentId: eventMap.get(a.parentId)!,
        title: a.title,
        owner: a.owner,
        dueDate: a.dueDate,
        status: a.status,
        note: a.note,
        carriedFromId: a.id,
      })));
    }
    const summary = { eventsCopied: oldEvents.length, actionsCarried: open.length, actionsLeftBehind: oldActions.length - open.length };
    await recordAudit(tx, ctx, { action: 'risk.vor.next_year', entityType: 'vor', entityId: vor.id, orgId: org.id, before: { fromVorId: prev.id, year: prev.year }, after: { ...vor, ...summary } });
    const { threshold } = await thresholdFor(tx, org.path);
    return {
      vor: {
        id: vor.id, orgId: org.id, orgSlug: org.slug, orgName: org.name, year: vor.year, status: vor.status,
        events: oldEvents.length, ikpProposed: oldEvents.filter((e) => e.riskvarde >= threshold).length, version: vor.version,
      },
      ...summary,
    };
  });
}
