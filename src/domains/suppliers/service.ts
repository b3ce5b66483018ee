import { and, asc, eq, like, ne, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { conflict, notFound } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { stockholmDate } from '../../server/platform/time';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { objectLinks } from '../objects/linked';
import { orgFor, orgSlugs, recordOrg, type OrgRow } from '../plans/scope';
import type { CreateSupplier, SubSupplier, Supplier, SupplierQuery, UpdateSupplier } from './contract';
import { checkSupplier, followUpOverdue, followUpOverdueSql, pubMissing, pubMissingSql, withoutContract } from './rules';
import { supplierObjects, suppliers } from './table';

export type SupplierRow = typeof suppliers.$inferSelect;
type Linked = Supplier['objects'][number];

const ENTITY = 'supplier';
const missing = (id: string) => ({ sv: `Leverantören ${id} finns inte.`, en: `Supplier ${id} does not exist.` });

/** Sub-supplier rows as stored: every field present (the demo passes them unparsed). */
const normalise = (subs: readonly Partial<SubSupplier>[]): SubSupplier[] =>
  subs.map((s) => ({ name: (s.name ?? '').trim(), service: (s.service ?? '').trim(), country: (s.country ?? '').trim(), withoutContract: s.withoutContract ?? false }));

export function toSupplier(r: SupplierRow, org: { slug: string; name: string }, objects: Linked[], today: string): Supplier {
  return {
    id: r.id,
    org: { id: r.orgId, slug: org.slug, name: org.name },
    name: r.name,
    orgNumber: r.orgNumber,
    services: r.services,
    contact: r.contact,
    processesPersonalData: r.processesPersonalData,
    pubAgreement: r.pubAgreement as Supplier['pubAgreement'],
    pubSignedDate: r.pubSignedDate,
    pubReviewDate: r.pubReviewDate,
    thirdCountryTransfer: r.thirdCountryTransfer,
    thirdCountries: r.thirdCountries,
    transferTool: r.transferTool as Supplier['transferTool'],
    tiaDone: r.tiaDone,
    tiaDate: r.tiaDate,
    exitPlan: r.exitPlan,
    exitPlanNote: r.exitPlanNote,
    subSuppliers: r.subSuppliers,
    assessmentDate: r.assessmentDate,
    assessmentResult: r.assessmentResult as Supplier['assessmentResult'],
    assessmentNote: r.assessmentNote,
    followUpDate: r.followUpDate,
    followUpOverdue: followUpOverdue(r.assessmentDate, today),
    pubMissing: pubMissing(r.processesPersonalData, r.pubAgreement),
    subSuppliersWithoutContract: withoutContract(r.subSuppliers),
    objects,
    archived: r.archived,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function assemble(ctx: Ctx, db: Db, rows: SupplierRow[], org?: OrgRow): Promise<Supplier[]> {
  const [names, objects] = await Promise.all([
    org ? Promise.resolve(new Map([[org.id, { slug: org.slug, name: org.name }]])) : orgSlugs(db, rows.map((r) => r.orgId)),
    systems.linked(ctx, db, rows.map((r) => r.id)),
  ]);
  const today = stockholmDate();
  return rows.map((r) => toSupplier(r, names.get(r.orgId)!, objects.get(r.id) ?? [], today));
}

/** Suppliers of the org's subtree that the caller may read, filtered as asked; active ones unless archived is asked for. */
export async function listSuppliers(ctx: Ctx, q: SupplierQuery): Promise<Supplier[]> {
  const org = await orgFor(ctx, ctx.db, q.org, 'object.read');
  const today = stockholmDate();
  const s = suppliers;
  const conds: SQL[] = [ctx.authz.scopeSql('object.read', orgs.path), like(orgs.path, escapeLike(org.path) + '%')];
  if (q.q) conds.push(sql`${s.name} ilike ${'%' + escapeLike(q.q) + '%'}`);
  if (q.pubMissing === 'true') conds.push(pubMissingSql());
  if (q.pubMissing === 'false') conds.push(sql`not ${pubMissingSql()}`);
  if (q.thirdCountry) conds.push(eq(s.thirdCountryTransfer, q.thirdCountry === 'true'));
  if (q.followUpOverdue === 'true') conds.push(followUpOverdueSql(today));
  if (q.followUpOverdue === 'false') conds.push(sql`not ${followUpOverdueSql(today)}`);
  if (q.archived !== 'all') conds.push(eq(s.archived, q.archived === 'true'));
  const rows = await ctx.db.select({ s }).from(s).innerJoin(orgs, eq(orgs.id, s.orgId)).where(and(...conds))
    .orderBy(asc(sql`lower(${s.name})`), asc(orgs.path));
  return assemble(ctx, ctx.db, rows.map((r) => r.s));
}

async function load(ctx: Ctx, db: Db, id: string, write: boolean): Promise<{ cur: SupplierRow; org: OrgRow }> {
  const [cur] = await db.select().from(suppliers).where(eq(suppliers.id, id));
  if (!cur) throw notFound(missing(id), 'id');
  const org = await recordOrg(ctx, db, cur.orgId, 'object.read', write ? 'object.manage' : undefined, missing(id));
  return { cur, org };
}

export async function getSupplier(ctx: Ctx, id: string): Promise<Supplier> {
  const { cur, org } = await load(ctx, ctx.db, id, false);
  return (await assemble(ctx, ctx.db, [cur], org))[0];
}

/** 409 duplicate_name when the organisation already has a supplier of this name, whatever the case (archived too). */
async function refuseDuplicate(tx: Db, org: OrgRow, name: string, except?: string): Promise<void> {
  const s = suppliers;
  const conds = [eq(s.orgId, org.id), sql`lower(${s.name}) = lower(${name})`];
  if (except) conds.push(ne(s.id, except));
  const [dup] = await tx.select({ id: s.id, name: s.name, archived: s.archived }).from(s).where(and(...conds));
  if (!dup) return;
  throw conflict('duplicate_name', {
    sv: `${org.name} har redan en leverantör som heter "${dup.name}"${dup.archived ? ' (arkiverad – återställ den i stället)' : ''}.`,
    en: `${org.name} already has a supplier named "${dup.name}"${dup.archived ? ' (archived – restore it instead)' : ''}.`,
  }, 'name', { existingId: dup.id });
}

/** The systems the supplier uses or delivers: objects of the objektlista (objects/linked.ts). */
const systems = objectLinks({ table: supplierObjects, owner: supplierObjects.supplierId, object: supplierObjects.objectId, row: (supplierId, objectId) => ({ supplierId, objectId }) });

export async function createSupplier(ctx: Ctx, input: CreateSupplier): Promise<Supplier> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'object.read', 'object.manage');
    const { org: _slug, objectIds, subSuppliers, ...values } = input;
    checkSupplier({
      pubAgreement: values.pubAgreement ?? 'nej', pubSignedDate: values.pubSignedDate ?? null, pubReviewDate: values.pubReviewDate ?? null,
      thirdCountryTransfer: values.thirdCountryTransfer ?? false, transferTool: values.transferTool ?? null, tiaDate: values.tiaDate ?? null,
      assessmentDate: values.assessmentDate ?? null, assessmentResult: values.assessmentResult ?? null,
    });
    await refuseDuplicate(tx, org, values.name);
    const [row] = await tx.insert(suppliers)
      .values({ ...values, subSuppliers: normalise(subSuppliers ?? []), orgId: org.id, createdBy: ctx.principal?.userId ?? null }).returning();
    if (objectIds) await systems.set(ctx, tx, row.id, objectIds);
    await recordAudit(tx, ctx, { action: 'supplier.create', entityType: ENTITY, entityId: row.id, orgId: org.id, after: { ...row, objectIds: await systems.idsOf(tx, row.id) } });
    return (await assemble(ctx, tx, [row], org))[0];
  });
}

/** Changes a supplier; `archived` archives it (true) or restores it (false), never deleting it. */
export async function updateSupplier(ctx: Ctx, id: string, input: UpdateSupplier): Promise<Supplier> {
  return inTx(ctx, async (tx) => {
    const { cur, org } = await load(ctx, tx, id, true);
    const current = async () => (await assemble(ctx, tx, [cur], org))[0];
    if (cur.version !== input.version) throw staleVersion('supplier', input.version, await current());
    const { version, objectIds, subSuppliers, ...rest } = input;
    const changes = { ...rest, ...(subSuppliers ? { subSuppliers: normalise(subSuppliers) } : {}) };
    const next = { ...cur, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as SupplierRow;
    checkSupplier(next);
    if (changes.name !== undefined && changes.name.toLowerCase() !== cur.name.toLowerCase()) await refuseDuplicate(tx, org, changes.name, id);
    const beforeObjects = await systems.idsOf(tx, id);
    if (objectIds) await systems.set(ctx, tx, id, objectIds);
    const afterObjects = await systems.idsOf(tx, id);
    const [row] = await tx.update(suppliers)
      .set({ ...changes, version: sql`${suppliers.version} + 1`, updatedAt: new Date() })
      .where(and(eq(suppliers.id, id), eq(suppliers.version, version)))
      .returning();
    if (!row) throw staleVersion('supplier', version, await current());
    const action = changes.archived === true && !cur.archived ? 'supplier.archive' : changes.archived === false && cur.archived ? 'supplier.restore' : 'supplier.update';
    await recordAudit(tx, ctx, {
      action, entityType: ENTITY, entityId: id, orgId: org.id,
      before: { ...cur, objectIds: beforeObjects }, after: { ...row, objectIds: afterObjects },
    });
    return (await assemble(ctx, tx, [row], org))[0];
  });
}
