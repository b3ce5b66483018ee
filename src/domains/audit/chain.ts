import { createHash } from 'node:crypto';
import { asc, gt, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { auditLog } from './table';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  orgId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** JSON with sorted keys, so the hash does not depend on key order (jsonb reorders keys). */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

type Row = typeof auditLog.$inferSelect;

/** The part of a row its hash covers, as canonical JSON (everything but seq and the hashes). */
function rowBody(r: Omit<Row, 'seq' | 'hash' | 'prevHash'>): string {
  return canonical({
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    orgId: r.orgId,
    before: r.before,
    after: r.after,
    requestId: r.requestId,
    ip: r.ip,
  });
}

/** A row's link in the chain; the database's audit_append (migration 0042) computes the same when it appends. */
export function rowHash(prevHash: string, r: Omit<Row, 'seq' | 'hash' | 'prevHash'>): string {
  return createHash('sha256').update(prevHash).update('\n').update(rowBody(r)).digest('hex');
}

/** Plain JSON (dates as ISO strings), exactly as jsonb will give it back. */
function plain(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

/** Appends one row to the audit log inside the caller's transaction (recordAudits). */
export function recordAudit(tx: Db, ctx: Ctx, e: AuditEntry): Promise<void> {
  return recordAudits(tx, ctx, [e]);
}

/**
 * Appends rows to the audit log, in order, inside the caller's transaction, or as a statement of its own on a
 * connection outside one (it is atomic either way). One round trip: the database function audit_append (migration
 * 0042) takes the chain's advisory lock, which serialises writers across processes and app nodes so the chain stays
 * linear, reads the last hash and links each row to the one before, from the body computed here.
 */
export async function recordAudits(tx: Db, ctx: Ctx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = new Date();
  const rows = entries.map((e) => {
    const row = {
      at,
      actorId: ctx.principal?.userId ?? null,
      actorLabel: ctx.principal?.email ?? ctx.actorLabel ?? 'system',
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      orgId: e.orgId ?? null,
      before: plain(e.before),
      after: plain(e.after),
      requestId: ctx.requestId ?? null,
      ip: ctx.ip ?? null,
    };
    return { ...row, at: at.toISOString(), body: rowBody(row) };
  });
  await tx.execute(sql`select audit_append(${JSON.stringify(rows)}::jsonb)`);
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first row whose content or link does not match. */
  firstBroken?: { seq: number; reason: 'hash' | 'link' };
}

/** Walks the whole chain in order and names the first row that was altered, or whose predecessor vanished. */
export async function verifyChain(db: Db, batch = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(batch);
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      if (r.prevHash !== prev) return { ok: false, checked, firstBroken: { seq: r.seq, reason: 'link' } };
      if (rowHash(r.prevHash, r) !== r.hash) return { ok: false, checked, firstBroken: { seq: r.seq, reason: 'hash' } };
      prev = r.hash;
      after = r.seq;
      checked++;
    }
  }
}
