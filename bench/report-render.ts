/**
 * Render time of the management review: DOCX and PDF for a förvaltning-sized report JSON (figures of
 * 10,000 incidents are aggregates, so the size that matters is the 1,000 VoR/risk rows), and the HTML/JSON
 * for comparison. Writes bench/results/report-render.json. Run: node bin/run-ts.mjs bench/report-render.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReport, type Format } from '../src/domains/reports/render/index';
import { sampleReportJson } from '../src/domains/reports/sample';

const here = dirname(fileURLToPath(import.meta.url));
const cases = [
  { name: 'forvaltning-typical', json: sampleReportJson({ vorRows: 12, incidentsTotal: 10_000 }) },
  { name: 'forvaltning-1000-risks', json: sampleReportJson({ vorRows: 1000, incidentsTotal: 10_000 }) },
];
const formats: Format[] = ['json', 'html', 'docx', 'pdf'];
const results: Record<string, unknown>[] = [];
await renderReport(cases[0].json, 'docx'); // warm up fonts, ECharts and the PDF engine once
await renderReport(cases[0].json, 'pdf');
for (const c of cases) {
  for (const f of formats) {
    const runs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      bytes = (await renderReport(c.json, f)).length;
      runs.push(performance.now() - t);
    }
    runs.sort((a, b) => a - b);
    const r = { case: c.name, format: f, medianMs: Math.round(runs[1]), minMs: Math.round(runs[0]), bytes, rssMb: Math.round(process.memoryUsage().rss / 1e6) };
    results.push(r);
    console.log(JSON.stringify(r));
  }
}
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'report-render.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2) + '\n');
