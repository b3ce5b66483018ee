/**
 * The registerförteckning import's template: an XLSX with the import's header row and one row per active processing
 * activity of the organisation's subtree, in the words the import reads, so export → edit → import changes only what
 * was edited (an unedited template imports as unchanged).
 */
import type { Ctx } from '../../../server/platform/context';
import { download, toXlsx, type ExportColumn } from '../../../server/platform/export';
import { recordAudit } from '../../audit/chain';
import { orgFor } from '../../plans/scope';
import type { ProcessingActivity } from '../contract';
import { listActivities } from '../service';
import { PRIVACY_COLUMNS, type PrivacyField } from './columns';
import { joinList, LABELS } from './values';

const yesNo = (v: boolean) => (v ? 'Ja' : 'Nej');
const PUB = { ja: 'Ja', nej: 'Nej', ej_tillampligt: 'Ej tillämpligt' } as const;

const VALUES: Partial<Record<PrivacyField, (a: ProcessingActivity) => string>> = {
  name: (a) => a.name,
  org: (a) => a.org.slug,
  purposes: (a) => a.purposes,
  legalBasis: (a) => (a.legalBasis ? LABELS.legalBasis[a.legalBasis][0] : ''),
  legalBasisNote: (a) => a.legalBasisNote,
  dataSubjects: (a) => joinList(a.dataSubjects),
  personalData: (a) => joinList(a.personalData),
  specialCategories: (a) => yesNo(a.specialCategories),
  specialCategoriesNote: (a) => a.specialCategoriesNote,
  recipients: (a) => a.recipients,
  thirdCountryTransfer: (a) => yesNo(a.thirdCountryTransfer),
  thirdCountries: (a) => a.thirdCountries,
  transferTool: (a) => (a.transferTool ? LABELS.transferTool[a.transferTool][0] : ''),
  tiaDone: (a) => yesNo(a.tiaDone),
  retention: (a) => a.retention,
  securityMeasures: (a) => a.securityMeasures,
  pubAgreement: (a) => PUB[a.pubAgreement],
  responsible: (a) => a.responsible,
  systems: (a) => joinList(a.objects.map((o) => o.name)),
  status: (a) => LABELS.status[a.status][0],
  dpiaCriteria: (a) => joinList(a.dpiaCriteria.map((k) => LABELS.criterion[k][0])),
  dpia: (a) => LABELS.dpia[a.dpia][0],
  dpiaDate: (a) => a.dpiaDate ?? '',
  dpiaReason: (a) => a.dpiaReason,
};

/** Every column the import stores, by its canonical name (not the computed threshold analysis). */
export const TEMPLATE_COLUMNS: ExportColumn<ProcessingActivity>[] = PRIVACY_COLUMNS.filter((c) => VALUES[c.field]).map((c) => ({
  key: c.field, header: c.names[0], value: VALUES[c.field]!,
}));

export async function privacyTemplate(ctx: Ctx, orgRef: string): Promise<Response> {
  const org = await orgFor(ctx, ctx.db, orgRef, 'privacy.read');
  const rows = await listActivities(ctx, { org: org.slug });
  await recordAudit(ctx.db, ctx, {
    action: 'privacy.export', entityType: 'processing_activity', entityId: null, orgId: org.id, after: { format: 'xlsx', template: true, count: rows.length },
  });
  return download(await toXlsx(rows, TEMPLATE_COLUMNS, 'Registerförteckning'), `registerforteckning-${org.slug}`, 'xlsx');
}
