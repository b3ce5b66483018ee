import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { countTitles, PRIORITY_LEGAL_DEADLINE, type AttentionItem, type AttentionProvider } from '../../server/platform/attention';
import { orgs } from '../org/table';
import { runningClocks } from './deadlines';
import { incidents } from './table';
import { breachDocumentedSql } from './list';
import { stockholmYear, yearRange } from '../../server/platform/time';

/** The statuses of an incident still being handled. */
const OPEN_STATUSES = ['Rapporterad', 'Under registrering', 'Under utredning', 'Under åtgärd'];

/**
 * Start-page warnings for legal clocks: overdue, less than 6 h left (critical) and less than 24 h left
 * (warning), counted over the incidents the person may read, before every routine item (PRIORITY_LEGAL_DEADLINE).
 * Art. 34's 72 h is an internal target, not a legal deadline (clocks.ts LEGAL_DEADLINE): it is left out of those
 * counts and has its own, gentler line, ordered as routine items are.
 */
export const attentionProviders: AttentionProvider[] = [
  {
    key: 'legal-clocks',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('incident.read')) return [];
      const clocks = await runningClocks(ctx, new Date());
      const legal = clocks.filter((x) => x.c.legal);
      const n = (s: string) => legal.filter((x) => x.c.state === s).length;
      const item = (key: string, severity: AttentionItem['severity'], count: number, sv: { one: string; many: string }, en: { one: string; many: string }, legalDeadline = true): AttentionItem =>
        ({ key, severity, count, link: '/incidenter/tidsfrister?alla=1', ...countTitles(count, sv, en), ...(legalDeadline ? { priority: PRIORITY_LEGAL_DEADLINE } : {}) });
      const art34 = clocks.filter((x) => x.c.key === 'gdpr34');
      return [
        item('incidents.clocks.overdue', 'critical', n('overdue'),
          { one: 'En lagstadgad tidsfrist har passerats (IMY/CSIRT)', many: 'lagstadgade tidsfrister har passerats (IMY/CSIRT)' },
          { one: 'One legal deadline has passed (IMY/CSIRT)', many: 'legal deadlines have passed (IMY/CSIRT)' }),
        item('incidents.clocks.6h', 'critical', n('critical'),
          { one: 'En tidsfrist löper ut inom 6 timmar', many: 'tidsfrister löper ut inom 6 timmar' },
          { one: 'One deadline expires within 6 hours', many: 'deadlines expire within 6 hours' }),
        item('incidents.clocks.24h', 'warning', n('due_soon'),
          { one: 'En tidsfrist löper ut inom 24 timmar', many: 'tidsfrister löper ut inom 24 timmar' },
          { one: 'One deadline expires within 24 hours', many: 'deadlines expire within 24 hours' }),
        // Every high-risk breach whose data subjects are not yet informed (nor exempt): a warning once the internal
        // target has passed for any of them, else information.
        item('incidents.clocks.art34', art34.some((x) => x.c.state === 'overdue') ? 'warning' : 'info', art34.length,
          { one: 'En personuppgiftsincident med hög risk: informera de registrerade utan onödigt dröjsmål (art. 34)', many: 'personuppgiftsincidenter med hög risk: informera de registrerade utan onödigt dröjsmål (art. 34)' },
          { one: 'One high-risk personal data breach: inform the data subjects without undue delay (art. 34)', many: 'high-risk personal data breaches: inform the data subjects without undue delay (art. 34)' }, false),
      ];
    },
  },
  {
    key: 'new-reports',
    // Triage: reports nobody has picked up yet (Rapporterad, no handler), where the person handles incidents, however
    // old (an old one is the more reason to act). A partial index holds exactly these (incidents_untriaged_idx).
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('incident.manage')) return [];
      const [row] = await ctx.db.select({ n: count() }).from(incidents).innerJoin(orgs, eq(orgs.id, incidents.orgId))
        .where(and(eq(incidents.status, 'Rapporterad'), isNull(incidents.handlerId), ctx.authz.scopeSql('incident.manage', orgs.path)));
      const n = Number(row?.n ?? 0);
      return [{
        // The list as counted: every organisation the person may see (?alla=1), only those without a handler.
        key: 'incidents.new', severity: 'info', count: n, link: '/incidenter?status=Rapporterad&handlaggare=ingen&alla=1',
        ...countTitles(n,
          { one: 'En ny incidentrapport väntar på registrering', many: 'nya incidentrapporter väntar på registrering' },
          { one: 'One new incident report awaits registration', many: 'new incident reports await registration' }),
      }];
    },
  },
  {
    key: 'undecided-personal-data',
    // Open incidents answered "vet ej" about personal data, where the person handles incidents. Until it is decided no
    // clock runs, yet if it is a personal data breach, art. 33's 72 hours count from when it was discovered: decide it.
    // A partial index holds exactly these (incidents_undecided_idx).
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('incident.manage')) return [];
      const [row] = await ctx.db.select({ n: count() }).from(incidents).innerJoin(orgs, eq(orgs.id, incidents.orgId))
        .where(and(sql`${incidents.personalData} = 'vet_ej' and ${incidents.status} not in ('Klar', 'Förfallen')`, ctx.authz.scopeSql('incident.manage', orgs.path)));
      const n = Number(row?.n ?? 0);
      return [{
        key: 'incidents.personalData.undecided', severity: 'warning', count: n,
        link: `/incidenter?personalData=vet_ej&status=${encodeURIComponent(OPEN_STATUSES.join(','))}&alla=1`,
        ...countTitles(n,
          { one: 'En öppen incident där det inte är avgjort om personuppgifter berörs: avgör det, för en personuppgiftsincident räknas 72 timmar från upptäckten', many: 'öppna incidenter där det inte är avgjort om personuppgifter berörs: avgör det, för en personuppgiftsincident räknas 72 timmar från upptäckten' },
          { one: 'One open incident where it is not decided whether personal data is involved: decide it, for a personal data breach 72 hours count from discovery', many: 'open incidents where it is not decided whether personal data is involved: decide it, for a personal data breach 72 hours count from discovery' }),
      }];
    },
  },
  {
    key: 'breach-documentation',
    // The DSO's and the handlers' art. 33.5 duty: personal data breaches of this year and last year (Stockholm) whose
    // record is not marked documented, where the person handles incidents. The list link filters the same way.
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('incident.manage')) return [];
      const since = stockholmYear(new Date()) - 1;
      const [row] = await ctx.db.select({ n: count() }).from(incidents).innerJoin(orgs, eq(orgs.id, incidents.orgId))
        .where(and(breachDocumentedSql(false), sql`${incidents.reportedAt} >= ${yearRange(since)[0].toISOString()}`, ctx.authz.scopeSql('incident.manage', orgs.path)));
      const n = Number(row?.n ?? 0);
      return [{
        key: 'incidents.breach.undocumented', severity: 'warning', count: n, link: `/incidenter?dokumentation=saknas&fran=${since}&alla=1`,
        ...countTitles(n,
          { one: `En personuppgiftsincident (${since}–${since + 1}) saknar dokumentation (art. 33.5)`, many: `personuppgiftsincidenter (${since}–${since + 1}) saknar dokumentation (art. 33.5)` },
          { one: `One personal data breach (${since}–${since + 1}) lacks its documentation (art. 33.5)`, many: `personal data breaches (${since}–${since + 1}) lack their documentation (art. 33.5)` }),
      }];
    },
  },
];
