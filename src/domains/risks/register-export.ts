/** CSV/XLSX export of the register through the platform's export helpers; the export itself is audited. */
import type { Ctx } from '../../server/platform/context';
import { download, toCsv, toXlsx, type ExportColumn } from '../../server/platform/export';
import { stockholmDate } from '../../server/platform/time';
import { recordAudit } from '../audit/chain';
import type { RegisterRisk, RiskQuery } from './contract-register';
import { exportRows } from './register';

const TREATMENT_SV: Record<string, string> = { reducera: 'Reducera', acceptera: 'Acceptera', overfora: 'Överföra', undvika: 'Undvika' };

const COLUMNS: ExportColumn<RegisterRisk>[] = [
  { key: 'org', header: 'Organisation', value: (r) => r.org.name },
  { key: 'title', header: 'Risk', value: (r) => r.title },
  { key: 'source', header: 'Källa', value: (r) => r.sourceType },
  { key: 'sourceLabel', header: 'Källpost', value: (r) => r.sourceLabel || r.sourceId },
  { key: 'owner', header: 'Riskägare', value: (r) => r.owner },
  { key: 'inS', header: 'Sannolikhet (inneboende)', value: (r) => r.inherent.sannolikhet },
  { key: 'inK', header: 'Konsekvens (inneboende)', value: (r) => r.inherent.konsekvens },
  { key: 'inV', header: 'Riskvärde (inneboende)', value: (r) => r.inherent.riskvarde },
  { key: 'resS', header: 'Sannolikhet (kvarvarande)', value: (r) => r.residual?.sannolikhet },
  { key: 'resK', header: 'Konsekvens (kvarvarande)', value: (r) => r.residual?.konsekvens },
  { key: 'resV', header: 'Riskvärde (kvarvarande)', value: (r) => r.residual?.riskvarde },
  { key: 'level', header: 'Nivå', value: (r) => r.level },
  { key: 'treatment', header: 'Hantering', value: (r) => (r.treatment ? TREATMENT_SV[r.treatment] : '') },
  { key: 'decision', header: 'Beslut', value: (r) => r.treatmentDecision },
  { key: 'review', header: 'Nästa översyn', value: (r) => r.reviewDate },
  { key: 'status', header: 'Status', value: (r) => (r.status === 'oppen' ? 'Öppen' : 'Stängd') },
  { key: 'actions', header: 'Öppna åtgärder', value: (r) => r.actions.filter((a) => a.status === 'planerad' || a.status === 'pagar').length },
  { key: 'scale', header: 'Skalversion', value: (r) => r.scaleVersion },
];

export async function exportRisks(ctx: Ctx, q: RiskQuery, format: 'csv' | 'xlsx'): Promise<Response> {
  const rows = await exportRows(ctx, q);
  await recordAudit(ctx.db, ctx, { action: 'risk.register.export', entityType: 'risk', after: { format, filters: q, count: rows.length } });
  const name = `riskregister-${stockholmDate()}`;
  return format === 'csv' ? download(toCsv(rows, COLUMNS), name, 'csv') : download(await toXlsx(rows, COLUMNS, 'Riskregister'), name, 'xlsx');
}
