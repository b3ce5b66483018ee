import type { AttentionItem, AttentionProvider } from '../../server/platform/attention';
import { runningClocks } from './deadlines';

/**
 * Start-page warnings for legal clocks: overdue, less than 6 h left (critical) and less than 24 h left
 * (warning), counted over the incidents the person may read.
 */
export const attentionProviders: AttentionProvider[] = [
  {
    key: 'legal-clocks',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('incident.read')) return [];
      const clocks = await runningClocks(ctx, new Date());
      const n = (s: string) => clocks.filter((x) => x.c.state === s).length;
      const items: AttentionItem[] = [
        { key: 'incidents.clocks.overdue', severity: 'critical', count: n('overdue'),
          title_sv: `${n('overdue')} lagstadgade tidsfrister har passerats (IMY/CSIRT)`, title_en: `${n('overdue')} legal deadlines have passed (IMY/CSIRT)`, link: '/incidenter/tidsfrister' },
        { key: 'incidents.clocks.6h', severity: 'critical', count: n('critical'),
          title_sv: `${n('critical')} tidsfrister löper ut inom 6 timmar`, title_en: `${n('critical')} deadlines expire within 6 hours`, link: '/incidenter/tidsfrister' },
        { key: 'incidents.clocks.24h', severity: 'warning', count: n('due_soon'),
          title_sv: `${n('due_soon')} tidsfrister löper ut inom 24 timmar`, title_en: `${n('due_soon')} deadlines expire within 24 hours`, link: '/incidenter/tidsfrister' },
      ];
      return items;
    },
  },
];
