import type { Inline, RichDoc } from './types';

/**
 * The narrative model (domains/reports/richtext.ts) as HTML for the editor. Text is escaped; the server
 * sanitizes whatever HTML the editor sends back and converts it to the model again.
 */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const SAFE_HREF = /^(https?:\/\/|mailto:)[^\s<>"]+$/i;

function inline(c: Inline[]): string {
  return c.map((x) => {
    let h = esc(x.text).replace(/\n/g, '<br>');
    if (x.bold) h = `<strong>${h}</strong>`;
    if (x.italic) h = `<em>${h}</em>`;
    if (x.href && SAFE_HREF.test(x.href)) h = `<a href="${esc(x.href)}">${h}</a>`;
    return h;
  }).join('');
}

export function docToHtml(doc: RichDoc | undefined): string {
  return (doc?.content ?? []).map((b) => {
    if (b.t === 'p') return `<p>${inline(b.c)}</p>`;
    if (b.t === 'h') return `<h${b.level}>${inline(b.c)}</h${b.level}>`;
    if (b.t === 'ul' || b.t === 'ol') return `<${b.t}>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${b.t}>`;
    const rows = b.rows.map((r, i) => `<tr>${r.map((c) => (b.header && i === 0 ? `<th>${inline(c)}</th>` : `<td>${inline(c)}</td>`)).join('')}</tr>`);
    return `<table><tbody>${rows.join('')}</tbody></table>`;
  }).join('');
}

/** Plain text of the narrative (for "has text" hints). */
export const docHasText = (doc: RichDoc | undefined) => docToHtml(doc).replace(/<[^>]+>/g, '').trim().length > 0;
