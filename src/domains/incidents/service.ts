import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { badRequest, conflict, forbidden, unprocessable } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { findOrg, orgNotFound } from '../org/service';
import { orgs } from '../org/table';
import { auditSafe, canSeeProtected, checkUser, manageable, readable, requireProtectedAccess, viewOf } from './access';
import { categoryToSet } from './categories';
import { loadChildren } from './children';
import { describeLinks } from './links';
import type { CreateIncident, IncidentDetail, UpdateIncident } from './contract';
import { clockInput, incidentNumber, loadIncident, toSummary, type IncidentRow, type LoadedIncident } from './dto';
import type { IncidentStatus } from './model';
import { incidentStatusHistory, incidents } from './table';
import { FIRST_YEAR, formatLocal, instantProblem, parseInstant, stockholmYear } from '../../server/platform/time';
import { TRANSITIONS, closedCaseRefusal, closingRefusal, isStatus, transitionRefusal } from './transitions';

/** Instant from validated text (the contract checked it already); undefined stays undefined, null stays null. */
/**
 * A time entered for an incident (Europe/Stockholm unless it carries a zone). Every one of them is something that
 * has happened (occurred, discovered, reported, notified), so a time in the future is refused: a discovery time
 * ahead would also push the legal clocks out. Five minutes of leeway cover clocks that run ahead.
 */
export function instant(v: string | null | undefined, field: string, now = new Date()): Date | null | undefined {
  if (v === undefined || v === null) return v;
  const d = parseInstant(v);
  if (!d) {
    const why = instantProblem(v)!;
    throw badRequest('invalid_instant', { sv: `Ogiltig tidpunkt: ${why.sv}.`, en: `Invalid date-time: ${why.en}.` }, field);
  }
  if (d.getTime() > now.getTime() + 5 * 60_000) {
    throw unprocessable('in_future', { sv: `Tidpunkten ${formatLocal(d)} ligger i framtiden; ange när det hände.`, en: `The time ${formatLocal(d)} is in the future; enter when it happened.` }, field);
  }
  // The reported time decides the year the incident is counted in: one of the years lists and figures show.
  if (field === 'reportedAt' && stockholmYear(d) < FIRST_YEAR) {
    throw unprocessable('before_first_year', {
      sv: `Tidpunkten ${formatLocal(d)} ligger före år ${FIRST_YEAR}, det första år Tillit räknar incidenter för.`,
      en: `The time ${formatLocal(d)} is before ${FIRST_YEAR}, the first year Tillit counts incidents for.`,
    }, field);
  }
  return d;
}

type Times = Partial<Record<'reportedAt' | 'occurredAt' | 'discoveredAt' | 'imyReportedAt' | 'subjectsInformedAt' | 'csirtEarlyWarningAt' | 'csirtNotificationAt' | 'csirtFinalReportAt', Date | null>>;

/**
 * The incident's times must come in an order that can have happened: discovered not before it occurred, no
 * notification before the organisation knew (discovered, else occurred), and the CSIRT reports in their legal
 * order. A typo such as an IMY time before the discovery would otherwise mark a legal duty as met.
 */
export function checkTimeOrder(t: Times, touched?: Set<string>): void {
  const fmt = (d: Date) => formatLocal(d);
  // On a change, only the pairs it touches: an old record out of order does not block an unrelated edit.
  const checks = (...fields: string[]) => !touched || fields.some((f) => touched.has(f));
  const rule = (field: keyof Times, earliest: Date | null | undefined, what: { sv: string; en: string }, from: (keyof Times)[]) => {
    const v = t[field];
    if (v && earliest && v.getTime() < earliest.getTime() && checks(field, ...from)) {
      throw unprocessable('time_order', {
        sv: `Tidpunkten ${fmt(v)} ligger före ${what.sv} (${fmt(earliest)}).`,
        en: `The time ${fmt(v)} is before ${what.en} (${fmt(earliest)}).`,
      }, field);
    }
  };
  rule('discoveredAt', t.occurredAt, { sv: 'när händelsen inträffade', en: 'when the event occurred' }, ['occurredAt']);
  // Nothing is reported before it happens (five minutes' leeway, as for a time ahead of now). A discovery after the
  // report can be right: the organisation may become aware of a breach only once the report is looked into (GDPR
  // art. 33), and its clock starts then.
  if (t.occurredAt && t.reportedAt && t.occurredAt.getTime() > t.reportedAt.getTime() + 5 * 60_000 && checks('occurredAt')) {
    throw unprocessable('time_order', {
      sv: `Tidpunkten ${fmt(t.occurredAt)} ligger efter rapporteringen (${fmt(t.reportedAt)}); ange när händelsen inträffade.`,
      en: `The time ${fmt(t.occurredAt)} is after the report (${fmt(t.reportedAt)}); enter when the event occurred.`,
    }, 'occurredAt');
  }
  const known = t.discoveredAt ?? t.occurredAt;
  const aware = t.discoveredAt ? { sv: 'upptäckten', en: 'the discovery' } : { sv: 'när händelsen inträffade', en: 'when the event occurred' };
  for (const f of ['imyReportedAt', 'subjectsInformedAt', 'csirtEarlyWarningAt', 'csirtNotificationAt', 'csirtFinalReportAt'] as const) {
    rule(f, known, aware, ['discoveredAt', 'occurredAt']);
  }
  rule('csirtNotificationAt', t.csirtEarlyWarningAt, { sv: 'den tidiga varningen', en: 'the early warning' }, ['csirtEarlyWarningAt']);
  rule('csirtFinalReportAt', t.csirtNotificationAt, { sv: 'incidentanmälan', en: 'the incident notification' }, ['csirtNotificationAt']);
}

/**
 * "Not reported" beside a report time: the clocks read the time (duty met), the figures read the flag (not
 * counted), the page says "Nej" with a time. Unticking the flag without emptying the time is refused on the flag;
 * an untouched old row does not block an unrelated edit.
 */
export function refuseTimeWithoutReport(i: Pick<IncidentRow, 'reportedToImy' | 'imyReportedAt' | 'reportedToCsirt' | 'csirtEarlyWarningAt' | 'csirtNotificationAt' | 'csirtFinalReportAt'>, touched: Set<string>): void {
  const imyFields = ['reportedToImy', 'imyReportedAt'];
  if (!i.reportedToImy && i.imyReportedAt && imyFields.some((f) => touched.has(f))) {
    throw unprocessable('report_time_without_report', {
      sv: `Anmäld till IMY kan inte vara Nej när tiden för anmälan (${formatLocal(i.imyReportedAt)}) är ifylld. Töm tiden om ingen anmälan gjordes.`,
      en: `Reported to IMY cannot be No while the time of the report (${formatLocal(i.imyReportedAt)}) is filled in. Clear the time if no report was made.`,
    }, 'reportedToImy');
  }
  const csirtTime = i.csirtEarlyWarningAt ?? i.csirtNotificationAt ?? i.csirtFinalReportAt;
  const csirtFields = ['reportedToCsirt', 'csirtEarlyWarningAt', 'csirtNotificationAt', 'csirtFinalReportAt'];
  if (!i.reportedToCsirt && csirtTime && csirtFields.some((f) => touched.has(f))) {
    throw unprocessable('report_time_without_report', {
      sv: `Anmäld till CSIRT kan inte vara Nej när en tid för rapport till CSIRT (${formatLocal(csirtTime)}) är ifylld. Töm tiderna om ingen rapport gjordes.`,
      en: `Reported to the CSIRT cannot be No while a time of a report to the CSIRT (${formatLocal(csirtTime)}) is filled in. Clear the times if no report was made.`,
    }, 'reportedToCsirt');
  }
}

/** What goes into the audit log: the row, without protected free text (auditSafe). */
export function auditView(r: Partial<IncidentRow>): Record<string, unknown> {
  return auditSafe(!!r.protectedIdentity, 'incident', r);
}

/** The organisation named in a request, if the caller may use `perm` there (404 otherwise, like an unknown org). */
type OrgPerm = 'incident.report' | 'incident.manage' | 'incident.read';
export async function orgFor(ctx: Ctx, db: Db, slug: string, perm: OrgPerm | OrgPerm[], field = 'org') {
  const org = await findOrg(db, slug, field);
  if (!(Array.isArray(perm) ? perm : [perm]).some((p) => ctx.authz.can(p, org.path))) {
    if (ctx.authz.can('incident.read', org.path) || ctx.authz.can('incident.report', org.path)) throw forbidden();
    throw orgNotFound(slug, field);
  }
  return org;
}

const REGISTER_TYPES: ReadonlySet<string> = new Set(['forvaltning', 'namnd', 'bolag']);

/**
 * The register an organisation's incidents belong to, from its path ("/root/…/self/") and the types along it: the
 * shallowest förvaltning, nämnd or bolag on the path, else the organisation itself. The one rule for hand
 * registration, quick reports and imports (migration 0014 writes it in SQL once).
 */
export function registerIn(path: string, typeOf: (orgId: string) => string | undefined): string {
  const ids = path.split('/').filter(Boolean);
  return ids.find((id) => REGISTER_TYPES.has(typeOf(id) ?? '')) ?? ids[ids.length - 1];
}

/** The förvaltning (or other top below the city) whose register an incident at `path` belongs to. */
export async function registerOrgOf(db: Db, path: string): Promise<string> {
  const onPath = await db.select({ id: orgs.id, type: orgs.type }).from(orgs).where(inArray(orgs.id, path.split('/').filter(Boolean)));
  const types = new Map(onPath.map((o) => [o.id, o.type]));
  return registerIn(path, (id) => types.get(id));
}

export async function insertHistory(tx: Db, ctx: Ctx, incidentId: string, from: string, to: string, at: Date, source = 'ui') {
  await tx.insert(incidentStatusHistory).values({ incidentId, fromStatus: from, toStatus: to, at, actorId: ctx.principal?.userId ?? null, source });
}

/**
 * "Ingen trolig risk" ends the duty to notify IMY (GDPR art. 33.1), and art. 33.5 asks that the reasons be documented:
 * the assessment is refused without its motivering (assessmentText), given with it or already there. Also a category
 * template's: a quick report from it would otherwise store the assessment without one.
 */
export function requireReasonForNoRisk(riskAssessment: string | null | undefined, assessmentText: string | null | undefined) {
  if (riskAssessment === 'ingen_trolig_risk' && !assessmentText?.trim()) {
    throw badRequest('assessment_reason_missing', {
      sv: 'Motivera bedömningen "ingen trolig risk": skälen för att inte anmäla till IMY ska dokumenteras (GDPR art. 33.5).',
      en: 'Give the reasons for the assessment "no likely risk": why the breach is not notified to IMY must be documented (GDPR art. 33(5)).',
    }, 'assessmentText');
  }
}

/** Full registration form (handlers): incident.manage on the organisation. */
export async function createIncident(ctx: Ctx, input: CreateIncident): Promise<IncidentDetail> {
  const id = await inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'incident.manage');
    await checkUser(tx, input.handlerId, 'handlerId', { path: org.path, reporterId: null, protectedIdentity: input.protectedIdentity ?? false }, 'handler');
    const reportedAt = instant(input.reportedAt, 'reportedAt') ?? new Date();
    const occurredAt = instant(input.occurredAt, 'occurredAt') ?? null;
    const discoveredAt = instant(input.discoveredAt, 'discoveredAt') ?? null;
    checkTimeOrder({ reportedAt, occurredAt, discoveredAt });
    requireReasonForNoRisk(input.riskAssessment, input.assessmentText);
    const category = input.category ? await categoryToSet(tx, org.path, input.category, undefined) : null;
    const [row] = await tx.insert(incidents).values({
      orgId: org.id,
      registerOrgId: await registerOrgOf(tx, org.path),
      externalId: input.externalId ?? null,
      unitText: input.unitText ?? null,
      title: input.title,
      description: input.description ?? '',
      kind: input.kind ?? null,
      category,
      personalData: input.personalData ?? 'vet_ej',
      occurredAt,
      discoveredAt,
      reportedAt,
      status: 'Rapporterad',
      handlerId: input.handlerId ?? null,
      reporterId: ctx.principal?.userId ?? null,
      riskAssessment: input.riskAssessment ?? null,
      assessmentText: input.assessmentText ?? '',
      protectedIdentity: input.protectedIdentity ?? false,
      nis2Significant: input.nis2Significant ?? false,
      createdBy: ctx.principal?.userId ?? null,
      createdVia: 'ui',
    }).returning();
    await recordAudit(tx, ctx, { action: 'incident.create', entityType: 'incident', entityId: row.id, orgId: org.id, after: auditView(row) });
    return row.id;
  });
  return getIncident(ctx, id);
}

/** What the reporter's view (reporterView) leaves out of the record: the handlers' judgements and what followed from them. */
const handlersOnly = () => ({
  riskAssessment: null, assessmentText: null, clocks: [], overdue: false, subjectsInformedAt: null, nis2Significant: null,
  reportedToCsirt: null, csirtEarlyWarningAt: null, csirtNotificationAt: null, csirtFinalReportAt: null,
}) satisfies Partial<IncidentDetail>;

/** One incident with its actions, comments, attachments, links and history. Protected content is audited. */
export async function getIncident(ctx: Ctx, id: string, now = new Date()): Promise<IncidentDetail> {
  const r = await readable(ctx, ctx.db, id, now);
  const show = canSeeProtected(ctx, r);
  // The reporter reads their own report, not the handlers' notes, assessment and actions about it.
  const view = viewOf(ctx, r);
  const staff = view.staff;
  const children = await loadChildren(ctx.db, r.i, show, now, view);
  // A read of the protected content is audited. The reporter without incident.protected is shown none of it (the
  // description is left out for them too): only the comments and files they added themselves, nothing to log.
  if (r.i.protectedIdentity && show) {
    await recordAudit(ctx.db, ctx, { action: 'incident.read_protected', entityType: 'incident', entityId: r.i.id, orgId: r.org.id });
  }
  const manage = ctx.authz.can('incident.manage', r.org.path);
  const links = await describeLinks(ctx, ctx.db, children.links, show);
  const summary = toSummary(r, show, now);
  return {
    ...summary,
    // The legal clocks follow from the handlers' assessment (art. 34 from a high risk, NIS2's from significance); the
    // reporter reads neither, nor what was done about them (the CSIRT reports, the data subjects informed).
    ...(staff ? {} : handlersOnly()),
    ...children,
    links,
    allowedStatuses: manage && isStatus(r.i.status) ? [...TRANSITIONS[r.i.status]] : [],
    reporterView: !staff,
  };
}

/** The checks and the history row of a status change inside the caller's transaction. */
export function refuseTransition(r: LoadedIncident, to: IncidentStatus) {
  const why = transitionRefusal(r.i.status, to);
  if (why) throw conflict(why.code, why.msg, 'status', { from: r.i.status, to, allowed: isStatus(r.i.status) ? TRANSITIONS[r.i.status] : [] });
}

export async function updateIncident(ctx: Ctx, id: string, input: UpdateIncident): Promise<IncidentDetail> {
  await inTx(ctx, async (tx) => {
    const now = new Date();
    const r = await manageable(ctx, tx, id, now);
    const cur = r.i;
    if (cur.version !== input.version) throw staleVersion('incident', input.version, { version: cur.version, id: cur.id, status: cur.status });
    const touchesProtected = input.description !== undefined || input.assessmentText !== undefined || input.protectedIdentity === false;
    if (touchesProtected && cur.protectedIdentity) requireProtectedAccess(ctx, r);
    // The handler asked for, or the present one when the record becomes protected: they must read its protected texts.
    const becomesProtected = input.protectedIdentity === true && !cur.protectedIdentity;
    if (input.handlerId !== undefined || becomesProtected) {
      await checkUser(tx, input.handlerId === undefined ? cur.handlerId : input.handlerId, 'handlerId', {
        path: r.org.path, reporterId: cur.reporterId, protectedIdentity: input.protectedIdentity ?? cur.protectedIdentity,
      }, 'handler');
    }
    if (input.status !== undefined && input.status !== cur.status) refuseTransition(r, input.status);

    const changes: Partial<IncidentRow> = {};
    const copy = ['title', 'description', 'kind', 'category', 'personalData', 'handlerId', 'riskAssessment', 'assessmentText',
      'reportedToImy', 'imyReference', 'nis2Significant', 'reportedToCsirt', 'protectedIdentity', 'status'] as const;
    for (const k of copy) if (input[k] !== undefined) (changes as Record<string, unknown>)[k] = input[k];
    if (input.category !== undefined) changes.category = await categoryToSet(tx, r.org.path, input.category, cur.category);
    const times = ['occurredAt', 'discoveredAt', 'imyReportedAt', 'subjectsInformedAt', 'csirtEarlyWarningAt', 'csirtNotificationAt', 'csirtFinalReportAt'] as const;
    for (const k of times) {
      const v = instant(input[k], k);
      if (v !== undefined) (changes as Record<string, unknown>)[k] = v;
    }
    // What the record already says is no change: nothing is written, versioned or audited (a save of an unchanged form
    // would otherwise make everyone else's open copy stale).
    for (const k of Object.keys(changes) as (keyof IncidentRow)[]) {
      const [a, b] = [changes[k], cur[k]];
      if (a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime())) delete changes[k];
    }
    if (Object.keys(changes).length === 0) return;
    checkTimeOrder({ ...cur, ...changes }, new Set(Object.keys(changes)));
    if (changes.riskAssessment !== undefined || changes.assessmentText !== undefined) {
      // Its motivering is protected text on a protected record: one who may not read it may not judge by it either
      // (and a 400 for a missing one would tell them whether it is empty).
      if (changes.riskAssessment === 'ingen_trolig_risk' && cur.protectedIdentity) requireProtectedAccess(ctx, r);
      requireReasonForNoRisk('riskAssessment' in changes ? changes.riskAssessment : cur.riskAssessment, changes.assessmentText ?? cur.assessmentText);
    }
    if (changes.imyReportedAt) changes.reportedToImy = true;
    // Ticking "reported to IMY" by hand needs the time: the 72-hour clock is judged by it. (An IA import may say only
    // "Ja": the clock then reads as met, time unknown.)
    if (changes.reportedToImy && !cur.reportedToImy && !(changes.imyReportedAt ?? cur.imyReportedAt)) {
      throw badRequest('imy_time_missing', {
        sv: 'Ange när anmälan till IMY gjordes: 72-timmarsfristen bedöms efter den tiden.',
        en: 'Give the time the breach was reported to IMY: the 72-hour deadline is judged by it.',
      }, 'imyReportedAt');
    }
    if (changes.csirtEarlyWarningAt || changes.csirtNotificationAt || changes.csirtFinalReportAt) changes.reportedToCsirt = true;
    refuseTimeWithoutReport({ ...cur, ...changes }, new Set(Object.keys(changes)));
    if (changes.status !== undefined && changes.status !== cur.status) {
      const why = closingRefusal({ ...clockInput(r), ...changes }, changes.status as IncidentStatus, now);
      if (why) throw conflict(why.code, why.msg, 'status', { clocks: why.clocks });
    }
    // A closed case that stays closed must not gain a duty its clocks would no longer warn of.
    const stillClosed = closedCaseRefusal(clockInput(r), { ...clockInput(r), ...changes }, Object.keys(changes), now);
    if (stillClosed) throw conflict(stillClosed.code, stillClosed.msg, stillClosed.field, { clocks: stillClosed.clocks });

    const [row] = await tx.update(incidents)
      .set({ ...changes, version: sql`${incidents.version} + 1`, updatedAt: now })
      .where(and(eq(incidents.id, cur.id), eq(incidents.version, input.version)))
      .returning();
    if (!row) {
      const fresh = await loadIncident(tx, cur.id);
      throw staleVersion('incident', input.version, { version: fresh?.i.version ?? cur.version, id: cur.id });
    }
    const statusChanged = changes.status !== undefined && changes.status !== cur.status;
    if (statusChanged) await insertHistory(tx, ctx, cur.id, cur.status, row.status, now);
    const only = Object.keys(changes);
    await recordAudit(tx, ctx, {
      action: statusChanged && only.length === 1 ? 'incident.status' : 'incident.update',
      entityType: 'incident', entityId: cur.id, orgId: r.org.id,
      before: auditView(pick(cur, only)), after: auditView(pick(row, only)),
    });
  });
  return getIncident(ctx, id);
}

function pick(row: IncidentRow, keys: string[]): Partial<IncidentRow> {
  const out: Record<string, unknown> = { version: row.version, protectedIdentity: row.protectedIdentity };
  for (const k of keys) out[k] = (row as Record<string, unknown>)[k];
  return out as Partial<IncidentRow>;
}

export { incidentNumber };
