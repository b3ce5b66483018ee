/** The upload route: raw body, summary answer, 422 / 403 / 404 / 413 / 415, NDJSON progress. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, userWithRole, type Client, type TestServer } from '../../../test/harness';
import { csv, ensureCity, EXAMPLE, freshOrg, sheetDate, stored, xlsx, type FreshOrg } from './testkit';
import { writeGeneratedCsv } from './testdata';
import { tmpFile } from './testkit';
import { readFileSync } from 'node:fs';
import { spoolUpload } from './upload';

let t: TestServer;
let manager: Client;
let o: FreshOrg;
let other: FreshOrg;

beforeAll(async () => {
  t = await startTestServer();
  await ensureCity(t);
  o = await freshOrg(t);
  other = await freshOrg(t);
  manager = await userWithRole(t, 'dso@test.se', 'dso', o.slug);
});
afterAll(() => t.close());

async function upload(c: Client, query: string, body: string | Buffer, type = 'text/csv', accept = 'application/json') {
  const res = await fetch(`${c.base}/api/incidents/import?${query}`, {
    method: 'POST',
    headers: { cookie: c.cookie ?? '', 'x-csrf-token': c.csrf ?? '', 'content-type': type, accept },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json as any, text };
}

const HEAD = ['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status'];

describe('POST /api/incidents/import', () => {
  it('imports a CSV body and answers the summary', async () => {
    const r = await upload(manager, `org=${o.slug}`, EXAMPLE);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0, errors: [], warnings: [], warnings_sv: [], warnings_en: [] });
    expect(await stored(t, o.id)).toHaveLength(2);
  });

  it('dry run first: counts and every bad row, nothing written; 422 when rows are invalid', async () => {
    const body = csv([HEAD, ['H-1', 'a', '2025-01-01', 'Klar'], ['H-2', 'b', '2025-01-01', 'Öppen'], ['H-3', '', '2025-01-01', 'Klar']]);
    const before = (await stored(t, o.id)).length;
    const dry = await upload(manager, `org=${o.slug}&dryRun=true&skipInvalid=true`, body);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ created: 1, rejected: 2 });
    expect(dry.body.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([[3, 'Status'], [4, 'Rubrik']]);
    const strict = await upload(manager, `org=${o.slug}`, body);
    expect(strict.status).toBe(422);
    expect(strict.body).toMatchObject({ created: 0, rejected: 2 });
    expect((await stored(t, o.id)).length).toBe(before);
    const skip = await upload(manager, `org=${o.slug}&skipInvalid=true`, body);
    expect(skip.status).toBe(200);
    expect((await stored(t, o.id)).length).toBe(before + 1);
  });

  it('detects XLSX by its signature whatever the content type', async () => {
    const buf = await xlsx([HEAD, ['X-1', 'Från Excel', sheetDate(2025, 4, 1, 8, 0), 'Klar']]);
    const r = await upload(manager, `org=${o.slug}`, buf, 'application/octet-stream');
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(1);
  });

  it('403 without incident.manage on that organisation, 404 for an unknown one', async () => {
    expect((await upload(manager, `org=${other.slug}`, EXAMPLE)).status).toBe(403);
    const reader = await userWithRole(t, 'lasare@test.se', 'lasare', o.slug);
    expect((await upload(reader, `org=${o.slug}`, EXAMPLE)).status).toBe(403);
    expect((await upload(manager, 'org=finns-inte', EXAMPLE)).status).toBe(404);
    expect(await stored(t, other.id)).toHaveLength(0);
  });

  it('415 for a form upload or an old .xls, 400 for an empty body', async () => {
    expect((await upload(manager, `org=${o.slug}`, EXAMPLE, 'multipart/form-data; boundary=x')).status).toBe(415);
    expect((await upload(manager, `org=${o.slug}`, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]), 'application/vnd.ms-excel')).status).toBe(415);
    expect((await upload(manager, `org=${o.slug}`, '')).status).toBe(400);
  });

  it('accepts files larger than the general 1 MB body limit', async () => {
    const path = tmpFile('', 'csv');
    const size = await writeGeneratedCsv(path, 12_000, 7);
    expect(size).toBeGreaterThan(t.config.bodyLimitBytes);
    const org = await freshOrg(t);
    const admin = await userWithRole(t, `admin-${org.slug}@test.se`, 'dso', org.slug);
    const r = await upload(admin, `org=${org.slug}&dryRun=true`, readFileSync(path));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 12_000, rejected: 0 });
  });

  it('413 above the import limit (checked while the body streams in)', async () => {
    const body = new Blob([Buffer.alloc(3000, 65)]).stream();
    await expect(spoolUpload(body, 2048)).rejects.toMatchObject({ status: 413 });
    const ok = await spoolUpload(new Blob([Buffer.alloc(1000, 65)]).stream(), 2048);
    expect(ok.info.size).toBe(1000);
    await ok.dispose();
  });

  it('streams NDJSON progress and the result when asked', async () => {
    const path = tmpFile('', 'csv');
    await writeGeneratedCsv(path, 5_000, 3);
    const org = await freshOrg(t);
    const dso = await userWithRole(t, `ndjson-${org.slug}@test.se`, 'dso', org.slug);
    const r = await upload(dso, `org=${org.slug}`, readFileSync(path), 'text/csv', 'application/x-ndjson');
    expect(r.status).toBe(200);
    const lines = r.text.trim().split('\n').map((l) => JSON.parse(l));
    const last = lines[lines.length - 1];
    expect(last).toMatchObject({ type: 'result', status: 200, created: 5_000, rejected: 0 });
    for (const p of lines.slice(0, -1)) expect(p.type).toBe('progress');
    expect(await stored(t, org.id)).toHaveLength(5_000);
  });
});
