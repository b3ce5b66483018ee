import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { AppError, notFound, unprocessable } from '../../server/platform/errors';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { auditSafe, manageable, readable, requireProtectedAccess, viewOf } from './access';
import { incidentAttachments, incidents } from './table';

/** Largest attachment accepted (bytes). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const ALLOWED_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain; charset=utf-8',
  msg: 'application/vnd.ms-outlook',
  eml: 'message/rfc822',
};

const starts = (b: Buffer, sig: number[]) => sig.every((v, i) => b[i] === v);

function utf8Text(b: Buffer): string | null {
  if (b.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return null;
  }
}

/** What the bytes are (by magic bytes, and for OOXML by the zip's part names), or null when not an allowed kind. */
/** What a kind of content is, in words (Swedish, English), for the message when a name and its content disagree. */
const KIND_WORDS: Record<NonNullable<ReturnType<typeof sniff>>, [string, string]> = {
  pdf: ['en PDF', 'a PDF'], png: ['en PNG-bild', 'a PNG image'], jpeg: ['en JPEG-bild', 'a JPEG image'],
  docx: ['ett Word-dokument', 'a Word document'], xlsx: ['ett Excel-dokument', 'an Excel workbook'],
  msg: ['ett Outlook-meddelande', 'an Outlook message'], eml: ['ett e-postmeddelande', 'an e-mail message'], txt: ['text', 'text'],
};

export function sniff(b: Buffer): 'pdf' | 'png' | 'jpeg' | 'docx' | 'xlsx' | 'msg' | 'eml' | 'txt' | null {
  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) {
    const names = b.toString('latin1');
    if (!names.includes('[Content_Types].xml')) return null;
    if (names.includes('word/')) return 'docx';
    if (names.includes('xl/')) return 'xlsx';
    return null;
  }
  if (starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'msg';
  const text = utf8Text(b.subarray(0, Math.min(b.length, 64 * 1024)));
  if (text === null) return null;
  if (/^(?:[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*){2,}/.test(text) && /^(from|received|return-path|message-id|date|subject|mime-version):/im.test(text)) return 'eml';
  return 'txt';
}

const kindOfExtension = (ext: string) => (ext === 'jpg' ? 'jpeg' : ext);

/**
 * Checks an upload: size (413), an allowed extension and recognisable content (415), content that matches
 * the extension and a sane name (422). Returns the content type to store.
 */
/** A control character (C0, DEL) or a bidirectional embedding, override or isolate. */
function isControl(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c < 0x20 || c === 0x7f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

export function checkUpload(filename: string, data: Buffer): string {
  if (data.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError(413, 'attachment_too_large', {
      sv: `Filen är för stor: ${data.length} byte, högst ${MAX_ATTACHMENT_BYTES} byte (10 MB).`,
      en: `The file is too large: ${data.length} bytes, at most ${MAX_ATTACHMENT_BYTES} bytes (10 MB).`,
    }, 'file');
  }
  const name = filename.trim();
  // No control characters, and no bidirectional overrides, which can show "faktura\u202Efdp.txt" as "fakturatxt.pdf".
  if (!name || name.length > 200 || /[\\/]/.test(name) || [...name].some(isControl)) {
    throw unprocessable('bad_filename', {
      sv: 'Ogiltigt filnamn: 1–200 tecken, utan snedstreck, radbrytningar eller andra styrtecken.',
      en: 'Invalid file name: 1–200 characters, without slashes, line breaks or other control characters.',
    }, 'filename');
  }
  if (data.length === 0) throw unprocessable('empty_file', { sv: 'Filen är tom.', en: 'The file is empty.' }, 'file');
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const allowed = Object.keys(ALLOWED_TYPES).join(', ');
  if (!ALLOWED_TYPES[ext]) {
    throw new AppError(415, 'attachment_type', {
      sv: `Filtypen ".${ext}" tas inte emot. Tillåtna: ${allowed}.`, en: `File type ".${ext}" is not accepted. Allowed: ${allowed}.`,
    }, 'file');
  }
  const actual = sniff(data);
  if (actual === null) {
    throw new AppError(415, 'attachment_type', {
      sv: `Filens innehåll är inte av någon tillåten typ (${allowed}).`, en: `The file's content is not of an allowed type (${allowed}).`,
    }, 'file');
  }
  const want = kindOfExtension(ext);
  // A text-like .eml may sniff as txt and vice versa only in the direction txt → eml.
  const matches = actual === want || (want === 'eml' && actual === 'txt') || (want === 'txt' && actual === 'eml');
  if (!matches) {
    const [isSv, isEn] = KIND_WORDS[actual];
    const [wantSv, wantEn] = KIND_WORDS[want as keyof typeof KIND_WORDS] ?? [`.${ext}`, `.${ext}`];
    throw unprocessable('attachment_mismatch', {
      sv: `Filen heter .${ext} men är inte ${wantSv}: innehållet är ${isSv}. Kontrollera att det är rätt fil, eller ge den rätt filändelse.`,
      en: `The file is named .${ext} but is not ${wantEn}: its content is ${isEn}. Check that it is the right file, or give it the right extension.`,
    }, 'filename');
  }
  return ALLOWED_TYPES[ext];
}

export async function addAttachment(ctx: Ctx, incidentId: string, filename: string, data: Buffer) {
  const contentType = checkUpload(filename, data);
  return inTx(ctx, async (tx) => {
    const r = await readable(ctx, tx, incidentId);
    const isReporter = !!ctx.principal && r.i.reporterId === ctx.principal.userId;
    if (!isReporter) await manageable(ctx, tx, incidentId);
    // As for comments (children.ts addComment): staff need incident.protected on a protected record; the reporter
    // reading their own report may add to it, and sees back only the files they uploaded.
    if (viewOf(ctx, r).staff) requireProtectedAccess(ctx, r);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const [a] = await tx.insert(incidentAttachments).values({
      incidentId, filename: filename.trim(), contentType, size: data.length, sha256, data, uploadedBy: ctx.principal?.userId ?? null,
    }).returning({ id: incidentAttachments.id, filename: incidentAttachments.filename, contentType: incidentAttachments.contentType, size: incidentAttachments.size, sha256: incidentAttachments.sha256, createdAt: incidentAttachments.createdAt });
    await tx.update(incidents).set({ updatedAt: new Date() }).where(eq(incidents.id, incidentId));
    await recordAudit(tx, ctx, { action: 'incident.attachment.create', entityType: 'incident_attachment', entityId: a.id, orgId: r.org.id, after: auditSafe(r.i.protectedIdentity, 'incident_attachment', { incidentId, ...a }) });
    return { ...a, createdAt: a.createdAt.toISOString() };
  });
}

/**
 * The file itself; reading a protected record's attachment is audited, whoever reads it. Staff need incident.protected
 * for a protected record's files. The reporter reading their own report (not staff) gets only the files they
 * uploaded themselves, on a protected record too; any other file of the incident does not exist for them (404, as
 * an unknown id: the handlers' files are not theirs to fetch, nor to count).
 */
export async function getAttachment(ctx: Ctx, incidentId: string, attachmentId: string) {
  const r = await readable(ctx, ctx.db, incidentId);
  const view = viewOf(ctx, r);
  if (view.staff) requireProtectedAccess(ctx, r);
  const [a] = await ctx.db.select().from(incidentAttachments)
    .where(and(
      eq(incidentAttachments.id, attachmentId), eq(incidentAttachments.incidentId, incidentId),
      view.staff ? undefined : eq(incidentAttachments.uploadedBy, view.userId),
    ));
  if (!a) throw notFound({ sv: `Bilagan ${attachmentId} finns inte.`, en: `Attachment ${attachmentId} does not exist.` }, 'attachmentId');
  if (r.i.protectedIdentity) {
    await recordAudit(ctx.db, ctx, { action: 'incident.read_protected', entityType: 'incident_attachment', entityId: a.id, orgId: r.org.id, after: { incidentId } });
  }
  return a;
}
