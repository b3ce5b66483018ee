import type { CliCommand } from '../../cli/registry';
import { importCommand } from '../../cli/import-output';
import { importVor } from './vor-import/service';

/** Exit codes as `tillit import incidents`: 0 done (or dry run fine), 1 rows rejected and nothing imported, 2 bad arguments/file/org. */
export const commands: CliCommand[] = [
  importCommand({
    name: 'import vor',
    usage: 'tillit import vor FIL/FILE --org SLUG --year ÅÅÅÅ/YYYY [--skip-invalid] [--dry-run] [--json]',
    summary: 'Importerar en VoR från Excel/CSV (en rad per oönskad händelse), allt eller inget / imports a VoR sheet, all or nothing',
    year: true,
    run: (ctx, org, a) => importVor(ctx, a.file, { org, year: a.year!, dryRun: a.dryRun, skipInvalid: a.skipInvalid, fileName: a.fileName }),
  }),
];
