import { ApiError, apiUrl, type Problem } from '../api/client';
import type { ImportSummary } from '../../server/platform/tabular/summary';

export interface ImportProgress {
  phase: 'upload' | 'process';
  /** 0..1 */
  fraction: number;
  rows?: number;
}
export interface ImportOutcome extends ImportSummary {
  /** 200: went through (or a clean dry run); 422: invalid rows, nothing written. */
  status: number;
}

/**
 * POSTs the file as the raw body to an import route (`path`, e.g. /incidents/import, with `query`; dryRun and
 * skipInvalid are added). XMLHttpRequest for the upload's progress events. The incident import answers NDJSON
 * (progress lines while the server works, then one result or error line); an import that answers the summary as
 * plain JSON (200, or 422 with the summary) is read the same way.
 */
export function runImport(
  file: File,
  opts: { path: string; query: Record<string, string | number>; dryRun: boolean; skipInvalid: boolean; csrf: string },
  onProgress: (p: ImportProgress) => void,
): Promise<ImportOutcome> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(opts.path, { ...opts.query, dryRun: String(opts.dryRun), skipInvalid: String(opts.skipInvalid) }));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/x-ndjson');
    xhr.setRequestHeader('X-CSRF-Token', opts.csrf);
    // Percent-encoded: a header carries ASCII only, and the name may hold å, ä and ö (uploadedFileName decodes it).
    if (file.name) xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name.slice(0, 255)));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ phase: 'upload', fraction: e.total ? e.loaded / e.total : 0 });
    };
    let seen = 0;
    const lines = (): Record<string, unknown>[] => {
      const text = xhr.responseText ?? '';
      const out: Record<string, unknown>[] = [];
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          out.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          /* a partial last line: read again on the next event */
        }
      }
      return out;
    };
    xhr.onprogress = () => {
      if (xhr.status !== 200) return;
      const all = lines();
      for (const o of all.slice(seen)) {
        if (o.type === 'progress') {
          const total = Number(o.totalBytes) || 0;
          onProgress({ phase: 'process', fraction: total ? Math.min(1, Number(o.bytes) / total) : 0, rows: Number(o.rows) });
        }
      }
      seen = all.length;
    };
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: 'network', detail_sv: 'Kunde inte nå servern.', detail_en: 'Could not reach the server.' }));
    xhr.onload = () => {
      if (xhr.status === 422 && !(xhr.getResponseHeader('content-type') ?? '').includes('problem')) {
        try {
          const summary = JSON.parse(xhr.responseText) as ImportSummary;
          if (typeof summary.created === 'number') {
            resolve({ ...summary, status: 422 });
            return;
          }
        } catch {
          /* not the summary: a problem below */
        }
      }
      if (xhr.status !== 200) {
        let p: Partial<Problem> = {};
        try {
          p = JSON.parse(xhr.responseText) as Partial<Problem>;
        } catch {
          /* not JSON */
        }
        reject(new ApiError({ ...p, status: xhr.status }));
        return;
      }
      const last = lines().filter((o) => o.type !== 'progress').pop();
      if (!last) {
        reject(new ApiError({ status: 500, detail_sv: 'Servern avbröt importen.', detail_en: 'The server aborted the import.' }));
      } else if (last.type === 'error') {
        reject(new ApiError({ ...(last as Partial<Problem>), status: Number(last.status) || 500 }));
      } else {
        onProgress({ phase: 'process', fraction: 1 });
        resolve({ ...(last as unknown as ImportOutcome), status: Number(last.status) || 200 });
      }
    };
    xhr.send(file);
  });
}
