import { createHash } from 'node:crypto';
import { and, asc, desc, eq, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { resultRows, type Db } from '../../server/platform/db';
import { AppError, forbidden, notFound } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { orgFor, orgSlugs } from '../plans/scope';
import type { CreateDocument, Document, DocumentQuery, UpdateDocument } from './contract';
import { detectKind, kindOfName, MAX_DOCUMENT_BYTES, MIME, textOf, type FileKind } from './filetype';
import { documentFiles, documents } from './table';
import { refuseAfterToday, refuseNotAfter, stockholmDate } from '../../server/platform/time';

type Row = Omit<typeof documents.$inferSelect, 'search'>;
const what = (id: string) => ({ sv: `Dokumentet ${id} finns inte.`, en: `Document ${id} does not exist.` });
/** Every column but the search vector. */
const columns = {
  id: documents.id, orgId: documents.orgId, type: documents.type, title: documents.title, description: documents.description,
  owner: documents.owner, docVersion: documents.docVersion, adoptedOn: documents.adoptedOn, decisionRef: documents.decisionRef,
  nextReviewOn: documents.nextReviewOn, searchText: documents.searchText, fileName: documents.fileName, fileKind: documents.fileKind,
  fileSize: documents.fileSize, fileSha256: documents.fileSha256, fileUploadedAt: documents.fileUploadedAt, version: documents.version,
  createdAt: documents.createdAt, updatedAt: documents.updatedAt,
};

function toDto(r: Row, org: { slug: string; name: string }, today = stockholmDate()): Document {
  return {
    id: r.id,
    org: { id: r.orgId, ...org },
    type: r.type as Document['type'],
    title: r.title,
    description: r.description,
    owner: r.owner,
    docVersion: r.docVersion,
    adoptedOn: r.adoptedOn,
    decisionRef: r.decisionRef,
    nextReviewOn: r.nextReviewOn,
    reviewOverdue: r.nextReviewOn !== null && r.nextReviewOn < today,
    file: r.fileName && r.fileKind
      ? { name: r.fileName, kind: r.fileKind as FileKind, size: r.fileSize ?? 0, sha256: r.fileSha256 ?? '', uploadedAt: r.fileUploadedAt!.toISOString() }
      : null,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * Who may read a document: styrdokument apply downwards, so a person sees the documents of the orgs where they
 * hold document.read, of everything below them, and of every org above them (the förvaltning's lokal anvisning is
 * for every unit's staff).
 */
export function readableSql(ctx: Ctx): SQL {
  const scope = ctx.authz.scope('document.read');
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  return sql`(${sql.join(scope.map((p) => sql`(${orgs.path} like ${p + '%'} or left(${p}, length(${orgs.path})) = ${orgs.path})`), sql` or `)})`;
}
function canRead(ctx: Ctx, orgPath: string): boolean {
  const scope = ctx.authz.scope('document.read');
  return scope === 'all' || scope.some((p) => orgPath.startsWith(p) || p.startsWith(orgPath));
}

/** Prefix query over Swedish stems, so "rutiner" finds "rutin" and "incident" finds "incidenthantering". */
function tsQueryText(q: string): string | undefined {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.slice(0, 10).map((w) => `${w}:*`).join(' & ') : undefined;
}

let swedishConfig: Promise<boolean> | undefined;
/** PostgreSQL and PGlite both ship the 'swedish' text search configuration; if one did not, search falls back to ILIKE. */
function hasSwedish(db: Db): Promise<boolean> {
  swedishConfig ??= db.execute(sql`select 1 from pg_ts_config where cfgname = 'swedish'`)
    .then((r) => resultRows(r).length > 0)
    .catch(() => false);
  return swedishConfig;
}

export async function listDocuments(ctx: Ctx, q: DocumentQuery): Promise<Document[]> {
  const conds: SQL[] = [readableSql(ctx)];
  if (q.org) {
    const org = await orgFor(ctx, ctx.db, q.org, 'document.read');
    conds.push(sql`(${orgs.path} like ${org.path + '%'} or left(${org.path}, length(${orgs.path})) = ${orgs.path})`);
  }
  if (q.type) conds.push(eq(documents.type, q.type));
  if (q.overdue === 'true') conds.push(and(isNotNull(documents.nextReviewOn), lt(documents.nextReviewOn, stockholmDate()))!);
  let order: SQL[] = [asc(documents.title)];
  const tsq = q.q ? tsQueryText(q.q) : undefined;
  if (q.q && tsq) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    if (await hasSwedish(ctx.db)) {
      const query = sql`to_tsquery('swedish', ${tsq})`;
      conds.push(or(sql`${documents.search} @@ ${query}`, sql`${documents.title} ilike ${like}`)!);
      order = [desc(sql`ts_rank(${documents.search}, ${query})`), asc(documents.title)];
    } else {
      conds.push(sql`(${documents.title} ilike ${like} or ${documents.description} ilike ${like} or ${documents.searchText} ilike ${like})`);
    }
  } else if (q.q) {
    return [];
  }
  const rows = await ctx.db.select(columns).from(documents).innerJoin(orgs, eq(orgs.id, documents.orgId)).where(and(...conds)).orderBy(...order).limit(500);
  const names = await orgSlugs(ctx.db, rows.map((r) => r.orgId));
  const today = stockholmDate();
  return rows.map((r) => toDto(r, names.get(r.orgId)!, today));
}

async function load(ctx: Ctx, db: Db, id: string, write: boolean) {
  const [r] = await db.select(columns).from(documents).where(eq(documents.id, id));
  if (!r) throw notFound(what(id), 'id');
  const [org] = await db.select().from(orgs).where(eq(orgs.id, r.orgId));
  if (!canRead(ctx, org.path) && !ctx.authz.can('document.manage', org.path)) throw notFound(what(id), 'id');
  if (write && !ctx.authz.can('document.manage', org.path)) throw forbidden();
  return { r, org };
}

export async function getDocument(ctx: Ctx, id: string): Promise<Document> {
  const { r, org } = await load(ctx, ctx.db, id, false);
  return toDto(r, org);
}

/**
 * A document's dates: it was adopted (fastställd) on a day that has come (not after today, Stockholm time), and its
 * next review comes after that day. 422 on the date at fault.
 */
function checkDates(d: { adoptedOn?: string | null; nextReviewOn?: string | null }) {
  refuseAfterToday(d.adoptedOn, 'adoptedOn', 'adopted_in_future', { sv: 'Fastställd', en: 'Adopted' },
    { sv: 'Ange dagen då dokumentet faktiskt fastställdes.', en: 'Give the day the document was actually adopted.' });
  refuseNotAfter(d.nextReviewOn, d.adoptedOn, 'nextReviewOn', 'next_review_not_after_adopted', { sv: 'Nästa översyn', en: 'next review' }, { sv: 'fastställandet', en: 'adoption' });
}

export async function createDocument(ctx: Ctx, input: CreateDocument): Promise<Document> {
  checkDates(input);
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'document.read', 'document.manage');
    const { org: _o, ...values } = input;
    const [row] = await tx.insert(documents).values({ ...values, orgId: org.id }).returning(columns);
    await recordAudit(tx, ctx, { action: 'document.create', entityType: 'document', entityId: row.id, orgId: org.id, after: row });
    return toDto(row, org);
  });
}

export async function updateDocument(ctx: Ctx, id: string, input: UpdateDocument): Promise<Document> {
  return inTx(ctx, async (tx) => {
    const { r, org } = await load(ctx, tx, id, true);
    const { version, ...changes } = input;
    if (r.version !== version) throw staleVersion('document', version, toDto(r, org));
    // Checked when a date changes, so an older record with odd dates can still be corrected field by field.
    if (changes.adoptedOn !== undefined || changes.nextReviewOn !== undefined) {
      checkDates({ adoptedOn: changes.adoptedOn === undefined ? r.adoptedOn : changes.adoptedOn, nextReviewOn: changes.nextReviewOn === undefined ? r.nextReviewOn : changes.nextReviewOn });
    }
    const [row] = await tx.update(documents).set({ ...changes, version: sql`${documents.version} + 1`, updatedAt: new Date() })
      .where(and(eq(documents.id, id), eq(documents.version, version))).returning(columns);
    if (!row) throw staleVersion('document', version, toDto(r, org));
    const { searchText: _b, ...before } = r;
    const { searchText: _a, ...after } = row;
    await recordAudit(tx, ctx, { action: 'document.update', entityType: 'document', entityId: id, orgId: org.id, before, after });
    return toDto(row, org);
  });
}

export async function deleteDocument(ctx: Ctx, id: string, version: number): Promise<void> {
  await inTx(ctx, async (tx) => {
    const { r, org } = await load(ctx, tx, id, true);
    if (r.version !== version) throw staleVersion('document', version, toDto(r, org));
    await tx.delete(documentFiles).where(eq(documentFiles.documentId, id));
    await tx.delete(documents).where(eq(documents.id, id));
    const { searchText: _s, ...before } = r;
    await recordAudit(tx, ctx, { action: 'document.delete', entityType: 'document', entityId: id, orgId: org.id, before });
  });
}

const unsupported = (msg: { sv: string; en: string }) => new AppError(415, 'unsupported_file', msg, 'file');

/**
 * Stores the document's file (replacing an earlier one). The kind comes from the bytes (pdf, docx, xlsx, txt);
 * a name whose extension names another kind, an empty file or one over the limit is refused before anything is written.
 */
export async function uploadFile(ctx: Ctx, id: string, input: { name: string; data: Buffer; version: number }): Promise<Document> {
  if (input.data.length > MAX_DOCUMENT_BYTES) {
    throw new AppError(413, 'file_too_large', {
      sv: `Filen är för stor (${input.data.length} byte, högst ${MAX_DOCUMENT_BYTES}).`,
      en: `The file is too large (${input.data.length} bytes, at most ${MAX_DOCUMENT_BYTES}).`,
    }, 'file');
  }
  const kind = detectKind(input.data);
  if (!kind) {
    throw unsupported({
      sv: 'Filtypen stöds inte: endast pdf, docx, xlsx och txt (bedömt på filens innehåll).',
      en: 'Unsupported file type: only pdf, docx, xlsx and txt (judged by the content).',
    });
  }
  const named = kindOfName(input.name);
  if (named !== kind) {
    throw unsupported({
      sv: `Filnamnet "${input.name}" stämmer inte med innehållet (${kind}).`,
      en: `The file name "${input.name}" does not match the content (${kind}).`,
    });
  }
  return inTx(ctx, async (tx) => {
    const { r, org } = await load(ctx, tx, id, true);
    if (r.version !== input.version) throw staleVersion('document', input.version, toDto(r, org));
    const sha256 = createHash('sha256').update(input.data).digest('hex');
    const searchText = kind === 'txt' ? textOf(input.data).slice(0, 1_000_000) : '';
    await tx.delete(documentFiles).where(eq(documentFiles.documentId, id));
    await tx.insert(documentFiles).values({ documentId: id, data: input.data, uploadedBy: ctx.principal?.userId ?? null });
    const [row] = await tx.update(documents)
      .set({
        fileName: input.name, fileKind: kind, fileSize: input.data.length, fileSha256: sha256, fileUploadedAt: new Date(), searchText,
        version: sql`${documents.version} + 1`, updatedAt: new Date(),
      })
      .where(and(eq(documents.id, id), eq(documents.version, input.version))).returning(columns);
    if (!row) throw staleVersion('document', input.version, toDto(r, org));
    await recordAudit(tx, ctx, {
      action: 'document.file.upload', entityType: 'document', entityId: id, orgId: org.id,
      before: r.fileSha256 ? { name: r.fileName, kind: r.fileKind, size: r.fileSize, sha256: r.fileSha256 } : null,
      after: { name: input.name, kind, size: input.data.length, sha256 },
    });
    return toDto(row, org);
  });
}

export async function downloadFile(ctx: Ctx, id: string): Promise<Response> {
  const { r } = await load(ctx, ctx.db, id, false);
  const [f] = r.fileKind ? await ctx.db.select({ data: documentFiles.data }).from(documentFiles).where(eq(documentFiles.documentId, id)) : [];
  if (!f) throw notFound({ sv: 'Dokumentet har ingen fil.', en: 'The document has no file.' }, 'file');
  const name = r.fileName ?? `dokument.${r.fileKind}`;
  return new Response(new Uint8Array(f.data), {
    status: 200,
    headers: {
      'content-type': MIME[r.fileKind as FileKind],
      'content-length': String(f.data.length),
      'content-disposition': `attachment; filename="${name.replace(/[^\w.\- ]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}
