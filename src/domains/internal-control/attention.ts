import { and, eq, inArray, sql } from 'drizzle-orm';
import { countTitles, type AttentionProvider } from '../../server/platform/attention';
import { stockholmDate } from '../../server/platform/time';
import { orgs } from '../org/table';
import type { Frequency, Period } from './contract';
import { periodEnded, periodWord, plannedPeriods } from './rules';
import { internalControlResults, internalControls } from './table';

/**
 * Internkontroll on the start page, for those who plan controls and report results (risk.manage): the controls of
 * this year (and of last year, whose last period may just have ended) with a period ended without a result, naming
 * those periods; and this year's väsentliga avvikelser.
 */
export const attentionProviders: AttentionProvider[] = [
  {
    key: 'internal-control',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('risk.manage')) return [];
      const today = stockholmDate();
      const year = Number(today.slice(0, 4));
      const scope = ctx.authz.scopeSql('risk.manage', orgs.path);
      const controls = await ctx.db
        .select({ id: internalControls.id, year: internalControls.year, frequency: internalControls.frequency, reported: sql<string[]>`coalesce(array_agg(${internalControlResults.period}) filter (where ${internalControlResults.id} is not null), '{}')` })
        .from(internalControls)
        .innerJoin(orgs, eq(orgs.id, internalControls.orgId))
        .leftJoin(internalControlResults, eq(internalControlResults.controlId, internalControls.id))
        .where(and(scope, eq(internalControls.archived, false), inArray(internalControls.year, [year - 1, year])))
        .groupBy(internalControls.id);
      const periods = new Set<string>();
      let missing = 0;
      let missingLastYear = false;
      for (const c of controls) {
        const reported = new Set(c.reported ?? []);
        const open = plannedPeriods(c.frequency as Frequency).filter((p) => periodEnded(c.year, p, today) && !reported.has(p));
        if (!open.length) continue;
        missing++;
        if (c.year < year) missingLastYear = true;
        for (const p of open) periods.add(`${periodWord(p as Period)} ${c.year}`);
      }
      const list = [...periods].join(', ');
      const [{ n }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(internalControlResults)
        .innerJoin(internalControls, eq(internalControls.id, internalControlResults.controlId))
        .innerJoin(orgs, eq(orgs.id, internalControls.orgId))
        .where(and(scope, eq(internalControls.year, year), eq(internalControls.archived, false), eq(internalControlResults.result, 'vasentlig_avvikelse')));
      const significant = Number(n);
      return [
        {
          key: 'internal-control.missing-results', severity: 'warning' as const, count: missing,
          link: `/internkontroll?year=${missingLastYear ? year - 1 : year}&missing=true`,
          ...countTitles(missing,
            { one: `En kontroll saknar resultat för ${list}`, many: `kontroller saknar resultat för ${list}` },
            { one: `One control has no result for ${list}`, many: `controls have no result for ${list}` }),
        },
        {
          key: 'internal-control.significant', severity: 'critical' as const, count: significant,
          link: `/internkontroll?year=${year}&deviations=true`,
          ...countTitles(significant,
            { one: `En väsentlig avvikelse i internkontrollen ${year}`, many: `väsentliga avvikelser i internkontrollen ${year}` },
            { one: `One significant deviation in internal control ${year}`, many: `significant deviations in internal control ${year}` }),
        },
      ];
    },
  },
];
