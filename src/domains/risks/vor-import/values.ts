/** A scale value of a VoR sheet: a number or a level name. Pure; text, names and days: platform/tabular/values.ts. */
import type { Cell } from '../../../server/platform/tabular/cells';
import { cellText, fail, nameKey, ok, type Parsed } from '../../../server/platform/tabular/values';
import { allowedText } from '../scale';

/**
 * A value of one axis of the scale: the number 1…n or the level's name in any letter case ("Möjlig", "möjligt":
 * the seeds write the adjective's -t form too, "Mindre sannolikt").
 */
export function parseLevel(c: Cell | undefined, labels: readonly string[], axis: 'sannolikhet' | 'konsekvens', scaleName: string): Parsed<number> {
  const raw = cellText(c);
  const what = axis === 'sannolikhet' ? { sv: 'Sannolikheten', en: 'Likelihood' } : { sv: 'Konsekvensen', en: 'Consequence' };
  const allowed = allowedText(labels);
  if (raw === '') return fail(`${what.sv} saknas.`, `${what.en} is missing.`);
  if (/^\d+([.,]0+)?$/.test(raw)) {
    const n = Number.parseInt(raw, 10);
    if (n >= 1 && n <= labels.length) return ok(n);
    return fail(
      `${what.sv} ${raw} ligger utanför skalan "${scaleName}" (1–${labels.length}: ${allowed}).`,
      `${what.en} ${raw} is outside the scale "${scaleName}" (1–${labels.length}: ${allowed}).`,
    );
  }
  const key = nameKey(raw);
  const i = labels.findIndex((l) => nameKey(l) === key || `${nameKey(l)}t` === key);
  if (i >= 0) return ok(i + 1);
  return fail(
    `${what.sv} "${raw}" är ingen nivå på skalan "${scaleName}". Ange en siffra eller ett namn: ${allowed}.`,
    `${what.en} "${raw}" is not a level of the scale "${scaleName}". Give a number or a name: ${allowed}.`,
  );
}
