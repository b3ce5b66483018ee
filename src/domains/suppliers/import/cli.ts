import type { CliCommand } from '../../../cli/registry';
import { importCommand } from '../../../cli/import-output';
import { importSuppliers } from './service';

/** `tillit import suppliers`; exit codes as every `tillit import`: 0 done (or dry run fine), 1 rows rejected and nothing imported, 2 bad arguments/file/org. */
export const supplierImportCommand: CliCommand = importCommand({
  name: 'import suppliers',
  usage: 'tillit import suppliers FIL/FILE --org SLUG [--skip-invalid] [--dry-run] [--json]',
  summary: 'Importerar leverantörsregistret från Excel/CSV (en rad per leverantör), allt eller inget / imports the supplier register, all or nothing',
  run: (ctx, org, a) => importSuppliers(ctx, a.file, { org, dryRun: a.dryRun, skipInvalid: a.skipInvalid, fileName: a.fileName }),
});
