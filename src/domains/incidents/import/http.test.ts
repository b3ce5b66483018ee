/** The upload route: raw body, summary answer, 422 / 403 / 404 / 413 / 415, NDJSON progress. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, userWithRole, type Client, type TestServer } from '../../../test/harness';
import { csv, ensureCity, EXAMPLE, freshOrg, runImport, sheetDate, stored, xlsx, type FreshOrg } from './testkit';
import { createOrg } from '../../org/service';
import { writeGeneratedCsv } from './testdata';
import { tmpFile } from './testkit';
import { readFileSync } from 'node:fs';
import { spoolUpload } from '../../../server/platform/tabular/upload';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog } from '../../audit/table';

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

async function upload(c: Client, query: string, body: string | Buffer, type = 'text/csv', accept = 'application/json', extra: Record<string, string> = {}) {
  const res = await fetch(`${c.base}/api/incidents/import?${query}`, {
    method: 'POST',
    headers: { cookie: c.cookie ?? '', 'x-csrf-token': c.csrf ?? '', 'content-type': type, accept, ...extra },
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
    // The incident page says who imported it, with the status it came with (no history row: table.ts).
    const [first] = await stored(t, o.id);
    const page = await manager.get(`/api/incidents/${first.id}`);
    expect(page.body.history).toEqual([{ from: null, to: first.status, at: first.createdAt.toISOString(), actor: 'dso@test.se', source: 'import' }]);
  });

  it('records the file\'s name as the browser sends it (percent-encoded, å ä ö too) in the import\'s audit row', async () => {
    const org = await freshOrg(t);
    const dso = await userWithRole(t, `dso-${org.slug}@test.se`, 'dso', org.slug);
    const names = [[encodeURIComponent('Avvikelser Hässelby 2025.csv'), 'Avvikelser Hässelby 2025.csv'], ['100%.csv', '100%.csv']];
    for (const [header, name] of names) {
      expect((await upload(dso, `org=${org.slug}`, EXAMPLE, 'text/csv', 'application/json', { 'x-file-name': header })).status).toBe(200);
      const [row] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'incident.import'))).orderBy(desc(auditLog.seq)).limit(1);
      expect((row.after as { file: string }).file).toBe(name);
    }
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

  it('415 for a form upload or an old .xls, 422 for an empty file (no bytes or only blank lines)', async () => {
    expect((await upload(manager, `org=${o.slug}`, EXAMPLE, 'multipart/form-data; boundary=x')).status).toBe(415);
    expect((await upload(manager, `org=${o.slug}`, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]), 'application/vnd.ms-excel')).status).toBe(415);
    const empty = await upload(manager, `org=${o.slug}`, '');
    expect([empty.status, empty.body.code]).toEqual([422, 'empty_file']);
    expect((await upload(manager, `org=${o.slug}`, '\n\n')).body.code).toBe('empty_file');
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

describe("the importer's rights over existing incidents", () => {
  const PHEAD = ['Ärende-ID', 'Rubrik', 'Beskrivning', 'Rapporterad', 'Status', 'Skyddade personuppgifter'];
  const guess = (text: string) => csv([PHEAD, ['S-1', 'Brev med skyddad adress', text, '2025-03-01', 'Klar', 'Ja']]);

  it('one without incident.protected neither replaces a protected description nor learns it from the counts', async () => {
    const org = await freshOrg(t);
    expect((await runImport(t, guess('Adressen Zebrafinkgatan 7 röjdes'), { org: org.slug })).summary.created).toBe(1);
    const sak = await userWithRole(t, `sak-${org.slug}@test.se`, 'sakerhetsansvarig', org.slug);
    const right = await upload(sak, `org=${org.slug}&dryRun=true`, guess('Adressen Zebrafinkgatan 7 röjdes'));
    const wrong = await upload(sak, `org=${org.slug}&dryRun=true`, guess('Adressen Kattgatan 1 röjdes'));
    expect(right.status).toBe(200);
    expect(wrong.body).toEqual(right.body);
    expect(right.body).toMatchObject({ created: 0, updated: 0, unchanged: 1, rejected: 0 });
    expect(right.body.warnings_sv[0]).toContain('Beskrivningen lämnades orörd för 1 incident med skyddade personuppgifter');
    const written = await upload(sak, `org=${org.slug}`, csv([PHEAD, ['S-1', 'Brev med skyddad adress', 'Överskriven', '2025-03-01', 'Under åtgärd', 'Ja']]));
    expect(written.body).toMatchObject({ updated: 1 });
    expect((await stored(t, org.id))[0]).toMatchObject({ status: 'Under åtgärd', description: 'Adressen Zebrafinkgatan 7 röjdes' });
    // One who may read it replaces it as before.
    const dso = await userWithRole(t, `dso-${org.slug}@test.se`, 'dso', org.slug);
    expect((await upload(dso, `org=${org.slug}`, guess('Rättad text'))).body).toMatchObject({ updated: 1, warnings: [] });
    expect((await stored(t, org.id))[0].description).toBe('Rättad text');
  });

  it('an Ärende-ID is one case in the förvaltning whichever unit the file is imported into', async () => {
    const org = await freshOrg(t);
    const a = await createOrg(t.ctx, { slug: `${org.slug}-a`, name: 'Avdelning A', type: 'avdelning', parent: org.slug });
    await createOrg(t.ctx, { slug: `${org.slug}-b`, name: 'Avdelning B', type: 'avdelning', parent: org.slug });
    const file = csv([HEAD, ['R-1', 'Borttappad dator', '2025-04-02 10:00', 'Rapporterad']]);
    expect((await runImport(t, file, { org: `${org.slug}-a` })).summary.created).toBe(1);
    expect((await runImport(t, file, { org: org.slug })).summary).toMatchObject({ created: 0, unchanged: 1 });
    const [only, ...more] = await stored(t, org.id);
    expect(more).toHaveLength(0);
    expect(only).toMatchObject({ externalId: 'R-1', orgId: a.id });
    // A handler of avdelning B may not change avdelning A's case through the shared register.
    const isamB = await userWithRole(t, `isam-b-${org.slug}@test.se`, 'isam', `${org.slug}-b`);
    const r = await upload(isamB, `org=${org.slug}-b`, csv([HEAD, ['R-1', 'Borttappad dator', '2025-04-02 10:00', 'Klar']]));
    expect(r.status).toBe(422);
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors[0]).toMatchObject({ line: 2, column: 'Ärende-ID' });
    expect(r.body.errors[0].reason_sv).toContain('där du inte får hantera incidenter');
    expect((await stored(t, org.id))[0].status).toBe('Rapporterad');
  });
});
