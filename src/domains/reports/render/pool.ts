/**
 * DOCX and PDF rendered off the server's thread. Their layout is synchronous (pdfmake, docx) and takes a second or more
 * for a whole review: on the server's own thread every other request waited that long. The server runs from the CLI
 * bundle (scripts/build-cli.mjs), and one worker thread runs the same bundle (src/cli/main.ts starts serveRenders
 * there), taking the report JSON and giving back the file's bytes; jobs are done one at a time, in turn.
 * From the TypeScript sources (tests, TILLIT_FROM_SOURCE) there is no file a worker could load as it stands, and the
 * documents are rendered in place, as before.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import type { ReportJson } from '../build';
import { renderReport, type Format } from './index';
import { RENDER_ROLE } from './role';


/** Running from the bundle: the file a worker can start from. */
const BUNDLED = import.meta.url.endsWith('/dist/cli/tillit.mjs');

interface Job { resolve(body: Buffer): void; reject(err: Error): void }
interface Request { id: number; json: ReportJson; format: Format; template?: Uint8Array }
interface Reply { id: number; body?: ArrayBuffer; error?: string }

let worker: Worker | null = null;
const jobs = new Map<number, Job>();
let nextId = 0;

function startWorker(): Worker {
  const w = new Worker(new URL(import.meta.url), { workerData: { role: RENDER_ROLE } });
  // Idle, it keeps no process alive (a CLI command that rendered ends when it is done).
  w.unref();
  w.on('message', (m: Reply) => {
    const job = jobs.get(m.id);
    if (!job) return;
    jobs.delete(m.id);
    if (m.body) job.resolve(Buffer.from(m.body));
    else job.reject(new Error(m.error ?? 'render failed'));
  });
  // A worker that fails or ends takes its jobs with it; the next render starts a new one.
  const fail = (err: Error) => {
    if (worker === w) worker = null;
    for (const job of jobs.values()) job.reject(err);
    jobs.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`the render thread ended (${code})`)));
  return w;
}

/** renderReport, with DOCX and PDF done on the render thread when running from the bundle. */
export function renderOffThread(json: ReportJson, format: Format, template?: Buffer): Promise<Buffer> {
  if (!BUNDLED || !isMainThread || (format !== 'docx' && format !== 'pdf')) return renderReport(json, format, template);
  worker ??= startWorker();
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    jobs.set(id, { resolve, reject });
    worker!.postMessage({ id, json, format, template } satisfies Request);
  });
}

/** The render thread's side: each request rendered in turn, its bytes handed back (transferred, not copied). */
export function serveRenders(): void {
  const port = parentPort!;
  let turn = Promise.resolve();
  port.on('message', (m: Request) => {
    turn = turn.then(async () => {
      try {
        const b = await renderReport(m.json, m.format, m.template ? Buffer.from(m.template) : undefined);
        const body = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
        port.postMessage({ id: m.id, body } satisfies Reply, [body]);
      } catch (err) {
        port.postMessage({ id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies Reply);
      }
    });
  });
}
