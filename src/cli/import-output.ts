/**
 * What `tillit import …` prints, the same for every tabular import: the summary (human or --json), exit codes
 * 0 done (or dry run fine), 1 rows rejected and nothing imported, 2 bad arguments, file or organisation.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../server/platform/errors';
import { withoutControls } from '../server/platform/tabular/cells';
import type { FileInfo } from '../server/platform/tabular/source';
import type { ImportSummary } from '../server/platform/tabular/summary';
import type { Ctx } from '../server/platform/context';
import { parse } from './args';
import { CliError, withDatabase, type CliEnv } from './context';
import type { CliCommand } from './registry';

export interface CliImportResult {
  summary: ImportSummary;
  failed: boolean;
  info: FileInfo;
}

/** The file's size; a CliError when it is missing or no file. */
export function importFileSize(file: string): number {
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    return st.size;
  } catch {
    throw new CliError(`filen "${file}" finns inte eller kan inte läsas.`, `the file "${file}" does not exist or cannot be read.`);
  }
}

/**
 * Runs the import; with --json a script always gets the summary shape on stdout, also when the file as a whole is
 * refused (empty, unreadable, wrong type, unknown organisation): the message still goes to stderr, exit 2.
 */
export async function runCliImport<R extends CliImportResult>(env: CliEnv, json: boolean | undefined, dryRun: boolean | undefined, run: () => Promise<R>): Promise<number> {
  const result = await run().catch((err: unknown) => {
    if (json && err instanceof AppError) {
      const reason = { reason: `${err.msg.sv} / ${err.msg.en}`, reason_sv: err.msg.sv, reason_en: err.msg.en };
      env.out(JSON.stringify({ created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [{ line: null, column: null, ...reason }], warnings: [] }));
    }
    throw err;
  });
  if (json) {
    const { created, updated, unchanged, rejected, errors, warnings, changes } = result.summary;
    env.out(JSON.stringify({ created, updated, unchanged, rejected, errors, warnings, ...(changes ? { changes } : {}) }));
  } else printHuman(env.out, result, !!dryRun);
  return result.failed ? 1 : 0;
}

/** Control characters from the file (in quoted values) are shown as U+FFFD, so the terminal only prints text. */
function printHuman(print: (l: string) => void, r: CliImportResult, dryRun: boolean) {
  const out = (l: string) => print(withoutControls(l, '\ufffd').split('\u0000').join('\ufffd'));
  const s = r.summary;
  for (const w of s.warnings) out(`varning/warning: ${w}`);
  out(
    `skapade/created: ${s.created}, uppdaterade/updated: ${s.updated}, oförändrade/unchanged: ${s.unchanged}, ` +
      `avvisade/rejected: ${s.rejected}`,
  );
  if (s.changes?.length) {
    const each = s.changes.map((c) => `${c.column} ${c.count} (${c.examples.join(', ')}${c.count > c.examples.length ? ' …' : ''})`);
    out(`de uppdaterade ändrar/the updated change: ${each.join('; ')}`);
  }
  for (const e of s.errors) {
    out(`rad/line ${e.line}${e.column !== null ? `, kolumn/column "${e.column}"` : ''}: ${e.reason_sv} / ${e.reason_en}`);
  }
  if (s.errors.length < s.rejected) out(`… (visar ${s.errors.length} fel / showing ${s.errors.length} errors)`);
  if (dryRun) out('Provkörning: inget skrevs. / Dry run: nothing was written.');
  else if (r.failed) out('Inget importerades: rätta raderna ovan eller kör med --skip-invalid. / Nothing was imported: fix the rows above or use --skip-invalid.');
  else out(`Klart; SHA-256 ${r.info.sha256}. / Done.`);
}

/** What every register import's command passes on: the file and the common flags. */
export interface CliImportRun {
  file: string;
  /** `--year` for the imports that take one (checked: four digits). */
  year?: number;
  dryRun?: boolean;
  skipInvalid?: boolean;
  fileName: string;
}

/**
 * `tillit import WHAT FILE --org SLUG [--year YYYY] [--skip-invalid] [--dry-run] [--json]` for a register import (the
 * VoR, the objektlista): the arguments checked (exit 2), then the import in the server's database, printed by
 * runCliImport.
 */
export function importCommand(def: {
  name: string;
  usage: string;
  summary: string;
  /** The import needs --year (true), or takes it when given ('optional': the sheet may name its years). */
  year?: boolean | 'optional';
  run(ctx: Ctx, org: string, a: CliImportRun): Promise<CliImportResult>;
}): CliCommand {
  return {
    name: def.name,
    usage: def.usage,
    summary: def.summary,
    async run(args, env) {
      const { values, positionals } = parse(
        args,
        { org: { type: 'string' }, year: { type: 'string' }, 'skip-invalid': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
        ['FILE'],
        def.usage,
      );
      const usage = def.usage;
      if (!values.org) throw new CliError(`--org saknas. Användning: ${usage}`, `--org is missing. Usage: ${usage}`);
      const yearAsked = def.year === true || (def.year === 'optional' && values.year !== undefined);
      if (yearAsked && (!values.year || !/^\d{4}$/.test(values.year.trim()))) {
        throw new CliError(`--year saknas eller är inget årtal (ÅÅÅÅ). Användning: ${usage}`, `--year is missing or not a year (YYYY). Usage: ${usage}`);
      }
      if (!def.year && values.year !== undefined) throw new CliError(`--year gäller inte här. Användning: ${usage}`, `--year does not apply here. Usage: ${usage}`);
      const file = positionals[0];
      importFileSize(file);
      const a: CliImportRun = {
        file, year: values.year ? Number(values.year.trim()) : undefined, dryRun: values['dry-run'], skipInvalid: values['skip-invalid'], fileName: basename(file),
      };
      return runCliImport(env, values.json, values['dry-run'], () => withDatabase(env, (_db, ctx) => def.run(ctx, values.org!, a)));
    },
  };
}
