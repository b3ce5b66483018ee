import { and, eq, like } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import { defaultAsOfDay, stockholmDate } from '../../server/platform/time';
import type { SectionProvider } from '../reports/provider';
import { orgs } from '../org/table';
import { balancingMissing, fiveYearsBefore } from './camera';
import { dpiaLikely, dpiaMissing } from './rules';
import { cameraSites, processingActivities } from './table';

/** Why an activity needs attention: not approved by the DSO, DPIA likely required but not done, transfer without a TIA. */
export const ATTENTION_REASONS = ['ej_godkand', 'dpia_saknas', 'tia_saknas'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export interface PrivacyAttentionFigure {
  name: string;
  /** The förvaltning in a city's report, else the report org; `unit` is the organisation it is recorded on. */
  org: string;
  unit: string;
  status: string;
  reasons: AttentionReason[];
}

export interface PrivacyFigures {
  counts: {
    /** Active (not archived) processing activities in the registerförteckning. */
    total: number;
    approved: number;
    notApproved: number;
    /** Of those not approved: sent to the DSO for review (granskas). */
    awaitingReview: number;
    thirdCountry: number;
    specialCategories: number;
    dpiaLikely: number;
    dpiaLikelyNotDone: number;
  };
  /** Activities needing attention, by name. */
  attention: PrivacyAttentionFigure[];
  camera: CameraFigures;
}

export interface CameraSiteFigure {
  name: string;
  org: string;
  unit: string;
  purpose: string;
  startedOn: string;
  endedOn: string | null;
  balancingDate: string | null;
  balancingMissing: boolean;
  signs: boolean;
}

/**
 * Kamerabevakning as of the report's day: sites running then, those ended in the five years before it, and of the
 * running ones how many lack an intresseavvägning (text or date) and how many lack signs; `sites` is the register
 * (running and ended in five years), by name.
 */
export interface CameraFigures {
  asOf: string;
  counts: { running: number; endedFiveYears: number; withoutBalancing: number; withoutSigns: number };
  sites: CameraSiteFigure[];
}

/**
 * `privacy`: the registerförteckning of the report org's subtree as it stands (active activities): how many, how many
 * approved by the DSO, with third-country transfers and special categories, where the threshold analysis says a DPIA
 * is likely required but none is done, and the list of those needing attention.
 */
export const sectionProviders: SectionProvider<PrivacyFigures>[] = [
  {
    key: 'privacy',
    title: { sv: 'Registerförteckning och konsekvensbedömningar', en: 'Record of processing activities and DPIAs' },
    order: 47,
    async figures({ ctx, org, year, asOf }) {
      ctx.authz.require('privacy.read', org.path);
      const a = processingActivities;
      const rows = await ctx.db.select({ a, unit: orgs.name, path: orgs.path }).from(a).innerJoin(orgs, eq(orgs.id, a.orgId))
        .where(and(like(orgs.path, escapeLike(org.path) + '%'), ctx.authz.scopeSql('privacy.read', orgs.path), eq(a.archived, false)));
      const depth = org.path.split('/').filter(Boolean).length;
      const tops = org.type === 'stad'
        ? new Map((await ctx.db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(like(orgs.path, escapeLike(org.path) + '%'))).map((o) => [o.id, o.name]))
        : new Map<string, string>();
      const top = (path: string) => (org.type === 'stad' ? tops.get(path.split('/').filter(Boolean)[depth] ?? org.id) ?? org.name : org.name);
      const attention = rows
        .map((r): PrivacyAttentionFigure => ({
          name: r.a.name, org: top(r.path), unit: r.unit, status: r.a.status,
          reasons: [
            ...(r.a.status !== 'godkand' ? ['ej_godkand' as const] : []),
            ...(dpiaMissing(r.a.dpiaCriteria, r.a.dpia) ? ['dpia_saknas' as const] : []),
            ...(r.a.thirdCountryTransfer && !r.a.tiaDone ? ['tia_saknas' as const] : []),
          ],
        }))
        .filter((r) => r.reasons.length > 0)
        .sort((x, y) => x.name.localeCompare(y.name, 'sv') || x.org.localeCompare(y.org, 'sv'));
      const approved = rows.filter((r) => r.a.status === 'godkand').length;
      // The report's day: the end of asOf's day (asOf is the first instant after it), else the year's last day or today.
      const day = asOf ? stockholmDate(new Date(asOf.getTime() - 1)) : defaultAsOfDay(year);
      const from = fiveYearsBefore(day);
      const c = cameraSites;
      const sites = (await ctx.db.select({ c, unit: orgs.name, path: orgs.path }).from(c).innerJoin(orgs, eq(orgs.id, c.orgId))
        .where(and(like(orgs.path, escapeLike(org.path) + '%'), ctx.authz.scopeSql('privacy.read', orgs.path), eq(c.archived, false))))
        .filter((r) => r.c.startedOn && r.c.startedOn <= day && (!r.c.endedOn || r.c.endedOn >= from));
      const running = sites.filter((r) => !r.c.endedOn || r.c.endedOn > day);
      const camera: CameraFigures = {
        asOf: day,
        counts: {
          running: running.length,
          endedFiveYears: sites.length - running.length,
          withoutBalancing: running.filter((r) => balancingMissing(r.c)).length,
          withoutSigns: running.filter((r) => !r.c.signs).length,
        },
        sites: sites
          .map((r): CameraSiteFigure => ({
            name: r.c.name, org: top(r.path), unit: r.unit, purpose: r.c.purpose, startedOn: r.c.startedOn!, endedOn: r.c.endedOn && r.c.endedOn <= day ? r.c.endedOn : null,
            balancingDate: r.c.balancingDate, balancingMissing: balancingMissing(r.c), signs: r.c.signs,
          }))
          .sort((x, y) => x.name.localeCompare(y.name, 'sv') || x.org.localeCompare(y.org, 'sv')),
      };
      return {
        counts: {
          total: rows.length,
          approved,
          notApproved: rows.length - approved,
          awaitingReview: rows.filter((r) => r.a.status === 'granskas').length,
          thirdCountry: rows.filter((r) => r.a.thirdCountryTransfer).length,
          specialCategories: rows.filter((r) => r.a.specialCategories).length,
          dpiaLikely: rows.filter((r) => dpiaLikely(r.a.dpiaCriteria)).length,
          dpiaLikelyNotDone: rows.filter((r) => dpiaMissing(r.a.dpiaCriteria, r.a.dpia)).length,
        },
        attention,
        camera,
      };
    },
  },
];
