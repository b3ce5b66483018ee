import { timingSafeEqual } from 'node:crypto';
import { createRoute, type RouteConfig, type RouteHandler, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { Ctx } from './context';
import { AppError, forbidden, unauthorized, type Problem } from './errors';
import type { Permission } from './permissions';
import { int4 } from './schema';

export type AppEnv = { Variables: { ctx: Ctx; cspNonce: string } };

/**
 * Who may call a route. Every API route declares one; a route without a policy is refused (deny by default).
 * - public: anyone (health, login, the API description)
 * - auth: any signed-in person, acting on their own things (me, logout, own sessions)
 * - permission: the permission must be held on some organisation; the service then checks the exact record.
 */
export type Policy = { public: true } | { auth: true } | { permission: Permission };

export interface RouteEntry {
  method: string;
  path: string;
  policy: Policy;
  summary?: string;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The single gate every route passes: authentication, CSRF for cookie sessions, and the route's policy. */
export function gate(policy: Policy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if ('public' in policy) return next();
    const ctx = c.get('ctx');
    const p = ctx.principal;
    if (!p) throw unauthorized();
    if (MUTATING.has(c.req.method) && p.sessionId) {
      const sent = c.req.header('x-csrf-token') ?? '';
      if (!p.csrfToken || !sameToken(sent, p.csrfToken)) {
        throw new AppError(403, 'csrf', {
          sv: 'CSRF-token saknas eller är fel (rubriken X-CSRF-Token).',
          en: 'CSRF token missing or wrong (header X-CSRF-Token).',
        }, 'X-CSRF-Token');
      }
    }
    // An integration token acts within its scopes only; it may not manage the account itself
    // (password, sessions, further tokens): those need a person signed in.
    if ('auth' in policy && MUTATING.has(c.req.method) && p.apiTokenId) {
      throw forbidden({ sv: 'En API-token kan inte ändra kontot. Logga in.', en: 'An API token cannot change the account. Sign in.' });
    }
    // A one-time password (printed to the log at first start, or handed over by an administrator) reads, and replaces
    // itself (routes of policy auth: the password, signing out), but changes nothing until it is replaced.
    if ('permission' in policy && MUTATING.has(c.req.method) && p.mustChangePassword) {
      throw new AppError(403, 'must_change_password', {
        sv: 'Byt ditt engångslösenord innan du ändrar något (Mitt konto → Byt lösenord).',
        en: 'Change your one-time password before you change anything (My account → Change password).',
      });
    }
    if ('permission' in policy && !ctx.authz.hasAnywhere(policy.permission)) throw forbidden();
    return next();
  };
}

export interface RouteDef<R extends RouteConfig = RouteConfig> {
  config: R;
  policy: Policy;
  /** A larger request-body limit than the global one, for upload routes that take a raw body (app.ts applies it). */
  bodyLimitBytes?: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: RouteHandler<R, any>;
}

/** Declares a route: its OpenAPI contract, its policy and a thin handler that calls a service. */
export function defineRoute<R extends RouteConfig>(
  config: R & { policy: Policy; bodyLimitBytes?: number },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: RouteHandler<R, any>,
): RouteDef<R> {
  const { policy, bodyLimitBytes, ...rest } = config;
  const body = (rest.request as { body?: { required?: boolean } } | undefined)?.body;
  if (body) body.required = true;
  const tags = rest.tags ?? [];
  const security = 'public' in policy ? [] : [{ session: [] }, { bearer: [] }];
  const description = [rest.description, policyText(policy)].filter(Boolean).join('\n\n');
  const route = createRoute({
    ...rest,
    tags,
    security,
    description,
    middleware: [gate(policy)],
    responses: { ...errorResponses(policy), ...rest.responses },
  } as unknown as R);
  return { config: route as R, policy, handler, ...(bodyLimitBytes ? { bodyLimitBytes } : {}) };
}

function policyText(p: Policy): string {
  if ('public' in p) return 'Öppen / public.';
  if ('auth' in p) return 'Kräver inloggning / requires sign-in.';
  return `Kräver behörighet / requires permission \`${p.permission}\`.`;
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    detail_sv: z.string(),
    detail_en: z.string(),
    code: z.string(),
    field: z.string().optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

function errorResponses(p: Policy) {
  return {
    400: problem('Felaktig begäran / bad request'),
    ...('public' in p ? {} : { 401: problem('Inte inloggad / not signed in'), 403: problem('Åtkomst nekad / forbidden') }),
  };
}

export function json<T>(c: Context, data: T, status = 200) {
  return c.json(data as never, status as never);
}

export function problemResponse(c: Context, p: Problem) {
  return c.body(JSON.stringify(p), p.status as never, { 'content-type': 'application/problem+json; charset=utf-8' });
}

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
export const VersionBody = { version: int4().min(1).openapi({ description: 'Version du ändrar (optimistisk låsning)' }) };

/** `{ description, content: application/json }` for an OpenAPI response. */
export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
export const problemContent = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
