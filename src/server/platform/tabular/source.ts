/**
 * The uploaded or named file: one pass to learn what it is (SHA-256, format, text encoding), then a stream
 * of records (header first) with their line numbers. Nothing here holds the whole file in memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { CsvParser, chooseDelimiter, sepHint, type CsvRecord } from './csv';
import { HEADER_SEARCH } from './header';
import { readXlsxRows } from './xlsx';
import type { Cell } from './cells';

export type FileFormat = 'csv' | 'xlsx' | 'xls' | 'empty' | 'binary';
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface FileInfo {
  sha256: string;
  size: number;
  format: FileFormat;
  encoding: TextEncoding;
  /** Not valid UTF-8 (so read as Windows-1252), yet holding UTF-8 letters such as "Ã¤" would show: a mixed file. */
  mixedEncoding?: boolean;
  /**
   * Begins with UTF-8's byte order mark, so it is read as UTF-8, yet some bytes are not UTF-8: they read as U+FFFD
   * and the rows holding them are refused (the import's row validation), rather than the whole file being read as Windows-1252.
   */
  invalidUtf8?: boolean;
}

/**
 * How much of a file's start is looked at for NUL bytes, which no CSV text (other than UTF-16) has, and how many
 * make it binary. A stray NUL or two in a text file is refused on its own row instead (by the import's row validation).
 */
const BINARY_SNIFF = 64 * 1024;
const BINARY_NULS = 8;

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

  update(chunk: Buffer): void {
    this.hash.update(chunk);
    if (this.size < BINARY_SNIFF && this.nuls < BINARY_NULS) {
      const head = chunk.subarray(0, BINARY_SNIFF - this.size);
      for (let k = head.indexOf(0); k !== -1 && this.nuls < BINARY_NULS; k = head.indexOf(0, k + 1)) this.nuls++;
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
    else if (h[0] === 0xd0 && h[1] === 0xcf && h[2] === 0x11 && h[3] === 0xe0) format = 'xls';
    const bom = h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf;
    let encoding: TextEncoding = this.utf8 || bom ? 'utf-8' : 'windows-1252';
    if (h[0] === 0xff && h[1] === 0xfe) encoding = 'utf-16le';
    else if (h[0] === 0xfe && h[1] === 0xff) encoding = 'utf-16be';
    // NUL bytes in a file that is neither UTF-16 nor a zip: a PDF, an image or a program, not a spreadsheet export.
    if (format === 'csv' && this.nuls >= BINARY_NULS && !encoding.startsWith('utf-16')) format = 'binary';
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
}

export type ProgressFn = (bytesRead: number) => void;

/** True when a record's cells are the import's complete header (chooses the CSV delimiter and the XLSX sheet). */
export type IsHeader = (cells: Cell[]) => boolean;

/** Records of the file, header first. CSV physical line numbers; XLSX row numbers. */
export async function* readRecords(path: string, info: FileInfo, isHeader: IsHeader, onBytes?: ProgressFn): AsyncGenerator<RawRecord> {
  if (info.format === 'xlsx') {
    yield* readXlsxRows(path, onBytes, isHeader);
    return;
  }
  yield* readCsv(path, info.encoding, isHeader, onBytes);
}

function textDecoder(encoding: TextEncoding): { write(b: Buffer): string; end(): string } {
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

async function* readCsv(path: string, encoding: TextEncoding, isHeader: IsHeader, onBytes?: ProgressFn): AsyncGenerator<RawRecord> {
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
      parser = new CsvParser(chooseDelimiter(lines.slice(0, OPENING_LINES), isHeader));
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
