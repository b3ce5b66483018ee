/**
 * Cells of a registerförteckning sheet → the activity's stored values: legal basis, transfer tool, third-country
 * transfer, status, DPIA state, the WP248 criteria and the lists (data subjects, personal data, systems), each in
 * Tillit's stored word, the page's Swedish or English label (as it shows and exports them) or a common spelling of a
 * DraftIT export or IMY's template. Yes/no and PUB-avtal are read as the objektlista reads them. Pure.
 *
 * The labels below are the web app's (src/web/i18n/{sv,en}/privacy.json); values.test.ts asserts they are equal.
 */
import type { Cell, Msg } from '../../../server/platform/tabular/cells';
import { looseKey } from '../../../server/platform/tabular/cells';
import { cellText, fail, ok, parseWord, parseYesNo, type Parsed } from '../../../server/platform/tabular/values';
import { NOT_GIVEN, parsePub, parseTransferTool, toolOf, TRANSFER_TOOL_LABELS, type TransferTool } from './gdpr-values';
import { DPIA_CRITERIA, type DpiaCriterion, type DpiaState, type LegalBasis, type PrivacyStatus } from '../contract';

/** The page's labels (privacy.json legalBasis, transferTool, status, dpiaState, criterion), Swedish then English. */
export const LABELS = {
  legalBasis: {
    a: ['a) Samtycke', 'a) Consent'],
    b: ['b) Avtal', 'b) Contract'],
    c: ['c) Rättslig förpliktelse', 'c) Legal obligation'],
    d: ['d) Grundläggande intresse', 'd) Vital interests'],
    e: ['e) Allmänt intresse eller myndighetsutövning', 'e) Public interest or official authority'],
    f: ['f) Berättigat intresse', 'f) Legitimate interests'],
  } satisfies Record<LegalBasis, [string, string]>,
  transferTool: TRANSFER_TOOL_LABELS,
  status: {
    utkast: ['Utkast', 'Draft'],
    granskas: ['Granskas av DSO', 'In review by the DPO'],
    godkand: ['Godkänd', 'Approved'],
  } satisfies Record<PrivacyStatus, [string, string]>,
  dpia: {
    ej_gjord: ['Inte gjord', 'Not done'],
    gjord: ['Gjord', 'Done'],
    behovs_ej: ['Behövs inte', 'Not needed'],
  } satisfies Record<DpiaState, [string, string]>,
  criterion: {
    utvardering: ['Utvärdering eller poängsättning (t.ex. profilering)', 'Evaluation or scoring (e.g. profiling)'],
    automatiserade_beslut: ['Automatiserat beslutsfattande med rättslig eller liknande betydande verkan', 'Automated decision-making with legal or similar significant effect'],
    systematisk_overvakning: ['Systematisk övervakning', 'Systematic monitoring'],
    kansliga_uppgifter: ['Känsliga uppgifter eller uppgifter av mycket personlig karaktär', 'Sensitive data or data of a highly personal nature'],
    stor_omfattning: ['Behandling i stor omfattning', 'Data processed on a large scale'],
    samkorning: ['Matchning eller kombination av datamängder', 'Matching or combining datasets'],
    sarbara_registrerade: ['Uppgifter om sårbara registrerade (t.ex. barn, brukare, patienter)', 'Data concerning vulnerable data subjects (e.g. children, care recipients, patients)'],
    ny_teknik: ['Innovativ användning eller ny teknik (t.ex. AI)', 'Innovative use or new technology (e.g. AI)'],
    hindrar_rattighet: ['Behandlingen hindrar de registrerade från att utöva en rättighet eller använda en tjänst', 'Processing prevents data subjects from exercising a right or using a service'],
  } satisfies Record<DpiaCriterion, [string, string]>,
};

const NONE = NOT_GIVEN;

/** The words of art. 6.1 a–f besides the letter, as a register writes them. */
const LEGAL_BASIS_WORDS: Record<LegalBasis, string[]> = {
  a: ['samtycke', 'samtycke från den registrerade', 'consent', 'a) samtycke', 'a) consent'],
  b: ['avtal', 'fullgörande av avtal', 'avtal med den registrerade', 'contract', 'performance of a contract', 'b) avtal', 'b) contract'],
  c: ['rättslig förpliktelse', 'rättslig skyldighet', 'legal obligation', 'c) rättslig förpliktelse', 'c) legal obligation'],
  d: ['grundläggande intresse', 'grundläggande intressen', 'vitalt intresse', 'vitala intressen', 'vital interest', 'vital interests', 'd) grundläggande intresse', 'd) vital interests'],
  e: [
    'allmänt intresse', 'myndighetsutövning', 'allmänt intresse eller myndighetsutövning', 'allmänt intresse/myndighetsutövning', 'allmänt intresse och myndighetsutövning',
    'uppgift av allmänt intresse', 'uppgift av allmänt intresse eller myndighetsutövning', 'public interest', 'official authority', 'public interest or official authority',
    'public task', 'e) allmänt intresse', 'e) public interest',
  ],
  f: ['berättigat intresse', 'berättigade intressen', 'intresseavvägning', 'legitimate interest', 'legitimate interests', 'f) berättigat intresse', 'f) legitimate interests'],
};
const LEGAL_BASIS_ALLOWED = 'a–f (t.ex. "e", "6.1 e", "Art. 6.1 e") eller samtycke, avtal, rättslig förpliktelse, grundläggande intresse, allmänt intresse / myndighetsutövning, berättigat intresse';
const LEGAL_BASIS_ALLOWED_EN = 'a–f (e.g. "e", "6.1 e", "Art. 6.1 e") or the words samtycke, avtal, rättslig förpliktelse, grundläggande intresse, allmänt intresse / myndighetsutövning, berättigat intresse (or their English names)';

const basisOfWords = (text: string): LegalBasis | undefined => {
  const key = looseKey(text);
  return (Object.keys(LEGAL_BASIS_WORDS) as LegalBasis[]).find((b) => [...LEGAL_BASIS_WORDS[b], ...LABELS.legalBasis[b]].some((w) => looseKey(w) === key));
};

/**
 * Art. 6.1's letter: "e", "e)", "6.1 e", "6.1e", "6.1.e", "6(1)(e)", "Art. 6.1 e", "artikel 6.1 e", the page's label
 * "e) Allmänt intresse" or the words alone ("allmänt intresse", "myndighetsutövning", "samtycke" …). Words after the
 * letter must be that letter's. Empty, "Saknas" or "Inte angiven": none (null). Tillit keeps one legal basis.
 */
export function parseLegalBasis(c: Cell | undefined): Parsed<LegalBasis | null> {
  const raw = cellText(c).replace(/\s+/g, ' ');
  const key = looseKey(raw);
  if (raw === '' || NONE.some((n) => looseKey(n) === key)) return ok(null);
  const lower = raw.toLocaleLowerCase('sv');
  const m = /^(?:(?:art(?:\.|ikel|icle)?)\s*)?(?:6\s*(?:\.|\()?\s*1\s*\)?\s*(?:\.|\()?\s*)?([a-f])(?![a-zåäö])\s*\)?\s*[.:\-–—]?\s*(.*)$/.exec(lower);
  if (m) {
    const letter = m[1] as LegalBasis;
    const rest = m[2].trim();
    if (rest === '' || basisOfWords(rest) === letter || basisOfWords(`${letter}) ${rest}`) === letter) return ok(letter);
    const other = basisOfWords(rest);
    if (other) {
      return fail(
        `Rättslig grund "${raw}" säger både ${letter} och ${other} (${LABELS.legalBasis[other][0]}). Ange en av dem.`,
        `The legal basis "${raw}" says both ${letter} and ${other} (${LABELS.legalBasis[other][1]}). Give one of them.`,
      );
    }
  } else {
    const byWords = basisOfWords(raw);
    if (byWords) return ok(byWords);
  }
  return fail(
    `Rättslig grund "${raw}" känns inte igen. Ange ${LEGAL_BASIS_ALLOWED}. Tillit har en rättslig grund per behandling; skriv lagrum och andra grunder i "Om den rättsliga grunden".`,
    `The legal basis "${raw}" is not recognised. Give ${LEGAL_BASIS_ALLOWED_EN}. Tillit keeps one legal basis per activity; put statutes and other bases in "Om den rättsliga grunden".`,
  );
}

/**
 * A third-country transfer: ja/nej, or as the page's export writes it, "Ja (Standardavtalsklausuler (SCC))": yes
 * with its tool. `tool` is undefined when the cell names none.
 */
export function parseTransfer(c: Cell | undefined): Parsed<{ transfer: boolean; tool?: TransferTool }> {
  const yes = parseYesNo(c);
  if (yes.ok) return ok({ transfer: yes.value });
  const raw = cellText(c);
  const m = /^([^(]+?)\s*\((.+)\)$/.exec(raw);
  if (m) {
    const head = parseYesNo(m[1]);
    const tool = toolOf(m[2]);
    if (head.ok && head.value && tool) return ok({ transfer: true, tool });
  }
  return fail(
    `Värdet "${raw}" känns inte igen. Ange ja eller nej (eller "Ja (SCC)" med överföringsverktyget); länderna hör hemma i kolumnen Tredjeländer.`,
    `The value "${raw}" is not recognised. Give ja or nej (yes/no, or "Ja (SCC)" with the transfer tool); the countries belong in the column Tredjeländer.`,
  );
}

/** Utkast, Granskas (av DSO), Godkänd, or the English labels; empty: none given (null). */
export const parseStatus = (c: Cell | undefined) =>
  parseWord<PrivacyStatus | null>(c, null, [
    ['utkast', [...LABELS.status.utkast, 'utkast', 'draft']],
    ['granskas', [...LABELS.status.granskas, 'granskas', 'för granskning', 'under granskning', 'till granskning', 'in review']],
    ['godkand', [...LABELS.status.godkand, 'godkänd', 'godkand', 'approved', 'fastställd']],
  ], 'Utkast, Granskas, Godkänd', { sv: 'Statusen', en: 'The status' });

/** The DPIA: Inte gjord, Gjord, Behövs inte (or ja/nej, the English labels); empty: inte gjord. */
export const parseDpia = (c: Cell | undefined) =>
  parseWord<DpiaState>(c, 'ej_gjord', [
    ['ej_gjord', [...LABELS.dpia.ej_gjord, 'ej gjord', 'ej_gjord', 'inte gjord', 'ej genomförd', 'nej', 'no', 'saknas']],
    ['gjord', [...LABELS.dpia.gjord, 'gjord', 'genomförd', 'klar', 'ja', 'yes']],
    ['behovs_ej', [...LABELS.dpia.behovs_ej, 'behövs ej', 'behovs_ej', 'behövs inte', 'krävs ej', 'krävs inte', 'ej aktuell', 'not required']],
  ], 'Inte gjord, Gjord, Behövs inte', { sv: 'Konsekvensbedömningen', en: 'The DPIA' });

/** Short names of the WP248 criteria besides the key, the page's labels and the number 1–9 in the guidelines' order. */
const CRITERION_WORDS: Record<DpiaCriterion, string[]> = {
  utvardering: ['utvärdering', 'poängsättning', 'profilering', 'utvärdering eller poängsättning', 'evaluation', 'scoring', 'profiling', 'evaluation or scoring'],
  automatiserade_beslut: ['automatiserat beslutsfattande', 'automatiserade beslut', 'automated decision-making', 'automated decisions'],
  systematisk_overvakning: ['systematisk övervakning', 'övervakning', 'systematic monitoring', 'monitoring'],
  kansliga_uppgifter: ['känsliga uppgifter', 'känsliga personuppgifter', 'uppgifter av mycket personlig karaktär', 'sensitive data'],
  stor_omfattning: ['stor omfattning', 'storskalig', 'large scale'],
  samkorning: ['samkörning', 'matchning', 'kombination av datamängder', 'matching', 'combining datasets'],
  sarbara_registrerade: ['sårbara registrerade', 'sårbara', 'vulnerable data subjects'],
  ny_teknik: ['ny teknik', 'innovativ användning', 'ai', 'innovative use', 'new technology'],
  hindrar_rattighet: ['hindrar rättighet', 'hindrar de registrerade', 'hindrar en rättighet', 'prevents exercising a right'],
};

function criterionOf(text: string): DpiaCriterion | undefined {
  if (/^[1-9]$/.test(text)) return DPIA_CRITERIA[Number(text) - 1];
  const key = looseKey(text);
  return DPIA_CRITERIA.find((k) => [k, ...LABELS.criterion[k], ...CRITERION_WORDS[k]].some((w) => looseKey(w) === key));
}

/** The WP248 criteria that apply: a list of numbers 1–9, keys, labels or short names; in the guidelines' order. */
export function parseCriteria(c: Cell | undefined): Parsed<DpiaCriterion[]> {
  const found = new Set<DpiaCriterion>();
  for (const item of splitList(cellText(c))) {
    const k = criterionOf(item);
    if (!k) {
      return fail(
        `Kriteriet "${item}" känns inte igen. Ange kriterierna enligt WP248 som nummer 1–9 eller med namn (t.ex. "Behandling i stor omfattning", "sårbara registrerade"), åtskilda med semikolon.`,
        `The criterion "${item}" is not recognised. Give the WP248 criteria as numbers 1–9 or by name (e.g. "Behandling i stor omfattning", "sårbara registrerade"), separated by semicolons.`,
      );
    }
    found.add(k);
  }
  return ok(DPIA_CRITERIA.filter((k) => found.has(k)));
}

/** Splits at `sep` outside parentheses: "Kontakt (namn, adress), Personnummer" is two items. */
function splitOutside(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * A list in one cell: items separated by line breaks or semicolons; when the cell has neither, by commas outside
 * parentheses. A bullet ("- ", "• ", "* ") before an item is dropped, and so are empty items.
 */
export function splitList(raw: string): string[] {
  if (raw.trim() === '') return [];
  const parts = /[;\r\n]/.test(raw) ? raw.split(/[;\r\n]+/) : splitOutside(raw, ',');
  return parts.map((p) => p.trim().replace(/^[•*\-–]\s+/, '').trim()).filter((p) => p !== '');
}

/** How template.ts writes a list, and what reads back as exactly the stored list. */
export const joinList = (items: readonly string[]) => items.join('; ');

/** A message about one item of a list ("Värde 3: …"). */
export const itemMsg = (n: number, m: Msg): Msg => ({ sv: `Värde ${n}: ${m.sv}`, en: `Item ${n}: ${m.en}` });

export { parsePub, parseTransferTool, parseYesNo };
