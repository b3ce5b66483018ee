import { importCommand } from '../../../cli/import-output';
import type { CliCommand } from '../../../cli/registry';
import { importTraining } from './service';

/** `tillit import training`; exit codes as every `tillit import`: 0 done (or dry run fine), 1 rows rejected and nothing imported, 2 bad arguments/file/org. */
export const trainingImportCommand: CliCommand = importCommand({
  name: 'import training',
  usage: 'tillit import training FIL/FILE --org SLUG [--year ÅÅÅÅ/YYYY] [--skip-invalid] [--dry-run] [--json]',
  summary: 'Importerar genomförandegrad för e-utbildningar från Excel/CSV (per enhet och kurs, eller per person), allt eller inget / imports e-course completion, all or nothing',
  year: 'optional',
  run: (ctx, org, a) => importTraining(ctx, a.file, { org, year: a.year, dryRun: a.dryRun, skipInvalid: a.skipInvalid, fileName: a.fileName }),
});
