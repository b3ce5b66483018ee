import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import { resultRows, type Db } from '../../server/platform/db';
import { conflict, forbidden, notFound } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { DEFAULT_CATEGORIES, type CategoryTemplate } from './categories';
import type { CategoryDto, CategoryList, CreateCategory, UpdateCategory } from './contract';
import type { PersonalData, RiskAssessment } from './model';
import { orgFor, requireReasonForNoRisk } from './service';
import { incidentCategories } from './table';

/**
 * Category lists and their templates, kept per organisation. The list that applies to an organisation is the one
 * on the nearest organisation up its chain that has any rows (active or not), else the built-in defaults
 * (categories.ts). Managing needs incident.manage on the list's organisation. An organisation's first own list
 * starts as a copy of the list that applied to it, so nothing disappears for its units.
 *
 * Renaming carries over to incidents: in the same transaction every incident in the list's scope (the
 * organisation's subtree, leaving out subtrees with their own list) whose category is the old name gets the new
 * one and a new version, so statistics and filters keep counting them together. The audit row of the rename
 * records the old and new name and how many incidents followed.
 */
type Row = typeof incidentCategories.$inferSelect;
type OrgRow = typeof orgs.$inferSelect;

const ref = (o: { slug: string; name: string }) => ({ slug: o.slug, name: o.name });
const notFoundCategory = (id: string) => notFound({ sv: `Kategorin ${id} finns inte.`, en: `Category ${id} does not exist.` }, 'id');
const sameName = (a: string, b: string) => a.toLocaleLowerCase('sv') === b.toLocaleLowerCase('sv');

export function toCategoryDto(c: Row): CategoryDto {
  return {
    id: c.id, name: c.name, kind: c.kind, personalData: c.personalData as PersonalData | null,
    riskAssessment: c.riskAssessment as RiskAssessment | null, assessmentText: c.assessmentText, firstActions: c.firstActions,
    active: c.active, version: c.version,
  };
}
const defaultDto = (c: CategoryTemplate): CategoryDto => ({ ...c, id: null, active: true, version: null });

/** The organisation whose rows make the list at `path` (the deepest on the chain with any), and those rows. */
async function effectiveRows(db: Db, path: string): Promise<{ owner: OrgRow | null; rows: Row[] }> {
  const ids = path.split('/').filter(Boolean);
  const owners = await db.selectDistinct({ o: orgs }).from(incidentCategories).innerJoin(orgs, eq(orgs.id, incidentCategories.orgId))
    .where(inArray(incidentCategories.orgId, ids));
  if (owners.length === 0) return { owner: null, rows: [] };
  const owner = owners.map((r) => r.o).sort((a, b) => b.depth - a.depth)[0];
  const rows = await db.select().from(incidentCategories).where(eq(incidentCategories.orgId, owner.id)).orderBy(asc(incidentCategories.name));
  return { owner, rows };
}

async function listOf(db: Db, org: OrgRow): Promise<CategoryList> {
  const { owner, rows } = await effectiveRows(db, org.path);
  if (!owner) return { org: ref(org), source: 'default', from: null, items: DEFAULT_CATEGORIES.map(defaultDto) };
  const own = owner.id === org.id;
  return { org: ref(org), source: own ? 'own' : 'inherited', from: own ? null : ref(owner), items: rows.map(toCategoryDto) };
}

/** The list that applies to the organisation, inactive categories included (for managing it). */
export async function categoryList(ctx: Ctx, slug: string): Promise<CategoryList> {
  const org = await orgFor(ctx, ctx.db, slug, 'incident.manage');
  return listOf(ctx.db, org);
}

/**
 * Gives `org` its own list as a copy of the one that applies now (inactive ones stay inactive); audited per
 * category. Returns false when it already has one. The org row is locked so two first edits cannot both copy.
 */
async function ensureOwnList(tx: Db, ctx: Ctx, org: OrgRow): Promise<boolean> {
  await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, org.id)).for('update');
  const { owner, rows } = await effectiveRows(tx, org.path);
  if (owner?.id === org.id) return false;
  const source: Omit<Row, 'id' | 'orgId' | 'version' | 'createdAt' | 'updatedAt'>[] = owner
    ? rows.map((r) => ({ name: r.name, kind: r.kind, personalData: r.personalData, riskAssessment: r.riskAssessment, assessmentText: r.assessmentText, firstActions: r.firstActions, active: r.active }))
    : DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true }));
  if (source.length === 0) return true;
  const copied = await tx.insert(incidentCategories).values(source.map((c) => ({ ...c, orgId: org.id }))).returning();
  for (const c of copied) {
    await recordAudit(tx, ctx, {
      action: 'incident.category.copy', entityType: 'incident_category', entityId: c.id, orgId: org.id,
      after: { ...c, copiedFrom: owner ? owner.slug : 'default' },
    });
  }
  return true;
}

/** Starts the organisation's own list as a copy of the one it inherits (409 when it has its own already). */
export async function copyCategories(ctx: Ctx, slug: string): Promise<CategoryList> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, slug, 'incident.manage');
    if (!(await ensureOwnList(tx, ctx, org))) {
      throw conflict('own_list_exists', {
        sv: `${org.name} har redan en egen kategorilista.`, en: `${org.name} already has its own category list.`,
      }, 'org');
    }
    return listOf(tx, org);
  });
}

async function refuseDuplicate(tx: Db, orgId: string, name: string, exceptId?: string) {
  const names = await tx.select({ id: incidentCategories.id, name: incidentCategories.name }).from(incidentCategories).where(eq(incidentCategories.orgId, orgId));
  const clash = names.find((n) => n.id !== exceptId && sameName(n.name, name));
  if (clash) {
    throw conflict('category_exists', {
      sv: `Kategorin "${clash.name}" finns redan i listan.`, en: `The category "${clash.name}" is already in the list.`,
    }, 'name');
  }
}

/** Adds a category to the organisation's own list (copying the inherited list first when it has none). */
export async function createCategory(ctx: Ctx, input: CreateCategory): Promise<CategoryDto> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'incident.manage');
    requireReasonForNoRisk(input.riskAssessment, input.assessmentText);
    await ensureOwnList(tx, ctx, org);
    await refuseDuplicate(tx, org.id, input.name);
    const [row] = await tx.insert(incidentCategories).values({
      orgId: org.id, name: input.name, kind: input.kind ?? null, personalData: input.personalData ?? null,
      riskAssessment: input.riskAssessment ?? null, assessmentText: input.assessmentText ?? '', firstActions: input.firstActions ?? [],
      active: input.active ?? true,
    }).returning();
    await recordAudit(tx, ctx, { action: 'incident.category.create', entityType: 'incident_category', entityId: row.id, orgId: org.id, after: row });
    return toCategoryDto(row);
  });
}

/** Incidents in the list's scope that carry the old name get the new one (and a new version); returns how many. */
async function renameOnIncidents(tx: Db, org: OrgRow, from: string, to: string, now: Date): Promise<number> {
  const prefix = `${escapeLike(org.path)}%`;
  const res = await tx.execute(sql`
    with changed as (
      update incidents i set category = ${to}, version = i.version + 1, updated_at = ${now.toISOString()}::timestamptz
      from orgs o
      where o.id = i.org_id and i.category = ${from} and o.path like ${prefix}
        and not exists (
          select 1 from incident_categories c join orgs d on d.id = c.org_id
          where d.id <> ${org.id} and d.path like ${prefix} and o.path like d.path || '%')
      returning 1)
    select count(*)::int as n from changed`);
  const rows = resultRows<{ n: number }>(res);
  return Number(rows[0]?.n ?? 0);
}

/** Changes a category (optimistic locking); active=false deactivates it. Incidents keep or follow the name (see top). */
export async function updateCategory(ctx: Ctx, id: string, input: UpdateCategory): Promise<CategoryDto & { renamedIncidents: number }> {
  return inTx(ctx, async (tx) => {
    const [found] = await tx.select({ c: incidentCategories, o: orgs }).from(incidentCategories)
      .innerJoin(orgs, eq(orgs.id, incidentCategories.orgId)).where(eq(incidentCategories.id, id));
    if (!found) throw notFoundCategory(id);
    const { c: cur, o: org } = found;
    if (!ctx.authz.can('incident.manage', org.path)) {
      if (ctx.authz.can('incident.read', org.path) || ctx.authz.can('incident.report', org.path)) throw forbidden();
      throw notFoundCategory(id);
    }
    if (cur.version !== input.version) throw staleVersion('incident_category', input.version, { ...toCategoryDto(cur), version: cur.version });
    const { version, ...set } = input;
    const renamed = set.name !== undefined && set.name !== cur.name;
    if (renamed) await refuseDuplicate(tx, org.id, set.name!, cur.id);
    if (set.riskAssessment !== undefined || set.assessmentText !== undefined) {
      requireReasonForNoRisk(set.riskAssessment !== undefined ? set.riskAssessment : cur.riskAssessment, set.assessmentText ?? cur.assessmentText);
    }
    const now = new Date();
    const [row] = await tx.update(incidentCategories)
      .set({ ...set, version: sql`${incidentCategories.version} + 1`, updatedAt: now })
      .where(and(eq(incidentCategories.id, id), eq(incidentCategories.version, version)))
      .returning();
    if (!row) throw staleVersion('incident_category', version, { ...toCategoryDto(cur), version: cur.version });
    const renamedIncidents = renamed ? await renameOnIncidents(tx, org, cur.name, row.name, now) : 0;
    const action = renamed ? 'incident.category.rename'
      : set.active === false && cur.active ? 'incident.category.deactivate'
        : set.active === true && !cur.active ? 'incident.category.activate' : 'incident.category.update';
    await recordAudit(tx, ctx, {
      action, entityType: 'incident_category', entityId: row.id, orgId: org.id,
      before: cur, after: renamed ? { ...row, renamedIncidents } : row,
    });
    return { ...toCategoryDto(row), renamedIncidents };
  });
}
