import iconv from 'iconv-lite';

export const FILE_KINDS = ['pdf', 'docx', 'xlsx', 'txt'] as const;
export type FileKind = (typeof FILE_KINDS)[number];
/** Largest document file accepted (20 MiB). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export const MIME: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain; charset=utf-8',
};

/**
 * The kind of a file judged by its bytes, never by its name or the client's content type: %PDF- for pdf, a ZIP
 * holding word/ or xl/ parts for docx/xlsx, and text without NUL bytes for txt. Undefined when none fits.
 */
export function detectKind(buf: Buffer): FileKind | undefined {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) {
    const names = zipEntryNames(buf);
    if (!names.includes('[Content_Types].xml')) return undefined;
    if (names.some((n) => n.startsWith('word/'))) return 'docx';
    if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
    return undefined;
  }
  if (buf.length > 0 && !buf.includes(0)) return 'txt';
  return undefined;
}

/** Entry names from the ZIP's local file headers (enough to tell an OOXML file; no decompression). */
function zipEntryNames(buf: Buffer, max = 2000): string[] {
  const names: string[] = [];
  let i = 0;
  while (i + 30 <= buf.length && names.length < max) {
    if (buf.readUInt32LE(i) !== 0x04034b50) break;
    const flags = buf.readUInt16LE(i + 6);
    const compressed = buf.readUInt32LE(i + 18);
    const nameLen = buf.readUInt16LE(i + 26);
    const extraLen = buf.readUInt16LE(i + 28);
    names.push(buf.subarray(i + 30, i + 30 + nameLen).toString('utf8'));
    if (flags & 0x08) {
      // Sizes follow the data (streamed ZIP): find the next local header instead.
      const next = buf.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), i + 30 + nameLen);
      if (next < 0) break;
      i = next;
    } else {
      i += 30 + nameLen + extraLen + compressed;
    }
  }
  return names;
}

/** The text of a txt file: UTF-8 (BOM stripped) or, when not valid UTF-8, Windows-1252. */
export function textOf(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\ufeff/, '');
  } catch {
    return iconv.decode(buf, 'win1252');
  }
}

/** The kind a file name suggests, if any. */
export function kindOfName(name: string): FileKind | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return (FILE_KINDS as readonly string[]).includes(ext ?? '') ? (ext as FileKind) : undefined;
}
