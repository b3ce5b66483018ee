import { and, eq } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import { findOrg } from '../org/service';
import { DEFAULT_METHOD } from './levels';
import { createAssessment } from './service';
import { maturityAssessments } from './table';

/**
 * Hässelby-Vällingby's first maturity measurement, 2025 (seed 002 3.2): the stabsenhet measured with MSB's template;
 * kompetens and informationsklassning are near the highest levels, riskhantering, incidenthantering and uppföljning
 * need more system and fewer dependencies on single persons. The levels are this demo's reading of that text.
 */
export const demo: DemoStep = {
  order: 36,
  async run(ctx) {
    const hv = await findOrg(ctx.db, 'hasselby-vallingby').catch(() => undefined);
    if (!hv) return [];
    const [exists] = await ctx.db.select({ id: maturityAssessments.id }).from(maturityAssessments)
      .where(and(eq(maturityAssessments.orgId, hv.id), eq(maturityAssessments.year, 2025)));
    if (exists) return ['Mognadsmätning: finns redan / maturity measurement exists.'];
    const m = await createAssessment(ctx, {
      org: hv.slug, year: 2025, assessedOn: '2025-10-15', method: DEFAULT_METHOD, assessor: 'Stabsenheten',
      summary: 'Arbetet har kommit långt med tydliga rutiner, men det finns personberoenden. Mätningen upprepas årligen för att följa utvecklingen.',
      scores: [
        { area: 'Kompetens', level: 3, targetLevel: 4, comment: 'Nära den högsta nivån; ledning och nyckelpersoner behöver fortsatt kompetenshöjning.' },
        { area: 'Informationsklassning', level: 3, targetLevel: 4, comment: 'Nära den högsta nivån; äldre objekt återstår att klassa.' },
        { area: 'Riskhantering', level: 2, targetLevel: 3, comment: 'Behöver mer systematik och färre personberoenden.' },
        { area: 'Incidenthantering', level: 2, targetLevel: 3, comment: 'Chefer följer inte alltid upp rapporterade avvikelser.' },
        { area: 'Uppföljning', level: 2, targetLevel: 3, comment: 'Systematisk uppföljning av att åtgärder är genomförda saknas.' },
      ],
    });
    return [`Mognadsmätning Hässelby-Vällingby 2025: medel ${String(m.average).replace('.', ',')} av 4.`];
  },
};
