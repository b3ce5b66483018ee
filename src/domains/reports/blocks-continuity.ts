import type { FigureBlock } from './blocks';
import { countsTable, isRec, recs, svList, withOrg, type CellFn, type Rec } from './block-parts';

/**
 * The continuity section (risks/report-continuity.ts) in the document: sentences on the RSA cycle, the critical
 * processes with a plan, the plans by status with overdue reviews and plans not exercised, and the year's
 * exercises; then the counts, the processes, the plans and the exercises held and planned. blocks-known.ts picks it
 * by key.
 */

const RSA_STATUS: Record<string, string> = { planerad: 'planerad', pagar: 'pågår', klar: 'klar' };
const PLAN_STATUS: Record<string, string> = { saknas: 'Saknas', under_arbete: 'Under arbete', faststalld: 'Fastställd' };
export const EXERCISE_TYPE: Record<string, string> = {
  diskussionsovning: 'Diskussionsövning', funktionsovning: 'Funktionsövning', fullskaleovning: 'Fullskaleövning',
  krisledningsovning: 'Krisledningsövning', aterstallningstest: 'Återställningstest',
};

const num = (x: Rec, k: string) => (typeof x[k] === 'number' ? (x[k] as number) : 0);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
/** A text as a sentence: its own full stop kept, one added otherwise. */
const sentence = (t: string) => (/[.!?]$/.test(t) ? t : `${t}.`);

export function continuityBlocks(v: Rec, cell: CellFn): FigureBlock[] {
  const counts = isRec(v.counts) ? v.counts : {};
  const n = (k: string) => num(counts, k);
  const rsa = recs(v.rsa);
  const processes = recs(v.processes);
  const plans = recs(v.plans);
  const held = recs(v.exercisesHeld);
  const planned = recs(v.exercisesPlanned);
  const totalPlans = n('faststalld') + n('underArbete') + n('saknas');
  const sentences = [
    rsa.length
      ? `Risk- och sårbarhetsanalysen: ${svList(rsa.map((r) => `cykeln ${String(r.cycle)}${rsa.length > 1 ? ` (${String(r.org)})` : ''} är ${RSA_STATUS[String(r.status)] ?? String(r.status)}`))}.`
      : 'Ingen RSA-cykel omfattar året.',
    n('processes') ? `Av ${plural(n('processes'), 'kritisk process', 'kritiska processer')} har ${n('processesWithPlan')} en fastställd kontinuitetsplan.` : '',
    totalPlans
      ? `Av ${plural(totalPlans, 'kontinuitetsplan', 'kontinuitetsplaner')} är ${n('faststalld')} fastställda, ${n('underArbete')} under arbete och ${n('saknas')} saknas.`
      : 'Inga kontinuitetsplaner är registrerade.',
    n('reviewOverdue') ? `${plural(n('reviewOverdue'), 'plan har', 'planer har')} passerat sin översyn.` : totalPlans ? 'Alla planer är översedda i tid.' : '',
    n('notExercised') ? `${plural(n('notExercised'), 'plan har', 'planer har')} inte övats de senaste två åren.` : '',
    `Under året genomfördes ${plural(n('exercisesHeld'), 'övning', 'övningar')}${n('exercisesPlanned') ? `; ${plural(n('exercisesPlanned'), 'är planerad', 'är planerade')}` : ''}${
      n('exercisesPastDate')
        ? n('exercisesPastDate') === 1 && n('exercisesPlanned') === 1
          ? ', och dess datum har passerat utan att den registrerats som genomförd eller inställd'
          : `, varav ${n('exercisesPastDate')} har passerat sitt datum utan att registreras som ${n('exercisesPastDate') === 1 ? 'genomförd eller inställd' : 'genomförda eller inställda'}`
        : ''
    }.`,
  ].filter(Boolean);
  const out: FigureBlock[] = [
    { kind: 'text', text: sentences.join(' ') },
    countsTable('Kontinuitet i siffror', counts, 'continuity.counts', [
      ['Kritiska processer', 'processes'], ['Processer med fastställd plan', 'processesWithPlan'],
      ['Planer fastställda', 'faststalld'], ['Planer under arbete', 'underArbete'], ['Planer saknas', 'saknas'],
      ['Översyn försenad', 'reviewOverdue'], ['Inte övade på två år', 'notExercised'],
      ['Genomförda övningar', 'exercisesHeld'], ['Planerade övningar', 'exercisesPlanned'],
      ...(n('exercisesPastDate') ? [['Planerade, datum passerat', 'exercisesPastDate'] as [string, string]] : []),
    ], cell),
  ];
  if (processes.length) {
    out.push({
      kind: 'table', caption: 'Kritiska processer (samhällsviktig verksamhet)',
      ...withOrg(processes, ['Process', 'Ägare', 'Max avbrottstid (h)', 'Kontinuitetsplan'], (r) => [
        cell(r.name), cell(r.owner), cell(r.maxDowntimeHours ?? '–'), cell(PLAN_STATUS[String(r.planStatus)] ?? String(r.planStatus)),
      ], cell),
    });
  }
  if (plans.length) {
    out.push({
      kind: 'table', caption: 'Kontinuitetsplaner',
      ...withOrg(plans, ['Plan', 'Enhet', 'Status', 'Fastställd', 'Nästa översyn', 'Senast övad'], (r) => [
        cell(r.title), cell(r.unit), cell(PLAN_STATUS[String(r.status)] ?? String(r.status)), cell(r.adoptedDate ?? '–'),
        cell(r.nextReview ? `${String(r.nextReview)}${r.reviewOverdue === true ? ' (försenad)' : ''}` : '–'),
        cell(r.lastExercised ? `${String(r.lastExercised)}${r.notExercised === true ? ' (mer än två år sedan)' : ''}` : 'Aldrig'),
      ], cell),
    });
  }
  const type = (r: Rec) => cell(EXERCISE_TYPE[String(r.type)] ?? String(r.type));
  // A held exercise's scenario and lessons are running text: as two more table columns beside six others, a
  // PDF page broke their words (and "Krisledningsövning") letter by letter.
  if (held.length) {
    out.push({
      kind: 'table', caption: 'Genomförda övningar',
      ...withOrg(held, ['Datum', 'Typ', 'Övning', 'Enhet', 'Deltagare', 'Åtgärder'], (r) => [
        cell(r.date), type(r), cell(r.title), cell(r.unit), cell(r.participantCount ?? '–'), cell(r.actions),
      ], cell),
    });
    const told = held.filter((r) => str(r.scenario) || str(r.observations));
    if (told.length) out.push({ kind: 'text', text: 'Scenario och erfarenheter från årets övningar:' });
    for (const r of told) {
      const parts = [str(r.scenario) && `Scenario: ${sentence(str(r.scenario))}`, str(r.observations) && `Erfarenheter: ${sentence(str(r.observations))}`].filter(Boolean);
      out.push({ kind: 'text', text: `${str(r.title)}, ${str(r.date)}, ${str(r.unit)}. ${parts.join(' ')}` });
    }
  }
  if (planned.length) {
    out.push({
      kind: 'table', caption: 'Planerade övningar',
      ...withOrg(planned, ['Datum', 'Typ', 'Övning', 'Enhet', 'Scenario', 'Deltagare'], (r) => [
        cell(r.pastDate === true ? `${str(r.date)} (datum passerat)` : r.date), type(r), cell(r.title), cell(r.unit), cell(r.scenario), cell(r.participantCount ?? '–'),
      ], cell),
    });
  }
  return out;
}
