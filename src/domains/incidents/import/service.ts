/**
 * The IA incident import (format: shared/formats/incidents-import.md), used by the CLI and the HTTP upload.
 *
 * - Streams the file (CSV or XLSX) record by record; memory does not grow with the file (rows are written in
 *   batches, Ärende-IDs are remembered as 64-bit fingerprints, at most MAX_ERRORS detailed errors are kept).
 * - One transaction for the whole import: a failure, a rejected file or a killed process leaves nothing.
 * - All or nothing by default: once a row is invalid, the rest is still validated (every bad row is listed)
 *   but nothing more is written and the transaction is rolled back. `skipInvalid` writes the valid rows.
 * - `dryRun` reads and classifies exactly like the real run but never writes (not even the audit row).
 * - Idempotent on Ärende-ID per register organisation; one audit row per committed import (file SHA-256).
 */
import { lockRegister } from '../../../server/platform/tabular/run';
import { inArray, like } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context';
import { forbidden } from '../../../server/platform/errors';
import { inTx } from '../../../server/platform/tx';
import { recordAudit } from '../../audit/chain';
import { findOrg } from '../../org/service';
import { orgs } from '../../org/table';
import { escapeLike } from '../../../server/platform/authz';
import type { Db } from '../../../server/platform/db';
import { registerIn } from '../service';
import { COLUMNS, INCIDENT_HEADER, type Field, type HeaderMap } from './columns';
import { SeenIds } from './seen';
import { inspectFile, type FileInfo, type RawRecord } from '../../../server/platform/tabular/source';
import { FatalRecord, guard, listed, missingColumns, openTable, SourceError, sourceProblem } from '../../../server/platform/tabular/open';
import { addChange, addWarning, changesByColumn, emptySummary, toError, type ColumnChanges, type ImportSummary } from '../../../server/platform/tabular/summary';
import { RowValidator, type ImportRow, type RowError } from './validate';
import { BatchWriter, type ImportRegisters, type StatusOverride } from './writer';
import { UnitResolver } from './units';
import { categorySpelling } from './categories';
import { memo } from './values';
import type { Msg } from '../../../server/platform/tabular/cells';

export type { ImportError, ImportSummary } from '../../../server/platform/tabular/summary';

/** Rows per write on PostgreSQL: fewer statements, less planning per row (PostgreSQL CPU −13 % against 2,000). */
export const BATCH_SIZE = 5000;
/**
 * On PGlite each statement's parameters and working memory live in its wasm heap, which never shrinks: smaller
 * batches keep the peak lower (200,000 rows: 264 MB RSS with 2,000 against 290 MB with 5,000; 1,000,000 rows with
 * per-year numbers: 284 MB with 1,000 against 301 MB with 2,000, 113 s against 110 s).
 */
export const PGLITE_BATCH_SIZE = 1000;
export const MAX_ERRORS = 10_000;
/**
 * Batches being written at once (their statements queue on the transaction's one connection, so PostgreSQL
 * always has the next one). 500,000 rows, three alternating runs each: 22.8 s with 2 against 24.8 s with 1;
 * 3 gave nothing more. PostgreSQL only: PGlite writes one batch at a time.
 */
export const IN_FLIGHT = 2;

export interface ImportOptions {
  org: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** For the audit row: the file's name as the user knows it. */
  fileName?: string;
  /** Rows per write (default BATCH_SIZE on PostgreSQL, PGLITE_BATCH_SIZE on PGlite). */
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

export interface ImportResult {
  summary: ImportSummary;
  /** True when the import's changes were committed. */
  written: boolean;
  /** True when the import as a whole failed (invalid rows without skipInvalid, or an unreadable file). */
  failed: boolean;
  info: FileInfo;
}

class Rollback {}

/**
 * The registers of an import into `target` (see ImportRegisters): the organisations of its register's subtree and
 * of the path above it, each with its register (registerIn, incidents/service.ts).
 */
async function loadRegisters(ctx: Ctx, tx: Db, target: { id: string; path: string }): Promise<ImportRegisters> {
  const above = await tx.select({ id: orgs.id, path: orgs.path, type: orgs.type }).from(orgs).where(inArray(orgs.id, target.path.split('/').filter(Boolean)));
  const root = registerIn(target.path, (id) => above.find((o) => o.id === id)?.type);
  const rootPath = above.find((o) => o.id === root)!.path;
  const list = [...above, ...(await tx.select({ id: orgs.id, path: orgs.path, type: orgs.type }).from(orgs).where(like(orgs.path, escapeLike(rootPath) + '%')))];
  const byId = new Map(list.map((o) => [o.id, o]));
  // Asked for every row written: worked out once per organisation.
  const registerOf = memo((orgId) => {
    const path = byId.get(orgId)?.path;
    return path ? registerIn(path, (id) => byId.get(id)?.type) : orgId;
  });
  const inTarget = list.filter((o) => o.path.startsWith(target.path));
  const lookup = [...new Set([root, ...inTarget.map((o) => registerOf(o.id))])].sort();
  const may = (perm: 'incident.manage' | 'incident.protected') => (orgId: string) => {
    const path = byId.get(orgId)?.path;
    return path !== undefined && ctx.authz.can(perm, path);
  };
  return { lookup, registerOf, manage: may('incident.manage'), readProtected: may('incident.protected') };
}

/** Where a good file comes from, in the refusal of a binary one. */
const HOW_TO = { sv: 'Exportera från IA som CSV eller XLSX.', en: 'Export from IA as CSV or XLSX.' };

/**
 * The rows that said "Nej" to a report Tillit has recorded (BatchWriter): the report was kept, and the warning says
 * where, so that a report registered in Tillit after IA's export is not lost, and one wrongly recorded is fixed by hand.
 */
function keptReports(kept: { line: number; to: 'imy' | 'csirt' }[], names: Partial<Record<string, string>>): Msg[] {
  return (['imy', 'csirt'] as const).flatMap((to) => {
    const lines = kept.filter((k) => k.to === to).map((k) => k.line).sort((a, b) => a - b);
    if (lines.length === 0) return [];
    const column = names[to] ?? (to === 'imy' ? 'Anmäld till IMY' : 'Anmäld till CSIRT');
    const shown = listed(lines);
    const many = lines.length > 1;
    return [{
      sv: `${column} säger Nej på ${many ? 'raderna' : 'rad'} ${shown.sv}, men Tillit har anmälan registrerad: den behölls (en import drar aldrig tillbaka en anmälan). Ändra den på incidenten om den är fel.`,
      en: `${column} says Nej (no) on ${many ? 'lines' : 'line'} ${shown.en}, but Tillit has the report recorded: it was kept (an import never withdraws a report). Change it on the incident if it is wrong.`,
    }];
  });
}

/** How many overridden statuses are kept to name in the warning (its lines are listed, the rest counted). */
const OVERRIDES_KEPT = 100;

/**
 * A re-import takes IA's status also where a person has moved the case in Tillit since (the format: a re-import updates
 * the status). The preview says so, with the lines and the first cases, before anything is written.
 */
function overriddenStatuses(list: StatusOverride[], n: number, column = 'Status'): Msg[] {
  if (n === 0) return [];
  const lines = listed(list.map((o) => o.line).sort((a, b) => a - b), n);
  const examples = list.slice(0, 3).map((o) => `${o.externalId} (${o.from} → ${o.to})`).join(', ');
  const one = n === 1;
  return [{
    sv: `${column} i filen ersätter en status som satts i Tillit för ${n.toLocaleString('sv-SE')} ${one ? 'ärende' : 'ärenden'}, på ${one ? 'rad' : 'raderna'} ${lines.sv}: ${examples}${n > 3 ? ' …' : ''}. Importen tar IA:s status. Ändra den i IA först om Tillits ska gälla, eller ändra på incidenten efteråt.`,
    en: `${column} in the file replaces a status set in Tillit for ${n.toLocaleString('en-GB')} ${one ? 'case' : 'cases'}, on ${one ? 'line' : 'lines'} ${lines.en}: ${examples}${n > 3 ? ' …' : ''}. The import takes IA's status. Change it in IA first if Tillit's should stand, or change it on the incident afterwards.`,
  }];
}

/** Imports the file at `path` into the register of organisation `opts.org`. */
export async function importIncidents(ctx: Ctx, path: string, opts: ImportOptions, known?: FileInfo): Promise<ImportResult> {
  const org = await findOrg(ctx.db, opts.org);
  if (!ctx.authz.can('incident.manage', org.path)) throw forbidden();
  const info = known ?? (await inspectFile(path));
  let bytes = 0;
  const { header, records, warnings, lateWarnings, date1904 } = await openTable(path, info, INCIDENT_HEADER, HOW_TO, (b) => (bytes = b));
  const summary: ImportSummary = emptySummary();
  // A file-level failure: nothing is or would be imported, whatever the rows before it counted.
  const fail = (e: RowError): ImportResult => {
    summary.created = summary.updated = summary.unchanged = 0;
    delete summary.changes;
    summary.rejected++;
    summary.errors.push(toError(e));
    return { summary, written: false, failed: true, info };
  };
  for (const w of warnings) addWarning(summary, w);
  if (header.missing.length > 0) {
    await records.return(undefined);
    return fail(missingColumns(header.missing, header.line));
  }

  const readOnlyRun = !!opts.dryRun;
  const batchSize = opts.batchSize ?? (ctx.config.databaseUrl ? BATCH_SIZE : PGLITE_BATCH_SIZE);
  // PGlite runs on this thread: a second batch in flight buys no overlap there, only a second batch in memory.
  const inFlight = ctx.config.databaseUrl ? IN_FLIGHT : 1;
  let failed = false;
  try {
    await inTx(ctx, async (tx) => {
      // The register is the förvaltning's, as for incidents registered by hand: an Ärende-ID is one case there
      // whichever of its units the file is imported into.
      const registers = await loadRegisters(ctx, tx, org);
      // One import at a time per register (in a fixed order, so two imports never wait for each other in a ring).
      for (const id of registers.lookup) await lockRegister(tx, 'incidents', id);
      const units = await UnitResolver.load(tx, org, registers.registerOf);
      const spelled = await categorySpelling(tx, org.path);
      const writer = new BatchWriter(tx, registers, units, ctx.principal?.userId ?? null, readOnlyRun, header.names.externalId, ctx.config.databaseUrl ? ctx.db : undefined);
      const seen = new SeenIds();
      const validator = new RowValidator(header, { invalidUtf8: info.invalidUtf8, format: info.format === 'xlsx' ? 'xlsx' : 'csv', date1904 });
      let batch: ImportRow[] = [];
      let rows = 0;
      // Batches are written while the next ones are parsed; up to IN_FLIGHT at a time, so the connection always
      // has the next statement queued and memory stays bounded. They cannot interfere: the Ärende-IDs of
      // different batches are different (a repeated one is rejected above).
      const inflight: Promise<void>[] = [];
      let flushError: unknown;
      let protectedKept = 0;
      let errorsCut = false;
      const reportsKept: { line: number; to: 'imy' | 'csirt' }[] = [];
      const overridden: StatusOverride[] = [];
      let overriddenCount = 0;
      const changed: ColumnChanges<Field> = new Map();
      const flush = async () => {
        while (inflight.length >= inFlight) await inflight.shift();
        if (flushError) throw flushError;
        // A failed all-or-nothing import is rolled back anyway: stop writing, keep validating. A dry run goes on
        // classifying the valid rows, so it shows what they would do once the bad ones are fixed or skipped.
        const todo = failed && !readOnlyRun ? [] : batch;
        const progress = { rows, bytes, totalBytes: info.size };
        batch = [];
        inflight.push(writer.flush(todo).then(
          (c) => {
            summary.created += c.created;
            summary.updated += c.updated;
            summary.unchanged += c.unchanged;
            protectedKept += c.protectedKept;
            reportsKept.push(...c.reportsKept);
            // The lines and examples a warning names are few: memory stays bounded on a million rows.
            overriddenCount += c.statusOverridden.length;
            overridden.push(...c.statusOverridden.slice(0, Math.max(0, OVERRIDES_KEPT - overridden.length)));
            for (const [field, change] of c.changed) addChange(changed, field, change.examples, change.count);
            for (const e of c.refused) reject([e]);
            opts.onProgress?.(progress);
          },
          (err) => {
            flushError ??= err;
          },
        ));
      };
      const drain = async () => {
        await flush();
        await Promise.all(inflight);
        if (flushError) throw flushError;
      };
      const reject = (errors: RowError[]) => {
        summary.rejected++;
        for (const e of errors) {
          if (summary.errors.length < MAX_ERRORS) summary.errors.push(toError(e));
          else if (!errorsCut) {
            // Said among the warnings, which the JSON output carries too: the list of errors is not all of them.
            errorsCut = true;
            addWarning(summary, {
              sv: `Felen är fler än ${MAX_ERRORS.toLocaleString('sv-SE')}: bara de första listas. Antalet avvisade rader står i sammanfattningen.`,
              en: `There are more than ${MAX_ERRORS.toLocaleString('en-GB')} errors: only the first are listed. The number of rejected rows is in the summary.`,
            });
          }
        }
        if (!opts.skipInvalid) failed = true;
      };
      for await (const rec of guard(records)) {
        rows++;
        const { row, errors } = validator.validate(rec);
        // An unclosed quote swallowed every later line into one field: no row after it can be told apart, so the
        // file as a whole is refused, also with --skip-invalid (which would otherwise drop those rows unseen).
        if (rec.unterminatedField !== undefined) {
          throw new FatalRecord({ ...errors[0], sv: `${errors[0].sv} Inget importerades.`, en: `${errors[0].en} Nothing was imported.` });
        }
        const id = row?.externalId ?? idOf(rec, header);
        if (id) {
          const firstLine = seen.add(id, rec.line);
          if (firstLine !== undefined) {
            errors.push({
              line: rec.line, column: header.names.externalId!,
              sv: `Ärende-ID "${id}" förekommer redan på rad ${firstLine} i filen.`,
              en: `Case id "${id}" already occurs on line ${firstLine} of the file.`,
            });
          }
        }
        if (errors.length > 0) reject(errors);
        else batch.push(spelled(row!));
        if (batch.length >= batchSize || (failed && rows % batchSize === 0)) await flush();
      }
      await drain();
      for (const w of [...lateWarnings(), ...fileNotes(validator.notes, rows), ...units.notes(org.name)]) addWarning(summary, w);
      for (const w of keptReports(reportsKept, header.names)) addWarning(summary, w);
      for (const w of overriddenStatuses(overridden, overriddenCount, header.names.status)) addWarning(summary, w);
      if (protectedKept > 0) {
        addWarning(summary, {
          sv: `Beskrivningen lämnades orörd för ${protectedKept} ${protectedKept === 1 ? 'incident' : 'incidenter'} med skyddade personuppgifter: du saknar behörighet att läsa den.`,
          en: `The description was left unchanged for ${protectedKept} protected-identity ${protectedKept === 1 ? 'incident' : 'incidents'}: you may not read it.`,
        });
      }
      if (changed.size > 0) summary.changes = changesByColumn(changed, COLUMNS, header.names);
      if (failed) {
        if (!readOnlyRun) {
          summary.created = summary.updated = summary.unchanged = 0;
          delete summary.changes;
        }
        throw new Rollback();
      }
      if (readOnlyRun) throw new Rollback();
      await recordAudit(tx, ctx, {
        action: 'incident.import',
        entityType: 'incident_import',
        entityId: info.sha256,
        orgId: org.id,
        after: {
          file: opts.fileName ?? null, sha256: info.sha256, size: info.size, format: info.format,
          encoding: info.format === 'csv' ? info.encoding : null,
          created: summary.created, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected,
          options: { skipInvalid: !!opts.skipInvalid, dryRun: false },
        },
      });
    });
  } catch (err) {
    if (err instanceof Rollback) return { summary, written: false, failed, info };
    if (err instanceof FatalRecord) return fail(err.error);
    if (err instanceof SourceError) throw sourceProblem(err);
    throw err;
  }
  return { summary, written: true, failed: false, info };
}

/** What the rows showed about the file as a whole: no rows at all, values in columns without a header, times out of order. */
function fileNotes(notes: RowValidator['notes'], rows: number): Msg[] {
  const out: Msg[] = [];
  if (rows === 0) out.push({ sv: 'Filen har inga rader under rubrikraden; inget importerades.', en: 'The file has no rows below the header; nothing was imported.' });
  if (notes.unnamed.size > 0) {
    const cols = [...notes.unnamed].sort((a, b) => a - b).join(', ');
    const one = notes.unnamed.size === 1;
    out.push({
      sv: `${one ? 'Kolumn' : 'Kolumnerna'} ${cols} saknar rubrik; ${one ? 'dess' : 'deras'} värden lästes inte.`,
      en: `Column${one ? '' : 's'} ${cols} ${one ? 'has' : 'have'} no header; ${one ? 'its' : 'their'} values were not read.`,
    });
  }
  if (notes.reportedFirstCount > 0) {
    const n = notes.reportedFirstCount;
    const lines = notes.reportedFirst.join(', ') + (n > notes.reportedFirst.length ? ' …' : '');
    out.push({
      sv: `${n} ${n === 1 ? 'rad har' : 'rader har'} Rapporterad före Händelsedatum (rad ${lines}). De importerades som de står; kontrollera tiderna.`,
      en: `${n} ${n === 1 ? 'row has' : 'rows have'} Rapporterad (reported) before Händelsedatum (occurred) (line ${lines}). They were imported as written; check the times.`,
    });
  }
  return out;
}

function idOf(rec: RawRecord, h: HeaderMap): string {
  const i = h.index.externalId;
  return i === undefined ? '' : String(rec.cells[i] ?? '').trim();
}
