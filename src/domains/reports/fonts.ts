/**
 * The DejaVu fonts the documents are drawn with (dejavu-fonts-ttf package): their files for the PDF and the PNG
 * rasteriser, and text widths from the font's own advance widths (through fontkit, pdfkit's font reader) for
 * layout decisions made before drawing: chart labels and legends (charts.ts), table column widths (blocks.ts).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONT_FILES = {
  normal: join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  italics: join(FONT_DIR, 'DejaVuSans-Oblique.ttf'),
  bolditalics: join(FONT_DIR, 'DejaVuSans-BoldOblique.ttf'),
};

interface Face {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}
let faces: { normal: Face; bold: Face } | undefined;
const advances = new Map<string, number>();

/** Width in points of `text` set in DejaVu Sans at `size` points (kerning left out: a few tenths of a point). */
export function textWidth(text: string, size: number, bold = false): number {
  const { openSync } = require('fontkit') as { openSync(path: string): Face };
  faces ??= { normal: openSync(FONT_FILES.normal), bold: openSync(FONT_FILES.bold) };
  const face = bold ? faces.bold : faces.normal;
  let units = 0;
  for (const ch of text) {
    const key = (bold ? 'b' : 'n') + ch;
    let a = advances.get(key);
    if (a === undefined) advances.set(key, (a = face.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth));
    units += a;
  }
  return (units / face.unitsPerEm) * size;
}
