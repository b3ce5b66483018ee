import type { FigureBlock } from './blocks';
import { isRec, recs, svList, withOrg, type CellFn, type Rec } from './block-parts';

const RESULT: Record<string, string> = {
  utan_avvikelse: 'Utan avvikelse', avvikelse: 'Avvikelse', vasentlig_avvikelse: 'Väsentlig avvikelse', ej_genomford: 'Ej genomförd',
};

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
/** "en väsentlig avvikelse", "2 väsentliga avvikelser". */
const count = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Kontroll i T2 (kommentar)": the period unless it is the whole year. */
const named = (r: Rec) => {
  const period = String(r.period ?? '');
  const comment = String(r.comment ?? '').trim();
  return `${String(r.control)}${period && period !== 'helår' ? ` i ${period}` : ''}${comment ? ` (${comment})` : ''}`;
};

/**
 * Internkontroll (the IKP's results) as seed 000 writes it: whether the controls were performed as planned, in how
 * many of the kontrolltillfällen so far, the väsentliga avvikelser and other deviations by name with what they were,
 * controls not performed or not yet reported, and the IKP risks that have no control; then the results by kind and
 * the deviations with their measures.
 */
export function internalControlBlocks(v: Rec, cell: CellFn): FigureBlock[] {
  const controls = num(v.controls);
  const [due, performed, missing] = [num(v.periodsDue), num(v.periodsPerformed), num(v.periodsMissing)];
  const deviations = recs(v.deviations);
  const significant = deviations.filter((d) => d.result === 'vasentlig_avvikelse');
  const other = deviations.filter((d) => d.result === 'avvikelse');
  const notPerformed = recs(v.notPerformed);
  const uncontrolled = recs(v.risksWithoutControl);
  const sentences: string[] = [];
  if (!controls) sentences.push('Internkontrollplanen har inga kontrollmoment för året.');
  else if (!due) sentences.push(`Internkontrollplanen har ${controls} kontrollmoment med ${num(v.periodsPlanned)} kontrolltillfällen under året; inget av dem har ännu passerat.`);
  else {
    sentences.push(`Intern kontroll har genomförts enligt plan för ${performed} av ${due} kontrolltillfällen.`);
    sentences.push(significant.length
      ? `${capital(count(significant.length, 'en väsentlig avvikelse', 'väsentliga avvikelser'))}: ${svList(significant.map(named))}.`
      : 'Inga väsentliga avvikelser har identifierats.');
    if (other.length) sentences.push(`${capital(count(other.length, 'en avvikelse', 'avvikelser'))} av mindre omfattning: ${svList(other.map(named))}.`);
    if (notPerformed.length) {
      sentences.push(`${capital(count(notPerformed.length, 'ett kontrolltillfälle', 'kontrolltillfällen'))} genomfördes inte: ${svList(notPerformed.map((r) => `${String(r.control)} ${String(r.period)} (${String(r.reason)})`))}.`);
    }
    if (missing) sentences.push(`${capital(count(missing, 'ett passerat kontrolltillfälle', 'passerade kontrolltillfällen'))} saknar rapporterat resultat.`);
  }
  if (uncontrolled.length) {
    sentences.push(`${capital(count(uncontrolled.length, 'en av årets IKP-risker', 'av årets IKP-risker'))} saknar kontrollmoment: ${svList(uncontrolled.map((r) => String(r.risk)))}.`);
  }
  const out: FigureBlock[] = [{ kind: 'text', text: sentences.join(' ') }];
  if (controls) {
    const by = isRec(v.byResult) ? v.byResult : {};
    out.push({
      kind: 'table', caption: 'Kontrolltillfällen i internkontrollplanen', columns: ['Kontrolltillfällen', 'Antal'],
      rows: [
        [cell('Planerade under året'), cell(num(v.periodsPlanned), 'internalControl.periodsPlanned')],
        [cell('Passerade eller rapporterade'), cell(due, 'internalControl.periodsDue')],
        ...Object.entries(RESULT).map(([k, label]) => [cell(label), cell(num(by[k]), `internalControl.byResult.${k}`)]),
        [cell('Saknar resultat'), cell(missing, 'internalControl.periodsMissing')],
      ],
    });
  }
  if (deviations.length) {
    const withRisk = deviations.some((d) => String(d.risk ?? '').trim());
    out.push({
      kind: 'table', caption: 'Avvikelser i internkontrollen',
      // The IKP risk's column only when a deviation belongs to one (a förvaltning's own controls have none).
      ...withOrg(deviations, ['Kontrollmoment', ...(withRisk ? ['IKP-risk'] : []), 'Period', 'Resultat', 'Kommentar', 'Vidtagna åtgärder'], (r) => [
        cell(r.control), ...(withRisk ? [cell(r.risk)] : []), cell(r.period), cell(RESULT[String(r.result)] ?? r.result), cell(r.comment), cell(r.measures),
      ], cell),
    });
  }
  if (uncontrolled.length) {
    out.push({
      kind: 'table', caption: 'IKP-risker utan kontrollmoment',
      ...withOrg(uncontrolled, ['Arbetssätt', 'Oönskad händelse', 'Riskvärde'], (r) => [cell(r.arbetssatt), cell(r.risk), cell(r.riskvarde)], cell),
    });
  }
  return out;
}
