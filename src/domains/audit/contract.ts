import { z } from '@hono/zod-openapi';
import { SANE_YEAR_ISSUE } from '../../server/platform/schema';
import { saneYear } from '../../server/platform/time';

/** A date or an instant of a year PostgreSQL and the log can hold (saneYear: year 0 was a database error, a 500). */
const When = z.iso.datetime({ offset: true }).or(z.iso.date()).refine((v) => saneYear(new Date(v).getUTCFullYear()), SANE_YEAR_ISSUE);

export const AuditQuery = z.object({
  org: z.string().max(64).optional(),
  actor: z.string().max(254).optional(),
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  from: When.optional(),
  to: When.optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z
  .object({
    seq: z.number(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    orgId: z.string().nullable(),
    orgSlug: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('AuditEntry');
