/**
 * An XLSX file's shared-strings table (every distinct text of the workbook, which cells refer to by number) kept
 * in a temporary file instead of memory. Excel puts each title and description there, so for a large export the
 * table is about as large as the data (a 200,000-row workbook held as one array peaked at 589 MB); here only
 * the entries' offsets stay in memory (8 bytes each).
 *
 * The file is unlinked as soon as it is open: it needs no cleanup and is gone with the process, however it ends.
 * Lookups are synchronous, with a small cache for the texts many rows share (statuses, types, units) and a read
 * window, since Excel writes the table in the order the texts first appear, which is the order rows ask for them.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FLUSH_BYTES = 1 << 20;
const CACHE_ENTRIES = 4096;
const CHUNK = 1 << 16;
const WINDOW_BYTES = 1 << 16;

export class SharedStringFile {
  private readonly fd: number;
  /**
   * Where entry i starts, in chunks of CHUNK (no growing copy of one large array); entries are stored back to
   * back (UTF-8), entry i ending where i + 1 starts.
   */
  private readonly starts: Float64Array[] = [];
  private count = 0;
  private size = 0;
  private flushed = 0;
  /** Entries not yet written to the file, from `flushed` on (one reused buffer: no allocation per entry). */
  private pending = Buffer.allocUnsafe(FLUSH_BYTES);
  private pendingBytes = 0;
  /** The file's bytes [windowStart, windowEnd), read ahead for the entries that follow. */
  private readonly window = Buffer.allocUnsafe(WINDOW_BYTES);
  private windowStart = 0;
  private windowEnd = 0;
  private readonly cache = new Map<number, string>();
  private closed = false;

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

  push(text: string): number {
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

  get(index: number): string | undefined {
    if (!(Number.isInteger(index) && index >= 0 && index < this.count)) return undefined;
    const hit = this.cache.get(index);
    if (hit !== undefined) return hit;
    const start = this.start(index);
    const end = index + 1 < this.count ? this.start(index + 1) : this.size;
    if (end > this.flushed) this.flush();
    const length = end - start;
    let text: string;
    if (start >= this.windowStart && end <= this.windowEnd) {
      text = this.window.toString('utf8', start - this.windowStart, end - this.windowStart);
    } else if (length <= WINDOW_BYTES) {
      this.windowStart = start;
      this.windowEnd = start + this.readInto(this.window, start, Math.min(WINDOW_BYTES, this.flushed - start), length);
      text = this.window.toString('utf8', 0, length);
    } else {
      const buf = Buffer.allocUnsafe(length);
      this.readInto(buf, start, length, length);
      text = buf.toString('utf8');
    }
    if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(index, text);
    return text;
  }

  /** Reads up to `want` bytes at `position` (at least `need`); returns how many were read. */
  private readInto(buf: Buffer, position: number, want: number, need: number): number {
    let read = 0;
    while (read < need) {
      const n = readSync(this.fd, buf, read, want - read, position + read);
      if (n === 0) break;
      read += n;
    }
    return read;
  }

  private start(index: number): number {
    return this.starts[Math.floor(index / CHUNK)][index % CHUNK];
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private flush(): void {
    let written = 0;
    while (written < this.pendingBytes) written += writeSync(this.fd, this.pending, written, this.pendingBytes - written, this.flushed + written);
    this.flushed += this.pendingBytes;
    this.pendingBytes = 0;
  }
}
