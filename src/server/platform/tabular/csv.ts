/**
 * A small streaming CSV reader (RFC 4180 plus the leniency real Excel exports need).
 *
 * Line numbers: physical lines of the file, the first line is 1. A record that spans several physical lines
 * (a quoted field with newlines) is reported by the line it STARTS on; the lines inside it still count, so
 * the next record's number is its real line in a text editor. LF, CRLF and lone CR all end a line.
 * Quoted fields may hold the delimiter, newlines and doubled quotes (""). A quote in the middle of an
 * unquoted field is kept as a character. Records whose fields all show nothing (blank lines, ";;;", a line of
 * zero-width spaces, DOS's closing Ctrl-Z) are skipped.
 */
import { isBlankText } from './cells';
import type { HeaderTest } from './header';

export interface CsvRecord {
  line: number;
  fields: string[];
  /** Set when the file ended inside a quoted field that started in field `unterminatedField`. */
  unterminatedField?: number;
}

export class CsvTooLongRecord extends Error {
  constructor(public readonly line: number, public readonly limit: number) {
    super(`record at line ${line} exceeds ${limit} characters`);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

export class CsvParser {
  private state = S.FieldStart;
  private field = '';
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private afterCR = false;
  private recordChars = 0;
  private quotedFieldIndex = -1;
  private readonly delim: number;

  constructor(delimiter: string, private readonly maxRecordChars = 2_000_000) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Feeds decoded text; returns the records completed by it. */
  push(text: string, out: CsvRecord[] = []): CsvRecord[] {
    const n = text.length;
    const d = this.delim;
    let i = 0;
    if (this.afterCR && n > 0) {
      this.afterCR = false;
      if (text.charCodeAt(0) === LF) i = 1; // the LF of a CRLF split across chunks
    }
    while (i < n) {
      switch (this.state) {
        case S.FieldStart: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.state = S.Quoted;
            this.quotedFieldIndex = this.fields.length;
            i++;
          } else this.state = S.Unquoted;
          break;
        }
        case S.Unquoted: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = text.charCodeAt(j);
            if (c === d || c === LF || c === CR) break;
            j++;
          }
          if (j > i) this.field += text.slice(i, j);
          if (j === n) {
            i = n;
            break;
          }
          i = j + 1;
          if (c === d) this.endField();
          else i = this.endLine(text, i, c, out);
          break;
        }
        case S.Quoted: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = text.charCodeAt(j);
            if (c === QUOTE || c === LF || c === CR) break;
            j++;
          }
          if (j > i) this.field += text.slice(i, j);
          if (j === n) {
            i = n;
            break;
          }
          i = j + 1;
          if (c === QUOTE) this.state = S.QuoteInQuoted;
          else if (c === LF) {
            this.line++;
            this.field += '\n';
          } else {
            // CR inside quotes: CRLF or lone CR both become one "\n".
            this.line++;
            this.field += '\n';
            if (i < n) {
              if (text.charCodeAt(i) === LF) i++;
            } else this.afterCR = true;
          }
          break;
        }
        case S.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.field += '"';
            this.state = S.Quoted;
            i++;
          } else if (c === d) {
            this.endField();
            i++;
          } else if (c === LF || c === CR) {
            i = this.endLine(text, i + 1, c, out);
          } else {
            // Text after a closing quote ("abc"def): keep it, as Excel does.
            this.state = S.Unquoted;
          }
          break;
        }
      }
      if (this.field.length + this.recordChars > this.maxRecordChars) throw new CsvTooLongRecord(this.recordLine, this.maxRecordChars);
    }
    return out;
  }

  /** Ends the input; returns the last record (or one flagged as unterminated). */
  end(out: CsvRecord[] = []): CsvRecord[] {
    if (this.state === S.Quoted) {
      this.fields.push(this.field);
      out.push({ line: this.recordLine, fields: this.fields, unterminatedField: this.quotedFieldIndex });
    } else if (this.state !== S.FieldStart || this.fields.length > 0) {
      this.endField();
      this.emit(out);
    }
    this.fields = [];
    this.field = '';
    this.state = S.FieldStart;
    return out;
  }

  private endField() {
    this.recordChars += this.field.length;
    this.fields.push(this.field);
    this.field = '';
    this.state = S.FieldStart;
  }

  private emit(out: CsvRecord[]) {
    const f = this.fields;
    let blank = true;
    for (let k = 0; k < f.length; k++) {
      if (!isBlankText(f[k])) {
        blank = false;
        break;
      }
    }
    if (!blank) out.push({ line: this.recordLine, fields: f });
    this.fields = [];
    this.recordChars = 0;
  }

  /** `i` is just past the line break character `c`. Returns the index to continue at. */
  private endLine(text: string, i: number, c: number, out: CsvRecord[]): number {
    this.endField();
    this.emit(out);
    this.line++;
    this.recordLine = this.line;
    if (c === CR) {
      if (i < text.length) {
        if (text.charCodeAt(i) === LF) i++;
      } else this.afterCR = true;
    }
    return i;
  }
}

/** The most frequent of ; , TAB outside quotes in one line (ties: ; then TAB then ,). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([[';', 0], ['\t', 0], [',', 0]]);
  let inQ = false;
  for (const ch of headerLine) {
    if (ch === '"') inQ = !inQ;
    else if (!inQ && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ';';
  for (const [ch, n] of counts) if (n > counts.get(best)!) best = ch;
  return best;
}

/** Excel's delimiter hint, written as a file's first line by exports meant for Excel: `sep=;`. */
const SEP_HINT = /^"?sep=([;,\t])"?$/i;

/** The delimiter a `sep=` line names, when `line` is one. */
export function sepHint(line: string): string | undefined {
  return SEP_HINT.exec(line.trim())?.[1];
}

/**
 * The delimiter of a file from its opening text: Excel's `sep=` hint when the first line is one; else the candidate
 * (; TAB ,) that makes the earliest of the first `records` records a header (`test.isHeader`), looking past a title
 * line or two that some exports put above it; else, when no candidate does (a column is missing), the one under
 * which a record names the most of the import's columns, so the missing ones are what the error names (a comma in
 * a title line above a semicolon header does not decide); else the most frequent one in the first line. The text is
 * read as records, quotes honoured, so a header cell holding a line break (Excel's Alt+Enter: "Anmäld till\nIMY")
 * stays one cell.
 */
export function chooseDelimiter(opening: string, test: HeaderTest, records = 10): string {
  const first = /^[^\r\n]*/.exec(opening)![0];
  const hint = sepHint(first);
  if (hint) return hint;
  let best: { d: string; at: number } | undefined;
  let most: { d: string; known: number } | undefined;
  for (const d of [';', '\t', ',']) {
    if (!opening.includes(d)) continue;
    const parser = new CsvParser(d);
    const opened = parser.end(parser.push(opening, [])).slice(0, records);
    const at = opened.findIndex((r) => test.isHeader(r.fields));
    if (at !== -1 && (!best || at < best.at)) best = { d, at };
    const known = Math.max(0, ...opened.map((r) => test.known(r.fields)));
    if (known > 0 && (!most || known > most.known)) most = { d, known };
  }
  return best?.d ?? most?.d ?? detectDelimiter(first);
}
