/**
 * A small random-access zip reader for the XLSX import: the central directory is read from the end of the file
 * (never from the local headers, which may leave sizes to a data descriptor), and each entry is streamed from
 * its local header, stored (method 0) or inflated (method 8), its size and CRC-32 checked at its end. Entry
 * order in the archive does not matter. ZIP64 archives are read; encrypted entries and other compression methods
 * are refused. Every failure is an AppError (422) with a Swedish and an English message, never a JS error text.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline, Transform } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { AppError } from '../errors';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header. */
  offset: number;
}

/**
 * The file is not a readable XLSX workbook: `sv`/`en` say why. Its `message` holds both reasons, for where
 * it is wrapped as the detail of another message (the import service does so for errors after the header).
 */
export function xlsxError(sv: string, en: string): AppError {
  const err = new AppError(422, 'unreadable_file', {
    sv: `Filen kunde inte läsas som XLSX: ${sv}`,
    en: `The file could not be read as XLSX: ${en}`,
  }, 'file');
  err.message = `${sv} / ${en}`;
  return err;
}

const damaged = (sv: string, en: string) => xlsxError(`den är skadad eller ofullständig (${sv}).`, `it is damaged or incomplete (${en}).`);

/**
 * Bounds on what a part may unpack to. Spreadsheet XML deflates about 5–15 times (a 50,000-row IA export: 11× for
 * the sheet, 9× for the shared strings); a part that claims to grow 200 times and beyond 32 MB, or beyond 4 GB at
 * all, is a zip bomb or damage, refused before anything is unpacked (the CRC check then holds it to its claim).
 */
const MAX_PART_BYTES = 4 * 1024 ** 3;
const MAX_RATIO = 200;
const RATIO_FROM_BYTES = 32 * 1024 ** 2;

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
const CHUNK = 64 * 1024;

/** Part names compare without case (OPC) and without a leading slash. */
const key = (name: string) => name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();

export class ZipFile {
  private readonly entries = new Map<string, ZipEntry>();
  /** Compressed bytes read so far by `stream`, over all entries (for progress). */
  bytesRead = 0;

  private constructor(
    private readonly path: string,
    private readonly fh: FileHandle,
    readonly size: number,
  ) {}

  /** Opens the archive and reads its directory; close() it when done. */
  static async open(path: string): Promise<ZipFile> {
    const fh = await open(path, 'r');
    try {
      const zip = new ZipFile(path, fh, (await fh.stat()).size);
      await zip.readDirectory();
      return zip;
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.fh.close();
  }

  get(name: string): ZipEntry | undefined {
    return this.entries.get(key(name));
  }

  get names(): string[] {
    return [...this.entries.values()].map((e) => e.name);
  }

  private async readAt(position: number, length: number): Promise<Buffer> {
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.fh.read(buf, done, length - done, position + done);
      if (bytesRead === 0) throw damaged('filen tar slut för tidigt', 'the file ends too early');
      done += bytesRead;
    }
    return buf;
  }

  private async readDirectory(): Promise<void> {
    const notZip = () => damaged('zip-arkivets innehållsförteckning saknas', "the zip archive's directory is missing");
    if (this.size < 22) throw notZip();
    const tailLength = Math.min(this.size, 22 + MAX_COMMENT + 20);
    const tailStart = this.size - tailLength;
    const tail = await this.readAt(tailStart, tailLength);
    // The last end-of-central-directory record whose comment ends the file (a comment may hold the signature).
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) !== EOCD) continue;
      if (i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
        at = i;
        break;
      }
      if (at < 0) at = i;
    }
    if (at < 0) throw notZip();
    let count = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0) {
      throw xlsxError('den är uppdelad på flera delar (ett zip-arkiv i flera volymer).', 'it is split into several parts (a multi-volume zip archive).');
    }
    if (at >= 20 && tail.readUInt32LE(at - 20) === EOCD64_LOCATOR) {
      const position = Number(tail.readBigUInt64LE(at - 20 + 8));
      if (position + 56 > this.size) throw notZip();
      const rec = await this.readAt(position, 56);
      if (rec.readUInt32LE(0) !== EOCD64) throw notZip();
      count = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdOffset = Number(rec.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > this.size || count > cdSize / 46) throw notZip();
    const cd = await this.readAt(cdOffset, cdSize);
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw notZip();
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const crc = cd.readUInt32LE(p + 16);
      let compressedSize = cd.readUInt32LE(p + 20);
      let size = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      let offset = cd.readUInt32LE(p + 42);
      const nameStart = p + 46;
      const extraStart = nameStart + nameLength;
      const next = extraStart + extraLength + commentLength;
      if (next > cd.length) throw notZip();
      const name = cd.toString('utf8', nameStart, extraStart);
      // ZIP64: the fields that overflowed are in extra field 1, in this order.
      if (size === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff) {
        for (let x = extraStart; x + 4 <= extraStart + extraLength; ) {
          const id = cd.readUInt16LE(x);
          const length = cd.readUInt16LE(x + 2);
          if (id === 1) {
            let f = x + 4;
            const field = () => {
              if (f + 8 > x + 4 + length) throw notZip();
              const v = Number(cd.readBigUInt64LE(f));
              f += 8;
              return v;
            };
            if (size === 0xffffffff) size = field();
            if (compressedSize === 0xffffffff) compressedSize = field();
            if (offset === 0xffffffff) offset = field();
            break;
          }
          x += 4 + length;
        }
      }
      if (offset + 30 + compressedSize > this.size) throw notZip();
      const k = key(name);
      if (!this.entries.has(k)) this.entries.set(k, { name, method, flags, crc, compressedSize, size, offset });
      p = next;
    }
  }

  /**
   * The entry's uncompressed bytes, chunk by chunk. Stopping early is fine (the file stream is closed). The size
   * and CRC-32 are checked when the entry has been read to its end.
   */
  async *stream(entry: ZipEntry, onBytes?: (total: number) => void): AsyncGenerator<Buffer> {
    const part = `"${entry.name}"`;
    if (entry.flags & 1) throw xlsxError('den är krypterad (lösenordsskyddad).', 'it is encrypted (password protected).');
    if (entry.method !== 0 && entry.method !== 8) {
      throw xlsxError(
        `delen ${part} är komprimerad med en metod som inte stöds (${entry.method}).`,
        `part ${part} is compressed with an unsupported method (${entry.method}).`,
      );
    }
    const sized = (n: number, lang: string) => {
      const [v, unit] = n >= 1024 ** 3 ? [n / 1024 ** 3, 'GB'] : n >= 1024 ** 2 ? [n / 1024 ** 2, 'MB'] : [n / 1024, 'KB'];
      return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(v)} ${unit}`;
    };
    if (entry.size > MAX_PART_BYTES || (entry.size > RATIO_FROM_BYTES && entry.size > MAX_RATIO * Math.max(1, entry.compressedSize))) {
      throw xlsxError(
        `delen ${part} packas upp till ${sized(entry.size, 'sv-SE')} ur ${sized(entry.compressedSize, 'sv-SE')}, mer än ett kalkylblad kan vara (en zip-bomb eller en skadad fil).`,
        `part ${part} unpacks to ${sized(entry.size, 'en')} from ${sized(entry.compressedSize, 'en')}, more than a spreadsheet can be (a zip bomb or a damaged file).`,
      );
    }
    const local = await this.readAt(entry.offset, 30);
    if (local.readUInt32LE(0) !== LOCAL) throw damaged(`delen ${part} hittas inte`, `part ${part} is not where the directory says`);
    const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (start + entry.compressedSize > this.size) throw damaged(`delen ${part} är avkortad`, `part ${part} is truncated`);
    const broken = () => damaged(`delen ${part} kan inte packas upp`, `part ${part} cannot be unpacked`);
    if (entry.compressedSize === 0) {
      if (entry.size !== 0) throw broken();
      return;
    }
    const source = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: CHUNK });
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, cb) => {
        this.bytesRead += chunk.length;
        onBytes?.(this.bytesRead);
        cb(null, chunk);
      },
    });
    const out = entry.method === 8
      ? pipeline(source, counter, createInflateRaw({ chunkSize: CHUNK }), () => {})
      : pipeline(source, counter, () => {});
    let crc = 0;
    let size = 0;
    try {
      for await (const chunk of out as AsyncIterable<Buffer>) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        if (size > entry.size) throw broken();
        yield chunk;
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw broken();
    } finally {
      out.destroy();
    }
    if (size !== entry.size || crc >>> 0 !== entry.crc >>> 0) throw broken();
  }
}
