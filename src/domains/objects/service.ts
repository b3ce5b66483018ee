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
import { orgFor, orgSlugs, recordOrg, type OrgRow } from '../plans/scope';
import { checkClassification, needsSecurityProtection, reclassification } from './classification';
import type { ClassificationStatus, CreateDigitalObject, DigitalObject, ObjectQuery, UpdateDigitalObject } from './contract';
import { deviationsRemainingSql, followUpDoneSql, type FollowUpStatus } from './followup-status';
import { digitalObjects } from './table';

export type ObjectRow = typeof digitalObjects.$inferSelect;

const missing = (id: string) => ({ sv: `Objektet ${id} finns inte.`, en: `Object ${id} does not exist.` });

/**
 * The API's object; `today` (Stockholm, YYYY-MM-DD) decides whether the yearly reclassification is overdue and which
 * year's follow-up counts; `followUp` as read with the object (none for a new one).
 */
export function toObject(r: ObjectRow, org: { slug: string; name: string }, today = stockholmDate(), followUp?: Omit<FollowUpStatus, 'year'>): DigitalObject {
  const { next, overdue } = reclassification(r.lokalDate, today);
  return {
    id: r.id,
    org: { id: r.orgId, slug: org.slug, name: org.name },
    name: r.name,
    description: r.description,
    management: r.management as DigitalObject['management'],
    owner: r.owner,
    manager: r.manager,
    specialist: r.specialist,
    supplier: r.supplier,
    nis: r.nis,
    pubAgreement: r.pubAgreement as DigitalObject['pubAgreement'],
    thirdCountryTransfer: r.thirdCountryTransfer,
    thirdCountryNote: r.thirdCountryNote,
    aiFunctions: r.aiFunctions,
    aiNote: r.aiNote,
    managementPlan: r.managementPlan,
    continuityPlan: r.continuityPlan,
    normerandeStatus: r.normerandeStatus as ClassificationStatus,
    normerandeDate: r.normerandeDate,
    lokalStatus: r.lokalStatus as ClassificationStatus,
    lokalDate: r.lokalDate,
    konfidentialitet: r.konfidentialitet,
    riktighet: r.riktighet,
    tillganglighet: r.tillganglighet,
    sparbarhet: r.sparbarhet,
    securityProtection: needsSecurityProtection(r),
    nextReclassification: next,
    reclassificationOverdue: overdue,
    followUp: { year: Number(today.slice(0, 4)), done: followUp?.done ?? false, deviationsRemaining: followUp?.deviationsRemaining ?? false },
    archived: r.archived,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** SQL: the lokal classification's year has run out by `today` (the same rule as classification.ts reclassification). */
export const overdueSql = (today: string): SQL =>
  sql`(${digitalObjects.lokalDate} is not null and (${digitalObjects.lokalDate} + interval '1 year')::date < ${today}::date)`;

/** Objects of the org's subtree that the caller may read, filtered as asked; active ones unless archived is asked for. */
export async function listObjects(ctx: Ctx, q: ObjectQuery): Promise<DigitalObject[]> {
  const org = await orgFor(ctx, ctx.db, q.org, 'object.read');
  const today = stockholmDate();
  const conds: SQL[] = [ctx.authz.scopeSql('object.read', orgs.path), like(orgs.path, escapeLike(org.path) + '%')];
  if (q.q) conds.push(sql`${digitalObjects.name} ilike ${'%' + escapeLike(q.q) + '%'}`);
  if (q.lokalStatus) conds.push(eq(digitalObjects.lokalStatus, q.lokalStatus));
  if (q.normerandeStatus) conds.push(eq(digitalObjects.normerandeStatus, q.normerandeStatus));
  if (q.nis) conds.push(eq(digitalObjects.nis, q.nis === 'true'));
  if (q.overdue === 'true') conds.push(overdueSql(today));
  if (q.overdue === 'false') conds.push(sql`not ${overdueSql(today)}`);
  const year = Number(today.slice(0, 4));
  if (q.followUp === 'missing') conds.push(sql`not ${followUpDoneSql(year)}`);
  if (q.followUp === 'done') conds.push(followUpDoneSql(year));
  if (q.followUp === 'deviations') conds.push(deviationsRemainingSql());
  if (q.archived !== 'all') conds.push(eq(digitalObjects.archived, q.archived === 'true'));
  const rows = await ctx.db
    .select({ o: digitalObjects, done: followUpDoneSql(year), deviationsRemaining: deviationsRemainingSql() })
    .from(digitalObjects)
    .innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
    .where(and(...conds))
    .orderBy(asc(sql`lower(${digitalObjects.name})`), asc(orgs.path));
  const names = await orgSlugs(ctx.db, rows.map((r) => r.o.orgId));
  return rows.map((r) => toObject(r.o, names.get(r.o.orgId)!, today, r));
}

/** The object and its org, checked for reading (404 outside the caller's scope) and, with `write`, for object.manage (403). */
export async function loadObject(ctx: Ctx, db: Db, id: string, write: boolean): Promise<{ cur: ObjectRow; org: OrgRow }> {
  const [cur] = await db.select().from(digitalObjects).where(eq(digitalObjects.id, id));
  if (!cur) throw notFound(missing(id), 'id');
  const org = await recordOrg(ctx, db, cur.orgId, 'object.read', write ? 'object.manage' : undefined, missing(id));
  return { cur, org };
}
const load = loadObject;

/** The object as the API shows it, with its follow-up status read now. */
export async function objectWithFollowUp(db: Db, row: ObjectRow, org: { slug: string; name: string }): Promise<DigitalObject> {
  const today = stockholmDate();
  const [s] = await db.select({ done: followUpDoneSql(Number(today.slice(0, 4))), deviationsRemaining: deviationsRemainingSql() })
    .from(digitalObjects).where(eq(digitalObjects.id, row.id));
  return toObject(row, org, today, s);
}

export async function getObject(ctx: Ctx, id: string): Promise<DigitalObject> {
  const { cur, org } = await load(ctx, ctx.db, id, false);
  return objectWithFollowUp(ctx.db, cur, org);
}

/** 409 duplicate_name when the organisation already has an object of this name, whatever the case (archived too). */
async function refuseDuplicate(tx: Db, org: OrgRow, name: string, except?: string): Promise<void> {
  const conds = [eq(digitalObjects.orgId, org.id), sql`lower(${digitalObjects.name}) = lower(${name})`];
  if (except) conds.push(ne(digitalObjects.id, except));
  const [dup] = await tx.select({ id: digitalObjects.id, name: digitalObjects.name, archived: digitalObjects.archived }).from(digitalObjects).where(and(...conds));
  if (!dup) return;
  throw conflict('duplicate_name', {
    sv: `${org.name} har redan ett objekt som heter "${dup.name}"${dup.archived ? ' (arkiverat – återställ det i stället)' : ''}.`,
    en: `${org.name} already has an object named "${dup.name}"${dup.archived ? ' (archived – restore it instead)' : ''}.`,
  }, 'name', { existingId: dup.id });
}

export async function createObject(ctx: Ctx, input: CreateDigitalObject): Promise<DigitalObject> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'object.read', 'object.manage');
    const { org: _slug, ...values } = input;
    checkClassification({
      normerandeStatus: values.normerandeStatus ?? 'saknas', normerandeDate: values.normerandeDate ?? null,
      lokalStatus: values.lokalStatus ?? 'saknas', lokalDate: values.lokalDate ?? null,
    });
    await refuseDuplicate(tx, org, values.name);
    const [row] = await tx.insert(digitalObjects).values({ ...values, orgId: org.id }).returning();
    await recordAudit(tx, ctx, { action: 'object.create', entityType: 'digital_object', entityId: row.id, orgId: org.id, after: row });
    return toObject(row, org);
  });
}

/**
 * Changes an object; `archived` archives it (true) or restores it (false): objects are never deleted, so the
 * report of a year they were classified in can still name them, and the audit trail keeps the whole story.
 */
export async function updateObject(ctx: Ctx, id: string, input: UpdateDigitalObject): Promise<DigitalObject> {
  return inTx(ctx, async (tx) => {
    const { cur, org } = await load(ctx, tx, id, true);
    if (cur.version !== input.version) throw staleVersion('object', input.version, await objectWithFollowUp(tx, cur, org));
    const { version, ...changes } = input;
    checkClassification({
      normerandeStatus: changes.normerandeStatus ?? cur.normerandeStatus,
      normerandeDate: changes.normerandeDate === undefined ? cur.normerandeDate : changes.normerandeDate,
      lokalStatus: changes.lokalStatus ?? cur.lokalStatus,
      lokalDate: changes.lokalDate === undefined ? cur.lokalDate : changes.lokalDate,
    });
    if (changes.name !== undefined && changes.name.toLowerCase() !== cur.name.toLowerCase()) await refuseDuplicate(tx, org, changes.name, id);
    const [row] = await tx
      .update(digitalObjects)
      .set({ ...changes, version: sql`${digitalObjects.version} + 1`, updatedAt: new Date() })
      .where(and(eq(digitalObjects.id, id), eq(digitalObjects.version, version)))
      .returning();
    if (!row) throw staleVersion('object', version, await objectWithFollowUp(tx, (await load(ctx, tx, id, true)).cur, org));
    const action = changes.archived === true && !cur.archived ? 'object.archive' : changes.archived === false && cur.archived ? 'object.restore' : 'object.update';
    await recordAudit(tx, ctx, { action, entityType: 'digital_object', entityId: id, orgId: org.id, before: cur, after: row });
    return objectWithFollowUp(tx, row, org);
  });
}
