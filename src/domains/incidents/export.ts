import { and, asc, desc } from 'drizzle-orm';
import { columnSort, sortOrder } from './sort';
import type { Ctx } from '../../server/platform/context';
import { toCsv, toXlsx, type ExportColumn } from '../../server/platform/export';
import type { SheetValue } from '../../server/platform/sheet';
import { stockholmDate } from '../../server/platform/time';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { findOrg } from '../org/service';
import type { ExportQuery } from './contract';
import { incidentNumber, selectIncidents, type LoadedIncident } from './dto';
import { listConditions, requireListAccess } from './list';
import { auditPerOrg, viewOf } from './access';
import { incidents } from './table';
import { PERSONAL_DATA_SV, RISK_ASSESSMENT_SV, type PersonalData, type RiskAssessment } from './model';

export const EXPORT_MAX_ROWS = 200_000;
const PROTECTED_TEXT = '[Skyddade personuppgifter – utelämnat]';

/** `staff`: the exporter reads the row as staff, not only as its reporter (who is not given the handlers' judgements). */
type Row = LoadedIncident & { includeText: boolean; staff: boolean };
/** A handlers' column: empty on a row the exporter reads only as its reporter, as on the incident's page. */
const handlers = (value: (r: Row) => SheetValue) => (r: Row): SheetValue => (r.staff ? value(r) : null);
const yes = (b: boolean) => (b ? 'Ja' : 'Nej');

const COLUMNS: ExportColumn<Row>[] = [
  { key: 'number', header: 'Nummer', value: (r) => incidentNumber(r.i) },
  { key: 'externalId', header: 'Ärende-ID', value: (r) => r.i.externalId },
  { key: 'org', header: 'Organisation', value: (r) => r.org.name },
  { key: 'title', header: 'Rubrik', value: (r) => r.i.title },
  { key: 'description', header: 'Beskrivning', value: (r) => (r.includeText ? r.i.description : PROTECTED_TEXT) },
  { key: 'kind', header: 'Typ', value: (r) => r.i.kind },
  { key: 'category', header: 'Kategori', value: (r) => r.i.category },
  { key: 'personalData', header: 'Personuppgifter', value: (r) => PERSONAL_DATA_SV[r.i.personalData as PersonalData] ?? r.i.personalData },
  { key: 'occurredAt', header: 'Inträffade', value: (r) => r.i.occurredAt },
  { key: 'discoveredAt', header: 'Upptäckt', value: (r) => r.i.discoveredAt },
  { key: 'reportedAt', header: 'Rapporterad', value: (r) => r.i.reportedAt },
  { key: 'status', header: 'Status', value: (r) => r.i.status },
  { key: 'handler', header: 'Handläggare', value: (r) => r.handlerName },
  { key: 'risk', header: 'Riskbedömning', value: handlers((r) => (r.i.riskAssessment ? (RISK_ASSESSMENT_SV[r.i.riskAssessment as RiskAssessment] ?? r.i.riskAssessment) : null)) },
  { key: 'imy', header: 'Anmäld till IMY', value: (r) => yes(r.i.reportedToImy) },
  { key: 'imyAt', header: 'Anmäld till IMY (tid)', value: (r) => r.i.imyReportedAt },
  { key: 'imyRef', header: 'IMY-referens', value: (r) => r.i.imyReference },
  // Art. 34 and the three CSIRT reports: the times that meet the legal clocks, documented with the breach (art. 33.5).
  { key: 'subjectsInformedAt', header: 'De registrerade informerade (tid)', value: handlers((r) => r.i.subjectsInformedAt) },
  { key: 'nis2', header: 'Betydande (NIS2)', value: handlers((r) => yes(r.i.nis2Significant)) },
  { key: 'csirt', header: 'Anmäld till CSIRT', value: handlers((r) => yes(r.i.reportedToCsirt)) },
  { key: 'csirtEarlyWarningAt', header: 'Tidig varning till CSIRT (tid)', value: handlers((r) => r.i.csirtEarlyWarningAt) },
  { key: 'csirtNotificationAt', header: 'Incidentanmälan till CSIRT (tid)', value: handlers((r) => r.i.csirtNotificationAt) },
  { key: 'csirtFinalReportAt', header: 'Slutrapport till CSIRT (tid)', value: handlers((r) => r.i.csirtFinalReportAt) },
  { key: 'protected', header: 'Skyddade personuppgifter', value: (r) => yes(r.i.protectedIdentity) },
  { key: 'overdue', header: 'Försenad', value: handlers((r) => yes(Boolean(r.overdue))) },
];

/**
 * The filtered list as CSV or XLSX. Protected descriptions are left out unless the exporter asks for them
 * (includeProtected=true) and holds incident.protected on the incident's org. Every export is audited; one that includes protected text is
 * audited as incident.export_protected with the ids.
 */
export async function exportIncidents(ctx: Ctx, q: ExportQuery, now = new Date()): Promise<{ body: string | Buffer; filename: string; count: number }> {
  requireListAccess(ctx);
  const conds = await listConditions(ctx, q, now);
  // In the list's order: a column's (sort.ts), oldest first, or newest first.
  const byColumn = columnSort(q.sort);
  const order = byColumn ? [sortOrder(byColumn).orderBy] : q.sort === 'reported' ? [asc(incidents.reportedAt), asc(incidents.id)] : [desc(incidents.reportedAt), desc(incidents.id)];
  const rows = (await selectIncidents(ctx.db, now).where(and(...conds)).orderBy(...order).limit(EXPORT_MAX_ROWS)) as LoadedIncident[];
  // Protected text leaves only when asked for by one who may read it ("never export addresses" by default).
  const wanted = q.includeProtected === 'true';
  const out: Row[] = rows.map((r) => ({ ...r, includeText: !r.i.protectedIdentity || (wanted && ctx.authz.can('incident.protected', r.org.path)), staff: viewOf(ctx, r).staff }));
  const protectedIncluded = out.filter((r) => r.i.protectedIdentity && r.includeText);
  const { format, ...filters } = q;
  const asked = q.org ? (await findOrg(ctx.db, q.org)).id : null;
  await inTx(ctx, async (tx) => {
    await recordAudit(tx, ctx, {
      action: 'incident.export', entityType: 'incident', entityId: null, orgId: asked,
      after: { format, filters, count: out.length, protectedIncluded: protectedIncluded.map((r) => r.i.id) },
    });
    // Protected records leaving the system are logged where their own organisation's audit readers see it.
    await auditPerOrg(tx, ctx, 'incident.export_protected', protectedIncluded, (ids) => ({ format, filters, count: ids.length, protectedIncluded: ids }));
  });
  // The day in Stockholm: a file exported at 00:30 is named for that day, not the UTC day before.
  // A file holding protected text says so in its name, so that it is not taken for the routine export once saved.
  const filename = `incidenter-${protectedIncluded.length > 0 ? 'med-skyddade-uppgifter-' : ''}${stockholmDate(now)}`;
  const body = format === 'csv' ? toCsv(out, COLUMNS) : await toXlsx(out, COLUMNS, 'Incidenter');
  return { body, filename, count: out.length };
}
