import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';

/**
 * The narrative's document model: a small, closed set of nodes. Anything else (scripts, event attributes,
 * styles, javascript: links) cannot be expressed, so every renderer can trust what it gets.
 */
export interface TextNode { t: 'text'; text: string; bold?: boolean; italic?: boolean; href?: string }
export type Inline = TextNode;
export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'h'; level: 1 | 2 | 3; c: Inline[] }
  | { t: 'ul'; items: Inline[][] }
  | { t: 'ol'; items: Inline[][] }
  | { t: 'table'; header: boolean; rows: Inline[][][] };
export interface RichDoc { type: 'doc'; content: Block[] }

export const SAFE_HREF = /^(https?:\/\/|mailto:)[^\s<>"]+$/i;

const TextSchema = z.strictObject({
  t: z.literal('text'),
  text: z.string().max(20_000),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  href: z.string().max(2000).regex(SAFE_HREF, 'endast http(s)- och mailto-länkar / only http(s) and mailto links').optional(),
});
const Inlines = z.array(TextSchema).max(2000);
const BlockSchema = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('p'), c: Inlines }),
  z.strictObject({ t: z.literal('h'), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), c: Inlines }),
  z.strictObject({ t: z.literal('ul'), items: z.array(Inlines).max(500) }),
  z.strictObject({ t: z.literal('ol'), items: z.array(Inlines).max(500) }),
  z.strictObject({ t: z.literal('table'), header: z.boolean(), rows: z.array(z.array(Inlines).max(30)).max(1000) }),
]);
export const RichDocSchema = z.strictObject({ type: z.literal('doc'), content: z.array(BlockSchema).max(2000) });

export const emptyDoc = (): RichDoc => ({ type: 'doc', content: [] });

const ALLOWED_TAGS = ['p', 'h1', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'b', 'em', 'i', 'a', 'br'];

/** The editor's HTML, sanitized: only the tags above, only href on links, only http(s)/mailto. */
export function sanitizeNarrativeHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template', 'svg', 'math'],
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Converts (untrusted) editor HTML into the document model: sanitized first, then parsed. */
export function htmlToDoc(html: string): RichDoc {
  const clean = sanitizeNarrativeHtml(html);
  const content: Block[] = [];
  const marks = { bold: 0, italic: 0, href: [] as string[] };
  let inline: Inline[] | null = null; // the inline run being filled
  let list: { t: 'ul' | 'ol'; items: Inline[][] } | null = null;
  let table: { t: 'table'; header: boolean; rows: Inline[][][] } | null = null;
  let row: Inline[][] | null = null;
  let para: Block | null = null;

  const flushLoose = () => {
    if (para && 'c' in para && para.c.some((n) => n.text.trim())) content.push(para);
    para = null;
  };
  const target = (): Inline[] => {
    if (inline) return inline;
    if (!para) para = { t: 'p', c: [] };
    return (para as { c: Inline[] }).c;
  };
  const pushText = (text: string) => {
    if (!text) return;
    if (!inline && !para && !text.trim()) return;
    if ((list || table) && !inline) return; // whitespace between items/cells
    const n: TextNode = { t: 'text', text };
    if (marks.bold) n.bold = true;
    if (marks.italic) n.italic = true;
    const href = marks.href[marks.href.length - 1];
    if (href) n.href = href;
    const arr = target();
    const last = arr[arr.length - 1];
    if (last && last.bold === n.bold && last.italic === n.italic && last.href === n.href) last.text += text;
    else arr.push(n);
  };

  const re = /<(\/?)([a-z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*\/?>|([^<]+)/gi;
  for (const m of clean.matchAll(re)) {
    if (m[4] !== undefined) {
      pushText(decode(m[4]));
      continue;
    }
    const close = m[1] === '/';
    const tag = m[2].toLowerCase();
    switch (tag) {
      case 'p': case 'h1': case 'h2': case 'h3': case 'h4':
        if (list || table) break; // treat as inline within items/cells
        flushLoose();
        if (!close) {
          const level = tag === 'p' ? 0 : Math.min(3, Number(tag[1])) as 1 | 2 | 3;
          const b: Block = level ? { t: 'h', level, c: [] } : { t: 'p', c: [] };
          content.push(b);
          inline = (b as { c: Inline[] }).c;
        } else inline = null;
        break;
      case 'ul': case 'ol':
        flushLoose();
        if (!close && !list) { list = { t: tag, items: [] }; content.push(list); }
        else if (close && list?.t === tag) list = null;
        break;
      case 'li':
        if (!list) break;
        if (!close) { inline = []; list.items.push(inline); } else inline = null;
        break;
      case 'table':
        flushLoose();
        if (!close && !table) { table = { t: 'table', header: false, rows: [] }; content.push(table); }
        else if (close) table = null;
        break;
      case 'tr':
        if (!table) break;
        if (!close) { row = []; table.rows.push(row); } else row = null;
        break;
      case 'th': case 'td':
        if (!table || !row) break;
        if (!close) {
          if (tag === 'th' && table.rows.length === 1) table.header = true;
          inline = []; row.push(inline);
        } else inline = null;
        break;
      case 'strong': case 'b': marks.bold += close ? -1 : 1; break;
      case 'em': case 'i': marks.italic += close ? -1 : 1; break;
      case 'a': {
        if (close) { marks.href.pop(); break; }
        const href = /href="([^"]*)"/.exec(m[3] ?? '')?.[1];
        const url = href ? decode(href) : '';
        marks.href.push(SAFE_HREF.test(url) ? url : '');
        break;
      }
      case 'br': pushText('\n'); break;
    }
  }
  flushLoose();
  return sanitizeDoc({ type: 'doc', content });
}

/** Re-checks a model that arrived as JSON: drops unsafe links and empty runs (zod already refused unknown keys). */
export function sanitizeDoc(doc: RichDoc): RichDoc {
  const fix = (c: Inline[]): Inline[] =>
    c.filter((n) => n.text.length > 0).map((n) => {
      // eslint-disable-next-line no-control-regex -- control characters are what this strips
      const out: TextNode = { t: 'text', text: n.text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '') };
      if (n.bold) out.bold = true;
      if (n.italic) out.italic = true;
      if (n.href && SAFE_HREF.test(n.href)) out.href = n.href;
      return out;
    });
  return {
    type: 'doc',
    content: doc.content.map((b): Block => {
      if (b.t === 'p' || b.t === 'h') return { ...b, c: fix(b.c) };
      if (b.t === 'ul' || b.t === 'ol') return { t: b.t, items: b.items.map(fix) } as Block;
      return { t: 'table', header: b.header, rows: b.rows.map((r) => r.map(fix)) };
    }),
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function inlinesToHtml(c: Inline[]): string {
  return c.map((n) => {
    let s = esc(n.text).replace(/\n/g, '<br>');
    if (n.bold) s = `<strong>${s}</strong>`;
    if (n.italic) s = `<em>${s}</em>`;
    if (n.href && SAFE_HREF.test(n.href)) s = `<a href="${esc(n.href)}">${s}</a>`;
    return s;
  }).join('');
}

/** The model as HTML; `baseLevel` shifts narrative headings below the section heading. */
export function docToHtml(doc: RichDoc, baseLevel = 2): string {
  return doc.content.map((b) => {
    switch (b.t) {
      case 'p': return `<p>${inlinesToHtml(b.c)}</p>`;
      case 'h': { const l = Math.min(6, baseLevel + b.level); return `<h${l}>${inlinesToHtml(b.c)}</h${l}>`; }
      case 'ul': case 'ol': return `<${b.t}>${b.items.map((i) => `<li>${inlinesToHtml(i)}</li>`).join('')}</${b.t}>`;
      case 'table': {
        const rows = b.rows.map((r, i) => {
          const head = b.header && i === 0;
          return `<tr>${r.map((c) => (head ? `<th scope="col">${inlinesToHtml(c)}</th>` : `<td>${inlinesToHtml(c)}</td>`)).join('')}</tr>`;
        });
        const [first, ...rest] = rows;
        return b.header && first ? `<table><thead>${first}</thead><tbody>${rest.join('')}</tbody></table>` : `<table><tbody>${rows.join('')}</tbody></table>`;
      }
    }
  }).join('\n');
}

export const inlineText = (c: Inline[]) => c.map((n) => n.text).join('');

/** Plain text, one line per block/item/row: for text diffs and search. */
export function docToText(doc: RichDoc): string {
  return doc.content.flatMap((b) => {
    if (b.t === 'p' || b.t === 'h') return [inlineText(b.c)];
    if (b.t === 'ul' || b.t === 'ol') return b.items.map((i, n) => `${b.t === 'ul' ? '•' : `${n + 1}.`} ${inlineText(i)}`);
    return b.rows.map((r) => r.map(inlineText).join(' | '));
  }).join('\n');
}

/** Shorthands for building documents in code (demo, tests). */
export const p = (...parts: (string | TextNode)[]): Block => ({ t: 'p', c: parts.map((x) => (typeof x === 'string' ? { t: 'text', text: x } : x)) });
export const ul = (...items: string[]): Block => ({ t: 'ul', items: items.map((text) => [{ t: 'text', text }]) });
export const doc = (...content: Block[]): RichDoc => ({ type: 'doc', content });
