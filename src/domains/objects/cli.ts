import { basename } from 'node:path';
import type { CliCommand } from '../../cli/registry';
import { parse } from '../../cli/args';
import { CliError, withDatabase } from '../../cli/context';
import { importFileSize, runCliImport } from '../../cli/import-output';
import { importObjects } from './import/service';

const USAGE = 'tillit import objects FIL/FILE --org SLUG [--skip-invalid] [--dry-run] [--json]';

/** Exit codes as every `tillit import`: 0 done (or dry run fine), 1 rows rejected and nothing imported, 2 bad arguments/file/org. */
export const commands: CliCommand[] = [
  {
    name: 'import objects',
    usage: USAGE,
    summary: 'Importerar objektlistan med KLASSA-klassning från Excel/CSV (en rad per objekt), allt eller inget / imports the object list, all or nothing',
    async run(args, env) {
      const { values, positionals } = parse(
        args,
        { org: { type: 'string' }, 'skip-invalid': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
        ['FILE'],
        USAGE,
      );
      if (!values.org) throw new CliError(`--org saknas. Användning: ${USAGE}`, `--org is missing. Usage: ${USAGE}`);
      const file = positionals[0];
      importFileSize(file);
      return runCliImport(env, values.json, values['dry-run'], () =>
        withDatabase(env, (_db, ctx) =>
          importObjects(ctx, file, { org: values.org!, dryRun: values['dry-run'], skipInvalid: values['skip-invalid'], fileName: basename(file) }),
        ),
      );
    },
  },
];
