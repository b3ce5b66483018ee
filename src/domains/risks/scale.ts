/**
 * Risk scales as plain data: the 4×4 default (DOMAIN.md), a 5×5 preset, colour bands with WCAG-AA text
 * contrast, and the checks every assessment passes. No database here.
 */
import { badRequest, unprocessable } from '../../server/platform/errors';
import type { ScaleBand } from './table';
import { AA_NORMAL_TEXT, bestTextColor, contrastRatio } from './bands';

export const DEFAULT_THRESHOLD = 12;

export const PRESETS = {
  '4x4': {
    name: 'Stadens skala 4×4',
    likelihood: ['Osannolik', 'Mindre sannolik', 'Möjlig', 'Sannolik'],
    consequence: ['Försumbar', 'Lindrig', 'Kännbar', 'Allvarlig'],
  },
  '5x5': {
    name: 'Skala 5×5',
    likelihood: ['Mycket osannolik', 'Osannolik', 'Möjlig', 'Sannolik', 'Mycket sannolik'],
    consequence: ['Försumbar', 'Lindrig', 'Kännbar', 'Allvarlig', 'Mycket allvarlig'],
  },
} as const;
export type Preset = keyof typeof PRESETS;

export interface ScaleShape {
  likelihood: readonly string[];
  consequence: readonly string[];
  bands: ScaleBand[];
}

export const maxValue = (s: Pick<ScaleShape, 'likelihood' | 'consequence'>) => s.likelihood.length * s.consequence.length;

// Contrast, readable text colour and default bands are pure and shared with the browser (bands.ts).
export { AA_NORMAL_TEXT, bestTextColor, contrastRatio, defaultBands, luminance } from './bands';

export interface BandInput {
  min: number;
  max: number;
  color: string;
  textColor?: string;
  label: string;
}

/** Bands must cover 1..max without gaps or overlaps, and each text colour must meet WCAG AA (4.5:1). */
export function checkBands(input: BandInput[], max: number): ScaleBand[] {
  const bands = [...input].map((b, i) => ({ ...b, i })).sort((a, b) => a.min - b.min);
  let expect = 1;
  for (const b of bands) {
    const field = `bands.${b.i}`;
    if (b.min !== expect) {
      throw unprocessable('scale_bands', {
        sv: `Färgbanden måste täcka riskvärdena 1–${max} utan luckor eller överlapp; band "${b.label}" börjar på ${b.min} men ${expect} väntades.`,
        en: `The colour bands must cover risk values 1–${max} without gaps or overlaps; band "${b.label}" starts at ${b.min}, ${expect} was expected.`,
      }, `${field}.min`);
    }
    if (b.max < b.min) {
      throw unprocessable('scale_bands', { sv: `Band "${b.label}": max är mindre än min.`, en: `Band "${b.label}": max is less than min.` }, `${field}.max`);
    }
    expect = b.max + 1;
  }
  if (expect !== max + 1) {
    throw unprocessable('scale_bands', {
      sv: `Färgbanden måste sluta på skalans högsta riskvärde ${max} (nu ${expect - 1}).`,
      en: `The colour bands must end at the scale's highest risk value ${max} (now ${expect - 1}).`,
    }, `bands.${bands[bands.length - 1]?.i ?? 0}.max`);
  }
  return bands.map((b) => {
    const textColor = b.textColor ?? bestTextColor(b.color);
    const ratio = contrastRatio(b.color, textColor);
    if (ratio < AA_NORMAL_TEXT) {
      throw unprocessable('scale_contrast', {
        sv: `Band "${b.label}": texten (${textColor}) på ${b.color} har kontrast ${ratio.toFixed(2)}:1; WCAG AA kräver minst 4,5:1.`,
        en: `Band "${b.label}": text ${textColor} on ${b.color} has contrast ${ratio.toFixed(2)}:1; WCAG AA needs at least 4.5:1.`,
      }, `bands.${b.i}.textColor`);
    }
    return { min: b.min, max: b.max, color: b.color.toLowerCase(), textColor: textColor.toLowerCase(), label: b.label };
  });
}

export function bandFor(bands: ScaleBand[], value: number): ScaleBand | undefined {
  return bands.find((b) => value >= b.min && value <= b.max);
}

// --- values -----------------------------------------------------------------------------------------------

export function allowedText(labels: readonly string[]): string {
  return labels.map((l, i) => `${i + 1} ${l}`).join(', ');
}

/**
 * Checks one scale value. Outside the scale → 400 naming the scale, its version and the allowed values.
 * `field` is the request field at fault (e.g. "sannolikhet" or "inherent.konsekvens").
 */
export function checkValue(
  scale: { name: string; scaleVersion: number; likelihood: readonly string[]; consequence: readonly string[] },
  axis: 'sannolikhet' | 'konsekvens',
  value: number,
  field: string = axis,
): number {
  const labels = axis === 'sannolikhet' ? scale.likelihood : scale.consequence;
  if (!Number.isInteger(value) || value < 1 || value > labels.length) {
    throw badRequest('outside_scale', {
      sv: `${axis === 'sannolikhet' ? 'Sannolikheten' : 'Konsekvensen'} ${value} finns inte på skalan "${scale.name}" (version ${scale.scaleVersion}). Tillåtna värden: ${allowedText(labels)}.`,
      en: `${axis === 'sannolikhet' ? 'Likelihood' : 'Consequence'} ${value} is not on the scale "${scale.name}" (version ${scale.scaleVersion}). Allowed values: ${allowedText(labels)}.`,
    }, field, { allowed: labels.map((label, i) => ({ value: i + 1, label })) });
  }
  return value;
}

/** riskvärde: always computed, never accepted from input. */
export const riskvarde = (sannolikhet: number, konsekvens: number) => sannolikhet * konsekvens;

/** Linear default mapping of 1..from onto 1..to, ends fixed (4→5: 1→1, 2→2, 3→4, 4→5). */
export function defaultMapping(from: number, to: number): number[] {
  if (from <= 1) return [1];
  return Array.from({ length: from }, (_, i) => Math.min(to, Math.max(1, Math.round(1 + (i * (to - 1)) / (from - 1)))));
}
