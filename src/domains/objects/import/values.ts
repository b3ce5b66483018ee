/**
 * Cells of an objektlista sheet → the object's stored values: yes/no, classification status, PUB-avtal, förvaltning
 * and KLASSA levels, each in Tillit's stored word, its Swedish or English label (as the page shows and exports it) or
 * a common spelling. An empty cell is the value a new object gets (nej, saknas, lokal, not assessed). Pure.
 */
import type { Cell } from '../../../server/platform/tabular/cells';
import { cellText, fail, ok, parseWord, type Parsed } from '../../../server/platform/tabular/values';
import type { ClassificationStatus } from '../contract';

const STATUS_WORDS: [ClassificationStatus, string[]][] = [
  ['saknas', ['saknas', 'missing', 'ej påbörjad', 'ej klassad', 'nej']],
  ['pagar', ['pågår', 'pagar', 'in progress', 'påbörjad', 'ongoing']],
  ['klar', ['klar', 'done', 'klassad', 'ja']],
  ['ej_aktuell', ['ej aktuell', 'ej_aktuell', 'ej aktuellt', 'not applicable', 'e/a']],
];

/** A classification's status: Saknas, Pågår, Klar, Ej aktuell (or the English labels); empty: saknas. */
export const parseStatus = (c: Cell | undefined) =>
  parseWord<ClassificationStatus>(c, 'saknas', STATUS_WORDS, 'Saknas, Pågår, Klar, Ej aktuell', { sv: 'Klassningsstatusen', en: 'The classification status' });

/** PUB-avtal, as the registerförteckning and the leverantörsregister read it. */
export { parsePub } from '../../privacy/import/gdpr-values';

/** Förvaltning: lokal or central (also the page's "Lokal objektförvaltning"); empty: lokal. */
export const parseManagement = (c: Cell | undefined) =>
  parseWord<'lokal' | 'central'>(c, 'lokal', [
    ['lokal', ['lokal', 'local', 'lokal objektförvaltning', 'local object management', 'lokal förvaltning']],
    ['central', ['central', 'central objektförvaltning', 'central object management', 'central förvaltning']],
  ], 'lokal, central', { sv: 'Förvaltningen', en: 'The management' });

/** A KLASSA level 0–4 (also the form's "2 – Betydande skada"); empty or "–": not assessed (null). */
export function parseLevel(c: Cell | undefined): Parsed<number | null> {
  const raw = cellText(c);
  if (raw === '' || /^[-–—]$/.test(raw)) return ok(null);
  const m = /^(\d+)(?:[.,]0+)?(?:\s*[-–—:]\s*\D.*)?$/.exec(raw);
  if (m) {
    const n = Number(m[1]);
    if (n <= 4) return ok(n);
  }
  return fail(`Nivån "${raw}" är ingen KLASSA-nivå: ange 0–4, eller lämna tomt om aspekten inte är bedömd.`,
    `The level "${raw}" is not a KLASSA level: give 0–4, or leave it empty when the aspect is not assessed.`);
}

/** K/R/T/S in one cell, as the page's export writes it ("2/1/–/3"): four levels separated by "/". */
export function parseLevels(c: Cell | undefined): Parsed<(number | null)[]> {
  const raw = cellText(c);
  if (raw === '') return ok([null, null, null, null]);
  const parts = raw.split('/').map((p) => p.trim());
  const levels = parts.map((p) => parseLevel(p));
  if (parts.length !== 4 || levels.some((l) => !l.ok)) {
    return fail(`"${raw}" är inte fyra nivåer K/R/T/S (0–4 eller –), t.ex. "2/1/–/3".`, `"${raw}" is not four levels K/R/T/S (0–4 or –), e.g. "2/1/–/3".`);
  }
  return ok(levels.map((l) => (l.ok ? l.value : null)));
}

/**
 * The page's "Uppföljning {år}" cell (never stored; compared with Tillit's): Gjord (done) or Saknas (missing), as the
 * page exports it in Swedish or English, also ja/nej; empty: null (says nothing).
 */
export const parseFollowUpDone = (c: Cell | undefined) =>
  parseWord<boolean | null>(c, null, [[true, ['gjord', 'done', 'ja', 'yes', 'x']], [false, ['saknas', 'missing', 'nej', 'no']]],
    'Gjord, Saknas', { sv: 'Uppföljningen', en: 'The follow-up' });
