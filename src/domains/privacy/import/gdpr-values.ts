/**
 * Cells whose values the GDPR registers share: the PUB-avtal (art. 28) of the objektlista, the registerförteckning
 * and the leverantörsregister, and chapter V's transfer tool of the last two. One reading for all three imports, in
 * Tillit's stored word, the pages' Swedish and English labels (as they show and export them) or a common spelling.
 * Pure.
 */
import { looseKey, type Cell } from '../../../server/platform/tabular/cells';
import { cellText, fail, ok, parseWord, type Parsed } from '../../../server/platform/tabular/values';

export type PubAgreement = 'ja' | 'nej' | 'ej_tillampligt';
export type TransferTool = 'adekvansbeslut' | 'scc' | 'bcr' | 'annat';

const PUB_WORDS: [PubAgreement, string[]][] = [
  ['ja', ['ja', 'yes', 'x', 'ja, tecknat', 'tecknat', 'finns', 'yes, signed', 'signed']],
  ['nej', ['nej', 'no', 'saknas', 'missing', 'ej tecknat', 'inget']],
  ['ej_tillampligt', ['ej tillämpligt', 'ej_tillampligt', 'ej aktuellt', 'inte tillämpligt', 'not applicable', 'e/t', 'n/a', '-', '–', '—']],
];

/**
 * PUB-avtal: Ja (also "Ja, tecknat", tecknat, finns), Nej (saknas), Ej tillämpligt (also "-", e/t, n/a), or the
 * English labels; an empty cell is `empty` (what a new record gets: nej).
 */
export const parsePub = (c: Cell | undefined, empty: PubAgreement = 'nej'): Parsed<PubAgreement> =>
  parseWord(c, empty, PUB_WORDS, 'Ja, Nej, Ej tillämpligt', { sv: 'PUB-avtalet', en: 'The processor agreement' });

/** The pages' labels of the transfer tools (privacy.json and suppliers.json transferTool), Swedish then English. */
export const TRANSFER_TOOL_LABELS = {
  adekvansbeslut: ['Adekvansbeslut', 'Adequacy decision'],
  scc: ['Standardavtalsklausuler (SCC)', 'Standard contractual clauses (SCC)'],
  bcr: ['Bindande företagsbestämmelser (BCR)', 'Binding corporate rules (BCR)'],
  annat: ['Annat stöd i kapitel V', 'Other chapter V basis'],
} satisfies Record<TransferTool, [string, string]>;

/** "Not given" as the pages export it (legalBasisShort.none, legalBasis.none, transferTool.none) or a dash. */
export const NOT_GIVEN = ['saknas', 'inte angiven', 'inte angivet', 'ej angiven', 'missing', 'not given', '-', '–', '—'];

/** Parentheses and full stops do not count either: "Standardavtalsklausuler (SCC)" is "standardavtalsklausuler scc". */
const toolKey = (s: string) => looseKey(s.replace(/[().]/g, ' '));

const TOOL_WORDS: [TransferTool, string[]][] = (
  [
    ['adekvansbeslut', ['adekvansbeslut', 'adekvat skyddsnivå', 'beslut om adekvat skyddsnivå', 'art. 45', 'artikel 45', 'adequacy',
      'adequacy decision', 'data privacy framework', 'eu-us data privacy framework', 'dpf']],
    ['scc', ['scc', 'standardavtalsklausuler', 'standardavtalsklausuler scc', "eu:s standardavtalsklausuler", 'standardklausuler',
      'standard contractual clauses', 'art. 46', 'artikel 46', 'art. 46.2 c', 'artikel 46.2 c']],
    ['bcr', ['bcr', 'bindande företagsbestämmelser', 'binding corporate rules', 'art. 47', 'artikel 47']],
    ['annat', ['annat', 'annat stöd i kapitel v', 'other', 'other chapter v basis', 'undantag', 'undantag enligt artikel 49', 'art. 49',
      'artikel 49', 'derogation']],
  ] as [TransferTool, string[]][]
).map(([tool, words]) => [tool, [...TRANSFER_TOOL_LABELS[tool], ...words].map(toolKey)]);

const TOOL_ALLOWED = 'Adekvansbeslut, SCC (Standardavtalsklausuler), BCR (Bindande företagsbestämmelser), Annat';

/** The tool a text names; null when it says none is given; undefined when it is not recognised. */
export function toolOf(text: string): TransferTool | null | undefined {
  const key = toolKey(text);
  if (key === '' || NOT_GIVEN.some((n) => looseKey(n) === key)) return null;
  return TOOL_WORDS.find(([, words]) => words.includes(key))?.[0];
}

/**
 * Chapter V's transfer tool: adekvansbeslut (art. 45, also the EU–US Data Privacy Framework), SCC /
 * standardavtalsklausuler (46.2 c), BCR / bindande företagsbestämmelser (47), annat (art. 49), the pages' labels
 * ("Standardavtalsklausuler (SCC)") or English; empty or "saknas": none (null).
 */
export function parseTransferTool(c: Cell | undefined): Parsed<TransferTool | null> {
  const raw = cellText(c);
  const tool = toolOf(raw);
  if (tool !== undefined) return ok(tool);
  return fail(`Överföringsverktyget "${raw}" känns inte igen. Tillåtna värden: ${TOOL_ALLOWED}.`, `The transfer tool "${raw}" is not recognised. Allowed values: ${TOOL_ALLOWED}.`);
}
