import { randomBytes } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { serveStatic } from '@hono/node-server/serve-static';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Logger } from 'pino';
import type { Config } from './platform/config';
import type { Database } from './platform/db';
import { Authz } from './platform/authz';
import { AppError } from './platform/errors';
import { problemResponse, type AppEnv, type RouteEntry } from './platform/http';
import { loadDomains } from './platform/modules';
import { authenticate, isSecureRequest } from './platform/session';
import { nulField, nulProblem, validationProblem } from './platform/validation';
import { apiReferenceHtml } from './platform/reference';
import { attentionRoutes } from './platform/attention';

export interface AppDeps {
  database: Database;
  config: Config;
  log: Logger;
}

export interface TillitApp {
  app: OpenAPIHono<AppEnv>;
  routes: RouteEntry[];
}

const PUBLIC_EXTRA: RouteEntry[] = [
  { method: 'GET', path: '/api/health', policy: { public: true } },
  { method: 'GET', path: '/api/openapi.json', policy: { public: true } },
  { method: 'GET', path: '/api/docs', policy: { public: true } },
];

function securityHeaders(nonce: string, secure: boolean, isApi: boolean): Record<string, string> {
  const h: Record<string, string> = {
    'Content-Security-Policy': [
      "default-src 'none'",
      "script-src 'self'",
      `style-src 'self' 'nonce-${nonce}'`,
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "manifest-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  if (secure) h['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  if (isApi) h['Cache-Control'] = 'no-store';
  return h;
}

/** Builds the whole application: every domain's routes behind one gate. Never listens (main.ts does). */
export async function createApp({ database, config, log }: AppDeps): Promise<TillitApp> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return problemResponse(c, validationProblem(result.error, result.target, result.target === 'query' ? c.req.query() : undefined).toProblem(c.get('ctx')?.lang ?? 'sv'));
      }
      // PostgreSQL text cannot hold U+0000: refuse it here, by field, instead of failing in the database.
      const field = nulField(result.data);
      if (field !== undefined) return problemResponse(c, nulProblem(field, result.target).toProblem(c.get('ctx')?.lang ?? 'sv'));
    },
  });
  const registry: RouteEntry[] = [...PUBLIC_EXTRA];

  app.use('*', requestId({ headerName: 'X-Request-Id', limitLength: 64 }));
  app.use('*', async (c, next) => {
    const started = performance.now();
    let ip: string;
    // The address our proxy saw: the last entry, the one it appended. The first is whatever the client sent, and
    // taking it let a client choose its address (past the per-IP sign-in limit, into the audit log).
    const fwd = config.trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
    if (fwd) ip = fwd.slice(0, 64);
    else {
      try {
        ip = getConnInfo(c).remote.address ?? 'unknown';
      } catch {
        ip = 'local';
      }
    }
    const lang = (c.req.header('accept-language') ?? 'sv').toLowerCase().startsWith('en') ? 'en' : 'sv';
    const reqLog = log.child({ reqId: c.get('requestId') });
    c.set('ctx', { db: database.db, config, log: reqLog, authz: Authz.none(), requestId: c.get('requestId'), ip, lang });
    const nonce = randomBytes(16).toString('base64');
    c.set('cspNonce', nonce);
    await next();
    const secure = isSecureRequest(c);
    for (const [k, v] of Object.entries(securityHeaders(nonce, secure, c.req.path.startsWith('/api/')))) {
      if (!c.res.headers.has(k)) c.res.headers.set(k, v);
    }
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const entry = { method: c.req.method, path: c.req.path, status: c.res.status, ms, user: c.get('ctx').principal?.userId };
    if (c.req.path === '/api/health') reqLog.debug(entry, 'request');
    else reqLog.info(entry, 'request');
  });
  // Upload routes may declare a larger limit (RouteDef.bodyLimitBytes); every other route gets the global one.
  const largeBodyRoutes: { method: string; pattern: RegExp; limit: ReturnType<typeof bodyLimit> }[] = [];
  const limiter = (maxSize: number, field = '(body)') =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError(413, 'too_large', {
          sv: `Begäran är för stor (högst ${maxSize} byte).`,
          en: `The request is too large (at most ${maxSize} bytes).`,
        }, field);
      },
    });
  const defaultLimit = limiter(config.bodyLimitBytes);
  app.use('/api/*', (c, next) => {
    // GET and HEAD handlers never read a body; asking for one would build a full Request object on each call.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const large = largeBodyRoutes.find((r) => r.method === c.req.method && r.pattern.test(c.req.path));
    return (large?.limit ?? defaultLimit)(c, next);
  });
  app.use('/api/*', authenticate());

  app.get('/api/health', async (c) => {
    try {
      const t = performance.now();
      await database.ping();
      return c.json({ status: 'ok', database: database.kind, dbMs: Math.round((performance.now() - t) * 100) / 100 });
    } catch {
      return c.json({ status: 'unavailable', database: database.kind }, 503);
    }
  });

  for (const r of attentionRoutes) {
    app.openapi(r.config, r.handler);
    registry.push({ method: r.config.method.toUpperCase(), path: r.config.path, policy: r.policy, summary: r.config.summary });
  }
  for (const domain of await loadDomains()) {
    for (const r of domain.routes) {
      if (r.bodyLimitBytes) {
        const literal = (part: string) => part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
        const pattern = new RegExp(`^${r.config.path.split(/\{\w+\}/).map(literal).join('[^/]+')}$`);
        largeBodyRoutes.push({ method: r.config.method.toUpperCase(), pattern, limit: limiter(r.bodyLimitBytes, 'file') });
      }
      app.openapi(r.config, r.handler);
      registry.push({ method: r.config.method.toUpperCase(), path: r.config.path, policy: r.policy, summary: r.config.summary });
    }
  }

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'tillit_session' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  const docConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Tillit API',
      version: '0.1.0',
      description:
        'Ledningssystem för informationssäkerhet. Mutationer kräver rubriken X-CSRF-Token (från inloggningen) vid sessionskaka; ' +
        'API-token (Bearer) kräver den inte. Fel följer RFC 9457 (application/problem+json) med svenskt och engelskt meddelande.',
    },
  };
  app.doc31('/api/openapi.json', docConfig);
  app.get('/api/docs', (c) => c.html(apiReferenceHtml(app.getOpenAPI31Document(docConfig) as never, c.get('cspNonce'))));

  // Deny by default: a route that reached the router without a declared policy stops the app from starting.
  const known = new Set(registry.map((r) => `${r.method} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`));
  for (const r of app.routes) {
    if (!r.path.startsWith('/api/') || r.method === 'ALL') continue;
    if (!known.has(`${r.method} ${r.path}`)) throw new Error(`Route without policy: ${r.method} ${r.path}`);
  }

  app.all('/api/*', () => {
    throw new AppError(404, 'no_route', { sv: 'Det finns ingen sådan API-adress.', en: 'No such API route.' });
  });
  mountWeb(app, config);

  app.onError((err, c) => {
    const lang = c.get('ctx')?.lang ?? 'sv';
    if (err instanceof AppError) {
      const res = problemResponse(c, err.toProblem(lang));
      const retry = err.extra.retryAfter;
      if (retry) res.headers.set('Retry-After', String(retry));
      return res;
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 415 ? 'unsupported_media_type' : status === 400 ? 'malformed_request' : 'http_error';
      const msg =
        status === 415
          ? { sv: 'Fel innehållstyp: skicka application/json.', en: 'Wrong content type: send application/json.' }
          : /json/i.test(err.message)
            ? { sv: 'Ogiltig JSON i begärans kropp.', en: 'Malformed JSON in request body.' }
            : { sv: `Felaktig begäran: ${err.message}`, en: `Bad request: ${err.message}` };
      return problemResponse(c, new AppError(status, code, msg, status === 415 ? 'content-type' : '(body)').toProblem(lang));
    }
    if (databaseUnavailable(err)) {
      c.get('ctx')?.log.warn({ err }, 'database unavailable');
      const res = problemResponse(c, new AppError(503, 'database_unavailable', {
        sv: 'Databasen svarar inte just nu. Försök igen om en stund; inget av det du skickade sparades.',
        en: 'The database is not answering right now. Try again shortly; nothing you sent was saved.',
      }).toProblem(lang));
      res.headers.set('Retry-After', '5');
      return res;
    }
    c.get('ctx')?.log.error({ err }, 'unhandled error');
    return problemResponse(c, new AppError(500, 'internal', { sv: 'Ett internt fel inträffade. Det är loggat.', en: 'An internal error occurred. It has been logged.' }).toProblem(lang));
  });

  return { app, routes: registry };
}

function mountWeb(app: OpenAPIHono<AppEnv>, config: Config) {
  const indexFile = join(config.webDir, 'index.html');
  let indexHtml: string | undefined;
  const index = () => {
    if (indexHtml === undefined && existsSync(indexFile)) indexHtml = readFileSync(indexFile, 'utf8');
    return indexHtml;
  };
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  });
  // Directories (e.g. "/") and index.html itself go to the SPA handler below, which inserts the CSP nonce.
  const statics = serveStatic({ root: config.webDir, index: '' });
  app.use('*', (c, next) => (c.req.path.endsWith('/') || c.req.path === '/index.html' ? next() : statics(c, next)));
  // A file under /assets/ that does not exist is a 404: the app page in its place was cached for a year as
  // "immutable" under that name, and a browser holding an old page kept getting HTML for its scripts.
  app.get('/assets/*', (c) => c.text('Hittades inte. / Not found.', 404));
  app.get('*', (c) => {
    const html = index();
    if (!html) {
      return c.text('Webbgränssnittet är inte byggt: kör "npm run build". / The web app is not built: run "npm run build".', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(html.replaceAll('__CSP_NONCE__', c.get('cspNonce')));
  });
}

/** Network errors and PostgreSQL's connection and shutdown errors (classes 08, 57P, 53300), also wrapped (cause). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', '53300', '57P01', '57P02', '57P03']);
export function databaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return true;
    if (typeof e.message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(e.message)) return true;
  }
  return false;
}
