import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Hyphenator = { hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string };
let sv: Hyphenator | undefined;

const SHY = '\u00ad';

/**
 * Where a Swedish word may be hyphenated (the TeX patterns for Swedish, from the `hyphen` package), as its pieces:
 * "Registerförteckningen" → Re, gis, ter, för, teck, ning, en. A word with a hyphen of its own may also part after it.
 */
export function syllables(word: string): string[] {
  sv ??= require('hyphen/sv') as Hyphenator;
  return sv.hyphenateSync(word, { hyphenChar: SHY, minWordLength: 4 }).split(SHY).flatMap((s) => s.split(/(?<=-)/)).filter(Boolean);
}

/** Letters (with a hyphen between them, as in "e-posthantering"), and what stands before and after them ("(främst", "arna;"). */
const WORD = /^([^\p{L}]*)([\p{L}\p{M}](?:[\p{L}\p{M}-]*[\p{L}\p{M}])?)([^\p{L}]*)$/u;

/**
 * `text` with each word too wide for `width` parted at Swedish hyphenation points, each part ending in its hyphen:
 * "Registerför- teckningen". A renderer that can only break a long word between any two letters (pdfmake set
 * "Registerförtecknin" over "g" in a narrow column) then wraps after the hyphen. Every part but the last is the
 * longest that fits the column, so two parts never share a line and a stray "- " is never seen mid-line. A word
 * with no usable point (a number, an address) is left as it is. `measure` is the renderer's width of a text.
 */
export function hyphenateToFit(text: string, width: number, size: number, bold: boolean, measure: (text: string, size: number, bold: boolean) => number): string {
  // Parted at breaking spaces only, as the layout measures words (blocks.ts cellWords): a no-break space holds.
  return text
    .split(/([^\S\u00a0]+)/)
    .map((word, i) => {
      if (i % 2 === 1 || measure(word, size, bold) <= width) return word;
      const m = WORD.exec(word);
      if (!m) return word;
      const [, before, letters, after] = m;
      const parts: string[] = [];
      let current = before;
      for (const s of syllables(letters)) {
        const ends = (p: string) => (p.endsWith('-') ? p : `${p}-`);
        // A point of slack for the parts: pdfmake broke a word given exactly its width before its last letter.
        if (current !== before && measure(ends(current + s), size, bold) > width - 1) {
          parts.push(ends(current));
          current = s;
        } else current += s;
      }
      parts.push(current + after);
      return parts.join(' ');
    })
    .join('');
}
