/**
 * Colour bands of a risk scale as pure functions (no server code): WCAG 2.x contrast, the readable text colour and
 * the default bands for a scale size. The server's scale rules (scale.ts) and the browser's band editor both use
 * this one module.
 */

export interface Band {
  min: number;
  max: number;
  color: string;
  textColor: string;
  label: string;
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export function bestTextColor(background: string): string {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

export const AA_NORMAL_TEXT = 4.5;

export const DEFAULT_BAND_COLORS = ['#1b5e20', '#f9d71c', '#e8710a', '#b71c1c'] as const;
export const DEFAULT_BAND_LABELS = ['Låg', 'Medel', 'Hög', 'Mycket hög'] as const;

/** Four bands over 1..max (≈ 20 %, 45 %, 75 % cut points), labelled lowest first: 4×4 gives 1–3, 4–7, 8–11, 12–16. */
export function defaultBands(max: number, labels: readonly string[] = DEFAULT_BAND_LABELS): Band[] {
  const cuts = [Math.floor(max * 0.2), Math.floor(max * 0.45), Math.ceil(max * 0.75) - 1, max];
  const out: Band[] = [];
  let min = 1;
  cuts.forEach((top, i) => {
    if (top < min) return;
    const color = DEFAULT_BAND_COLORS[i];
    out.push({ min, max: top, color, textColor: bestTextColor(color), label: labels[i] });
    min = top + 1;
  });
  return out;
}
