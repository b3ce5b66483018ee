import { and, eq } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import { findOrg } from '../org/service';
import { orgs } from '../org/table';
import { CONTROLS, YEAR } from './demo-data';
import { vorEventsOf } from './ikp';
import { createControl, createResult } from './service';
import { internalControls } from './table';

/**
 * Internkontroll 2025 for Servicenämnden and Hässelby-Vällingby (after the risks' VoR, before the reports). An
 * organisation missing from the tree, or one that already has controls for the year, is left as it is; a control
 * whose IKP risk is not in the VoR is skipped.
 */
export const demo: DemoStep = {
  // After the risks' VoR (39.7), whose IKP risks the controls belong to.
  order: 39.8,
  async run(ctx) {
    const done: string[] = [];
    for (const slug of [...new Set(CONTROLS.map((c) => c.org))]) {
      const org = await findOrg(ctx.db, slug).catch(() => undefined);
      if (!org) continue;
      const [has] = await ctx.db.select({ id: internalControls.id }).from(internalControls).where(and(eq(internalControls.orgId, org.id), eq(internalControls.year, YEAR)));
      if (has) continue;
      const events = (await vorEventsOf(ctx.db, YEAR, eq(orgs.id, org.id))).filter((e) => e.inIkp);
      let made = 0;
      let reported = 0;
      for (const d of CONTROLS.filter((c) => c.org === slug)) {
        const event = d.event ? events.find((e) => e.title === d.event) : undefined;
        if (d.event && !event) continue;
        const c = await createControl(ctx, {
          org: slug, year: YEAR, vorEventId: event?.id ?? null, title: d.title ?? '', control: d.control, method: d.method, frequency: d.frequency, responsible: d.responsible,
        });
        made++;
        for (const r of d.results) {
          await createResult(ctx, c.id, r);
          reported++;
        }
      }
      done.push(`${org.name} ${YEAR}: ${made} kontrollmoment, ${reported} resultat`);
    }
    return [`internal-control: ${done.length ? done.join('; ') : 'inget nytt / nothing new'}`];
  },
};
