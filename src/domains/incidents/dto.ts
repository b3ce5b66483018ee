import { and, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../server/platform/db';
import { orgs } from '../org/table';
import { users } from '../users/table';
import { CLOCK_LABELS, NIS2_IN_FORCE, clocksFor, type ClockInput } from './clocks';
import type { IncidentListItem, IncidentSummary } from './contract';
import type { IncidentStatus, PersonalData, RiskAssessment } from './model';
import type { NotInformingReason } from './breach-model';
import { incidentActions, incidentBreaches, incidents } from './table';
import { formatLocal, stockholmDate, stockholmYear } from '../../server/platform/time';

export type IncidentRow = typeof incidents.$inferSelect;
export interface OrgRef { id: string; slug: string; name: string; path: string }
/** `art34Exemption`: the art. 34.3 reason of the incident's breach record (art34ExemptionSql), one of the clocks' inputs. */
export interface LoadedIncident { i: IncidentRow; org: OrgRef; handlerName: string | null; overdue: boolean; art34Exemption: string | null }
/** What a summary needs: the row, its org's name and slug, the handler's name, the overdue flag and the art. 34.3 reason. */
export interface SummaryRow { i: IncidentRow; org: Pick<OrgRef, 'id' | 'slug' | 'name'>; handlerName: string | null; overdue: boolean; art34Exemption: string | null }

/** The art. 34.3 reason (a, b, c) of an incident's breach record, or null: a lookup by primary key. */
export const art34ExemptionSql = (): SQL<string | null> =>
  sql<string | null>`(select b.not_informing_reason from ${incidentBreaches} b where b.incident_id = ${incidents.id})`;

/** The legal clocks' input of a loaded row: the incident and its breach record's art. 34.3 reason. */
export function clockInput<T extends Omit<ClockInput, 'art34Exemption'>>(r: { i: T; art34Exemption: string | null }): T & ClockInput {
  return { ...r.i, art34Exemption: r.art34Exemption };
}

export const handlerUser = alias(users, 'handler_user');

/**
 * Overdue, as one SQL expression (list filter, flag and attention agree): status Förfallen, an open åtgärd
 * past its due date, or a running clock past its deadline (see clocks.ts). Like an åtgärd's due date, art. 34's
 * internal 72 h target counts: the data subjects of a high-risk breach still uninformed after it are late by
 * Tillit's own measure (the clock itself says "internt mål passerat", not a legal deadline passed).
 */
export function overdueSql(now: Date): SQL<boolean> {
  const start = sql`coalesce(${incidents.discoveredAt}, ${incidents.reportedAt})`;
  const iso = now.toISOString();
  const h = (n: number) => sql`(${iso}::timestamptz - interval '${sql.raw(String(n))} hours')`;
  const today = stockholmDate(now);
  const breach = sql`(${incidents.personalData} = 'ja' or ${incidents.kind} = 'Personuppgiftsincident')`;
  // NIS2's final report: a month after the notification, in Stockholm wall-clock time, as addMonthsLocal. PostgreSQL
  // reads a local time the clocks go back over as its later instant; the earlier one is taken, as there.
  const local = sql`((coalesce(${incidents.csirtNotificationAt}, ${start} + interval '72 hours') at time zone 'Europe/Stockholm') + interval '1 month')`;
  const later = sql`(${local} at time zone 'Europe/Stockholm')`;
  const finalReportDue = sql`(case when ((${later} - interval '1 hour') at time zone 'Europe/Stockholm') = ${local} then ${later} - interval '1 hour' else ${later} end)`;
  // NIS2 significance counts from cybersäkerhetslagen's first day (clocks.ts nis2Applies).
  const nis2 = sql`(${incidents.nis2Significant} and ${start} >= ${NIS2_IN_FORCE.toISOString()}::timestamptz)`;
  // A kind not yet set is NULL, and so would the answer be: coalesce makes it false, as the contract's boolean says.
  return sql<boolean>`coalesce(${incidents.status} = 'Förfallen' or (${incidents.status} <> 'Klar' and (
    exists (select 1 from ${incidentActions} a where a.incident_id = ${incidents.id} and a.status <> 'klar' and a.due_date < ${today}::date)
    or (${breach} and coalesce(${incidents.riskAssessment}, '') <> 'ingen_trolig_risk' and not ${incidents.reportedToImy} and ${incidents.imyReportedAt} is null and ${start} < ${h(72)})
    or (${breach} and ${incidents.riskAssessment} = 'hog_risk' and ${incidents.subjectsInformedAt} is null and ${start} < ${h(72)}
      and not exists (select 1 from ${incidentBreaches} b where b.incident_id = ${incidents.id} and b.not_informing_reason is not null))
    or (${nis2} and ${incidents.csirtEarlyWarningAt} is null and ${start} < ${h(24)})
    or (${nis2} and ${incidents.csirtNotificationAt} is null and ${start} < ${h(72)})
    or (${nis2} and ${incidents.csirtFinalReportAt} is null and ${iso}::timestamptz > ${finalReportDue})
  )), false)`;
}

export function selectIncidents(db: Db, now: Date) {
  return db
    .select({
      i: incidents,
      org: { id: orgs.id, slug: orgs.slug, name: orgs.name, path: orgs.path },
      handlerName: handlerUser.name,
      overdue: overdueSql(now),
      art34Exemption: art34ExemptionSql(),
    })
    .from(incidents)
    .innerJoin(orgs, eq(orgs.id, incidents.orgId))
    .leftJoin(handlerUser, eq(handlerUser.id, incidents.handlerId));
}

export async function loadIncident(db: Db, id: string, now = new Date()): Promise<LoadedIncident | undefined> {
  const [row] = await selectIncidents(db, now).where(and(eq(incidents.id, id))).limit(1);
  return row as LoadedIncident | undefined;
}

/** Human number on receipts and lists: "AV-2025-0042" (reported year in Stockholm, counted per year; table.ts). */
export function incidentNumber(i: Pick<IncidentRow, 'seq' | 'reportedAt' | 'numberYear' | 'numberSeq'>): string {
  return `AV-${i.numberYear ?? stockholmYear(i.reportedAt)}-${String(i.numberSeq ?? i.seq).padStart(4, '0')}`;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function clockDtos(i: ClockInput, now: Date): IncidentSummary['clocks'] {
  return clocksFor(i, now).map((c) => ({
    key: c.key,
    label_sv: CLOCK_LABELS[c.key].sv,
    label_en: CLOCK_LABELS[c.key].en,
    deadline: c.deadline.toISOString(),
    deadlineLocal: formatLocal(c.deadline),
    remainingMs: c.remainingMs,
    state: c.state,
    met: c.met,
    metAt: iso(c.metAt),
    exemption: c.exemption as NotInformingReason | null,
    legal: c.legal,
    fromReport: c.fromReport,
  }));
}

/** The columns a list row needs (page.ts reads only these): what the list shows and the clocks' inputs. */
export const LIST_COLUMNS = [
  'id', 'seq', 'numberYear', 'numberSeq', 'orgId', 'externalId', 'title', 'kind', 'category', 'personalData', 'discoveredAt', 'reportedAt', 'status',
  'handlerId', 'riskAssessment', 'reportedToImy', 'imyReportedAt', 'subjectsInformedAt', 'nis2Significant',
  'csirtEarlyWarningAt', 'csirtNotificationAt', 'csirtFinalReportAt', 'protectedIdentity', 'version', 'reporterId',
] as const satisfies readonly (keyof IncidentRow)[];
export type ListIncidentRow = Pick<IncidentRow, (typeof LIST_COLUMNS)[number]>;
/** What a list row needs: those columns, its org's name and slug, the handler's name and the overdue flag. */
export interface ListRow {
  i: ListIncidentRow; org: Pick<OrgRef, 'id' | 'slug' | 'name' | 'path'>; handlerName: string | null; overdue: boolean; art34Exemption: string | null;
  /** In a page sorted by a column (sort.ts): the row's sort key, for the next cursor. */
  sortKey?: unknown;
}

/**
 * A list row. `staff`: the caller reads it as staff (incident.read on its organisation), not only as its reporter, who
 * is not given the legal clocks nor the overdue flag: they follow from the handlers' assessment (art. 34 from a high
 * risk, NIS2's from significance, their met times from the reports sent), as the incident's own page leaves them out.
 */
export function toListItem(r: ListRow, now: Date, staff = true): IncidentListItem {
  const i = r.i;
  return {
    id: i.id,
    number: incidentNumber(i),
    org: { id: r.org.id, slug: r.org.slug, name: r.org.name },
    externalId: i.externalId,
    title: i.title,
    kind: i.kind,
    category: i.category,
    personalData: i.personalData as PersonalData,
    reportedAt: i.reportedAt.toISOString(),
    status: i.status as IncidentStatus,
    handler: i.handlerId ? { id: i.handlerId, name: r.handlerName ?? '' } : null,
    protectedIdentity: i.protectedIdentity,
    overdue: staff && r.overdue,
    clocks: staff ? clockDtos(clockInput(r), now) : [],
    version: i.version,
  };
}

export function toSummary(r: SummaryRow, showContent: boolean, now: Date): IncidentSummary {
  const i = r.i;
  const hidden = i.protectedIdentity && !showContent;
  return {
    id: i.id,
    number: incidentNumber(i),
    org: { id: r.org.id, slug: r.org.slug, name: r.org.name },
    externalId: i.externalId,
    unitText: i.unitText,
    title: i.title,
    description: hidden ? null : i.description,
    kind: i.kind,
    category: i.category,
    personalData: i.personalData as PersonalData,
    occurredAt: iso(i.occurredAt),
    discoveredAt: iso(i.discoveredAt),
    reportedAt: i.reportedAt.toISOString(),
    status: i.status as IncidentStatus,
    handler: i.handlerId ? { id: i.handlerId, name: r.handlerName ?? '' } : null,
    reporterId: i.reporterId,
    riskAssessment: i.riskAssessment as RiskAssessment | null,
    assessmentText: hidden ? null : i.assessmentText,
    reportedToImy: i.reportedToImy,
    imyReportedAt: iso(i.imyReportedAt),
    imyReference: i.imyReference,
    subjectsInformedAt: iso(i.subjectsInformedAt),
    nis2Significant: i.nis2Significant,
    reportedToCsirt: i.reportedToCsirt,
    csirtEarlyWarningAt: iso(i.csirtEarlyWarningAt),
    csirtNotificationAt: iso(i.csirtNotificationAt),
    csirtFinalReportAt: iso(i.csirtFinalReportAt),
    protectedIdentity: i.protectedIdentity,
    protected: hidden,
    overdue: Boolean(r.overdue),
    clocks: clockDtos(clockInput(r), now),
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}
