import { basename } from 'node:path';
import type { CliCommand } from '../../cli/registry';
import { parse } from '../../cli/args';
import { CliError, withDatabase } from '../../cli/context';
import { importFileSize, runCliImport } from '../../cli/import-output';
import { importVor } from './vor-import/service';

const USAGE = 'tillit import vor FIL/FILE --org SLUG --year ÅÅÅÅ/YYYY [--skip-invalid] [--dry-run] [--json]';

/** Exit codes as `tillit import incidents`: 0 done (or dry run fine), 1 rows rejected and nothing imported, 2 bad arguments/file/org. */
export const commands: CliCommand[] = [
  {
    name: 'import vor',
    usage: USAGE,
    summary: 'Importerar en VoR från Excel/CSV (en rad per oönskad händelse), allt eller inget / imports a VoR sheet, all or nothing',
    async run(args, env) {
      const { values, positionals } = parse(
        args,
        { org: { type: 'string' }, year: { type: 'string' }, 'skip-invalid': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
        ['FILE'],
        USAGE,
      );
      if (!values.org) throw new CliError(`--org saknas. Användning: ${USAGE}`, `--org is missing. Usage: ${USAGE}`);
      if (!values.year || !/^\d{4}$/.test(values.year.trim())) {
        throw new CliError(`--year saknas eller är inget årtal (ÅÅÅÅ). Användning: ${USAGE}`, `--year is missing or not a year (YYYY). Usage: ${USAGE}`);
      }
      const file = positionals[0];
      importFileSize(file);
      return runCliImport(env, values.json, values['dry-run'], () =>
        withDatabase(env, (_db, ctx) =>
          importVor(ctx, file, {
            org: values.org!, year: Number(values.year!.trim()), dryRun: values['dry-run'], skipInvalid: values['skip-invalid'], fileName: basename(file),
          }),
        ),
      );
    },
  },
];
