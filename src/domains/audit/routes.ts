import { z } from '@hono/zod-openapi';
import { defineRoute, json, jsonContent } from '../../server/platform/http';
import { download, toCsv, toXlsx, type ExportColumn } from '../../server/platform/export';
import { recordAudit, verifyChain } from './chain';
import { AuditEntry, AuditQuery } from './contract';
import { listAudit, type AuditRow } from './service';

const tags = ['Granskningslogg / audit log'];

const columns: ExportColumn<AuditRow>[] = [
  { key: 'seq', header: 'Nr', value: (r) => r.seq },
  { key: 'at', header: 'Tid', value: (r) => new Date(r.at) },
  { key: 'actor', header: 'Utförd av', value: (r) => r.actorLabel },
  { key: 'action', header: 'Händelse', value: (r) => r.action },
  { key: 'entityType', header: 'Typ', value: (r) => r.entityType },
  { key: 'entityId', header: 'Post', value: (r) => r.entityId },
  { key: 'org', header: 'Organisation', value: (r) => r.orgSlug },
  { key: 'before', header: 'Före', value: (r) => (r.before == null ? '' : JSON.stringify(r.before)) },
  { key: 'after', header: 'Efter', value: (r) => (r.after == null ? '' : JSON.stringify(r.after)) },
  { key: 'ip', header: 'IP', value: (r) => r.ip },
  { key: 'hash', header: 'Hash', value: (r) => r.hash },
];

export const routes = [
  defineRoute(
    {
      method: 'get', path: '/api/audit', tags, summary: 'Granskningsloggen, filtrerad; format=csv|xlsx exporterar', policy: { permission: 'audit.read' },
      request: { query: AuditQuery.extend({ format: z.enum(['json', 'csv', 'xlsx']).optional() }) },
      responses: { 200: jsonContent(z.object({ items: z.array(AuditEntry), nextCursor: z.number().nullable() }), 'Poster, nyaste först') },
    },
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      if (q.format === 'csv' || q.format === 'xlsx') {
        const all: AuditRow[] = [];
        let cursor: number | undefined;
        do {
          const page = await listAudit(ctx, { ...q, cursor, limit: 1000 });
          all.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor && all.length < 100_000);
        await recordAudit(ctx.db, ctx, { action: 'audit.export', entityType: 'audit_log', after: { filter: q, rows: all.length } });
        const body = q.format === 'csv' ? toCsv(all, columns) : await toXlsx(all, columns, 'Granskningslogg');
        return download(body, 'granskningslogg', q.format) as never;
      }
      return json(c, await listAudit(ctx, q));
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/audit/verify', tags, summary: 'Kontrollera hashkedjan', policy: { permission: 'system.admin' },
      responses: {
        200: jsonContent(
          z.object({ ok: z.boolean(), checked: z.number(), firstBroken: z.object({ seq: z.number(), reason: z.string() }).optional() }),
          'Resultat',
        ),
      },
    },
    async (c) => {
      const ctx = c.get('ctx');
      ctx.authz.requireGlobal('system.admin');
      return json(c, await verifyChain(ctx.db));
    },
  ),
];
