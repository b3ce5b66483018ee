/**
 * The uploaded or named file: one pass to learn what it is (SHA-256, format, text encoding), then a stream
 * of records (header first) with their line numbers. Nothing here holds the whole file in memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { CsvParser, chooseDelimiter, sepHint, type CsvRecord } from './csv';
import { HEADER_SEARCH, type HeaderTest } from './header';
import { readXlsxRows } from './xlsx';
import type { Cell } from './cells';

export type FileFormat = 'csv' | 'xlsx' | 'xls' | 'encrypted' | 'empty' | 'binary' | 'markup';
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface FileInfo {
  sha256: string;
  size: number;
  format: FileFormat;
  encoding: TextEncoding;
  /** Not valid UTF-8, yet holding UTF-8 letters (å ä ö …): a mixed file, read line by line (mixedDecoder). */
  mixedEncoding?: boolean;
  /**
   * Begins with UTF-8's byte order mark, so it is read as UTF-8, yet some bytes are not UTF-8: they read as U+FFFD
   * and the rows holding them are refused (the import's row validation), rather than the whole file being read as Windows-1252.
   */
  invalidUtf8?: boolean;
}

/**
 * How much of a file's start is looked at for NUL bytes, which no CSV text (other than UTF-16) has. Binary data (an
 * image, a program, UTF-16 without its byte order mark) has them in pairs or in every other byte; a text export with
 * a stray NUL here and there is read, and the rows holding one are refused (by the import's row validation).
 */
const BINARY_SNIFF = 64 * 1024;
const BINARY_NULS = 8;
/** Two NULs side by side this many times, or NULs as one in this many bytes, make the start binary. */
const BINARY_NUL_PAIRS = 4;
const BINARY_NUL_SHARE = 10;
/**
 * Control characters other than tab, line feed, carriage return and DOS's end-of-file Ctrl-Z: a text export has
 * next to none, random or compressed data has one byte in nine. As a share of the start that makes it binary.
 */
const BINARY_CONTROL_SHARE = 100;
const isStrayControl = (b: number) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x1a && b !== 0x00;

/**
 * A web page or an XML document, by its opening tags: many systems' "Excel export" (.xls) is an HTML table or Excel
 * 2003's XML spreadsheet, which Excel opens but which is neither CSV nor XLSX.
 */
const MARKUP = /^(?:\ufeff|\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html|table|\?xml[^>]*>\s*(?:<!--[\s\S]*?-->\s*)*<(?:\?mso-application|workbook|html))/i;

/** Formats that are never a spreadsheet export, by their first bytes: PDF, PNG, JPEG, GIF. */
const BINARY_MAGIC = [Buffer.from('%PDF-'), Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('GIF8')];

/**
 * The stream name of Office's encrypted package (UTF-16LE in the compound file's directory): an .xlsx with a password
 * or a sensitivity label that encrypts it (Microsoft Purview) is a compound file, like the old .xls, but holds this.
 */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** Learns a file's identity while its bytes stream past (used for the CLI file and the HTTP upload). */
export class FileInspector {
  private hash = createHash('sha256');
  private size = 0;
  private head = Buffer.alloc(0);
  private carry: Buffer = Buffer.alloc(0);
  private utf8 = true;
  /** Two-byte UTF-8 sequences of Latin-1 letters (0xC3 + continuation: å ä ö é …) seen anywhere in the file. */
  private utf8Letters = 0;
  private lastByte = 0;
  private nuls = 0;
  private nulPairs = 0;
  private controls = 0;
  /** The first bytes, as Latin-1 text: an HTML or XML start (MARKUP). */
  private opening = '';
  private compound = false;
  private encrypted = false;
  private tail: Buffer = Buffer.alloc(0);

  update(chunk: Buffer): void {
    this.hash.update(chunk);
    if (this.size < BINARY_SNIFF) {
      const head = chunk.subarray(0, BINARY_SNIFF - this.size);
      for (let k = head.indexOf(0); k !== -1; k = head.indexOf(0, k + 1)) {
        this.nuls++;
        if (k > 0 && head[k - 1] === 0) this.nulPairs++;
      }
      for (let k = 0; k < head.length; k++) if (head[k] < 0x20 && isStrayControl(head[k])) this.controls++;
      if (this.opening.length < 512) this.opening += head.subarray(0, 512 - this.opening.length).toString('latin1');
    }
    // A compound file: look for the encrypted package's name, also across chunks.
    if (this.size === 0) this.compound = chunk[0] === 0xd0 && chunk[1] === 0xcf;
    if (this.compound && !this.encrypted) {
      const joined = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
      this.encrypted = joined.includes(ENCRYPTED_PACKAGE);
      this.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - ENCRYPTED_PACKAGE.length)));
    }
    this.size += chunk.length;
    if (this.utf8Letters < 1 && chunk.length > 0) {
      if (this.lastByte === 0xc3 && (chunk[0] & 0xc0) === 0x80) this.utf8Letters++;
      for (let k = chunk.indexOf(0xc3); k !== -1 && k + 1 < chunk.length; k = chunk.indexOf(0xc3, k + 1)) {
        if ((chunk[k + 1] & 0xc0) === 0x80) {
          this.utf8Letters++;
          break;
        }
      }
      this.lastByte = chunk[chunk.length - 1];
    }
    if (this.head.length < 8) this.head = Buffer.concat([this.head, chunk.subarray(0, 8)]).subarray(0, 8);
    if (!this.utf8) return;
    let buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    // Keep an incomplete multi-byte sequence at the end for the next chunk.
    let cut = buf.length;
    for (let k = buf.length - 1; k >= Math.max(0, buf.length - 4); k--) {
      const b = buf[k];
      if ((b & 0xc0) === 0x80) continue; // continuation byte
      const need = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (k + need > buf.length) cut = k;
      break;
    }
    this.carry = Buffer.from(buf.subarray(cut));
    buf = buf.subarray(0, cut);
    if (!isUtf8(buf)) this.utf8 = false;
  }

  get bytes(): number {
    return this.size;
  }

  result(): FileInfo {
    if (this.carry.length) this.utf8 = false;
    const h = this.head;
    let format: FileFormat = 'csv';
    if (this.size === 0) format = 'empty';
    else if (h[0] === 0x50 && h[1] === 0x4b && h[2] === 0x03 && h[3] === 0x04) format = 'xlsx';
    else if (h[0] === 0xd0 && h[1] === 0xcf && h[2] === 0x11 && h[3] === 0xe0) format = this.encrypted ? 'encrypted' : 'xls';
    const bom = h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf;
    let encoding: TextEncoding = this.utf8 || bom ? 'utf-8' : 'windows-1252';
    if (h[0] === 0xff && h[1] === 0xfe) encoding = 'utf-16le';
    else if (h[0] === 0xfe && h[1] === 0xff) encoding = 'utf-16be';
    // NUL bytes in a file that is neither UTF-16 nor a zip: a PDF, an image or a program, not a spreadsheet export.
    // A few stray NULs in a text are refused on their rows instead (the import's row validation).
    const sniffed = Math.min(this.size, BINARY_SNIFF);
    const nulsSay = this.nuls >= BINARY_NULS && (this.nulPairs >= BINARY_NUL_PAIRS || this.nuls * BINARY_NUL_SHARE >= sniffed);
    const controlsSay = this.controls >= BINARY_NULS && this.controls * BINARY_CONTROL_SHARE >= sniffed;
    if (format === 'csv' && !encoding.startsWith('utf-16') && (nulsSay || controlsSay || BINARY_MAGIC.some((m) => h.subarray(0, m.length).equals(m)))) format = 'binary';
    if (format === 'csv' && !encoding.startsWith('utf-16') && MARKUP.test(this.opening)) format = 'markup';
    const mixedEncoding = format === 'csv' && encoding === 'windows-1252' && this.utf8Letters > 0;
    const invalidUtf8 = format === 'csv' && bom && !this.utf8;
    return {
      sha256: this.hash.digest('hex'), size: this.size, format, encoding,
      ...(mixedEncoding ? { mixedEncoding } : {}), ...(invalidUtf8 ? { invalidUtf8 } : {}),
    };
  }
}

export async function inspectFile(path: string): Promise<FileInfo> {
  const ins = new FileInspector();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) ins.update(chunk as Buffer);
  return ins.result();
}

export interface RawRecord {
  line: number;
  cells: Cell[];
  unterminatedField?: number;
  /** XLSX: the worksheet's name, on the header's record when it is not the first worksheet. */
  sheet?: string;
  /**
   * XLSX: the workbook counts days from 1904 (Excel for Mac's old date system), on the opening records. A date cell
   * is read as its date already; a plain number that a date column holds is a day number from 1904 too.
   */
  date1904?: boolean;
  /** XLSX: the row is hidden in the workbook (filtered out, or hidden by hand); it is read all the same. */
  hidden?: boolean;
  /** XLSX: a cell of the row held an Excel error (#N/A, #REF!), read as an empty cell. */
  excelErrors?: boolean;
  /** XLSX, after the rows: a later worksheet with a header of its own, not read (a marker, no cells). */
  unreadSheet?: string;
}

export type ProgressFn = (bytesRead: number) => void;

/**
 * Records of the file, header first. CSV physical line numbers; XLSX row numbers. `test` recognises the import's
 * header: it chooses the CSV delimiter and the XLSX sheet.
 */
export async function* readRecords(path: string, info: FileInfo, test: HeaderTest, onBytes?: ProgressFn): AsyncGenerator<RawRecord> {
  if (info.format === 'xlsx') {
    yield* readXlsxRows(path, onBytes, test.isHeader);
    return;
  }
  yield* readCsv(path, info.mixedEncoding ? 'mixed' : info.encoding, test, onBytes);
}

/** A line this long without a line feed is decoded in parts (a file whose lines end in CR alone). */
const MIXED_LINE_BYTES = 1 << 20;

/**
 * A file neither all UTF-8 nor all Windows-1252 (FileInfo.mixedEncoding: a UTF-8 export with a line pasted from an
 * older system, or the reverse): each line, to its line feed, in the encoding it is valid in, UTF-8 where it is.
 * A line feed is never part of a UTF-8 sequence, so the file is cut there safely.
 */
function mixedDecoder(): { write(b: Buffer): string; end(): string } {
  let carry: Buffer = Buffer.alloc(0);
  const line = (b: Buffer) => (isUtf8(b) ? b.toString('utf8') : iconv.decode(b, 'windows-1252'));
  const lines = (b: Buffer) => {
    let out = '';
    let from = 0;
    for (let lf = b.indexOf(0x0a); lf !== -1; lf = b.indexOf(0x0a, from)) {
      out += line(b.subarray(from, lf + 1));
      from = lf + 1;
    }
    return from < b.length ? out + line(b.subarray(from)) : out;
  };
  return {
    write(chunk) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let cut = buf.lastIndexOf(0x0a) + 1;
      // No line feed in a long stretch: cut after its last ASCII byte, which ends any UTF-8 sequence.
      if (cut === 0 && buf.length > MIXED_LINE_BYTES) for (cut = buf.length; cut > 0 && buf[cut - 1] >= 0x80; cut--);
      carry = Buffer.from(buf.subarray(cut));
      return lines(buf.subarray(0, cut));
    },
    end() {
      const rest = carry;
      carry = Buffer.alloc(0);
      return rest.length ? lines(rest) : '';
    },
  };
}

function textDecoder(encoding: TextEncoding | 'mixed'): { write(b: Buffer): string; end(): string } {
  if (encoding === 'mixed') return mixedDecoder();
  if (encoding === 'windows-1252') {
    const d = iconv.getDecoder('windows-1252');
    return { write: (b) => d.write(b), end: () => d.end() ?? '' };
  }
  const d = new TextDecoder(encoding === 'utf-16be' ? 'utf-16be' : encoding === 'utf-16le' ? 'utf-16le' : 'utf-8');
  return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

/** How far into a CSV file the header is looked for (lines, characters). */
export const OPENING_LINES = HEADER_SEARCH;
const OPENING_CHARS = 1 << 16;

async function* readCsv(path: string, encoding: TextEncoding | 'mixed', test: HeaderTest, onBytes?: ProgressFn): AsyncGenerator<RawRecord> {
  const dec = textDecoder(encoding);
  let parser: CsvParser | undefined;
  let pending = '';
  let bytes = 0;
  const out: CsvRecord[] = [];
  // Excel's `sep=;` line chooses the delimiter and is then no record of the file (line numbers stay the file's).
  let hintLine = 0;
  const feed = (text: string, last: boolean) => {
    if (!parser) {
      pending += text;
      pending = pending.replace(/^\uFEFF/, '');
      // The delimiter is chosen from the opening lines (a title line may stand above the header).
      const lines = pending.split(/\r\n|\r|\n/, OPENING_LINES + 1);
      if (lines.length <= OPENING_LINES && pending.length < OPENING_CHARS && !last) return;
      parser = new CsvParser(chooseDelimiter(pending, test, OPENING_LINES));
      if (sepHint(lines[0])) hintLine = 1;
      text = pending;
      pending = '';
    }
    parser.push(text, out);
    if (last) parser.end(out);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    bytes += (chunk as Buffer).length;
    feed(dec.write(chunk as Buffer), false);
    onBytes?.(bytes);
    for (const r of out) if (r.line !== hintLine) yield { line: r.line, cells: r.fields, unterminatedField: r.unterminatedField };
    out.length = 0;
  }
  feed(dec.end(), true);
  for (const r of out) if (r.line !== hintLine) yield { line: r.line, cells: r.fields, unterminatedField: r.unterminatedField };
}
