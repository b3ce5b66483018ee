/**
 * The objektlista import's template: an XLSX with the import's header row and one row per active object of the
 * organisation's subtree, in the words the import reads, so export → edit → import changes only what was edited.
 */
import type { Ctx } from '../../../server/platform/context';
import { download, toXlsx, type ExportColumn } from '../../../server/platform/export';
import { recordAudit } from '../../audit/chain';
import { orgFor } from '../../plans/scope';
import type { DigitalObject } from '../contract';
import { listObjects } from '../service';
import { OBJECT_COLUMNS, type ObjectField } from './columns';

const yesNo = (v: boolean) => (v ? 'Ja' : 'Nej');
const STATUS = { saknas: 'Saknas', pagar: 'Pågår', klar: 'Klar', ej_aktuell: 'Ej aktuell' } as const;
const PUB = { ja: 'Ja', nej: 'Nej', ej_tillampligt: 'Ej tillämpligt' } as const;

const VALUES: Partial<Record<ObjectField, (o: DigitalObject) => string | number | null>> = {
  name: (o) => o.name,
  org: (o) => o.org.slug,
  description: (o) => o.description,
  management: (o) => (o.management === 'central' ? 'Central' : 'Lokal'),
  owner: (o) => o.owner,
  manager: (o) => o.manager,
  specialist: (o) => o.specialist,
  supplier: (o) => o.supplier,
  nis: (o) => yesNo(o.nis),
  pubAgreement: (o) => PUB[o.pubAgreement],
  thirdCountryTransfer: (o) => yesNo(o.thirdCountryTransfer),
  thirdCountryNote: (o) => o.thirdCountryNote,
  aiFunctions: (o) => yesNo(o.aiFunctions),
  aiNote: (o) => o.aiNote,
  managementPlan: (o) => yesNo(o.managementPlan),
  continuityPlan: (o) => yesNo(o.continuityPlan),
  normerandeStatus: (o) => STATUS[o.normerandeStatus],
  normerandeDate: (o) => o.normerandeDate ?? '',
  lokalStatus: (o) => STATUS[o.lokalStatus],
  lokalDate: (o) => o.lokalDate ?? '',
  konfidentialitet: (o) => o.konfidentialitet,
  riktighet: (o) => o.riktighet,
  tillganglighet: (o) => o.tillganglighet,
  sparbarhet: (o) => o.sparbarhet,
};

/** Every column the import stores, by its canonical name (not the combined K/R/T/S nor the computed next date). */
export const TEMPLATE_COLUMNS: ExportColumn<DigitalObject>[] = OBJECT_COLUMNS.filter((c) => VALUES[c.field]).map((c) => ({
  key: c.field, header: c.names[0], value: VALUES[c.field]!,
}));

export async function objectsTemplate(ctx: Ctx, orgRef: string): Promise<Response> {
  const org = await orgFor(ctx, ctx.db, orgRef, 'object.read');
  const rows = await listObjects(ctx, { org: org.slug });
  await recordAudit(ctx.db, ctx, { action: 'object.export', entityType: 'digital_object', entityId: null, orgId: org.id, after: { format: 'xlsx', template: true, count: rows.length } });
  return download(await toXlsx(rows, TEMPLATE_COLUMNS, 'Objektlista'), `objektlista-${org.slug}`, 'xlsx');
}
