import type { CliCommand } from '../../cli/registry';
import { parse } from '../../cli/args';
import { CliError, withDatabase } from '../../cli/context';
import { commands as importCommands } from './import/cli';
import { sendDeadlineReminders } from './reminders';
import { incidentStats } from './stats';
import { checkYear } from '../../server/platform/time';

const recordCommands: CliCommand[] = [
  {
    name: 'incidents stats',
    usage: 'tillit incidents stats --org SLUG --year YYYY [--as-of YYYY-MM-DD] [--json]',
    summary: 'Incidentstatistik för en organisation och ett år / incident statistics for an organisation and year',
    async run(args, env) {
      const { values } = parse(args, { org: { type: 'string' }, year: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } }, [], this.usage);
      if (!values.org || values.year === undefined) {
        throw new CliError(`ange --org och --year. Användning: ${this.usage}`, `give --org and --year. Usage: ${this.usage}`);
      }
      const year = checkYear(values.year, '--year');
      const asOf = values['as-of'];
      if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new CliError('--as-of ska vara ÅÅÅÅ-MM-DD', '--as-of must be YYYY-MM-DD');
      const f = await withDatabase(env, (_db, ctx) => incidentStats(ctx, { org: values.org!, year, asOf }));
      if (values.json) {
        env.out(JSON.stringify(f, null, 2));
        return;
      }
      env.out(`${f.org.name} ${f.year}${f.asOf ? ` (per/as of ${f.asOf})` : ''}: ${f.total} incidenter (${f.previousYearTotal} år ${f.year - 1})`);
      env.out(`  Personuppgiftsincidenter: ${f.personalData} (${f.personalDataPreviousYear} år ${f.year - 1}); till IMY: ${f.reportedToIMY}; till CSIRT: ${f.reportedToCSIRT}`);
      env.out('  Status: ' + Object.entries(f.byStatus).map(([k, n]) => `${k} ${n}`).join(', '));
      env.out('  Typ: ' + Object.entries(f.byKind).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', '));
      env.out('  Kategori: ' + Object.entries(f.byCategory).map(([k, n]) => `${k} ${n}`).join(', '));
    },
  },
  {
    name: 'incidents remind',
    usage: 'tillit incidents remind',
    summary: 'Skicka e-postpåminnelser om lagstadgade tidsfrister (kräver TILLIT_SMTP_URL) / e-mail legal-deadline reminders',
    async run(args, env) {
      parse(args, {}, [], this.usage);
      const r = await withDatabase(env, (_db, ctx) => sendDeadlineReminders(ctx));
      if (!r.configured) env.out('TILLIT_SMTP_URL är inte satt: inga påminnelser skickas / not set: no reminders are sent');
      else env.out(`Skickade / sent: ${r.sent}, misslyckade / failed: ${r.failed}`);
      return r.failed > 0 ? 1 : 0;
    },
  },
];

export const commands: CliCommand[] = [...recordCommands, ...importCommands];
