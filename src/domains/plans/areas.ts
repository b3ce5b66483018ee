import { eq } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { badRequest, forbidden } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { DEFAULT_PLAN_AREAS } from './contract';
import { orgFor, type OrgRow } from './scope';
import { planAreaLists } from './table';

/** The city (root organisation) an org belongs to: the first id of its materialised path. */
export const cityIdOf = (org: Pick<OrgRow, 'path'>) => org.path.split('/').filter(Boolean)[0];

export async function areasOf(db: Db, org: Pick<OrgRow, 'path'>): Promise<{ cityId: string; areas: string[]; version: number; isDefault: boolean }> {
  const cityId = cityIdOf(org);
  const [row] = await db.select().from(planAreaLists).where(eq(planAreaLists.cityOrgId, cityId));
  return row
    ? { cityId, areas: row.areas, version: row.version, isDefault: false }
    : { cityId, areas: [...DEFAULT_PLAN_AREAS], version: 0, isDefault: true };
}

/** 400 naming `area` when the area is not on the city's list. */
export async function assertArea(db: Db, org: Pick<OrgRow, 'path'>, area: string, field = 'area'): Promise<void> {
  const { areas } = await areasOf(db, org);
  if (!areas.includes(area)) {
    throw badRequest('unknown_area', {
      sv: `Området "${area}" finns inte i stadens lista. Tillåtna: ${areas.join(', ')}.`,
      en: `The area "${area}" is not on the city's list. Allowed: ${areas.join(', ')}.`,
    }, field, { allowed: areas });
  }
}

export async function getAreaList(ctx: Ctx, orgSlug: string) {
  const org = await orgFor(ctx, ctx.db, orgSlug, 'plan.read');
  const list = await areasOf(ctx.db, org);
  const [city] = await ctx.db.select({ slug: orgs.slug }).from(orgs).where(eq(orgs.id, list.cityId));
  return { city: city.slug, areas: list.areas, version: list.version, isDefault: list.isDefault };
}

/** Replaces the city's area list. Only someone holding plan.manage on the city itself may do it. */
export async function setAreaList(ctx: Ctx, input: { org: string; version: number; areas: string[] }) {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'plan.read');
    const cityId = cityIdOf(org);
    const [city] = await tx.select().from(orgs).where(eq(orgs.id, cityId));
    if (!ctx.authz.can('plan.manage', city.path)) throw forbidden();
    const areas = [...new Set(input.areas.map((a) => a.trim()))];
    const cur = await areasOf(tx, org);
    if (cur.version !== input.version) throw staleVersion('plan area list', input.version, { version: cur.version, areas: cur.areas });
    let row;
    if (cur.isDefault) {
      [row] = await tx.insert(planAreaLists).values({ cityOrgId: cityId, areas }).returning();
    } else {
      [row] = await tx
        .update(planAreaLists)
        .set({ areas, version: cur.version + 1, updatedAt: new Date() })
        .where(eq(planAreaLists.cityOrgId, cityId))
        .returning();
    }
    await recordAudit(tx, ctx, { action: 'plan.areas.update', entityType: 'plan_area_list', entityId: cityId, orgId: cityId, before: cur.areas, after: areas });
    return { city: city.slug, areas: row.areas, version: row.version, isDefault: false };
  });
}
