/**
 * An XLSX file's shared-strings table (every distinct text of the workbook, which cells refer to by number) kept
 * in a temporary file instead of memory. Excel puts each title and description there, so for a large export the
 * table is about as large as the data: exceljs holds it as one array, and a 200,000-row workbook peaked at 589 MB.
 *
 * The file is unlinked as soon as it is open: it needs no cleanup and is gone with the process, however it ends.
 * Lookups are synchronous (exceljs reads cells synchronously), with a small cache for the texts many rows
 * share (statuses, types, units).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Entry = string | { richText: unknown[] };

const FLUSH_BYTES = 1 << 20;
const CACHE_ENTRIES = 4096;
const CHUNK = 1 << 16;

export class SharedStringFile {
  private readonly fd: number;
  /**
   * Where entry i starts, in chunks of CHUNK (no growing copy of one large array); entries are stored back to
   * back (UTF-8, 's' + text or 'r' + rich-text JSON), entry i ending where i + 1 starts.
   */
  private readonly starts: Float64Array[] = [];
  private count = 0;
  private size = 0;
  private flushed = 0;
  /** Entries not yet written to the file, from `flushed` on (one reused buffer: no allocation per entry). */
  private pending = Buffer.allocUnsafe(FLUSH_BYTES);
  private pendingBytes = 0;
  /** Reused for reading entries back. */
  private readBuffer = Buffer.allocUnsafe(4096);
  private readonly cache = new Map<number, Entry>();

  constructor() {
    const dir = mkdtempSync(join(tmpdir(), 'tillit-xlsx-'));
    const path = join(dir, 'shared-strings');
    this.fd = openSync(path, 'w+', 0o600);
    unlinkSync(path);
    rmdirSync(dir);
  }

  get length(): number {
    return this.count;
  }

  push(entry: Entry): number {
    const text = typeof entry === 'string' ? `s${entry}` : `r${JSON.stringify(entry)}`;
    const length = Buffer.byteLength(text, 'utf8');
    if (this.pendingBytes + length > this.pending.length) {
      this.flush();
      if (length > this.pending.length) this.pending = Buffer.allocUnsafe(length);
    }
    this.pendingBytes += this.pending.write(text, this.pendingBytes, 'utf8');
    if (this.count % CHUNK === 0) this.starts.push(new Float64Array(CHUNK));
    this.starts[this.starts.length - 1][this.count % CHUNK] = this.size;
    this.count++;
    this.size += length;
    return this.count;
  }

  get(index: number): Entry | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    const hit = this.cache.get(index);
    if (hit !== undefined) return hit;
    const start = this.start(index);
    const end = index + 1 < this.count ? this.start(index + 1) : this.size;
    if (end > this.flushed) this.flush();
    const length = end - start;
    if (length > this.readBuffer.length) this.readBuffer = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) read += readSync(this.fd, this.readBuffer, read, length - read, start + read);
    const text = this.readBuffer.toString('utf8', 0, length);
    const entry: Entry = text[0] === 's' ? text.slice(1) : (JSON.parse(text.slice(1)) as Entry);
    if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(index, entry);
    return entry;
  }

  private start(index: number): number {
    return this.starts[Math.floor(index / CHUNK)][index % CHUNK];
  }

  close(): void {
    closeSync(this.fd);
  }

  private flush(): void {
    let written = 0;
    while (written < this.pendingBytes) written += writeSync(this.fd, this.pending, written, this.pendingBytes - written, this.flushed + written);
    this.flushed += this.pendingBytes;
    this.pendingBytes = 0;
  }

  /**
   * Installs this file as `reader.sharedStrings` of an exceljs stream WorkbookReader: it appears when exceljs
   * starts reading the table (until then a worksheet is parked on disk by exceljs, as without it), takes its
   * pushes, and answers its `sharedStrings[index]` lookups.
   */
  attachTo(reader: object): void {
    const table = new Proxy(this, {
      get(target, prop) {
        if (prop === 'push') return (e: Entry) => target.push(e);
        if (prop === 'length') return target.count;
        if (typeof prop === 'string') {
          const n = Number(prop);
          if (Number.isInteger(n)) return target.get(n);
        }
        return undefined;
      },
    });
    let reading = false;
    Object.defineProperty(reader, 'sharedStrings', {
      configurable: true,
      get: () => (reading ? table : undefined),
      set: (v: unknown) => {
        reading = v !== undefined && v !== null;
      },
    });
  }
}
