import { and, asc, eq, like, ne, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { conflict, forbidden, notFound, unprocessable } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { objectLinks } from '../objects/linked';
import { orgFor, orgSlugs, recordOrg, type OrgRow } from '../plans/scope';
import { userNames } from '../users/names';
import type { CreateProcessingActivity, DpiaCriterion, PrivacyQuery, ProcessingActivity, UpdateProcessingActivity } from './contract';
import { checkActivity, dpiaLikely, dpiaMissing } from './rules';
import { processingActivities, processingActivityObjects } from './table';

export type ActivityRow = typeof processingActivities.$inferSelect;
type Linked = ProcessingActivity['objects'][number];

const ENTITY = 'processing_activity';
const missing = (id: string) => ({ sv: `Behandlingen ${id} finns inte.`, en: `Processing activity ${id} does not exist.` });

/** SQL: DPIA likely required (two or more criteria) and neither done nor judged not needed. */
export const dpiaMissingSql = (): SQL =>
  sql`(jsonb_array_length(${processingActivities.dpiaCriteria}) >= 2 and ${processingActivities.dpia} = 'ej_gjord')`;

export function toActivity(r: ActivityRow, org: { slug: string; name: string }, objects: Linked[], approver: string | undefined): ProcessingActivity {
  return {
    id: r.id,
    org: { id: r.orgId, slug: org.slug, name: org.name },
    name: r.name,
    purposes: r.purposes,
    legalBasis: r.legalBasis as ProcessingActivity['legalBasis'],
    legalBasisNote: r.legalBasisNote,
    dataSubjects: r.dataSubjects,
    personalData: r.personalData,
    specialCategories: r.specialCategories,
    specialCategoriesNote: r.specialCategoriesNote,
    recipients: r.recipients,
    thirdCountryTransfer: r.thirdCountryTransfer,
    thirdCountries: r.thirdCountries,
    transferTool: r.transferTool as ProcessingActivity['transferTool'],
    tiaDone: r.tiaDone,
    retention: r.retention,
    securityMeasures: r.securityMeasures,
    pubAgreement: r.pubAgreement as ProcessingActivity['pubAgreement'],
    responsible: r.responsible,
    status: r.status as ProcessingActivity['status'],
    approvedAt: r.approvedAt?.toISOString() ?? null,
    approvedBy: r.approvedBy ? { id: r.approvedBy, name: approver ?? '' } : null,
    dpiaCriteria: r.dpiaCriteria as DpiaCriterion[],
    dpiaLikely: dpiaLikely(r.dpiaCriteria),
    dpia: r.dpia as ProcessingActivity['dpia'],
    dpiaDate: r.dpiaDate,
    dpiaReason: r.dpiaReason,
    dpiaMissing: dpiaMissing(r.dpiaCriteria, r.dpia),
    objects,
    archived: r.archived,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function assemble(ctx: Ctx, db: Db, rows: ActivityRow[], org?: OrgRow): Promise<ProcessingActivity[]> {
  const [names, objects, approvers] = await Promise.all([
    org ? Promise.resolve(new Map([[org.id, { slug: org.slug, name: org.name }]])) : orgSlugs(db, rows.map((r) => r.orgId)),
    systems.linked(ctx, db, rows.map((r) => r.id)),
    userNames(db, rows.map((r) => r.approvedBy)),
  ]);
  return rows.map((r) => toActivity(r, names.get(r.orgId)!, objects.get(r.id) ?? [], r.approvedBy ? approvers.get(r.approvedBy) : undefined));
}

/** Activities of the org's subtree that the caller may read, filtered as asked; active ones unless archived is asked for. */
export async function listActivities(ctx: Ctx, q: PrivacyQuery): Promise<ProcessingActivity[]> {
  const org = await orgFor(ctx, ctx.db, q.org, 'privacy.read');
  const conds: SQL[] = [ctx.authz.scopeSql('privacy.read', orgs.path), like(orgs.path, escapeLike(org.path) + '%')];
  const a = processingActivities;
  if (q.q) conds.push(sql`${a.name} ilike ${'%' + escapeLike(q.q) + '%'}`);
  if (q.status) conds.push(eq(a.status, q.status));
  if (q.thirdCountry) conds.push(eq(a.thirdCountryTransfer, q.thirdCountry === 'true'));
  if (q.specialCategories) conds.push(eq(a.specialCategories, q.specialCategories === 'true'));
  if (q.dpiaMissing === 'true') conds.push(dpiaMissingSql());
  if (q.dpiaMissing === 'false') conds.push(sql`not ${dpiaMissingSql()}`);
  if (q.archived !== 'all') conds.push(eq(a.archived, q.archived === 'true'));
  const rows = await ctx.db.select({ a }).from(a).innerJoin(orgs, eq(orgs.id, a.orgId)).where(and(...conds))
    .orderBy(asc(sql`lower(${a.name})`), asc(orgs.path));
  return assemble(ctx, ctx.db, rows.map((r) => r.a));
}

async function load(ctx: Ctx, db: Db, id: string, write: boolean): Promise<{ cur: ActivityRow; org: OrgRow }> {
  const [cur] = await db.select().from(processingActivities).where(eq(processingActivities.id, id));
  if (!cur) throw notFound(missing(id), 'id');
  const org = await recordOrg(ctx, db, cur.orgId, 'privacy.read', write ? 'privacy.manage' : undefined, missing(id));
  return { cur, org };
}

export async function getActivity(ctx: Ctx, id: string): Promise<ProcessingActivity> {
  const { cur, org } = await load(ctx, ctx.db, id, false);
  return (await assemble(ctx, ctx.db, [cur], org))[0];
}

/** 409 duplicate_name when the organisation already has an activity of this name, whatever the case (archived too). */
async function refuseDuplicate(tx: Db, org: OrgRow, name: string, except?: string): Promise<void> {
  const a = processingActivities;
  const conds = [eq(a.orgId, org.id), sql`lower(${a.name}) = lower(${name})`];
  if (except) conds.push(ne(a.id, except));
  const [dup] = await tx.select({ id: a.id, name: a.name, archived: a.archived }).from(a).where(and(...conds));
  if (!dup) return;
  throw conflict('duplicate_name', {
    sv: `${org.name} har redan en behandling som heter "${dup.name}"${dup.archived ? ' (arkiverad – återställ den i stället)' : ''}.`,
    en: `${org.name} already has a processing activity named "${dup.name}"${dup.archived ? ' (archived – restore it instead)' : ''}.`,
  }, 'name', { existingId: dup.id });
}

/** The systems the behandling uses or delivers: objects of the objektlista (objects/linked.ts). */
const systems = objectLinks({ table: processingActivityObjects, owner: processingActivityObjects.activityId, object: processingActivityObjects.objectId, row: (activityId, objectId) => ({ activityId, objectId }) });

/** The linked systems of these activities that the caller may read (the import compares a file's System cell with them). */
export const linkedSystems = (ctx: Ctx, db: Db, activityIds: string[]) => systems.linked(ctx, db, activityIds);

export async function createActivity(ctx: Ctx, input: CreateProcessingActivity): Promise<ProcessingActivity> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'privacy.read', 'privacy.manage');
    const { org: _slug, objectIds, ...values } = input;
    checkActivity({
      thirdCountryTransfer: values.thirdCountryTransfer ?? false, transferTool: values.transferTool ?? null,
      dpia: values.dpia ?? 'ej_gjord', dpiaDate: values.dpiaDate ?? null, dpiaReason: values.dpiaReason ?? '',
    });
    await refuseDuplicate(tx, org, values.name);
    const [row] = await tx.insert(processingActivities)
      .values({ ...values, dpiaCriteria: [...new Set(values.dpiaCriteria ?? [])], orgId: org.id, createdBy: ctx.principal?.userId ?? null }).returning();
    if (objectIds) await systems.set(ctx, tx, row.id, objectIds);
    await recordAudit(tx, ctx, { action: 'privacy.create', entityType: ENTITY, entityId: row.id, orgId: org.id, after: { ...row, objectIds: await systems.idsOf(tx, row.id) } });
    return (await assemble(ctx, tx, [row], org))[0];
  });
}

/** Fields whose change is a change of the entry's content (what the DSO approved); status and archived are not. */
const CONTENT = [
  'name', 'purposes', 'legalBasis', 'legalBasisNote', 'dataSubjects', 'personalData', 'specialCategories', 'specialCategoriesNote', 'recipients',
  'thirdCountryTransfer', 'thirdCountries', 'transferTool', 'tiaDone', 'retention', 'securityMeasures', 'pubAgreement', 'responsible',
  'dpiaCriteria', 'dpia', 'dpiaDate', 'dpiaReason',
] as const;

/**
 * Changes an activity; `archived` archives it (true) or restores it (false), never deleting it. A change of content to
 * an approved entry returns it to utkast (or granskas, when the change sends it to the DSO again) and clears the
 * approval: what the DSO approved is no longer what the register says. Archiving and restoring keep the approval.
 */
export async function updateActivity(ctx: Ctx, id: string, input: UpdateProcessingActivity): Promise<ProcessingActivity> {
  return inTx(ctx, async (tx) => {
    const { cur, org } = await load(ctx, tx, id, true);
    const current = async () => (await assemble(ctx, tx, [cur], org))[0];
    if (cur.version !== input.version) throw staleVersion('processing activity', input.version, await current());
    const { version, objectIds, ...changes } = input;
    if (changes.dpiaCriteria) changes.dpiaCriteria = [...new Set(changes.dpiaCriteria)];
    const next = { ...cur, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as ActivityRow;
    checkActivity(next);
    if (changes.name !== undefined && changes.name.toLowerCase() !== cur.name.toLowerCase()) await refuseDuplicate(tx, org, changes.name, id);
    const beforeObjects = await systems.idsOf(tx, id);
    if (objectIds) await systems.set(ctx, tx, id, objectIds);
    const afterObjects = await systems.idsOf(tx, id);
    const changed = CONTENT.some((k) => JSON.stringify(next[k]) !== JSON.stringify(cur[k])) || afterObjects.join() !== beforeObjects.join();
    const reset = cur.status === 'godkand' && (changed || changes.status !== undefined);
    const approval = reset ? { status: changes.status ?? 'utkast', approvedAt: null, approvedBy: null } : {};
    const [row] = await tx.update(processingActivities)
      .set({ ...changes, ...approval, version: sql`${processingActivities.version} + 1`, updatedAt: new Date() })
      .where(and(eq(processingActivities.id, id), eq(processingActivities.version, version)))
      .returning();
    if (!row) throw staleVersion('processing activity', version, await current());
    const action = changes.archived === true && !cur.archived ? 'privacy.archive' : changes.archived === false && cur.archived ? 'privacy.restore' : 'privacy.update';
    await recordAudit(tx, ctx, {
      action, entityType: ENTITY, entityId: id, orgId: org.id,
      before: { ...cur, objectIds: beforeObjects }, after: { ...row, objectIds: afterObjects },
    });
    return (await assemble(ctx, tx, [row], org))[0];
  });
}

/**
 * The DSO approves an entry (dso.approve on its organisation): it must have purposes and a legal basis, be active and
 * not approved already; a DSO does not approve an entry they registered themselves (the DSO reviews the förvaltning's
 * register, art. 38.6: no conflict of interest). Records who and when.
 */
export async function approveActivity(ctx: Ctx, id: string, input: { version: number }): Promise<ProcessingActivity> {
  return inTx(ctx, async (tx) => {
    const { cur, org } = await load(ctx, tx, id, false);
    if (!ctx.authz.can('dso.approve', org.path)) throw forbidden();
    if (cur.version !== input.version) throw staleVersion('processing activity', input.version, (await assemble(ctx, tx, [cur], org))[0]);
    if (cur.status === 'godkand') throw conflict('already_approved', { sv: 'Behandlingen är redan godkänd.', en: 'The processing activity is already approved.' }, 'version');
    if (cur.archived) {
      throw unprocessable('approve_archived', { sv: 'En arkiverad behandling godkänns inte. Återställ den först.', en: 'An archived processing activity is not approved. Restore it first.' }, 'archived');
    }
    if (!cur.purposes.trim()) {
      throw unprocessable('purposes_missing', { sv: 'Behandlingen saknar ändamål och kan inte godkännas.', en: 'The processing activity has no purposes and cannot be approved.' }, 'purposes');
    }
    if (!cur.legalBasis) {
      throw unprocessable('legal_basis_missing', { sv: 'Behandlingen saknar rättslig grund och kan inte godkännas.', en: 'The processing activity has no legal basis and cannot be approved.' }, 'legalBasis');
    }
    const me = ctx.principal?.userId ?? null;
    if (me && cur.createdBy === me) {
      throw unprocessable('approve_own', {
        sv: 'Du registrerade behandlingen själv. Dataskyddsombudet granskar förvaltningens registreringar, så en annan person ska registrera den.',
        en: 'You registered this processing activity yourself. The DSO reviews the administration\'s entries, so someone else should register it.',
      }, 'version');
    }
    const [row] = await tx.update(processingActivities)
      .set({ status: 'godkand', approvedAt: new Date(), approvedBy: me, version: sql`${processingActivities.version} + 1`, updatedAt: new Date() })
      .where(and(eq(processingActivities.id, id), eq(processingActivities.version, input.version))).returning();
    if (!row) throw staleVersion('processing activity', input.version, (await assemble(ctx, tx, [cur], org))[0]);
    await recordAudit(tx, ctx, {
      action: 'privacy.approve', entityType: ENTITY, entityId: id, orgId: org.id,
      before: { status: cur.status, approvedAt: cur.approvedAt, approvedBy: cur.approvedBy }, after: { status: row.status, approvedAt: row.approvedAt, approvedBy: row.approvedBy },
    });
    return (await assemble(ctx, tx, [row], org))[0];
  });
}
