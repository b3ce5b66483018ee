import type { SectionProvider } from '../reports/provider';
import type { IncidentFigures } from './contract';
import { incidentFigures } from './stats';
import { breachDocumentation, type BreachDocumentation } from './breach';
import { stockholmDate } from '../../server/platform/time';

/**
 * The management review's "incidents" section (outline item 4: incidents by status, kind and category,
 * year on year, reports to IMY and CSIRT). Same function as GET /api/incidents/stats, and the year's personal data
 * breaches' art. 33.5 documentation (breach.ts).
 */
export const sectionProviders: SectionProvider<IncidentFigures & { breachDocumentation: BreachDocumentation }>[] = [
  {
    key: 'incidents',
    title: { sv: 'Information om avvikelser och incidenter', en: 'Deviations and incidents' },
    order: 40,
    figures: async ({ ctx, org, year, asOf }) => {
      ctx.authz.require('incident.read', org.path);
      const day = asOf ? stockholmDate(asOf) : undefined;
      const [figures, breaches] = await Promise.all([incidentFigures(ctx.db, org.path, year, day), breachDocumentation(ctx.db, org.path, year, day)]);
      return { ...figures, breachDocumentation: breaches };
    },
  },
];
