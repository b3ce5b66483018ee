import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand } from '../../cli/registry';
import { parse } from '../../cli/args';
import { CliError, withDatabase } from '../../cli/context';
import { AppError } from '../../server/platform/errors';
import { buildReportJson, resolveAsOf } from './build';
import { checkYear, stockholmDate } from '../../server/platform/time';
import { FORMATS, renderReport, type Format } from './render/index';
import { orgRef } from './service';
import { findOrg } from '../org/service';
import { approvedFile, sha256 } from './workflow';

const USAGE = 'tillit report management-review --org SLUG --year YYYY --format json|docx|pdf|html --out FILE [--as-of YYYY-MM-DD | --approved]';

export const commands: CliCommand[] = [
  {
    name: 'report management-review',
    usage: USAGE,
    summary: 'Ledningens genomgång som JSON, DOCX, PDF eller HTML / the management review as JSON, DOCX, PDF or HTML',
    async run(args, env) {
      const { values } = parse(args, { org: { type: 'string' }, year: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, 'as-of': { type: 'string' }, approved: { type: 'boolean' } }, [], USAGE);
      for (const k of ['org', 'year', 'format', 'out'] as const) {
        if (!values[k]) throw new CliError(`--${k} saknas. Användning: ${USAGE}`, `--${k} is missing. Usage: ${USAGE}`);
      }
      const format = values.format as Format;
      if (!(FORMATS as readonly string[]).includes(format)) {
        throw new CliError(`okänt format "${values.format}" (tillåtna: ${FORMATS.join(', ')}).`, `unknown format "${values.format}" (allowed: ${FORMATS.join(', ')}).`);
      }
      const year = checkYear(values.year, '--year');
      if (values.approved && values['as-of'] !== undefined) {
        throw new CliError(
          '--approved och --as-of går inte ihop: den godkända versionen har sina siffror från godkännandet.',
          '--approved and --as-of do not go together: the approved version has its figures from when it was approved.',
        );
      }
      if (values['as-of'] !== undefined) resolveAsOf(year, values['as-of']); // refused before the database opens
      const out = resolve(values.out!);
      const started = performance.now();
      const { body, json, what } = await withDatabase(env, async (_db, ctx) => {
        let org;
        try {
          org = await findOrg(ctx.db, values.org!, '--org');
        } catch (err) {
          if (err instanceof AppError && err.status === 404) {
            throw new CliError(`organisationen "${values.org}" finns inte (se tillit org list).`, `organisation "${values.org}" does not exist (see tillit org list).`);
          }
          throw err;
        }
        if (values.approved) {
          // The stored file of the latest approved version, with its approval line, exactly as the UI downloads it.
          const v = await approvedFile(ctx, org.slug, year, format);
          const on = stockholmDate(new Date(v.version.approvedAt));
          return { json: v.json, body: v.body, what: `godkänd version ${v.version.revision}, ${v.version.approvedBy} ${on} / approved revision ${v.version.revision}, ${v.version.approvedBy} ${on}` };
        }
        const json = await buildReportJson(ctx, orgRef(org), year, { asOf: values['as-of'] });
        return { json, body: await renderReport(json, format), what: `per/as of ${json.asOf}` };
      });
      writeFileSync(out, body);
      const ms = Math.round(performance.now() - started);
      env.out(`Skriven / written: ${out} (${format}, ${body.length} byte, ${json.org.name} ${json.year}, ${what}, ${ms} ms, sha256 ${sha256(body)})`);
    },
  },
];
