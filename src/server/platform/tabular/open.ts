/**
 * Opening an import file: the file-level refusals every tabular import shares (empty, the old .xls, binary data,
 * unreadable), the header among the opening records and the warnings about how the file was read. The rows
 * after the header are the import's own business; `guard` turns a reader failure among them into a
 * file-level error at its line.
 */
import { AppError } from '../errors';
import { looseKey, type Cell, type Msg } from './cells';
import { CsvTooLongRecord } from './csv';
import { findHeader, headerText, type HeaderMap, type HeaderReader } from './header';
import { readRecords, type FileInfo, type ProgressFn, type RawRecord } from './source';
import { EMPTY_FILE } from './upload';

const UNSUPPORTED_XLS = new AppError(415, 'unsupported_file_type', {
  sv: 'Filen är i det gamla Excel-formatet (.xls). Spara den som .xlsx eller CSV och försök igen.',
  en: 'The file is in the old Excel format (.xls). Save it as .xlsx or CSV and try again.',
}, 'file');

const ENCRYPTED = new AppError(415, 'encrypted_file', {
  sv: 'Filen är krypterad: den har ett lösenord eller en känslighetsetikett (t.ex. Microsoft Purview) som krypterar den. Spara en kopia utan lösenord och utan krypterande etikett, som .xlsx eller CSV, och försök igen.',
  en: 'The file is encrypted: it has a password or a sensitivity label (such as Microsoft Purview) that encrypts it. Save a copy without the password and without an encrypting label, as .xlsx or CSV, and try again.',
}, 'file');

/** Binary data: `howTo` says where a good file comes from ("Exportera från IA som CSV eller XLSX."). */
const notText = (howTo: Msg) => new AppError(415, 'unsupported_file_type', {
  sv: `Filen är varken CSV-text eller XLSX (den innehåller binära data, t.ex. en PDF eller en bild). ${howTo.sv} En fil i UTF-16 måste börja med sitt byte order mark.`,
  en: `The file is neither CSV text nor XLSX (it holds binary data, such as a PDF or an image). ${howTo.en} A UTF-16 file must begin with its byte order mark.`,
}, 'file');

const MARKUP_FILE = new AppError(415, 'unsupported_file_type', {
  sv: 'Filen är en webbsida (HTML) eller ett XML-dokument, inte CSV eller XLSX. Många system sparar en sådan som en Excel-export (.xls). Öppna den i Excel och spara den som .xlsx eller CSV, och försök igen.',
  en: 'The file is a web page (HTML) or an XML document, not CSV or XLSX. Many systems save one as an Excel export (.xls). Open it in Excel, save it as .xlsx or CSV and try again.',
}, 'file');

/** Refuses a file no import can read: empty (422), the old .xls, an encrypted file, a web page or binary data (415). */
export function checkFileFormat(info: FileInfo, howTo: Msg): void {
  if (info.format === 'empty') throw EMPTY_FILE;
  if (info.format === 'xls') throw UNSUPPORTED_XLS;
  if (info.format === 'markup') throw MARKUP_FILE;
  if (info.format === 'encrypted') throw ENCRYPTED;
  if (info.format === 'binary') throw notText(howTo);
}

export function unreadable(err: unknown): AppError {
  const detail = (err as Error)?.message ?? String(err);
  return new AppError(422, 'unreadable_file', {
    sv: `Filen kunde inte läsas som CSV eller XLSX: ${detail}`,
    en: `The file could not be read as CSV or XLSX: ${detail}`,
  }, 'file');
}

export interface OpenedTable<F extends string> {
  header: HeaderMap<F>;
  /** The records after the header (without repeats of the header row). */
  records: AsyncGenerator<RawRecord>;
  /** The header's warnings (unknown columns) after those on how the file was read (sheet, skipped lines, encoding). */
  warnings: Msg[];
  /** Warnings known once the records are read: repeats of the header row skipped, later sheets left unread, rows hidden or holding Excel errors. */
  lateWarnings(): Msg[];
  /** An XLSX workbook that counts days from 1904: a plain number in a date column is a day number from 1904. */
  date1904: boolean;
}

/** At most this many line numbers are listed in one warning. */
const LISTED_LINES = 10;

/** Rows of one kind: how many, and the first lines of them (a million keep only the lines a warning lists). */
interface Noted { lines: number[]; count: number }
const note = (n: Noted, line: number) => {
  if (n.count++ < LISTED_LINES) n.lines.push(line);
};

/** What is known of the file once its records are read: repeats of the header, sheets left unread, rows hidden or holding Excel errors. */
interface Late { repeated: number[]; sheets: string[]; hidden: Noted; excelErrors: Noted }

/**
 * The records after the header, less the rows that repeat it (two exports pasted one after the other) and the
 * XLSX reader's markers of sheets it left; both are noted in `late`, as are the rows hidden in the workbook or
 * holding Excel errors.
 */
async function* withoutRepeats<F extends string>(
  records: AsyncGenerator<RawRecord>, header: HeaderMap<F>, headerCells: Cell[], reader: HeaderReader<F>, late: Late,
): AsyncGenerator<RawRecord> {
  // A cheap first test on one header cell (its first letter, then the whole name); the whole mapping only when that
  // cell repeats the header's. Every row of the file passes here.
  const at = headerCells.findIndex((c) => headerText(c) !== '');
  const name = at === -1 ? '' : looseKey(headerText(headerCells[at]));
  const lead = (s: string) => looseKey(s.trimStart().slice(0, 3)).charAt(0);
  const same = (cells: Cell[]) => {
    const again = reader.map(cells);
    return again.missing.length === 0 && Object.entries(header.index).every(([f, i]) => again.index[f as F] === i);
  };
  for await (const r of records) {
    if (r.unreadSheet !== undefined) {
      late.sheets.push(r.unreadSheet);
      continue;
    }
    const c = r.cells[at];
    if (name !== '' && typeof c === 'string' && c.length < 200 && lead(c) === name[0] && looseKey(headerText(c)) === name && same(r.cells)) {
      late.repeated.push(r.line);
      continue;
    }
    if (r.hidden) note(late.hidden, r.line);
    if (r.excelErrors) note(late.excelErrors, r.line);
    yield r;
  }
}

/** The first line numbers, and how many more ("3, 7 och 12 till"): as a warning lists rows. */
export function listed(lines: number[], n = lines.length): { sv: string; en: string } {
  const shown = lines.slice(0, LISTED_LINES).join(', ');
  return n > LISTED_LINES ? { sv: `${shown} och ${n - LISTED_LINES} till`, en: `${shown} and ${n - LISTED_LINES} more` } : { sv: shown, en: shown };
}

function lateWarnings(late: Late): Msg[] {
  const out: Msg[] = [];
  const n = late.repeated.length;
  if (n > 0) {
    const lines = listed(late.repeated);
    out.push({
      sv: `Rubrikraden upprepas på ${n === 1 ? 'rad' : 'raderna'} ${lines.sv}; ${n === 1 ? 'den hoppades' : 'de hoppades'} över. Filen är kanske flera exporter efter varandra: kontrollera att inga rader finns två gånger.`,
      en: `The header row is repeated on ${n === 1 ? 'line' : 'lines'} ${lines.en}; ${n === 1 ? 'it was' : 'they were'} skipped. Perhaps the file is several exports one after the other: check that no rows occur twice.`,
    });
  }
  const h = late.hidden.count;
  if (h > 0) {
    const lines = listed(late.hidden.lines, h);
    out.push({
      sv: `${h === 1 ? 'Rad' : 'Raderna'} ${lines.sv} är ${h === 1 ? 'dold' : 'dolda'} i arbetsboken (ett filter eller dolda rader) men lästes ändå: hela bladet importeras. Ta bort de rader som inte ska importeras i stället för att dölja dem.`,
      en: `${h === 1 ? 'Line' : 'Lines'} ${lines.en} ${h === 1 ? 'is' : 'are'} hidden in the workbook (a filter or hidden rows) but ${h === 1 ? 'was' : 'were'} read all the same: the whole sheet is imported. Delete the rows that should not be imported instead of hiding them.`,
    });
  }
  const e = late.excelErrors.count;
  if (e > 0) {
    const lines = listed(late.excelErrors.lines, e);
    out.push({
      sv: `${e === 1 ? 'Rad' : 'Raderna'} ${lines.sv} har celler med Excels felvärden (#SAKNAS!, #REFERENS! och liknande, ofta en formel som inte hittade sitt värde); de lästes som tomma. Rätta formlerna i arbetsboken om värdena behövs.`,
      en: `${e === 1 ? 'Line' : 'Lines'} ${lines.en} ${e === 1 ? 'has' : 'have'} cells holding Excel errors (#N/A, #REF! and the like, often a formula that did not find its value); they were read as empty. Fix the formulas in the workbook if the values are needed.`,
    });
  }
  for (const sheet of late.sheets) {
    out.push({
      sv: `Bladet "${sheet}" har också en rubrikrad men lästes inte: ett blad importeras åt gången. Spara det bladet som en egen fil och importera den, eller samla raderna på ett blad.`,
      en: `Worksheet "${sheet}" has a header row too but was not read: one sheet is imported at a time. Save that sheet as a file of its own and import it, or gather the rows on one sheet.`,
    });
  }
  return out;
}

/**
 * The file's header and the records after it. Throws the file-level AppErrors: empty, .xls, binary, unreadable
 * (also a CSV record too long to be one). A header without its required columns is returned as it is: the
 * import reports `header.missing` in its summary.
 */
export async function openTable<F extends string>(
  path: string, info: FileInfo, reader: HeaderReader<F>, howTo: Msg, onBytes?: ProgressFn,
): Promise<OpenedTable<F>> {
  checkFileFormat(info, howTo);
  const records = readRecords(path, info, reader, onBytes);
  const warnings: Msg[] = [];
  let header: HeaderMap<F>;
  let headerCells: Cell[];
  let date1904: boolean;
  try {
    const found = await findHeader(records, reader);
    if (!found) {
      await records.return(undefined);
      throw EMPTY_FILE;
    }
    header = found.header;
    headerCells = found.cells;
    date1904 = found.date1904;
    if (found.skipped.length > 0) {
      const lines = found.skipped.join(', ');
      const many = found.skipped.length > 1;
      warnings.push({
        sv: `${many ? 'Raderna' : 'Rad'} ${lines} före rubrikraden (rad ${found.line}) hoppades över.`,
        en: `${many ? 'Lines' : 'Line'} ${lines} before the header row (line ${found.line}) ${many ? 'were' : 'was'} skipped.`,
      });
    }
    if (found.sheet !== undefined) {
      warnings.push({
        sv: `Bladet "${found.sheet}" lästes: det första bladet med en rubrikrad. Radnumren gäller det bladet.`,
        en: `Worksheet "${found.sheet}" was read: the first one with a header row. Line numbers refer to that sheet.`,
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
  warnings.push(...header.warnings);
  if (info.invalidUtf8) {
    warnings.push({
      sv: 'Filen börjar med UTF-8-märket (BOM) men innehåller byte som inte är giltig UTF-8. Den lästes som UTF-8; raderna med ogiltiga tecken avvisas.',
      en: 'The file begins with the UTF-8 byte order mark but holds bytes that are not valid UTF-8. It was read as UTF-8; the rows with invalid characters are refused.',
    });
  }
  if (info.mixedEncoding) {
    warnings.push({
      sv: 'Filen blandar teckenkodningar: den är UTF-8 men vissa rader är Windows-1252 (eller tvärtom). Varje rad lästes i den kodning den är giltig i, UTF-8 där den är det. Kontrollera å, ä och ö i texterna; spara helst filen som UTF-8.',
      en: 'The file mixes text encodings: it is UTF-8 but some lines are Windows-1252 (or the reverse). Each line was read in the encoding it is valid in, UTF-8 where it is. Check å, ä and ö in the texts; preferably save the file as UTF-8.',
    });
  }
  const late: Late = { repeated: [], sheets: [], hidden: { lines: [], count: 0 }, excelErrors: { lines: [], count: 0 } };
  const rows = withoutRepeats(records, header, headerCells, reader, late);
  // Closing the rows closes the file too, also before they are read (a file refused for a missing column): a
  // generator not yet started only marks itself done, and the reader's stream would stay open.
  const done = rows.return.bind(rows);
  rows.return = async (value) => {
    await records.return(undefined);
    return done(value);
  };
  return { header, records: rows, warnings, lateWarnings: () => lateWarnings(late), date1904 };
}

/** The missing required columns as one file-level error at the header's line (1 unless a title stands above it). */
export function missingColumns(missing: string[], line = 1): { line: number; column: string } & Msg {
  const list = missing.join(', ');
  return {
    line, column: list,
    sv: `Obligatoriska kolumner saknas: ${list}. Rubrikraden måste ha dem (stora/små bokstäver spelar ingen roll).`,
    en: `Required columns are missing: ${list}. The header row must have them (case does not matter).`,
  };
}

/** A reader failure after the header, for the whole file. */
export class SourceError extends Error {
  constructor(public readonly original: unknown) {
    super(String(original));
  }
}

/** A record that makes the file as a whole unusable, at its line. */
export class FatalRecord extends Error {
  constructor(public readonly error: { line: number; column: string | null } & Msg) {
    super(error.en);
  }
}

/** The AppError a SourceError stands for. */
export const sourceProblem = (err: SourceError): AppError => (err.original instanceof AppError ? err.original : unreadable(err.original));

/** Turns parser failures into a FatalRecord at the line where it happened (a too long record) or a SourceError. */
export async function* guard(records: AsyncGenerator<RawRecord>): AsyncGenerator<RawRecord> {
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
