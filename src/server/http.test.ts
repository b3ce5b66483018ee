import { Agent, get, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, userWithRoles, type TestServer } from '../test/harness';
import { loadConfig } from './platform/config';

let t: TestServer;
let admin: Client;

beforeAll(async () => {
  t = await startTestServer({ bodyLimitBytes: 4096 });
  admin = (await userWithRoles(t, 'admin@test.se', [{ role: 'systemadministrator' }])).client;
});
afterAll(() => t?.close());

describe('security headers', () => {
  it('sends a strict CSP, nosniff and no HSTS over plain http, on API and web responses', async () => {
    for (const path of ['/api/health', '/api/orgs', '/', '/nagon/sida']) {
      const r = await fetch(t.url + path);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(csp, path).toMatch(/default-src 'none'/);
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\//);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('strict-transport-security'), path).toBeNull();
    }
    const api = await fetch(`${t.url}/api/health`);
    expect(api.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps an idle connection open longer than a load balancer does (65 s, not Node\'s 5 s)', async () => {
    const agent = new Agent({ keepAlive: true });
    try {
      const headers = await new Promise<IncomingHttpHeaders>((resolve, reject) =>
        get(`${t.url}/api/health`, { agent }, (r) => {
          r.resume();
          resolve(r.headers);
        }).on('error', reject));
      expect(headers['keep-alive']).toBe('timeout=65');
    } finally {
      agent.destroy();
    }
  });

  it('sends HSTS when the deployment is https', async () => {
    t.config.secureCookies = true; // the running app's own config object
    try {
      const r = await fetch(`${t.url}/api/health`);
      expect(r.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    } finally {
      t.config.secureCookies = false;
    }
  });

  it('gives every response an X-Request-Id, and keeps a sane one the caller sent', async () => {
    const a = await fetch(`${t.url}/api/health`);
    const b = await fetch(`${t.url}/api/health`);
    expect(a.headers.get('x-request-id')).toBeTruthy();
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    const mine = await fetch(`${t.url}/api/health`, { headers: { 'x-request-id': 'spar-123' } });
    expect(mine.headers.get('x-request-id')).toBe('spar-123');
    const evil = await fetch(`${t.url}/api/health`, { headers: { 'x-request-id': 'x'.repeat(500) } });
    expect(evil.headers.get('x-request-id')).not.toBe('x'.repeat(500));
  });
});

describe('accessibility statement', () => {
  it('gives the contact for reporting problems without a session: the configured one (TILLIT_ACCESSIBILITY_CONTACT), else null', async () => {
    expect(loadConfig({ TILLIT_ACCESSIBILITY_CONTACT: '  tillganglighet@kommun.se ' }).accessibilityContact).toBe('tillganglighet@kommun.se');
    expect(loadConfig({ TILLIT_ACCESSIBILITY_CONTACT: ' ' }).accessibilityContact).toBeUndefined();
    const none = await fetch(`${t.url}/api/accessibility`);
    expect([none.status, await none.json()]).toEqual([200, { contact: null }]);
    t.config.accessibilityContact = 'tillganglighet@kommun.se'; // the running app's own config object
    try {
      expect(await (await fetch(`${t.url}/api/accessibility`)).json()).toEqual({ contact: 'tillganglighet@kommun.se' });
    } finally {
      t.config.accessibilityContact = undefined;
    }
  });
});

describe('health', () => {
  it('answers 200 after asking the database', async () => {
    const r = await fetch(`${t.url}/api/health`);
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.status).toBe('ok');
    expect(body.database).toBe(t.database.kind);
    expect(typeof body.dbMs).toBe('number');
  });

  it('answers 503 when the database is gone', async () => {
    const s = await startTestServer();
    await s.database.close();
    try {
      const r = await fetch(`${s.url}/api/health`);
      expect(r.status).toBe(503);
      expect((await r.json()).status).toBe('unavailable');
    } finally {
      await s.close().catch(() => undefined);
    }
  });
});

describe('API description', () => {
  it('/api/openapi.json lists every registered route with its method', async () => {
    const doc = await (await fetch(`${t.url}/api/openapi.json`)).json();
    expect(doc.openapi).toMatch(/^3\.1/);
    for (const r of t.app.routes) {
      if (r.path === '/api/health' || r.path === '/api/openapi.json' || r.path === '/api/docs') continue;
      expect(doc.paths[r.path]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined();
      const op = doc.paths[r.path][r.method.toLowerCase()];
      if (!('public' in r.policy)) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const registered = new Set(t.app.routes.map((r) => `${r.method} ${r.path}`));
    for (const d of documented) expect(registered.has(d), d).toBe(true);
  });

  it('/api/docs renders the reference locally, without scripts or other hosts', async () => {
    const r = await fetch(`${t.url}/api/docs`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    const html = await r.text();
    expect(html).toMatch(/<html lang="sv">/);
    expect(html).toContain('/api/orgs');
    expect(html).toContain('/api/users/{id}/roles');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:/);
    const nonce = /style nonce="([^"]+)"/.exec(html)?.[1];
    expect(r.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`);
  });
});

describe('errors', () => {
  it('a script or style that does not exist is a 404, not the app page cached for a year', async () => {
    const r = await fetch(`${t.url}/assets/finns-inte-abc123.js`);
    expect(r.status).toBe(404);
    expect(r.headers.get('cache-control') ?? '').not.toMatch(/immutable/);
    expect(await r.text()).not.toMatch(/<html/i);
  });

  it('an unknown API route is a 404 problem in Swedish and English', async () => {
    const r = await admin.get('/api/finns-inte');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(r.body.detail_sv).toBeTruthy();
    expect(r.body.detail_en).toBeTruthy();
    expect(r.body.type).toMatch(/^urn:tillit:problem:/);
  });

  it('answers in English when asked', async () => {
    const r = await fetch(`${t.url}/api/orgs`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(r.status).toBe(401);
    const body = await r.json();
    expect(body.detail).toBe(body.detail_en);
    expect(body.title).toBe('Unauthorized');
  });

  it('a body over the limit is refused with 413 before anything is read into the database', async () => {
    const big = { slug: 'stor', name: 'x'.repeat(8000), type: 'stad' };
    const r = await admin.post('/api/orgs', big);
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('too_large');
    expect((await admin.get('/api/orgs/stor')).status).toBe(404);
    const login = await new Client(t.url).post('/api/auth/login', { email: 'a@b.se', password: 'p'.repeat(5000) });
    expect(login.status).toBe(413);
  });
});
