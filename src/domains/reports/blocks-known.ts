import type { Cell, FigureBlock } from './blocks';

/**
 * Swedish column choices for the figures of the other domains' providers (plan, goals, DSO follow-up,
 * documents, ISO 27001 9.3). Keys not listed here fall back to the generic layout.
 */
type Rec = Record<string, unknown>;
type Col = [key: string, label: string];
type CellFn = (v: unknown, path?: string) => Cell;
const isRec = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);

export const LABELS: Record<string, string> = {
  title: 'Titel', type: 'Typ', owner: 'Ägare', status: 'Status', comment: 'Kommentar', area: 'Område', text: 'Text', total: 'Totalt',
  responsible: 'Ansvarig', partners: 'I samarbete med', dueDate: 'Klart senast', carried: 'Överförd', plans: 'Kontinuitetsplaner',
  exercisesThisYear: 'Övningar i år', byLevel: 'Per risknivå', byTreatment: 'Per hantering', reviewOverdue: 'Översyn försenad',
  events: 'Oönskade händelser', ikpProposed: 'Föreslagna till IKP', ikpDecidedIn: 'Beslutade i IKP', approved: 'Godkänd',
  nextReview: 'Nästa översyn', lastReviewed: 'Senast sedd över', objectName: 'Objekt', org: 'Organisation',
  continuity: 'Kontinuitet', rsa: 'Risk- och sårbarhetsanalys', exercises: 'Övningar', date: 'Datum', scenario: 'Scenario',
  participants: 'Deltagare', observations: 'Iakttagelser', actions: 'Åtgärder', cycle: 'Period', criticalActivities: 'Kritiska verksamheter',
  fallback: 'Reservrutin', followUp: 'Uppföljning', response: 'Förvaltningens svar', recommendation: 'Rekommendation', riskLevel: 'Risknivå',
  reportYear: 'Årsrapport', decisionRef: 'Beslut', adoptedOn: 'Fastställd', nextReviewOn: 'Nästa översyn', docVersion: 'Version',
  // Risk treatments (stored without å/ä/ö).
  reducera: 'Reducera', acceptera: 'Acceptera', overfora: 'Överföra', undvika: 'Undvika', ingen: 'Ingen',
};

/**
 * Stored values that are keys rather than words (written without å/ä/ö or with underscores), as the document
 * says them: a status "faststalld" reads Fastställd. Values already in words (goal and DSO statuses) pass as they are.
 */
export const VALUES: Record<string, string> = {
  utkast: 'Utkast', faststalld: 'Fastställd', under_arbete: 'Under arbete', godkand: 'Godkänd', under_granskning: 'Under granskning',
  planerad: 'Planerad', pagar: 'Pågår', klar: 'Klar', avbruten: 'Avbruten', oppen: 'Öppen', stangd: 'Stängd',
  inherent: 'Inneboende', residual: 'Kvarvarande', ja: 'Ja', nej: 'Nej', vet_ej: 'Vet ej',
  god: 'God', viss: 'Viss', bristande: 'Bristande', ingen_trolig_risk: 'Ingen trolig risk', risk: 'Risk', hog_risk: 'Hög risk',
  reducera: 'Reducera', acceptera: 'Acceptera', overfora: 'Överföra', undvika: 'Undvika', ingen: 'Ingen',
};

const TABLES: Record<string, Col[]> = {
  documents: [['title', 'Dokument'], ['type', 'Typ'], ['owner', 'Ägare'], ['docVersion', 'Version'], ['adoptedOn', 'Fastställd'], ['nextReviewOn', 'Nästa översyn']],
  'risks.continuity.plans': [['title', 'Plan'], ['objectName', 'Objekt'], ['owner', 'Ägare'], ['status', 'Status'], ['nextReview', 'Nästa översyn']],
  'risks.continuity.exercisesThisYear': [['date', 'Datum'], ['title', 'Övning'], ['scenario', 'Scenario'], ['participants', 'Deltagare'], ['observations', 'Iakttagelser'], ['actions', 'Antal åtgärder']],
  'risks.rsa': [['cycle', 'Period'], ['title', 'Analys'], ['status', 'Status'], ['criticalActivities', 'Kritiska verksamheter']],
  'planFollowUp.activities': [['area', 'Område'], ['text', 'Aktivitet'], ['responsible', 'Ansvarig'], ['status', 'Status']],
};
const DSO: Col[] = [['area', 'Område'], ['recommendation', 'Rekommendation'], ['riskLevel', 'Risknivå'], ['response', 'Förvaltningens svar'], ['followUp', 'Uppföljning'], ['responsible', 'Ansvarig'], ['status', 'Status']];

const ISO93: Record<string, string> = {
  a: 'a) Status för åtgärder från tidigare genomgångar', b: 'b) Förändringar i externa och interna frågor', c: 'c) Intressenters behov och förväntningar',
  d: 'd) Informationssäkerhetens prestanda', e: 'e) Återkoppling från intressenter', f: 'f) Riskbedömning och riskbehandling', g: 'g) Möjligheter till ständig förbättring',
};

/**
 * A table of records in the given columns. Records from several organisations (a city's report) get a first column
 * naming theirs (`org`): without it a city's two goals "3.5" could not be told apart.
 */
function rowsTable(caption: string, rows: Rec[], cols: Col[], cell: CellFn): FigureBlock {
  const all: Col[] = new Set(rows.map((r) => r.org)).size > 1 ? [['org', 'Förvaltning'], ...cols] : cols;
  return { kind: 'table', caption, columns: all.map((c) => c[1]), rows: rows.map((r) => all.map(([k]) => cell(r[k]))) };
}

/** A goal's row, then one row per indicator (förväntat resultat) with its own status and comment. */
function goalRows(goals: Rec[], cell: CellFn): Cell[][] {
  return goals.flatMap((g) => [
    [cell(g.code), cell(g.title), cell(g.status), cell(g.comment)],
    ...(Array.isArray(g.indicators) ? g.indicators.filter(isRec) : []).map((i) => [cell(''), cell(`Förväntat resultat: ${String(i.text ?? '')}`), cell(i.status), cell(i.comment)]),
  ]);
}

/** Known layouts; undefined when the key has none (the caller then uses the generic layout). */
export function knownBlocks(key: string, v: unknown, caption: string, cell: CellFn): FigureBlock[] | undefined {
  if (TABLES[key] && Array.isArray(v)) return v.length ? [rowsTable(caption, v.filter(isRec), TABLES[key], cell)] : [];
  if (key === 'goals' && Array.isArray(v)) {
    const goals = v.filter(isRec);
    if (!goals.length) return [];
    const byOrg = new Set(goals.map((g) => g.org)).size > 1;
    // A city's goals, one table per förvaltning (their codes repeat: every förvaltning has a "3.5").
    const groups = byOrg ? [...new Set(goals.map((g) => String(g.org ?? '')))].map((o) => [o, goals.filter((g) => String(g.org ?? '') === o)] as const) : [['', goals] as const];
    return groups.map(([o, list]) => ({ kind: 'table' as const, caption: o ? `${caption} – ${o}` : caption, columns: ['Mål', 'Beskrivning', 'Status', 'Kommentar'], rows: goalRows([...list], cell) }));
  }
  if (key === 'dsoFollowUp' && Array.isArray(v)) {
    // One table per DSO annual report followed up (a förvaltning may follow up two years' reports at once).
    const rows = v.filter(isRec);
    const years = [...new Set(rows.map((r) => r.reportYear))].sort();
    return years.map((y) => rowsTable(y ? `Dataskyddsombudets årsrapport ${String(y)}: rekommendationer och uppföljning` : caption, rows.filter((r) => r.reportYear === y), DSO, cell));
  }
  if (key === 'plan' && isRec(v)) {
    // In the plan's own order (Övergripande first, as the areas are kept), not sorted by name.
    return Object.entries(v).filter(([, rows]) => Array.isArray(rows) && rows.length).map(([year, rows]) => {
      const list = (rows as Rec[]).filter(isRec);
      const byOrg = new Set(list.map((r) => r.org)).size > 1;
      return {
        kind: 'table' as const, caption: `Förbättringsaktiviteter ${year}`, columns: [...(byOrg ? ['Förvaltning'] : []), 'Område', 'Aktivitet', 'Ansvarig', 'Status'],
        rows: list.map((r) => [...(byOrg ? [cell(r.org)] : []), cell(r.area), cell(`${String(r.text ?? '')}${r.carried ? ' (överförd)' : ''}`), cell([r.responsible, r.partners].filter(Boolean).join(', ')), cell(r.status)]),
      };
    });
  }
  if (key === 'iso93' && isRec(v)) {
    const inputs = isRec(v.inputs) ? v.inputs : {};
    const out: FigureBlock[] = [{
      kind: 'table', caption: 'ISO/IEC 27001:2022 9.3.2 – indata till genomgången', columns: ['Indata', 'Täckt', 'Avsnitt'],
      rows: Object.entries(inputs).map(([k, x]) => [cell(ISO93[k] ?? k), cell(isRec(x) ? (x.covered === true ? 'Ja' : x.notApplicable ? 'Ej tillämpligt' : 'Nej') : ''), cell(isRec(x) ? x.sections : '')]),
    }];
    return out;
  }
  return undefined;
}

