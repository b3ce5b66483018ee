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
import { inArray, like, sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context';
import { AppError, forbidden } from '../../../server/platform/errors';
import { inTx } from '../../../server/platform/tx';
import { recordAudit } from '../../audit/chain';
import { findOrg } from '../../org/service';
import { orgs } from '../../org/table';
import { escapeLike } from '../../../server/platform/authz';
import type { Db } from '../../../server/platform/db';
import { registerIn } from '../service';
import { HEADER_SEARCH, mapHeader, type HeaderMap } from './columns';
import { SeenIds } from './seen';
import { CsvTooLongRecord } from './csv';
import { inspectFile, readRecords, type FileInfo, type RawRecord } from './source';
import { RowValidator, type ImportRow, type RowError } from './validate';
import { BatchWriter, UnitResolver, type ImportRegisters } from './writer';
import { categorySpelling } from './categories';
import { EMPTY_FILE } from './upload';

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

export interface ImportError {
  line: number;
  column: string | null;
  /** "<svenska> / <English>" */
  reason: string;
  reason_sv: string;
  reason_en: string;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportError[];
  /** "<svenska> / <English>" */
  warnings: string[];
  warnings_sv: string[];
  warnings_en: string[];
}

export interface ImportResult {
  summary: ImportSummary;
  /** True when the import's changes were committed. */
  written: boolean;
  /** True when the import as a whole failed (invalid rows without skipInvalid, or an unreadable file). */
  failed: boolean;
  info: FileInfo;
}

const toError = (e: RowError): ImportError => ({ line: e.line, column: e.column, reason: `${e.sv} / ${e.en}`, reason_sv: e.sv, reason_en: e.en });

class Rollback {}

function addWarning(summary: ImportSummary, w: { sv: string; en: string }) {
  summary.warnings.push(`${w.sv} / ${w.en}`);
  summary.warnings_sv.push(w.sv);
  summary.warnings_en.push(w.en);
}

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
  const registerOf = (orgId: string) => {
    const path = byId.get(orgId)?.path;
    return path ? registerIn(path, (id) => byId.get(id)?.type) : orgId;
  };
  const inTarget = list.filter((o) => o.path.startsWith(target.path));
  const lookup = [...new Set([root, ...inTarget.map((o) => registerOf(o.id))])].sort();
  const may = (perm: 'incident.manage' | 'incident.protected') => (orgId: string) => {
    const path = byId.get(orgId)?.path;
    return path !== undefined && ctx.authz.can(perm, path);
  };
  return { lookup, registerOf, manage: may('incident.manage'), readProtected: may('incident.protected') };
}

const UNSUPPORTED_XLS = new AppError(415, 'unsupported_file_type', {
  sv: 'Filen är i det gamla Excel-formatet (.xls). Spara den som .xlsx eller CSV och försök igen.',
  en: 'The file is in the old Excel format (.xls). Save it as .xlsx or CSV and try again.',
}, 'file');

const NOT_TEXT = new AppError(415, 'unsupported_file_type', {
  sv: 'Filen är varken CSV-text eller XLSX (den innehåller binära data, t.ex. en PDF eller en bild). Exportera från IA som CSV eller XLSX. En fil i UTF-16 måste börja med sitt byte order mark.',
  en: 'The file is neither CSV text nor XLSX (it holds binary data, such as a PDF or an image). Export from IA as CSV or XLSX. A UTF-16 file must begin with its byte order mark.',
}, 'file');

/** Imports the file at `path` into the register of organisation `opts.org`. */
export async function importIncidents(ctx: Ctx, path: string, opts: ImportOptions, known?: FileInfo): Promise<ImportResult> {
  const org = await findOrg(ctx.db, opts.org);
  if (!ctx.authz.can('incident.manage', org.path)) throw forbidden();
  const info = known ?? (await inspectFile(path));
  if (info.format === 'empty') throw EMPTY_FILE;
  if (info.format === 'xls') throw UNSUPPORTED_XLS;
  if (info.format === 'binary') throw NOT_TEXT;

  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [], warnings: [], warnings_sv: [], warnings_en: [] };
  let bytes = 0;
  const records = readRecords(path, info, (b) => (bytes = b));
  // A file-level failure: nothing is or would be imported, whatever the rows before it counted.
  const fail = (e: RowError): ImportResult => {
    summary.created = summary.updated = summary.unchanged = 0;
    summary.rejected++;
    summary.errors.push(toError(e));
    return { summary, written: false, failed: true, info };
  };

  let header: HeaderMap;
  try {
    const found = await findHeader(records);
    if (!found) {
      await records.return(undefined);
      throw EMPTY_FILE;
    }
    header = found.header;
    if (found.sheet !== undefined) {
      header.warnings.unshift({
        sv: `Bladet "${found.sheet}" lästes: det första bladet med en rubrikrad. Radnumren gäller det bladet.`,
        en: `Worksheet "${found.sheet}" was read: the first one with a header row. Line numbers refer to that sheet.`,
      });
    }
    if (found.skipped.length > 0) {
      const lines = found.skipped.join(', ');
      const many = found.skipped.length > 1;
      header.warnings.unshift({
        sv: `${many ? 'Raderna' : 'Rad'} ${lines} före rubrikraden (rad ${found.line}) hoppades över.`,
        en: `${many ? 'Lines' : 'Line'} ${lines} before the header row (line ${found.line}) ${many ? 'were' : 'was'} skipped.`,
      });
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof CsvTooLongRecord) {
      throw new AppError(422, 'unreadable_file', {
        sv: `Filen kunde inte läsas som CSV: posten som börjar på rad ${err.line} är över ${err.limit} tecken lång. Filen är troligen inte en textexport, eller så saknas ett avslutande citattecken.`,
        en: `The file could not be read as CSV: the record starting on line ${err.line} is over ${err.limit} characters long. The file is probably not a text export, or a closing quote is missing.`,
      }, 'file');
    }
    throw unreadable(err);
  }
  for (const w of header.warnings) addWarning(summary, w);
  if (info.invalidUtf8) {
    addWarning(summary, {
      sv: 'Filen börjar med UTF-8-märket (BOM) men innehåller byte som inte är giltig UTF-8. Den lästes som UTF-8; raderna med ogiltiga tecken avvisas.',
      en: 'The file begins with the UTF-8 byte order mark but holds bytes that are not valid UTF-8. It was read as UTF-8; the rows with invalid characters are refused.',
    });
  }
  if (info.mixedEncoding) {
    addWarning(summary, {
      sv: 'Filen är inte giltig UTF-8 och lästes som Windows-1252, men den innehåller också UTF-8-kodade bokstäver (som då visas som "Ã¤" i stället för "ä"). Kontrollera texterna; spara filen med en enda teckenkodning (helst UTF-8) om de är fel.',
      en: 'The file is not valid UTF-8 and was read as Windows-1252, but it also holds UTF-8 encoded letters (which then show as "Ã¤" instead of "ä"). Check the texts; save the file in one encoding (UTF-8 preferred) if they are wrong.',
    });
  }
  if (header.missing.length > 0) {
    await records.return(undefined);
    const list = header.missing.join(', ');
    return fail({
      line: 1, column: list,
      sv: `Obligatoriska kolumner saknas: ${list}. Rubrikraden måste ha dem (stora/små bokstäver spelar ingen roll).`,
      en: `Required columns are missing: ${list}. The header row must have them (case does not matter).`,
    });
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
      for (const id of registers.lookup) await tx.execute(sql`select pg_advisory_xact_lock(727170100, hashtext(${id}))`);
      const units = await UnitResolver.load(tx, org, registers.registerOf);
      const spelled = await categorySpelling(tx, org.path);
      const writer = new BatchWriter(tx, registers, units, ctx.principal?.userId ?? null, readOnlyRun, header.names.externalId, ctx.config.databaseUrl ? ctx.db : undefined);
      const seen = new SeenIds();
      const validator = new RowValidator(header, { invalidUtf8: info.invalidUtf8 });
      let batch: ImportRow[] = [];
      let rows = 0;
      // Batches are written while the next ones are parsed; up to IN_FLIGHT at a time, so the connection always
      // has the next statement queued and memory stays bounded. They cannot interfere: the Ärende-IDs of
      // different batches are different (a repeated one is rejected above).
      const inflight: Promise<void>[] = [];
      let flushError: unknown;
      let protectedKept = 0;
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
        for (const e of errors) if (summary.errors.length < MAX_ERRORS) summary.errors.push(toError(e));
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
      if (protectedKept > 0) {
        addWarning(summary, {
          sv: `Beskrivningen lämnades orörd för ${protectedKept} ${protectedKept === 1 ? 'incident' : 'incidenter'} med skyddade personuppgifter: du saknar behörighet att läsa den.`,
          en: `The description was left unchanged for ${protectedKept} protected-identity ${protectedKept === 1 ? 'incident' : 'incidents'}: you may not read it.`,
        });
      }
      if (failed) {
        if (!readOnlyRun) summary.created = summary.updated = summary.unchanged = 0;
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
    if (err instanceof SourceError) throw err.original instanceof AppError ? err.original : unreadable(err.original);
    throw err;
  }
  return { summary, written: true, failed: false, info };
}

/**
 * The header: the first of the opening records that has every required column. When none has, the first
 * record is taken as the header (and its missing columns are reported). Records above the header are skipped;
 * their lines are named in a warning. (Excel's `sep=` line never gets here: the CSV reader takes it.)
 */
async function findHeader(records: AsyncGenerator<RawRecord>): Promise<{ header: HeaderMap; line: number; skipped: number[]; sheet?: string } | undefined> {
  const opening: RawRecord[] = [];
  while (opening.length < HEADER_SEARCH) {
    const next = await records.next();
    if (next.done) break;
    opening.push(next.value);
    const header = mapHeader(next.value.cells);
    if (header.missing.length === 0) {
      return { header, line: next.value.line, skipped: opening.slice(0, -1).map((r) => r.line), sheet: next.value.sheet };
    }
  }
  if (opening.length === 0) return undefined;
  return { header: mapHeader(opening[0].cells), line: opening[0].line, skipped: [] };
}

class SourceError extends Error {
  constructor(public readonly original: unknown) {
    super(String(original));
  }
}

class FatalRecord extends Error {
  constructor(public readonly error: RowError) {
    super(error.en);
  }
}

/** Turns parser failures into a row error at the line where it happened. */
async function* guard(records: AsyncGenerator<RawRecord>): AsyncGenerator<RawRecord> {
  try {
    yield* records;
  } catch (err) {
    if (err instanceof CsvTooLongRecord) {
      throw new FatalRecord({
        line: err.line, column: null,
        sv: `Posten som börjar på rad ${err.line} är orimligt lång (över ${err.limit} tecken); troligen saknas ett avslutande citattecken. Inget importerades.`,
        en: `The record starting on line ${err.line} is unreasonably long (over ${err.limit} characters); probably a closing quote is missing. Nothing was imported.`,
      });
    }
    throw new SourceError(err);
  }
}

function idOf(rec: RawRecord, h: HeaderMap): string {
  const i = h.index.externalId;
  return i === undefined ? '' : String(rec.cells[i] ?? '').trim();
}

function unreadable(err: unknown): AppError {
  const detail = (err as Error)?.message ?? String(err);
  return new AppError(422, 'unreadable_file', {
    sv: `Filen kunde inte läsas som CSV eller XLSX: ${detail}`,
    en: `The file could not be read as CSV or XLSX: ${detail}`,
  }, 'file');
}
