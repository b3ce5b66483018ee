/**
 * The upload route of a register import (the VoR, the objektlista): POST with the file as the raw body (CSV or XLSX,
 * recognised by its content), `dryRun` and `skipInvalid` in the query; 200 with the summary (imported, or a dry
 * run), 422 with the summary when rows are invalid and nothing was written. Before the body is read the import's
 * `authorize` looks the organisation up (404 unknown, 403 without the permission) and the content type is
 * checked (415); the body is spooled up to `maxBytes` (413).
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Ctx } from '../context';
import { defineRoute, jsonContent, problemContent, type AppEnv } from '../http';
import type { Permission } from '../permissions';
import type { FileInfo } from './source';
import type { ImportSummary } from './summary';
import { checkContentType, spoolUpload, uploadedFileName } from './upload';

const Bool = z.enum(['true', 'false']).optional();

/** The query flags every import takes. */
export const importFlags = {
  dryRun: Bool.openapi({ description: 'true: kontrollera och räkna, skriv inget' }),
  skipInvalid: Bool.openapi({ description: 'true: importera giltiga rader, lista resten' }),
};

/** The summary as the API answers it (`name`: its OpenAPI schema's name). */
export const importSummarySchema = (name: string) =>
  z
    .object({
      created: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      rejected: z.number(),
      errors: z.array(z.object({ line: z.number(), column: z.string().nullable(), reason: z.string(), reason_sv: z.string(), reason_en: z.string() })),
      warnings: z.array(z.string()),
      warnings_sv: z.array(z.string()),
      warnings_en: z.array(z.string()),
      changes: z.array(z.object({ column: z.string(), count: z.number(), examples: z.array(z.string()) })).optional()
        .openapi({ description: 'Vad de uppdaterade raderna ändrar, per kolumn, med de första raderna / what the updated rows change, by column, with the first rows' }),
    })
    .openapi(name);

/** The summary as the API answers it: the schema's fields only, `changes` when there are any. */
export function summaryAnswer(s: ImportSummary) {
  const { created, updated, unchanged, rejected, errors, warnings, warnings_sv, warnings_en, changes } = s;
  return { created, updated, unchanged, rejected, errors, warnings, warnings_sv, warnings_en, ...(changes ? { changes } : {}) };
}

export const fileBody = z.string().openapi({ format: 'binary' });

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportRouteDef<Q extends z.ZodRawShape> {
  path: string;
  tags: string[];
  permission: Permission;
  summary: string;
  description: string;
  maxBytes: number;
  /** The import's own query fields (org, year …); dryRun and skipInvalid are added. */
  query: Q;
  summaryName: string;
  /** Responses besides 200, 404, 413, 415 and 422 (e.g. 409 for a locked VoR). */
  responses?: Record<number, ReturnType<typeof problemContent>>;
  /** Throws 404/403 for the query's organisation before the body is read. */
  authorize(ctx: Ctx, q: z.infer<z.ZodObject<Q>>): Promise<unknown>;
  run(ctx: Ctx, path: string, q: z.infer<z.ZodObject<Q>> & { dryRun: boolean; skipInvalid: boolean; fileName?: string }, info: FileInfo): Promise<{ summary: ImportSummary; failed: boolean }>;
}

export function importRoute<Q extends z.ZodRawShape>(def: ImportRouteDef<Q>) {
  const Query = z.object({ ...def.query, ...importFlags });
  const Summary = importSummarySchema(def.summaryName);
  return defineRoute(
    {
      method: 'post', path: def.path, tags: def.tags, policy: { permission: def.permission },
      summary: def.summary, description: def.description, bodyLimitBytes: def.maxBytes,
      request: {
        query: Query,
        body: { content: { 'text/csv': { schema: fileBody }, [XLSX_TYPE]: { schema: fileBody }, 'application/octet-stream': { schema: fileBody } } },
      },
      responses: {
        200: jsonContent(Summary, 'Importerad (eller provkörd) / imported (or dry run)'),
        404: problemContent('Organisationen finns inte / unknown organisation'),
        ...def.responses,
        413: problemContent('Filen är för stor / file too large'),
        415: problemContent('Fel filtyp / wrong file type'),
        422: jsonContent(Summary, 'Ogiltiga rader, inget skrevs / invalid rows, nothing written'),
      },
    },
    (async (c: Context<AppEnv>) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query' as never) as z.infer<z.ZodObject<Q>> & { dryRun?: string; skipInvalid?: string };
      await def.authorize(ctx, q);
      checkContentType(c.req.header('content-type'));
      const upload = await spoolUpload(c.req.raw.body, def.maxBytes);
      try {
        const r = await def.run(ctx, upload.path, {
          ...q, dryRun: q.dryRun === 'true', skipInvalid: q.skipInvalid === 'true', fileName: uploadedFileName(c.req.header('x-file-name')),
        }, upload.info);
        return c.json(summaryAnswer(r.summary), r.failed ? 422 : 200);
      } finally {
        await upload.dispose();
      }
    }) as never,
  );
}

/** GET an import's XLSX template (the header row and what is there now, so it round-trips): 200 XLSX, 404 unknown org. */
export function templateRoute<Q extends z.ZodRawShape>(def: {
  path: string; tags: string[]; permission: Permission; summary: string; query: Q;
  run(ctx: Ctx, q: z.infer<z.ZodObject<Q>>): Promise<Response>;
}) {
  return defineRoute(
    {
      method: 'get', path: def.path, tags: def.tags, policy: { permission: def.permission }, summary: def.summary,
      request: { query: z.object(def.query) },
      responses: {
        200: { description: 'XLSX', content: { [XLSX_TYPE]: { schema: fileBody } } },
        404: problemContent('Organisationen finns inte / unknown organisation'),
      },
    },
    (async (c: Context<AppEnv>) => def.run(c.get('ctx'), c.req.valid('query' as never) as z.infer<z.ZodObject<Q>>)) as never,
  );
}
