import type { SectionProvider } from '../reports/provider';
import type { IncidentFigures } from './contract';
import { incidentFigures } from './stats';
import { stockholmDate } from '../../server/platform/time';

/**
 * The management review's "incidents" section (outline item 4: incidents by status, kind and category,
 * year on year, reports to IMY and CSIRT). Same function as GET /api/incidents/stats.
 */
export const sectionProviders: SectionProvider<IncidentFigures>[] = [
  {
    key: 'incidents',
    title: { sv: 'Information om avvikelser och incidenter', en: 'Deviations and incidents' },
    order: 40,
    figures: ({ ctx, org, year, asOf }) => {
      ctx.authz.require('incident.read', org.path);
      return incidentFigures(ctx.db, org.path, year, asOf ? stockholmDate(asOf) : undefined);
    },
  },
];
