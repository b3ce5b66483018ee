/**
 * Bad input never gives a 5xx, probed through the handlers: on the demo data, every mutating JSON route gets a
 * body built from its own OpenAPI schema (so it passes validation and reaches the database), at an address with
 * real ids, and then the same body with each field in turn set to an edge value: a NUL character, 5,000
 * characters, an impossible date, integers beyond PostgreSQL's integer, null, a wrong type. The random-garbage
 * test in bad-input.test.ts mostly stops at validation; this one found a NUL and 2^31 reaching PostgreSQL.
 * It runs once (DATABASE_NEUTRAL_RUN: on PostgreSQL, or on PGlite when no PostgreSQL run follows): PGlite is the same
 * PostgreSQL and gives the same SQLSTATE (`code`), which one function maps (fromDatabaseError); bad-input.test.ts
 * sends a NUL and 2^31 through both. (On PGlite it took 43 s of a CI run whose budget is 15 minutes.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from './platform/random';
import { runDemo } from '../cli/demo';
import { DATABASE_NEUTRAL_RUN, startTestServer, userWithRoles, type Client, type TestServer } from '../test/harness';

type Schema = Record<string, unknown> & { $ref?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[] };

let t: TestServer;
let admin: Client;
let adminId: string;
let doc: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };

beforeAll(async () => {
  if (!DATABASE_NEUTRAL_RUN) return;
  t = await startTestServer();
  await runDemo(t.ctx);
  const probe = await userWithRoles(t, 'probe@test.se', [{ role: 'systemadministrator' }]);
  admin = probe.client;
  adminId = probe.userId;
  doc = (await admin.get('/api/openapi.json')).body;
  // Routes addressed by an organisation's slug change that organisation (its slug too): they get one of their own.
  expect((await admin.post('/api/orgs', { slug: PROBE_ORG, name: 'Provenhet', type: 'enhet', parent: ORG })).status).toBe(201);
});
afterAll(() => t?.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ORG = 'hasselby-vallingby';
const PROBE_ORG = 'provenhet';
const EDGE_TEXT: unknown[] = ['\u0000', 'x'.repeat(5000), '💥', '2025-02-30', '', null, 123];
const EDGE_NUMBER: unknown[] = [2 ** 31, -(2 ** 31) - 1, 1.5, 1e308, -1, null, 'x'];
/** Address candidates tried per route to get past 404 (ids from the same module first). */
const MAX_TRIES = 150;

function collectIds(value: unknown, into: Set<string>) {
  if (typeof value === 'string') {
    if (UUID.test(value)) into.add(value);
  } else if (Array.isArray(value)) value.forEach((v) => collectIds(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collectIds(v, into));
}

/** A value its schema accepts (enums, formats, bounds, required fields; optional ones now and then). */
function generate(schema: Schema, name: string, rand: () => number, ids: string[]): unknown {
  let s = schema;
  while (s.$ref) s = doc.components.schemas[s.$ref.split('/').pop()!];
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return generate(alts.find((a) => a.type !== 'null') ?? alts[0], name, rand, ids);
  if (Array.isArray(s.enum)) return s.enum[0];
  if ('const' in s) return s.const;
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) if (s.required?.includes(k) || rand() < 0.7) out[k] = generate(v, k, rand, ids);
    return out;
  }
  if (type === 'array') return Array.from({ length: Math.max(1, Number(s.minItems ?? 1)) }, () => generate(s.items ?? {}, name, rand, ids));
  if (type === 'integer' || type === 'number') return Math.max(Number(s.minimum ?? 1), Math.min(1, Number(s.maximum ?? 1)));
  if (type === 'boolean') return true;
  if (s.format === 'uuid') return ids[Math.floor(rand() * ids.length)];
  if (s.format === 'date') return '2025-06-01';
  if (s.format === 'date-time') return '2025-06-01T10:00:00.000Z';
  if (s.format === 'email') return `probe${Math.floor(rand() * 1e9)}@test.se`;
  if (name === 'org' || name === 'parent' || name === 'members') return ORG;
  if (typeof s.pattern === 'string' && s.pattern.includes('a-z')) return `probe-${Math.floor(rand() * 1e6)}`;
  if (typeof s.pattern === 'string' && s.pattern.includes('\\d{4}')) return '2025-06-01';
  return 'Probe';
}

function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}

function withLeaf(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[path[path.length - 1]] = leaf;
  return copy;
}

describe.skipIf(!DATABASE_NEUTRAL_RUN)('schema-built bodies with edge values never produce a 5xx', () => {
  it('every mutating JSON route, every field, on the demo data', async () => {
    // Ids of the demo's records: from every list, then from the details of what the lists hold.
    const idsByModule = new Map<string, Set<string>>();
    const moduleOf = (p: string) => p.split('/').slice(0, 3).join('/');
    const lists = Object.keys(doc.paths).filter((p) => doc.paths[p].get && !p.includes('{'));
    for (const p of lists) {
      const found = idsByModule.get(moduleOf(p)) ?? idsByModule.set(moduleOf(p), new Set()).get(moduleOf(p))!;
      for (const query of [`?org=${ORG}&year=2025`, `?org=${ORG}`, '?org=stockholm', '']) {
        const r = await admin.get(p + query);
        if (r.status === 200) collectIds(r.body, found);
      }
    }
    for (const p of Object.keys(doc.paths).filter((x) => doc.paths[x].get && /^[^{]*\{id\}$/.test(x))) {
      const found = idsByModule.get(moduleOf(p)) ?? new Set<string>();
      for (const id of [...found].slice(0, 40)) {
        const r = await admin.get(p.replace('{id}', id));
        if (r.status === 200) collectIds(r.body, found);
      }
    }
    // Not the probe's own account: a change to it (deactivated, roles gone) would end the probe early.
    for (const found of idsByModule.values()) found.delete(adminId);
    const allIds = [...new Set([...idsByModule.values()].flatMap((s) => [...s]))];
    expect(allIds.length).toBeGreaterThan(50);

    const rand = seededRandom(Number(process.env.TILLIT_FUZZ_SEED ?? 20261204));
    const failures: string[] = [];
    let sent = 0;
    let reached = 0;
    const unreached: string[] = [];
    const send = async (method: string, path: string, body: unknown) => {
      const r = await admin.request(method, path, body);
      sent++;
      if (r.status >= 500) failures.push(`${method} ${path} ${JSON.stringify(body).slice(0, 240)} → ${r.status}`);
      return r.status;
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (!['post', 'patch', 'put'].includes(m) || !schema || path.startsWith('/api/auth/') || path === '/api/me/password') continue;
        const method = m.toUpperCase();
        const params = [...path.matchAll(/\{(\w+)\}/g)].map((x) => x[1]);
        const own = [...(idsByModule.get(moduleOf(path)) ?? [])];
        const fill = (name: string, id: string) => (name === 'slug' ? PROBE_ORG : name === 'org' ? ORG : id);
        // Without ids in the address, new bodies (other ids inside) are tried; with a second id, the ids found
        // in the first one's record (GET of the address up to it), e.g. an incident's actions.
        const candidates: string[] = [];
        if (params.length === 0) candidates.push(...Array<string>(MAX_TRIES / 5).fill(path));
        for (const id of [...new Set([...own, ...allIds])].slice(0, params.length === 0 ? 0 : MAX_TRIES)) {
          const first = path.replace(`{${params[0]}}`, fill(params[0], id));
          if (params.length === 1) candidates.push(first);
          else {
            const parent = first.slice(0, first.indexOf('{') - 1).replace(/\/[a-z-]+$/, '');
            const inner = new Set<string>();
            if (!parent.includes('{') && doc.paths[path.slice(0, path.indexOf(`{${params[0]}}`)) + `{${params[0]}}`]?.get) collectIds((await admin.get(parent)).body, inner);
            for (const second of [...inner].slice(0, 20)) candidates.push(first.replace(`{${params[1]}}`, fill(params[1], second)));
          }
          if (candidates.length >= MAX_TRIES) break;
        }
        let address: string | undefined;
        for (const p of candidates) {
          if ((await send(method, p, generate(schema, '', rand, allIds))) !== 404) {
            address = p;
            break;
          }
        }
        if (!address) {
          unreached.push(`${method} ${path}`);
          continue;
        }
        reached++;
        const base = generate(schema, '', rand, allIds);
        for (const leaf of leaves(base)) {
          const current = leaf.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], base);
          for (const edge of typeof current === 'number' ? EDGE_NUMBER : EDGE_TEXT) await send(method, address, withLeaf(base, leaf, edge));
        }
      }
    }
    expect(failures).toEqual([]);
    // The probe must reach most routes' handlers, or it proves little.
    expect(reached, `not reached: ${unreached.join(', ')}`).toBeGreaterThanOrEqual(60);
    expect(sent).toBeGreaterThan(2000);
  }, 600_000);
});
