import { type RouteConfig, z } from '@hono/zod-openapi';
import type { Ctx } from './context';
import { defineRoute, IdParam, json, jsonBody, jsonContent, problemContent, type Policy, type RouteDef } from './http';
import type { Permission } from './permissions';
import { int4 } from './schema';

/** Extra error responses of one operation: status → Swedish description (e.g. `{ 409: 'Inaktuell version' }`). */
type Errors = Partial<Record<400 | 404 | 409 | 413 | 415 | 422, string>>;

/** The texts and exceptions of one operation; the policy defaults to `read` (GET) or `write` (the rest). */
interface Op {
  /** OpenAPI summary (Swedish). */
  summary: string;
  /** Description of the success response. */
  ok: string;
  description?: string;
  errors?: Errors;
  policy?: Policy;
}

export interface CrudSpec<Item extends z.ZodType, Q extends z.ZodObject, C extends z.ZodType, U extends z.ZodType> {
  /** Collection path, e.g. `/api/plan/activities`; one record is `${path}/{id}`. */
  path: string;
  tags: readonly string[];
  read: Permission;
  write: Permission;
  /** The record as answered by list (an array), create, get and update. */
  item: Item;
  /** Errors every operation declares (e.g. `{ 404: 'Finns inte / not found' }`); an operation's own errors add to them. */
  errors?: Errors;
  /** GET path?query → 200 Item[] (or `response`, when the list answers more than an array, e.g. `{ total, items }`). */
  list?: Op & { query: Q; response?: z.ZodType; run: (ctx: Ctx, query: z.output<Q>) => Promise<unknown> };
  /** POST path (JSON body) → 201 Item. */
  create?: Op & { body: C; run: (ctx: Ctx, body: z.output<C>) => Promise<unknown> };
  /** GET path/{id} → 200 Item; 404 "Finns inte". */
  get?: Op & { run: (ctx: Ctx, id: string) => Promise<unknown> };
  /** PATCH path/{id} (JSON body) → 200 Item; 404 "Finns inte". */
  update?: Op & { body: U; run: (ctx: Ctx, id: string, body: z.output<U>) => Promise<unknown> };
  /** DELETE path/{id}?version= → 204; 404 "Finns inte". */
  remove?: Op & { run: (ctx: Ctx, id: string, version: number) => Promise<unknown> };
  /**
   * Hand-written routes on fixed sub-paths of the collection (e.g. `${path}/export`): mounted right after list, before
   * create and before `${path}/{id}`, which would otherwise answer them.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  subRoutes?: readonly RouteDef<any>[];
}

const errorContent = (errors: Errors = {}) =>
  Object.fromEntries(Object.entries(errors).map(([status, text]) => [status, problemContent(text)]));

/**
 * The usual list/create/get/update/delete routes of one record type, each a plain `defineRoute` with the
 * domain's policy, texts and service function. Special routes (uploads, workflow steps) stay hand-written.
 */
export function crudRoutes<Item extends z.ZodType, Q extends z.ZodObject, C extends z.ZodType, U extends z.ZodType>(
  s: CrudSpec<Item, Q, C, U>,
): RouteDef[] {
  const { path, tags, item } = s;
  const one = `${path}/{id}`;
  const read: Policy = { permission: s.read };
  const write: Policy = { permission: s.write };
  const meta = (op: Op, fallback: Policy) => ({
    tags: [...tags],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    policy: op.policy ?? fallback,
  });
  const errors = (op: Op) => errorContent({ ...s.errors, ...op.errors });
  const found = (op: Op) => ({ 404: problemContent('Finns inte'), ...errors(op) });
  // Hono cannot infer the validated input through generic schemas, so the handlers see a narrow context and
  // cast each input to the schema's output type; the spec's run functions are checked against those types.
  type C_ = { get(k: 'ctx'): Ctx; req: { valid(t: string): unknown }; body(b: null, s: 204): Response };
  const id = (c: C_): string => (c.req.valid('param') as { id: string }).id;
  const routes: RouteDef[] = [];
  const add = <R extends RouteConfig>(config: R & { policy: Policy }, handler: (c: C_) => Promise<Response>) =>
    routes.push(defineRoute(config, handler as never) as unknown as RouteDef);

  const { list, create, get, update, remove } = s;
  if (list) {
    add(
      { method: 'get', path, ...meta(list, read), request: { query: list.query }, responses: { 200: jsonContent(list.response ?? z.array(item), list.ok), ...errors(list) } },
      async (c: C_) => json(c as never, await list.run(c.get('ctx'), c.req.valid('query') as z.output<Q>)),
    );
  }
  routes.push(...(s.subRoutes ?? []));
  if (create) {
    add(
      { method: 'post', path, ...meta(create, write), request: jsonBody(create.body), responses: { 201: jsonContent(item, create.ok), ...errors(create) } },
      async (c: C_) => json(c as never, await create.run(c.get('ctx'), c.req.valid('json') as z.output<C>), 201),
    );
  }
  if (get) {
    add(
      { method: 'get', path: one, ...meta(get, read), request: { params: IdParam }, responses: { 200: jsonContent(item, get.ok), ...found(get) } },
      async (c: C_) => json(c as never, await get.run(c.get('ctx'), id(c))),
    );
  }
  if (update) {
    add(
      { method: 'patch', path: one, ...meta(update, write), request: { params: IdParam, ...jsonBody(update.body) }, responses: { 200: jsonContent(item, update.ok), ...found(update) } },
      async (c: C_) => json(c as never, await update.run(c.get('ctx'), id(c), c.req.valid('json') as z.output<U>)),
    );
  }
  if (remove) {
    add(
      {
        method: 'delete', path: one, ...meta(remove, write),
        request: { params: IdParam, query: z.object({ version: z.coerce.number().pipe(int4().min(1)) }) },
        responses: { 204: { description: remove.ok }, ...found(remove) },
      },
      async (c: C_) => {
        await remove.run(c.get('ctx'), id(c), (c.req.valid('query') as { version: number }).version);
        return c.body(null, 204);
      },
    );
  }
  return routes;
}
