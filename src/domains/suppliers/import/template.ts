/**
 * The leverantörsregister import's template: an XLSX with the import's header row and one row per active supplier of
 * the organisation's subtree, in the words the import reads, so export → edit → import changes only what was edited.
 */
import type { Ctx } from '../../../server/platform/context';
import { download, toXlsx, type ExportColumn } from '../../../server/platform/export';
import { recordAudit } from '../../audit/chain';
import { orgFor } from '../../plans/scope';
import type { Supplier } from '../contract';
import { listSuppliers } from '../service';
import { SUPPLIER_COLUMNS, type SupplierField } from './columns';
import { formatSubSuppliers } from './values';

const yesNo = (v: boolean) => (v ? 'Ja' : 'Nej');
const PUB = { ja: 'Ja', nej: 'Nej', ej_tillampligt: 'Ej tillämpligt' } as const;
const TOOL = { adekvansbeslut: 'Adekvansbeslut', scc: 'SCC', bcr: 'BCR', annat: 'Annat' } as const;
const RESULT = { godtagbar: 'Godtagbar', brister: 'Brister', ej_godtagbar: 'Ej godtagbar' } as const;

const VALUES: Partial<Record<SupplierField, (s: Supplier) => string | number | null>> = {
  name: (s) => s.name,
  org: (s) => s.org.slug,
  orgNumber: (s) => s.orgNumber ?? '',
  services: (s) => s.services,
  contact: (s) => s.contact,
  processesPersonalData: (s) => yesNo(s.processesPersonalData),
  pubAgreement: (s) => PUB[s.pubAgreement],
  pubSignedDate: (s) => s.pubSignedDate ?? '',
  pubReviewDate: (s) => s.pubReviewDate ?? '',
  thirdCountryTransfer: (s) => yesNo(s.thirdCountryTransfer),
  thirdCountries: (s) => s.thirdCountries,
  transferTool: (s) => (s.transferTool ? TOOL[s.transferTool] : ''),
  tiaDone: (s) => yesNo(s.tiaDone),
  tiaDate: (s) => s.tiaDate ?? '',
  exitPlan: (s) => yesNo(s.exitPlan),
  exitPlanNote: (s) => s.exitPlanNote,
  subSuppliers: (s) => formatSubSuppliers(s.subSuppliers),
  assessmentResult: (s) => (s.assessmentResult ? RESULT[s.assessmentResult] : ''),
  assessmentDate: (s) => s.assessmentDate ?? '',
  assessmentNote: (s) => s.assessmentNote,
  followUpDate: (s) => s.followUpDate ?? '',
  systems: (s) => s.objects.map((o) => o.name).join('; '),
};

/** Every column the import stores, by its canonical name (not the computed count of sub-suppliers without contract). */
export const TEMPLATE_COLUMNS: ExportColumn<Supplier>[] = SUPPLIER_COLUMNS.filter((c) => VALUES[c.field]).map((c) => ({
  key: c.field, header: c.names[0], value: VALUES[c.field]!,
}));

export async function suppliersTemplate(ctx: Ctx, orgRef: string): Promise<Response> {
  const org = await orgFor(ctx, ctx.db, orgRef, 'object.read', 'object.manage');
  const rows = await listSuppliers(ctx, { org: org.slug });
  await recordAudit(ctx.db, ctx, { action: 'supplier.export', entityType: 'supplier', entityId: null, orgId: org.id, after: { format: 'xlsx', template: true, count: rows.length } });
  return download(await toXlsx(rows, TEMPLATE_COLUMNS, 'Leverantörer'), `leverantorer-${org.slug}`, 'xlsx');
}
