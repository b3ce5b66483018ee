import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { conflict, notFound, unprocessable } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { stockholmDate } from '../../server/platform/time';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { orgFor, orgSlugs, recordOrg, type OrgRow } from '../plans/scope';
import type {
  ControlResult, CreateControlResult, CreateInternalControl, Frequency, IkpRisk, IkpRiskQuery, InternalControl, InternalControlQuery, Period, ResultKind,
  UpdateControlResult, UpdateInternalControl,
} from './contract';
import { ikpEventsUnder, vorEventsOf, type IkpEvent } from './ikp';
import { checkResult, checkTitle, periodEnded, periodRange, periodWord, plannedPeriods } from './rules';
import { internalControlResults, internalControls } from './table';

export type ControlRow = typeof internalControls.$inferSelect;
export type ResultRow = typeof internalControlResults.$inferSelect;

const missing = (id: string) => ({ sv: `Kontrollen ${id} finns inte.`, en: `Control ${id} does not exist.` });
const missingResult = (id: string) => ({ sv: `Kontrollresultatet ${id} finns inte.`, en: `Control result ${id} does not exist.` });

export const isDeviation = (r: string) => r === 'avvikelse' || r === 'vasentlig_avvikelse';

export function toResult(r: ResultRow): ControlResult {
  return {
    id: r.id, period: r.period as Period, performedOn: r.performedOn, result: r.result as ResultKind, reason: r.reason, comment: r.comment,
    measures: r.measures, version: r.version,
  };
}

export function toControl(c: ControlRow, org: { slug: string; name: string }, event: IkpEvent | undefined, results: ResultRow[], today: string): InternalControl {
  const byPeriod = new Map(results.map((r) => [r.period, r]));
  const periods = plannedPeriods(c.frequency as Frequency).map((p) => {
    const r = byPeriod.get(p);
    return { period: p, ...periodRange(c.year, p), ended: periodEnded(c.year, p, today), result: r ? toResult(r) : null };
  });
  return {
    id: c.id,
    org: { id: c.orgId, slug: org.slug, name: org.name },
    year: c.year,
    risk: event ? { id: event.id, title: event.title, arbetssatt: event.arbetssatt, riskvarde: event.riskvarde, ikpDecision: event.ikpDecision } : null,
    title: c.title,
    control: c.control,
    method: c.method,
    frequency: c.frequency as Frequency,
    responsible: c.responsible,
    periods,
    missing: periods.filter((p) => p.ended && !p.result).length,
    deviations: periods.filter((p) => p.result && isDeviation(p.result.result)).length,
    archived: c.archived,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

async function assemble(db: Db, rows: ControlRow[], org?: OrgRow): Promise<InternalControl[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const eventIds = [...new Set(rows.map((r) => r.vorEventId).filter((x): x is string => !!x))];
  const names = org ? new Map([[org.id, { slug: org.slug, name: org.name }]]) : await orgSlugs(db, rows.map((r) => r.orgId));
  const results = await db.select().from(internalControlResults).where(inArray(internalControlResults.controlId, ids));
  const years = [...new Set(rows.map((r) => r.year))];
  const events = new Map<string, IkpEvent>();
  for (const y of years) for (const e of await vorEventsOf(db, y, undefined, eventIds)) events.set(e.id, e);
  const today = stockholmDate();
  return rows.map((r) => toControl(r, names.get(r.orgId)!, r.vorEventId ? events.get(r.vorEventId) : undefined, results.filter((x) => x.controlId === r.id), today));
}

/** The controls of a year in the org's subtree that the caller may read, grouped by risk (riskvärde, highest first) then title. */
export async function listControls(ctx: Ctx, q: InternalControlQuery): Promise<InternalControl[]> {
  const org = await orgFor(ctx, ctx.db, q.org, 'risk.read');
  const c = internalControls;
  const conds = [ctx.authz.scopeSql('risk.read', orgs.path), like(orgs.path, escapeLike(org.path) + '%'), eq(c.year, q.year)];
  if (q.archived !== 'all') conds.push(eq(c.archived, q.archived === 'true'));
  const rows = await ctx.db.select({ c }).from(c).innerJoin(orgs, eq(orgs.id, c.orgId)).where(and(...conds))
    .orderBy(asc(orgs.path), asc(c.createdAt));
  let list = await assemble(ctx.db, rows.map((r) => r.c));
  if (q.deviations === 'true') list = list.filter((x) => x.deviations > 0);
  if (q.deviations === 'false') list = list.filter((x) => x.deviations === 0);
  if (q.missing === 'true') list = list.filter((x) => x.missing > 0);
  if (q.missing === 'false') list = list.filter((x) => x.missing === 0);
  return list.sort((a, b) => (b.risk?.riskvarde ?? -1) - (a.risk?.riskvarde ?? -1) || (a.risk?.title ?? '').localeCompare(b.risk?.title ?? '', 'sv'));
}

/** The year's IKP risks in the org's subtree the caller may read, with the number of active controls of each. */
export async function listIkpRisks(ctx: Ctx, q: IkpRiskQuery): Promise<IkpRisk[]> {
  const org = await orgFor(ctx, ctx.db, q.org, 'risk.read');
  const events = await ikpEventsUnder(ctx.db, org.path, q.year, ctx.authz.scopeSql('risk.read', orgs.path));
  const counts = events.length
    ? await ctx.db.select({ id: internalControls.vorEventId, n: sql<number>`count(*)::int` }).from(internalControls)
      .where(and(inArray(internalControls.vorEventId, events.map((e) => e.id)), eq(internalControls.archived, false))).groupBy(internalControls.vorEventId)
    : [];
  const n = new Map(counts.map((r) => [r.id, Number(r.n)]));
  return events.map((e) => ({
    id: e.id, org: { slug: e.org.slug, name: e.org.name }, year: e.year, title: e.title, arbetssatt: e.arbetssatt, riskvarde: e.riskvarde,
    ikpDecision: e.ikpDecision, controls: n.get(e.id) ?? 0,
  }));
}

async function load(ctx: Ctx, db: Db, id: string, write: boolean): Promise<{ cur: ControlRow; org: OrgRow }> {
  const q = db.select().from(internalControls).where(eq(internalControls.id, id));
  const [cur] = write ? await q.for('update') : await q;
  if (!cur) throw notFound(missing(id), 'id');
  const org = await recordOrg(ctx, db, cur.orgId, 'risk.read', write ? 'risk.manage' : undefined, missing(id));
  return { cur, org };
}

export async function getControl(ctx: Ctx, id: string): Promise<InternalControl> {
  const { cur, org } = await load(ctx, ctx.db, id, false);
  return (await assemble(ctx.db, [cur], org))[0];
}

/** 422 at vorEventId unless the event is an IKP risk of the organisation's VoR for the control's year. */
async function checkEvent(tx: Db, org: OrgRow, year: number, eventId: string | null | undefined): Promise<void> {
  if (!eventId) return;
  const [e] = await vorEventsOf(tx, year, eq(orgs.id, org.id), [eventId]);
  if (!e) {
    throw unprocessable('risk_not_in_vor', {
      sv: `Den valda risken finns inte i ${org.name}s väsentlighets- och riskanalys för ${year}. Välj en IKP-risk från årets VoR.`,
      en: `The chosen risk is not in ${org.name}'s materiality and risk analysis for ${year}. Choose an IKP risk from the year's VoR.`,
    }, 'vorEventId');
  }
  if (!e.inIkp) {
    throw unprocessable('risk_not_in_ikp', {
      sv: `Risken "${e.title}" ingår inte i internkontrollplanen (${e.ikpDecision === false ? 'ledningen har beslutat att den inte ska med' : `riskvärde ${e.riskvarde} under tröskeln`}).`,
      en: `The risk "${e.title}" is not in the internal control plan (${e.ikpDecision === false ? 'management decided against it' : `risk value ${e.riskvarde} below the threshold`}).`,
    }, 'vorEventId');
  }
}

export async function createControl(ctx: Ctx, input: CreateInternalControl): Promise<InternalControl> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'risk.read', 'risk.manage');
    const vorEventId = input.vorEventId ?? null;
    checkTitle(vorEventId, input.title ?? '');
    await checkEvent(tx, org, input.year, vorEventId);
    const [row] = await tx.insert(internalControls).values({
      orgId: org.id, year: input.year, vorEventId, title: input.title ?? '', control: input.control, method: input.method ?? '',
      frequency: input.frequency ?? 'tertial', responsible: input.responsible ?? '', createdBy: ctx.principal?.userId ?? null,
    }).returning();
    await recordAudit(tx, ctx, { action: 'internal_control.create', entityType: 'internal_control', entityId: row.id, orgId: org.id, after: row });
    return (await assemble(tx, [row], org))[0];
  });
}

/** Changes a control; `archived` archives (true) or restores (false) it, never deleting it. */
export async function updateControl(ctx: Ctx, id: string, input: UpdateInternalControl): Promise<InternalControl> {
  return inTx(ctx, async (tx) => {
    const { cur, org } = await load(ctx, tx, id, true);
    if (cur.version !== input.version) throw staleVersion('internal control', input.version, (await assemble(tx, [cur], org))[0]);
    const { version, ...changes } = input;
    const next = { ...cur, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as ControlRow;
    checkTitle(next.vorEventId, next.title);
    if (changes.vorEventId !== undefined && changes.vorEventId !== cur.vorEventId) await checkEvent(tx, org, cur.year, changes.vorEventId);
    if (next.frequency !== cur.frequency) {
      const planned = new Set<string>(plannedPeriods(next.frequency as Frequency));
      const kept = (await tx.select({ period: internalControlResults.period }).from(internalControlResults).where(eq(internalControlResults.controlId, id)))
        .map((r) => r.period).filter((p) => !planned.has(p));
      if (kept.length) {
        const list = kept.map((p) => periodWord(p as Period)).join(', ');
        throw unprocessable('frequency_has_results', {
          sv: `Frekvensen kan inte ändras: kontrollen har resultat för ${list}, som inte är perioder med den nya frekvensen. Lägg upp en ny kontroll och arkivera den här i stället.`,
          en: `The frequency cannot be changed: the control has results for ${list}, which are not periods of the new frequency. Add a new control and archive this one instead.`,
        }, 'frequency', { periods: kept });
      }
    }
    const [row] = await tx.update(internalControls)
      .set({ ...changes, version: sql`${internalControls.version} + 1`, updatedAt: new Date() })
      .where(and(eq(internalControls.id, id), eq(internalControls.version, version)))
      .returning();
    if (!row) throw staleVersion('internal control', version, (await assemble(tx, [cur], org))[0]);
    const action = changes.archived === true && !cur.archived ? 'internal_control.archive'
      : changes.archived === false && cur.archived ? 'internal_control.restore' : 'internal_control.update';
    await recordAudit(tx, ctx, { action, entityType: 'internal_control', entityId: id, orgId: org.id, before: cur, after: row });
    return (await assemble(tx, [row], org))[0];
  });
}

/** Reports a control's result for one of its planned periods: one per control and period (409 naming it; edit it instead). */
export async function createResult(ctx: Ctx, controlId: string, input: CreateControlResult): Promise<InternalControl> {
  return inTx(ctx, async (tx) => {
    const { cur, org } = await load(ctx, tx, controlId, true);
    const label = `${periodWord(input.period)} ${cur.year}`;
    if (cur.archived) {
      throw conflict('archived', {
        sv: 'Kontrollen är arkiverad. Återställ den för att rapportera resultat.',
        en: 'The control is archived. Restore it to report results.',
      }, 'id');
    }
    if (!plannedPeriods(cur.frequency as Frequency).includes(input.period)) {
      throw unprocessable('period_not_planned', {
        sv: `Perioden ${periodWord(input.period)} ingår inte i kontrollens plan (${plannedPeriods(cur.frequency as Frequency).map(periodWord).join(', ')}).`,
        en: `The period ${periodWord(input.period)} is not planned for the control (${plannedPeriods(cur.frequency as Frequency).map(periodWord).join(', ')}).`,
      }, 'period');
    }
    const [dup] = await tx.select({ id: internalControlResults.id }).from(internalControlResults)
      .where(and(eq(internalControlResults.controlId, controlId), eq(internalControlResults.period, input.period)));
    if (dup) {
      throw conflict('duplicate_period', {
        sv: `Kontrollen har redan ett resultat för ${label}. Ändra det i stället.`,
        en: `The control already has a result for ${label}. Edit it instead.`,
      }, 'period', { existingId: dup.id });
    }
    const values = {
      period: input.period, performedOn: input.performedOn ?? null, result: input.result, reason: input.reason ?? '', comment: input.comment ?? '', measures: input.measures ?? '',
    };
    checkResult({ year: cur.year, ...values });
    const [row] = await tx.insert(internalControlResults).values({ ...values, controlId, createdBy: ctx.principal?.userId ?? null }).returning();
    await recordAudit(tx, ctx, { action: 'internal_control.result_create', entityType: 'internal_control_result', entityId: row.id, orgId: org.id, after: row });
    return (await assemble(tx, [cur], org))[0];
  });
}

export async function updateResult(ctx: Ctx, id: string, input: UpdateControlResult): Promise<InternalControl> {
  return inTx(ctx, async (tx) => {
    const [r] = await tx.select().from(internalControlResults).where(eq(internalControlResults.id, id));
    if (!r) throw notFound(missingResult(id), 'id');
    const { cur, org } = await load(ctx, tx, r.controlId, true).catch((e: unknown) => {
      if (e instanceof Error && 'status' in e && (e as { status: number }).status === 404) throw notFound(missingResult(id), 'id');
      throw e;
    });
    if (r.version !== input.version) throw staleVersion('control result', input.version, toResult(r));
    const { version, ...changes } = input;
    const next = { ...r, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as ResultRow;
    checkResult({ year: cur.year, period: next.period as Period, performedOn: next.performedOn, result: next.result as ResultKind, reason: next.reason, comment: next.comment });
    const [row] = await tx.update(internalControlResults)
      .set({ ...changes, version: sql`${internalControlResults.version} + 1`, updatedAt: new Date() })
      .where(and(eq(internalControlResults.id, id), eq(internalControlResults.version, version)))
      .returning();
    if (!row) throw staleVersion('control result', version, toResult(r));
    await recordAudit(tx, ctx, { action: 'internal_control.result_update', entityType: 'internal_control_result', entityId: id, orgId: org.id, before: r, after: row });
    return (await assemble(tx, [cur], org))[0];
  });
}
