/**
 * Child process of bench/reports.bench.ts (so its peak memory is its own): builds the management review from
 * the database and renders it, printing one JSON line of timings. Usage: report-worker.ts DATABASE_URL
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { openDatabase } from '../src/server/platform/db';
import { loadConfig } from '../src/server/platform/config';
import { systemCtx } from '../src/server/platform/context';
import { findOrg } from '../src/domains/org/service';
import { buildReportJson } from '../src/domains/reports/build';
import { renderReport } from '../src/domains/reports/render/index';
import { sampleReportJson } from '../src/domains/reports/sample';

const [url, forvSlug, warmSlug, citySlug, yearText, runsText] = process.argv.slice(2);
const year = Number(yearText);
const runs = Number(runsText ?? 3);
const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
const ctx = systemCtx({ db: database.db, config: loadConfig({}), log: pino({ level: 'silent' }) }, 'bench');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rss = () => Math.round(process.memoryUsage().rss / 2 ** 20);

async function measure(slug: string, n: number) {
  const org = await findOrg(database.db, slug);
  const build: number[] = [];
  const docx: number[] = [];
  const pdf: number[] = [];
  const bytes = { docx: 0, pdf: 0 };
  let json;
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    json = await buildReportJson(ctx, org, year, { asOf: `${year}-12-31` });
    build.push(performance.now() - t);
    t = performance.now();
    bytes.docx = (await renderReport(json, 'docx')).length;
    docx.push(performance.now() - t);
    t = performance.now();
    bytes.pdf = (await renderReport(json, 'pdf')).length;
    pdf.push(performance.now() - t);
  }
  const j = json as unknown as { incidents?: { total: number }; risks?: { vor: unknown[]; register: { total: number } }; rollup?: { forvaltningar: unknown[] } };
  return {
    org: slug, buildMs: Math.round(median(build)), docxMs: Math.round(median(docx)), pdfMs: Math.round(median(pdf)),
    runs: { build: build.map(Math.round), docx: docx.map(Math.round), pdf: pdf.map(Math.round) }, bytes,
    incidentsInYear: j.incidents?.total ?? null, vorEvents: j.risks?.vor.length ?? null, registerRisksOpen: j.risks?.register.total ?? null,
    rollupForvaltningar: j.rollup?.forvaltningar.length ?? null, rssMb: rss(),
  };
}

// A fresh process pays for loading fonts, ECharts and the PDF engine once: measured separately on another förvaltning.
const t0 = performance.now();
await measure(warmSlug, 1);
const coldFirstMs = Math.round(performance.now() - t0);
const startRss = rss(); // every module loaded: the baseline for what the reports themselves take
const forvaltning = await measure(forvSlug, runs);
const city = await measure(citySlug, Math.max(1, runs - 1));
await database.close();
const hwmMB = () => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024);
const peakRssMB = hwmMB();
// bench/report-render.ts's cases: render only, from the sample JSON (no database), as a stress reference.
const renderOnly: Record<string, unknown>[] = [];
for (const [name, vorRows] of [['sample-12-vor-rows', 12], ['sample-1000-vor-rows', 1000]] as const) {
  const json = sampleReportJson({ vorRows, incidentsTotal: 10_000 });
  for (const f of ['docx', 'pdf'] as const) {
    const t = performance.now();
    const bytes = (await renderReport(json, f)).length;
    renderOnly.push({ case: name, format: f, ms: Math.round(performance.now() - t), bytes });
  }
}
process.stdout.write(JSON.stringify({ startRss, coldFirstMs, forvaltning, city, peakRssMB, renderOnly, endRss: rss(), peakRssWithRenderOnlyMB: hwmMB() }) + '\n');
