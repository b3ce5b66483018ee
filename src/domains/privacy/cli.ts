import type { CliCommand } from '../../cli/registry';
import { importCommand } from '../../cli/import-output';
import { importActivities } from './import/service';

/** Exit codes as every `tillit import`: 0 done (or dry run fine), 1 rows rejected and nothing imported, 2 bad arguments/file/org. */
export const commands: CliCommand[] = [
  importCommand({
    name: 'import privacy',
    usage: 'tillit import privacy FIL/FILE --org SLUG [--skip-invalid] [--dry-run] [--json]',
    summary: 'Importerar registerförteckningen från Excel/CSV (DraftIT, IMY:s mall; en rad per behandling), allt eller inget / imports the record of processing activities, all or nothing',
    run: (ctx, org, a) => importActivities(ctx, a.file, { org, dryRun: a.dryRun, skipInvalid: a.skipInvalid, fileName: a.fileName }),
  }),
];
