import type { CliCommand } from '../../cli/registry';
import { importCommand } from '../../cli/import-output';
import { importObjects } from './import/service';

/** Exit codes as every `tillit import`: 0 done (or dry run fine), 1 rows rejected and nothing imported, 2 bad arguments/file/org. */
export const commands: CliCommand[] = [
  importCommand({
    name: 'import objects',
    usage: 'tillit import objects FIL/FILE --org SLUG [--skip-invalid] [--dry-run] [--json]',
    summary: 'Importerar objektlistan med KLASSA-klassning från Excel/CSV (en rad per objekt), allt eller inget / imports the object list, all or nothing',
    run: (ctx, org, a) => importObjects(ctx, a.file, { org, dryRun: a.dryRun, skipInvalid: a.skipInvalid, fileName: a.fileName }),
  }),
];
