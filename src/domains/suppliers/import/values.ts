/**
 * Cells of a leverantörsregister sheet → the supplier's stored values, each in Tillit's stored word, its Swedish or
 * English label (as the page shows and exports it) or a common spelling. Pure.
 * PUB-avtal and the transfer tool are read as the registerförteckning and the objektlista read them (gdpr-values.ts).
 */
import type { Cell } from '../../../server/platform/tabular/cells';
import { looseKey } from '../../../server/platform/tabular/cells';
import { cellText, fail, ok, parseWord, type Parsed } from '../../../server/platform/tabular/values';
import { orgNumberValid, type AssessmentResult, type SubSupplier } from '../contract';
import { parsePub, parseTransferTool, type TransferTool } from '../../privacy/import/gdpr-values';

export { parsePub, parseTransferTool };

/** The supplier assessment's result: Godtagbar, Brister, Ej godtagbar (or the English labels); empty: not assessed (null). */
export const parseAssessmentResult = (c: Cell | undefined): Parsed<AssessmentResult | null> =>
  parseWord<AssessmentResult | null>(c, null, [
    ['godtagbar', ['godtagbar', 'godkänd', 'acceptable', 'ok']],
    ['brister', ['brister', 'godtagbar med brister', 'med brister', 'shortcomings', 'deficiencies']],
    ['ej_godtagbar', ['ej godtagbar', 'ej_godtagbar', 'inte godtagbar', 'icke godtagbar', 'underkänd', 'not acceptable', 'unacceptable']],
  ] satisfies [AssessmentResult, string[]][], 'Godtagbar, Brister, Ej godtagbar', { sv: 'Bedömningen', en: 'The assessment' });

/**
 * A Swedish organisation number: NNNNNN-NNNN, also written without the hyphen, with spaces, or as an XLSX number;
 * stored as NNNNNN-NNNN. The tenth digit is a Luhn check digit of the first nine; a wrong one is named with the right
 * one. Empty: none (null).
 */
export function parseOrgNumber(c: Cell | undefined): Parsed<string | null> {
  const raw = typeof c === 'number' ? String(c) : cellText(c);
  if (raw === '') return ok(null);
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) {
    return fail(`"${raw}" är inget organisationsnummer: skriv tio siffror som NNNNNN-NNNN.`, `"${raw}" is not an organisation number: write ten digits as NNNNNN-NNNN.`);
  }
  const value = `${digits.slice(0, 6)}-${digits.slice(6)}`;
  if (orgNumberValid(value)) return ok(value);
  const expected = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].find((d) => orgNumberValid(`${value.slice(0, 10)}${d}`));
  return fail(
    `Organisationsnumret ${value} har fel kontrollsiffra: enligt Luhn-algoritmen ska sista siffran vara ${expected}, inte ${digits[9]}. Kontrollera numret.`,
    `The organisation number ${value} has a wrong check digit: by the Luhn algorithm the last digit should be ${expected}, not ${digits[9]}. Check the number.`,
  );
}

const WITHOUT_CONTRACT = new Set(['utan avtal', 'utan avtal med förvaltningen', 'ej avtal', 'inget avtal', 'avtal saknas', 'without contract', 'no contract'].map(looseKey));

/** Splits at `sep` outside parentheses. */
function splitOutside(s: string, sep: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && sep.test(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Sub-suppliers in one cell: entries separated by ";" or line breaks, each `Namn[: tjänst][ (land[, utan avtal])]`,
 * e.g. "Datacenter AB: Drift (Sverige, utan avtal); Support AB (Indien); Molnbolaget". In the parentheses at the end
 * "utan avtal" (also "utan avtal med förvaltningen", "inget avtal", "without contract") marks a sub-supplier without a
 * contract with the förvaltning; the rest is the country. Empty: none.
 */
export function parseSubSuppliers(c: Cell | undefined): Parsed<SubSupplier[]> {
  const raw = cellText(c);
  if (raw === '') return ok([]);
  const subs: SubSupplier[] = [];
  for (const [i, part] of splitOutside(raw, /[;\n\r]/).map((p) => p.trim()).entries()) {
    if (part === '') continue;
    let head = part;
    let country = '';
    let withoutContract = false;
    const paren = /^(.*?)\s*\(([^()]*)\)$/.exec(part);
    if (paren) {
      head = paren[1];
      const details = paren[2].split(',').map((d) => d.trim()).filter((d) => d !== '');
      withoutContract = details.some((d) => WITHOUT_CONTRACT.has(looseKey(d)));
      country = details.filter((d) => !WITHOUT_CONTRACT.has(looseKey(d))).join(', ');
    } else if (/[()]/.test(part)) {
      return fail(`Underleverantör ${i + 1} ("${part}") har en parentes som inte stängs eller står mitt i; skriv "Namn: tjänst (land, utan avtal)".`,
        `Sub-supplier ${i + 1} ("${part}") has a parenthesis that is not closed or stands in the middle; write "Name: service (country, utan avtal)".`);
    }
    const colon = head.indexOf(':');
    const name = (colon < 0 ? head : head.slice(0, colon)).trim();
    const service = colon < 0 ? '' : head.slice(colon + 1).trim();
    if (name === '') {
      return fail(`Underleverantör ${i + 1} ("${part}") saknar namn; skriv "Namn: tjänst (land, utan avtal)".`,
        `Sub-supplier ${i + 1} ("${part}") has no name; write "Name: service (country, utan avtal)".`);
    }
    subs.push({ name, service, country, withoutContract });
  }
  return ok(subs);
}

/** Sub-suppliers as one cell, in the words parseSubSuppliers reads (the template's form). */
export const formatSubSuppliers = (subs: readonly SubSupplier[]): string =>
  subs.map((s) => {
    const details = [s.country, s.withoutContract ? 'utan avtal' : ''].filter((d) => d !== '');
    return `${s.name}${s.service ? `: ${s.service}` : ''}${details.length ? ` (${details.join(', ')})` : ''}`;
  }).join('; ');

/**
 * The page export's Tredjeland cell (also a plain list of countries): "Nej" (no transfer), "Ja" (a transfer, no
 * countries given), "USA, Indien", or either followed by the transfer tool's label in parentheses ("USA
 * (Standardavtalsklausuler (SCC))"). `transfer` is what the cell says of the transfer itself (undefined for an
 * empty cell), `countries` undefined when the cell says nothing of them ("Nej").
 */
export function parseThirdCountries(c: Cell | undefined): { countries?: string; transfer?: boolean; tool?: TransferTool } {
  const raw = cellText(c);
  if (raw === '') return { countries: '' };
  const yesNo = (s: string) => (['ja', 'yes'].includes(looseKey(s)) ? true : ['nej', 'no'].includes(looseKey(s)) ? false : undefined);
  let rest = raw;
  let tool: TransferTool | undefined;
  const m = /^(.*?)\s*\((.*)\)$/.exec(raw);
  if (m) {
    const t = parseTransferTool(m[2]);
    if (t.ok && t.value) {
      tool = t.value;
      rest = m[1];
    }
  }
  const said = yesNo(rest);
  if (said === false) return { transfer: false, tool };
  if (said === true) return { countries: '', transfer: true, tool };
  return { countries: rest, transfer: rest !== '' ? true : undefined, tool };
}

/**
 * System names in one cell, separated by ";" or line breaks, and by "," unless the part is a known name as it stands
 * (an object's name may hold a comma).
 */
export function splitNames(c: Cell | undefined, known: (name: string) => boolean): string[] {
  const raw = cellText(c);
  if (raw === '') return [];
  return raw.split(/[;\n\r]+/).map((p) => p.trim()).filter((p) => p !== '')
    .flatMap((p) => (known(p) ? [p] : p.split(',').map((q) => q.trim()).filter((q) => q !== '')));
}
