/** One record of the file → a typed import row, or the list of what is wrong with it (line, column, why). */
import { DESCRIPTION_MAX, type IncidentKind, type IncidentStatus, type PersonalData } from '../model';
import type { Field, HeaderMap } from './columns';
import type { RawRecord } from '../../../server/platform/tabular/source';
import type { RowError } from '../../../server/platform/tabular/summary';
import { trimInvisible, withoutControls, withoutInvisible, type Cell, type Msg } from '../../../server/platform/tabular/cells';
import { parseBool, parseDateCell, parseKind, parseReported, parseStatus, type Parsed } from './values';
import { FIRST_YEAR, formatLocal, stockholmYear } from '../../../server/platform/time';

export const LIMITS = { externalId: 100, title: 500, description: DESCRIPTION_MAX, category: 200, unit: 200 } as const;

export interface Reported {
  reported: boolean;
  at: Date | null;
}

/** `undefined` = the column is not in the file (an update leaves that field as it is). */
export interface ImportRow {
  line: number;
  externalId: string;
  title: string;
  description?: string;
  occurredAt?: Date | null;
  reportedAt: Date;
  status: IncidentStatus;
  kind?: IncidentKind | null;
  category?: string | null;
  personalData?: PersonalData;
  imy?: Reported;
  csirt?: Reported;
  protectedIdentity?: boolean;
  unit?: string | null;
}

export type { RowError } from '../../../server/platform/tabular/summary';

/** Decomposed letters (a + combining ring, as macOS writes "å") are composed, so search and grouping match. */
const COMBINING = /[\u0300-\u036f]/;
/** Control characters are removed (withoutControls, platform/tabular/cells.ts); decomposed letters composed. */
const composed = (s: string) => {
  const clean = withoutControls(s);
  return COMBINING.test(clean) ? clean.normalize('NFC') : clean;
};

/** Personuppgiftsincident not yet known: stored as "Vet ej", as a quick report's answer. */
const UNKNOWN = new Set(['vet ej', 'vetej', 'okänt', 'okänd', 'osäkert', 'oklart', "don't know", 'unknown']);

/** Excel's way of keeping a text such as 007 in a CSV: the formula ="007". */
const EXCEL_TEXT = /^="(.*)"$/s;

/** A cell as written, but Excel's ="…" unwrapped (so every column reads ="2025-02-03" and ="Nej" as the value). */
function unwrapped(c: Cell | undefined): Cell | undefined {
  // Only a cell that begins with =" (a description may quote a formula further on); every cell of a row passes here.
  if (typeof c !== 'string' || c.length < 3 || !c.trimStart().startsWith('="')) return c;
  const excel = EXCEL_TEXT.exec(c.trim());
  return excel ? excel[1].replace(/""/g, '"') : c;
}

function text(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) {
    const iso = c.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  // A number in a text column as Excel shows it: 15 significant digits, so 0.1+0.2 is 0.3, not 0.30000000000000004.
  if (typeof c === 'number') return String(Number(c.toPrecision(15)));
  // Excel's ="…" is unwrapped once, where the cell is read (cell(), unwrapped).
  return composed(trimInvisible(String(c)));
}

/** Validates records against one header; built once per file (no per-row closures: this runs a million times). */
export class RowValidator {
  private errors: RowError[] = [];
  private line = 0;
  private cells: Cell[] = [];

  /** The latest time a row may name: what the file records has happened (as in the app, service.ts instant). */
  private readonly latest: number;

  /**
   * `invalidUtf8`: the file declared UTF-8 (BOM) but has bytes that are not; they read as U+FFFD, refused.
   * `now`: when the import runs; a time after it (five minutes of leeway for clocks that run ahead) is refused.
   */
  /** Columns without a header that hold a value on some row (1-based), and rows reported before they happened. */
  readonly notes = { unnamed: new Set<number>(), reportedFirst: [] as number[], reportedFirstCount: 0 };

  /**
   * `date1904`: an XLSX workbook that counts days from 1904, so a plain number in a date column is a day from then.
   * `format`: an XLSX sheet has no delimiters, so a value right of the header is a column without a header (noted);
   * in a CSV file it is a row error (most often a field holding the delimiter without quotes).
   */
  constructor(private readonly h: HeaderMap, private readonly opts: { invalidUtf8?: boolean; now?: Date; format?: 'csv' | 'xlsx'; date1904?: boolean } = {}) {
    this.latest = (opts.now ?? new Date()).getTime() + 5 * 60_000;
  }

  /**
   * A time the row says has happened: not in the future. The reported time also decides the year the incident is
   * counted in, so it must fall in a year Tillit's lists and figures show (FIRST_YEAR on, time.ts).
   */
  private happened(f: Field, d: Date | null | undefined): Date | null | undefined {
    if (!d) return d;
    const n = this.h.names[f];
    if (d.getTime() > this.latest) {
      this.err(f, { sv: `${n} ${formatLocal(d)} ligger i framtiden; ange när det hände.`, en: `${n} ${formatLocal(d)} is in the future; give the time it happened.` });
      return undefined;
    }
    if (f === 'reportedAt' && stockholmYear(d) < FIRST_YEAR) {
      this.err(f, {
        sv: `${n} ${formatLocal(d)} ligger före år ${FIRST_YEAR}, det första år Tillit räknar incidenter för.`,
        en: `${n} ${formatLocal(d)} is before ${FIRST_YEAR}, the first year Tillit counts incidents for.`,
      });
      return undefined;
    }
    return d;
  }

  private has(f: Field): boolean {
    return this.h.index[f] !== undefined;
  }

  private cell(f: Field): Cell | undefined {
    const i = this.h.index[f];
    return i === undefined ? undefined : unwrapped(this.cells[i]);
  }

  private str(f: Field): string {
    return text(this.cell(f));
  }

  private err(f: Field | null, m: Msg) {
    this.errors.push({ line: this.line, column: f ? this.h.names[f]! : null, sv: m.sv, en: m.en });
  }

  private take<T>(f: Field, p: Parsed<T>): T | undefined {
    if (p.ok) return p.value;
    this.err(f, p.msg);
    return undefined;
  }

  private required(f: Field): string {
    const v = this.str(f);
    if (v === '') this.err(f, { sv: `${this.h.names[f]} saknas (obligatoriskt).`, en: `${this.h.names[f]} is missing (required).` });
    return v;
  }

  /** A text value: at most `max` characters, and no U+0000 (which PostgreSQL text cannot hold). */
  private checkText(f: Field, v: string, max: number) {
    const n = this.h.names[f];
    if (v.length > max) {
      this.err(f, { sv: `${n} är för lång: ${v.length} tecken, högst ${max}.`, en: `${n} is too long: ${v.length} characters, at most ${max}.` });
    }
    if (v.includes('\u0000')) {
      this.err(f, { sv: `${n} innehåller ett nolltecken (U+0000), som inte kan sparas.`, en: `${n} contains a NUL character (U+0000), which cannot be stored.` });
    }
    if (this.opts.invalidUtf8 && v.includes('\ufffd')) {
      this.err(f, {
        sv: `${n} innehåller byte som inte är giltig UTF-8, fast filen börjar med UTF-8-märket. Rätta tecknet eller spara filen som UTF-8 på nytt.`,
        en: `${n} holds bytes that are not valid UTF-8, though the file begins with the UTF-8 byte order mark. Fix the character or save the file as UTF-8 again.`,
      });
    }
  }

  /** A date column's time (in the workbook's date system); its error noted. */
  private date(f: 'occurredAt' | 'reportedAt'): Date | undefined {
    return this.take(f, parseDateCell(this.cell(f) ?? '', this.opts.date1904));
  }

  /** Ja/Nej or the date it was done, which cannot lie ahead. */
  private reported(f: 'imy' | 'csirt'): Reported | undefined {
    const r = this.take(f, parseReported(this.cell(f) ?? '', this.opts.date1904));
    return r?.at && this.happened(f, r.at) === undefined ? undefined : r;
  }

  private flag(f: Field): boolean | undefined {
    const c = this.cell(f);
    return this.take(f, parseBool(typeof c === 'boolean' ? c : text(c)));
  }

  validate(rec: RawRecord): { row?: ImportRow; errors: RowError[] } {
    const h = this.h;
    this.errors = [];
    this.line = rec.line;
    this.cells = rec.cells;
    const errors = this.errors;
    if (rec.unterminatedField !== undefined) {
      const col = (Object.keys(h.index) as Field[]).find((f) => h.index[f] === rec.unterminatedField);
      this.err(col ?? null, {
        sv: 'Ett citattecken (") avslutas aldrig; resten av filen blev ett enda fält.',
        en: 'A quote (") is never closed; the rest of the file became one field.',
      });
      return { errors };
    }
    if (h.unnamed) for (const i of h.unnamed) if (text(unwrapped(rec.cells[i])) !== '') this.notes.unnamed.add(i + 1);
    for (let i = h.width; i < rec.cells.length; i++) {
      if (text(unwrapped(rec.cells[i])) === '') continue;
      if (this.opts.format === 'xlsx') this.notes.unnamed.add(i + 1);
      else {
        this.err(null, {
          sv: `Raden har fler värden än rubrikraden har kolumner (värde i kolumn ${i + 1} av ${h.width}); saknas citattecken kring ett fält med avgränsare?`,
          en: `The row has more values than the header has columns (a value in column ${i + 1} of ${h.width}); is a field containing the delimiter missing its quotes?`,
        });
        break;
      }
    }

    // A case id never holds an invisible character: one copied along would make a second case that looks the same.
    const externalId = withoutInvisible(this.required('externalId'));
    this.checkText('externalId', externalId, LIMITS.externalId);
    const title = this.required('title');
    this.checkText('title', title, LIMITS.title);
    let description: string | undefined;
    if (this.has('description')) {
      // Text keeps its line breaks; a number or date cell (XLSX) reads as Excel shows it, like any text column.
      const c = this.cell('description');
      description = composed((typeof c === 'string' ? c : text(c)).replace(/\r\n?/g, '\n').trim());
      this.checkText('description', description, LIMITS.description);
    }
    let occurredAt: Date | null | undefined;
    if (this.has('occurredAt')) {
      occurredAt = this.str('occurredAt') === '' ? null : (this.happened('occurredAt', this.date('occurredAt')) ?? null);
    }
    let reportedAt: Date | undefined;
    if (this.required('reportedAt') !== '') reportedAt = this.happened('reportedAt', this.date('reportedAt')) ?? undefined;
    let status: IncidentStatus | undefined;
    const st = this.required('status');
    if (st !== '') status = this.take('status', parseStatus(st));
    let kind: IncidentKind | null | undefined;
    if (this.has('kind')) {
      const k = this.str('kind');
      kind = k === '' ? null : (this.take('kind', parseKind(k)) ?? null);
    }
    let category: string | null | undefined;
    if (this.has('category')) {
      category = this.str('category') || null;
      if (category) this.checkText('category', category, LIMITS.category);
    }
    let personalData: PersonalData | undefined;
    if (this.has('personalData')) {
      if (UNKNOWN.has(this.str('personalData').toLowerCase())) personalData = 'vet_ej';
      else {
        const b = this.flag('personalData');
        if (b !== undefined) personalData = b ? 'ja' : 'nej';
      }
    }
    if (kind === 'Personuppgiftsincident') personalData = 'ja';
    const imy = this.has('imy') ? this.reported('imy') : undefined;
    const csirt = this.has('csirt') ? this.reported('csirt') : undefined;
    const protectedIdentity = this.has('protectedIdentity') ? this.flag('protectedIdentity') : undefined;
    let unit: string | null | undefined;
    if (this.has('unit')) {
      unit = this.str('unit') || null;
      if (unit) this.checkText('unit', unit, LIMITS.unit);
    }
    if (errors.length > 0 || reportedAt === undefined || status === undefined) return { errors };
    if (occurredAt && occurredAt.getTime() > reportedAt.getTime()) {
      if (this.notes.reportedFirst.length < 5) this.notes.reportedFirst.push(rec.line);
      this.notes.reportedFirstCount++;
    }
    return {
      errors,
      row: {
        line: rec.line, externalId, title, description, occurredAt, reportedAt, status, kind, category, personalData,
        imy, csirt, protectedIdentity, unit,
      },
    };
  }
}
