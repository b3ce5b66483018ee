import { and, eq } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import { findOrg } from '../org/service';
import { createGoal, setGoalStatus } from './service';
import { goals } from './table';

const TITLE = 'Hög beredskap och stark rådighet ska råda i alla verksamhetsområden';

/** Nämndmål 3.5 with its expected results and the 2025 status (seed 002 4.1; seed 000 introduction). */
export const demo: DemoStep = {
  order: 35,
  async run(ctx) {
    const out: string[] = [];
    const hv = await findOrg(ctx.db, 'hasselby-vallingby').catch(() => undefined);
    if (hv && !(await exists(ctx.db, hv.id))) {
      const g = await createGoal(ctx, {
        org: hv.slug, code: '3.5', title: TITLE,
        description: 'Informationssäkerheten redovisas i verksamhetsplanen under nämndmål 3.5.',
        indicators: [
          'Alla verksamheter har uppdaterade kontinuitetsplaner som även omfattar informationssäkerhet.',
          'Kunskapen om informationssäkerhet, dataskydd och objektförvaltning ökar i organisationen.',
          'Verksamhetssystem som omfattas av NIS är informationsklassade på lokal nivå.',
        ],
      });
      const [continuity, knowledge, nis] = g.indicators.map((i) => i.id);
      await setGoalStatus(ctx, g.id, { year: 2025, status: 'delvis uppfyllt', comment: 'Två av tre förväntade resultat är delvis nådda; kunskapen har ökat.' });
      await setGoalStatus(ctx, g.id, { year: 2025, indicatorId: continuity, status: 'delvis uppfyllt', comment: 'Äldreavdelningen är klar; myndighetsutövningen väntas bli klar vid årsskiftet.' });
      await setGoalStatus(ctx, g.id, { year: 2025, indicatorId: knowledge, status: 'uppfyllt', comment: 'ISAM och DSO har hållit riktade utbildningar; medarbetare har gått stadens e-utbildningar.' });
      await setGoalStatus(ctx, g.id, { year: 2025, indicatorId: nis, status: 'delvis uppfyllt', comment: 'Pascal, Procedo och Life Care SP är klassade; E-hälsa, VODOK, NPÖ, Para Inn och Para Sol väntar på normerande klassning; DEBI pågår.' });
      out.push('Mål 3.5 Hässelby-Vällingby: status 2025 delvis uppfyllt.');
    }
    const sn = await findOrg(ctx.db, 'servicenamnden').catch(() => undefined);
    if (sn && !(await exists(ctx.db, sn.id))) {
      const g = await createGoal(ctx, {
        org: sn.slug, code: '3.5', title: TITLE,
        description: 'Aktiviteterna i ledningens genomgång redovisas i verksamhetsplanen under mål 3.5; för 2026 styr NIS2 prioriteringarna.',
        indicators: ['Planering för informationssäkerhetsarbetet de kommande tre åren är framtagen och bilagd verksamhetsplanen.'],
      });
      await setGoalStatus(ctx, g.id, { year: 2025, status: 'pågår', comment: 'Ledningens genomgång med treårsplan presenterad för förvaltningsledningen.' });
      out.push('Mål 3.5 Servicenämnden: status 2025 pågår.');
    }
    return out.length ? out : ['Mål: finns redan / goals exist.'];
  },
};

async function exists(db: Parameters<typeof findOrg>[0], orgId: string) {
  return (await db.select({ id: goals.id }).from(goals).where(and(eq(goals.orgId, orgId), eq(goals.code, '3.5')))).length > 0;
}
