/**
 * `npm run bench`: the foundation's speed targets (issue 3, "Speed"), measured on this machine.
 *   server-ready   `tillit serve` on an existing PGlite directory until /api/health answers (median of runs) < 2 s
 *   health-p99     /api/health latency over sequential requests, p99                                       < 5 ms
 *   web-initial-js gzip size of the JS the web app's index.html loads up front (entry + modulepreload)        < 250 KB
 * Each writes bench/results/<name>.json (date, machine, values, target, pass) and the table is printed.
 * Options (env): BENCH_READY_RUNS (default 5), BENCH_HEALTH_REQUESTS (default 5000), BENCH_ONLY=name,name,
 * BENCH_SCALE (default 1; e.g. 0.02 for a quick run with smaller data, results then in bench/results/quick/).
 * BENCH_ONLY takes names or prefixes: BENCH_ONLY=incidents-list,risks,report,import. BENCH_LIST_FILTERS=name,name runs
 * only those filters of the incident list (results then in bench/results/quick/ too).
 * Other benchmarks may live beside this file as bench/<name>.bench.ts exporting `benchmarks: Benchmark[]`:
 *   import.bench.ts         issue 4: `tillit import incidents` rows/s on PostgreSQL and PGlite, vs `psql \copy`
 *   incidents-list.bench.ts issue 4: GET /api/incidents p95 and vs raw SQL, 1,000,000 incidents (city.ts generates them)
 *   reports.bench.ts        issue 6: DOCX/PDF of a förvaltning, city rollup of 50, memory (report-worker.ts)
 *   risks.bench.ts          issue 5: register heat map and list p95, 10,000 risks
 * The generated PostgreSQL databases (tillit_bench, tillit_bench_reports, …) are kept and reused between runs;
 * BENCH_REGENERATE=1 rebuilds them. BENCH_PG_URL: the admin connection (default postgres@127.0.0.1:5432).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, hostname, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'tillit.mjs');
const RESULTS = join(ROOT, 'bench', 'results');

export interface BenchResult {
  name: string;
  description: string;
  unit: string;
  value: number | null;
  target: number;
  /** 'max': value must stay below target; 'min': value must reach above it. `inclusive`: equal passes too (≤ / ≥). */
  kind: 'max' | 'min';
  inclusive?: boolean;
  details?: Record<string, unknown>;
  skipped?: string;
}
export interface Benchmark {
  name: string;
  run(): Promise<BenchResult>;
}

const machine = () => ({
  hostname: hostname(),
  platform: `${platform()} ${release()}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  loadAverage1m: round(loadavg()[0], 2),
});

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

function runCli(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? res() : rej(new Error(`tillit ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

/** CPU time (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

interface Served {
  url: string;
  readyMs: number;
  /** CPU the server used until ready: independent of other load on the machine. */
  cpuMs?: number;
  stop(): Promise<void>;
}

/** Spawns `tillit serve` and measures wall time from spawn until /api/health first answers 200. */
async function serve(env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${err}`);
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - t0 > 120_000) throw new Error(`serve did not become ready: ${err}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const readyMs = performance.now() - t0;
  return {
    url,
    readyMs,
    cpuMs: cpuMsOf(child.pid),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

let dataDir: string | undefined;
/** An existing data directory: migrated and holding the demo data, made once per bench run. */
async function existingDataDir(): Promise<string> {
  if (!dataDir) {
    dataDir = mkdtempSync(join(tmpdir(), 'tillit-bench-'));
    await runCli(['demo'], { TILLIT_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  }
  return dataDir;
}

const serverReady: Benchmark = {
  name: 'server-ready',
  async run() {
    const dir = await existingDataDir();
    const runs = Number(process.env.BENCH_READY_RUNS ?? 5);
    await (await serve({ TILLIT_DATA_DIR: dir })).stop(); // warm the OS file cache and the TypeScript loader's cache
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = await serve({ TILLIT_DATA_DIR: dir });
      times.push(s.readyMs);
      if (s.cpuMs !== undefined) cpu.push(s.cpuMs);
      await s.stop();
    }
    const cpuSorted = [...cpu].sort((a, b) => a - b);
    const sorted = [...times].sort((a, b) => a - b);
    return {
      name: 'server-ready',
      description: '`tillit serve` on an existing PGlite data directory (demo data) until GET /api/health answers; median',
      unit: 'ms',
      value: round(quantile(sorted, 0.5), 0),
      target: 2000,
      kind: 'max',
      details: {
        runs: times.map((t) => round(t, 0)),
        min: round(sorted[0], 0),
        max: round(sorted[sorted.length - 1], 0),
        // Wall time suffers from anything else running; CPU time until ready does not.
        cpuMsMedian: cpu.length ? round(quantile(cpuSorted, 0.5), 0) : null,
        loadAverage1m: round(loadavg()[0], 2),
      },
    };
  },
};

const healthP99: Benchmark = {
  name: 'health-p99',
  async run() {
    const dir = await existingDataDir();
    const n = Number(process.env.BENCH_HEALTH_REQUESTS ?? 5000);
    const s = await serve({ TILLIT_DATA_DIR: dir });
    try {
      for (let i = 0; i < 200; i++) await (await fetch(`${s.url}/api/health`)).arrayBuffer(); // warm-up
      const lat: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const r = await fetch(`${s.url}/api/health`);
        await r.arrayBuffer();
        lat.push(performance.now() - t);
        if (r.status !== 200) throw new Error(`health answered ${r.status}`);
      }
      lat.sort((a, b) => a - b);
      return {
        name: 'health-p99',
        description: `GET /api/health (asks the database), ${n} sequential requests over keep-alive, p99 client-side`,
        unit: 'ms',
        value: round(quantile(lat, 0.99)),
        target: 5,
        kind: 'max',
        details: { requests: n, p50: round(quantile(lat, 0.5)), p90: round(quantile(lat, 0.9)), p999: round(quantile(lat, 0.999)), max: round(lat[lat.length - 1]) },
      };
    } finally {
      await s.stop();
    }
  },
};

const webInitialJs: Benchmark = {
  name: 'web-initial-js',
  async run() {
    const web = join(ROOT, 'dist', 'web');
    const base = { name: 'web-initial-js', description: 'gzip (level 9) of the JS index.html loads up front: entry scripts and modulepreloads', unit: 'KB', target: 250, kind: 'max' as const };
    if (!existsSync(join(web, 'index.html'))) return { ...base, value: null, skipped: 'dist/web is not built (npm run build)' };
    const html = readFileSync(join(web, 'index.html'), 'utf8');
    const srcs = new Set<string>();
    for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)) srcs.add(m[1]);
    for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"|<link\b[^>]*href="([^"]+\.js)"[^>]*rel="modulepreload"/g)) srcs.add(m[1] ?? m[2]);
    const files = [...srcs].map((src) => {
      const path = join(web, src.replace(/^\//, ''));
      const raw = readFileSync(path);
      return { file: src, bytes: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
    });
    const total = files.reduce((n, f) => n + f.gzip, 0);
    return { ...base, value: round(total / 1024, 1), details: { files, rawKb: round(files.reduce((n, f) => n + f.bytes, 0) / 1024, 1) } };
  },
};

async function extraBenchmarks(): Promise<Benchmark[]> {
  const dir = join(ROOT, 'bench');
  const out: Benchmark[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.bench.ts')).sort()) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { benchmarks?: Benchmark[] };
    out.push(...(mod.benchmarks ?? []));
  }
  return out;
}

async function main() {
  const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
  const all = [serverReady, healthP99, webInitialJs, ...(await extraBenchmarks())].filter((b) => !only || [...only].some((o) => b.name === o || b.name.startsWith(o + '-')));
  mkdirSync(RESULTS, { recursive: true });
  // BENCH_SCALE < 1 (e.g. 0.05): the quick version with smaller data sets; its figures are not the targets' sizes.
  const scale = Number(process.env.BENCH_SCALE ?? 1) || 1;
  // A quick or partial run (BENCH_LIST_FILTERS) never overwrites the full results.
  const outDir = scale === 1 && !process.env.BENCH_LIST_FILTERS ? RESULTS : join(RESULTS, 'quick');
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  const rowsOut: string[][] = [];
  let failed = 0;
  try {
    for (const b of all) {
      process.stdout.write(`… ${b.name}\n`);
      let r: BenchResult;
      try {
        r = await b.run();
      } catch (err) {
        r = { name: b.name, description: 'failed to run', unit: '', value: null, target: 0, kind: 'max', skipped: `error: ${(err as Error).message.slice(0, 500)}` };
      }
      const pass = r.value === null ? null : r.kind === 'min' ? (r.inclusive ? r.value >= r.target : r.value > r.target) : r.inclusive ? r.value <= r.target : r.value < r.target;
      if (pass === false) failed++;
      writeFileSync(join(outDir, `${r.name}.json`), JSON.stringify({ ...r, pass, scale, date: new Date().toISOString(), machine: machine() }, null, 2) + '\n');
      const op = r.kind === 'min' ? (r.inclusive ? '≥' : '>') : r.inclusive ? '≤' : '<';
      rowsOut.push([r.name, r.value === null ? '–' : `${r.value} ${r.unit}`, `${op} ${r.target} ${r.unit}`, pass === null ? `SKIP (${r.skipped})` : pass ? 'PASS' : 'FAIL']);
    }
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[['benchmark', 'value', 'target', 'result'], ...rowsOut].map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log('\n' + line(['benchmark', 'value', 'target', 'result']));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rowsOut) console.log(line(r));
  if (scale !== 1) console.log(`\nBENCH_SCALE=${scale}: snabbversion med mindre data / quick version with smaller data`);
  console.log(`Tid / time: ${round((performance.now() - started) / 1000, 0)} s, load ${round(loadavg()[0], 2)}`);
  console.log(`\nResultat / results: ${outDir.slice(ROOT.length + 1)}/*.json  (${machine().cpu}, ${machine().cores} kärnor/cores, ${machine().node})`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
