import { basename } from 'node:path';
import type { CliCommand } from '../../../cli/registry';
import { parse } from '../../../cli/args';
import { CliError, withDatabase } from '../../../cli/context';
import { importFileSize, runCliImport } from '../../../cli/import-output';
import { importIncidents } from './service';

const USAGE = 'tillit import incidents FIL/FILE --org SLUG [--skip-invalid] [--dry-run] [--json]';

const nf = new Intl.NumberFormat('sv-SE');

/** Exit codes: 0 done (or dry run fine), 1 rows rejected and nothing imported, 2 bad arguments/file/org. */
export const commands: CliCommand[] = [
  {
    name: 'import incidents',
    usage: USAGE,
    summary:
      'Importerar incidenter från en IA-export (CSV eller XLSX), allt eller inget / imports incidents from an IA export, all or nothing',
    async run(args, env) {
      const { values, positionals } = parse(
        args,
        { org: { type: 'string' }, 'skip-invalid': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
        ['FILE'],
        USAGE,
      );
      if (!values.org) throw new CliError(`--org saknas. Användning: ${USAGE}`, `--org is missing. Usage: ${USAGE}`);
      const file = positionals[0];
      const showProgress = importFileSize(file) > 1_000_000;
      let lastPrint = Date.now();
      return runCliImport(env, values.json, values['dry-run'], () =>
        withDatabase(env, (_db, ctx) =>
          importIncidents(ctx, file, {
            org: values.org!,
            dryRun: values['dry-run'],
            skipInvalid: values['skip-invalid'],
            fileName: basename(file),
            onProgress: (p) => {
              if (!showProgress || Date.now() - lastPrint < 1000) return;
              lastPrint = Date.now();
              const pct = p.totalBytes ? Math.floor((100 * p.bytes) / p.totalBytes) : 0;
              env.err(`… ${nf.format(p.rows)} rader/rows (${pct} %)`);
            },
          }),
        ),
      );
    },
  },
];
