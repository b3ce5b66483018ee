import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { Authz } from '../../server/platform/authz';
import { findOrg } from '../org/service';
import { users } from '../users/table';
import { hvOutline, snOutline } from './demo-content';
import type { Section } from './outline';
import { createReport, findReport, updateReport } from './service';
import { approveReport, submitReport } from './workflow';
import { reports } from './table';

/** Acts as a demo person when present (so the approval names them), else as the system. */
async function asUser(ctx: Ctx, email: string): Promise<Ctx> {
  const [u] = await ctx.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.email, email));
  if (!u) return ctx;
  return { ...ctx, principal: { userId: u.id, email: u.email, name: u.name, locale: 'sv' }, authz: new Authz([{ role: 'systemadministrator', paths: null }]) };
}

const strip = (o: Section[]) => o.map((s) => ({ id: s.id, level: s.level, title: s.title, provider: s.provider ?? null, hidden: s.hidden, narrative: s.narrative, tables: s.tables }));

async function demoReport(ctx: Ctx, org: string, chef: string, outline: Section[], approvedAt: Date): Promise<string> {
  const o = await findOrg(ctx.db, org).catch(() => null);
  if (!o) return `reports: ${org} saknas / missing – hoppar över / skipped`;
  const [has2025] = await ctx.db.select({ id: reports.id, status: reports.status }).from(reports).where(and(eq(reports.orgId, o.id), eq(reports.year, 2025)));
  if (!has2025) {
    const r = await createReport(ctx, { org, year: 2025, carryForward: false });
    const u = await updateReport(ctx, r.id, { version: r.version, outline: strip(outline) });
    const sub = await submitReport(ctx, r.id, u.version);
    await approveReport(await asUser(ctx, chef), r.id, sub.version, approvedAt);
  } else if (has2025.status !== 'godkand') {
    const cur = await findReport(ctx, org, 2025);
    const sub = cur.status === 'utkast' ? await submitReport(ctx, cur.id, cur.version) : cur;
    await approveReport(await asUser(ctx, chef), cur.id, sub.version, approvedAt);
  }
  const [has2026] = await ctx.db.select({ id: reports.id }).from(reports).where(and(eq(reports.orgId, o.id), eq(reports.year, 2026)));
  if (!has2026) await createReport(ctx, { org, year: 2026 });
  return `reports: ${o.name} – 2025 godkänd / approved, 2026 utkast framfört / draft carried forward`;
}

/**
 * When each 2025 report was approved: a fixed day, not the day the demo is loaded. Neither seed dates its approval.
 * Servicenämnden presented its review on 4 November (seed 000 1.1.4) and Hässelby-Vällingby's counts are of
 * 12 November (seed 002 4.3); the demo's own records of the year run to mid-December (the last internal control
 * on 15 December), and an approval freezes the figures as of its day: so the middle of December, after them all.
 */
export const DEMO_APPROVED_AT = {
  'hasselby-vallingby': new Date('2025-12-17T14:00:00+01:00'),
  servicenamnden: new Date('2025-12-16T10:00:00+01:00'),
};

export const demo = {
  order: 90,
  async run(ctx: Ctx) {
    return [
      await demoReport(ctx, 'hasselby-vallingby', 'chef.hv@demo.stockholm', hvOutline(), DEMO_APPROVED_AT['hasselby-vallingby']),
      await demoReport(ctx, 'servicenamnden', 'chef.sf@demo.stockholm', snOutline(), DEMO_APPROVED_AT.servicenamnden),
    ];
  },
};
