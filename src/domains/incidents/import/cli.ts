import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { CliCommand } from '../../../cli/registry';
import { parse } from '../../../cli/args';
import { CliError, withDatabase } from '../../../cli/context';
import { AppError } from '../../../server/platform/errors';
import { importIncidents, type ImportResult } from './service';
import { withoutControls } from '../../../server/platform/tabular/cells';

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
      let size: number;
      try {
        const st = statSync(file);
        if (!st.isFile()) throw new Error('not a file');
        size = st.size;
      } catch {
        throw new CliError(`filen "${file}" finns inte eller kan inte läsas.`, `the file "${file}" does not exist or cannot be read.`);
      }
      const showProgress = size > 1_000_000;
      let lastPrint = Date.now();
      const result = await withDatabase(env, (_db, ctx) =>
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
      ).catch((err: unknown) => {
        // With --json a script always gets the summary shape on stdout, also when the file as a whole is refused
        // (empty, unreadable, wrong type, unknown organisation); the message still goes to stderr, exit 2.
        if (values.json && err instanceof AppError) {
          const reason = { reason: `${err.msg.sv} / ${err.msg.en}`, reason_sv: err.msg.sv, reason_en: err.msg.en };
          env.out(JSON.stringify({ created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [{ line: null, column: null, ...reason }], warnings: [] }));
        }
        throw err;
      });
      if (values.json) {
        const { created, updated, unchanged, rejected, errors, warnings } = result.summary;
        env.out(JSON.stringify({ created, updated, unchanged, rejected, errors, warnings }));
      } else printHuman(env.out, result, !!values['dry-run']);
      return result.failed ? 1 : 0;
    },
  },
];

/** Control characters from the file (in quoted values) are shown as U+FFFD, so the terminal only prints text. */
function printHuman(print: (l: string) => void, r: ImportResult, dryRun: boolean) {
  const out = (l: string) => print(withoutControls(l, '\ufffd').split('\u0000').join('\ufffd'));
  const s = r.summary;
  for (const w of s.warnings) out(`varning/warning: ${w}`);
  out(
    `skapade/created: ${s.created}, uppdaterade/updated: ${s.updated}, oförändrade/unchanged: ${s.unchanged}, ` +
      `avvisade/rejected: ${s.rejected}`,
  );
  for (const e of s.errors) {
    out(`rad/line ${e.line}${e.column !== null ? `, kolumn/column "${e.column}"` : ''}: ${e.reason_sv} / ${e.reason_en}`);
  }
  if (s.errors.length < s.rejected) out(`… (visar ${s.errors.length} fel / showing ${s.errors.length} errors)`);
  if (dryRun) out('Provkörning: inget skrevs. / Dry run: nothing was written.');
  else if (r.failed) out('Inget importerades: rätta raderna ovan eller kör med --skip-invalid. / Nothing was imported: fix the rows above or use --skip-invalid.');
  else out(`Klart; SHA-256 ${r.info.sha256}. / Done.`);
}
