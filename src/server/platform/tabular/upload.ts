/** An uploaded import file, spooled to a private temp file while its SHA-256 and encoding are worked out. */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { AppError, badRequest } from '../errors';
import { FileInspector, type FileInfo } from './source';

/** An empty file: the same 422 whether it is uploaded or given to the CLI, and whether it has 0 bytes or only blank lines. */
export const EMPTY_FILE = new AppError(422, 'empty_file', { sv: 'Filen är tom.', en: 'The file is empty.' }, 'file');

/** Largest accepted upload; the app's general body limit exempts the import route (see src/server/app.ts). */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

const ACCEPTED_TYPES = new Set([
  'text/csv', 'text/plain', 'text/tab-separated-values', 'application/csv', 'application/octet-stream',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

export function checkContentType(header: string | undefined): void {
  const type = (header ?? 'application/octet-stream').split(';')[0].trim().toLowerCase();
  if (type === '' || ACCEPTED_TYPES.has(type)) return;
  throw new AppError(415, 'unsupported_media_type', {
    sv: `Fel innehållstyp "${type}": skicka filen som den är (text/csv, XLSX eller application/octet-stream), inte som formulär.`,
    en: `Wrong content type "${type}": send the file as the raw body (text/csv, XLSX or application/octet-stream), not as a form.`,
  }, 'content-type');
}

export interface Spooled {
  path: string;
  info: FileInfo;
  dispose(): Promise<void>;
}

export async function spoolUpload(body: ReadableStream<Uint8Array> | null, maxBytes = IMPORT_MAX_BYTES): Promise<Spooled> {
  if (!body) throw badRequest('empty_file', { sv: 'Filen saknas (tom begäran).', en: 'The file is missing (empty request).' }, 'file');
  const dir = await mkdtemp(join(tmpdir(), 'tillit-import-'));
  const path = join(dir, 'upload');
  const dispose = () => rm(dir, { recursive: true, force: true });
  const out = createWriteStream(path, { mode: 0o600 });
  const ins = new FileInspector();
  try {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      ins.update(chunk);
      if (ins.bytes > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new AppError(413, 'too_large', {
          sv: `Filen är för stor (högst ${Math.round(maxBytes / 1024 / 1024)} MB).`,
          en: `The file is too large (at most ${Math.round(maxBytes / 1024 / 1024)} MB).`,
        }, 'file');
      }
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const info = ins.result();
    if (info.size === 0) throw EMPTY_FILE;
    return { path, info, dispose };
  } catch (err) {
    out.destroy();
    await dispose();
    throw err;
  }
}

/**
 * The uploaded file's name as the browser sends it (X-File-Name, percent-encoded: a header carries ASCII only, and
 * "Avvikelser Hässelby.csv" is a name too), for the import's audit row: at most 255 characters, no control characters.
 * A name that is not percent-encoding (a script's "100%.csv") is taken as written.
 */
export function uploadedFileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  let name = header;
  try {
    name = decodeURIComponent(header);
  } catch {
    /* as written */
  }
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim().slice(0, 255);
  return name || undefined;
}
