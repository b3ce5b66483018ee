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
  // Risk treatments (stored without å/ä/ö).
  reducera: 'Reducera', acceptera: 'Acceptera', overfora: 'Överföra', undvika: 'Undvika', ingen: 'Ingen',
};

const TABLES: Record<string, Col[]> = {
  documents: [['title', 'Dokument'], ['type', 'Typ'], ['owner', 'Ägare'], ['docVersion', 'Version'], ['adoptedOn', 'Fastställd'], ['nextReviewOn', 'Nästa översyn']],
  goals: [['code', 'Mål'], ['title', 'Beskrivning'], ['status', 'Status'], ['comment', 'Kommentar'], ['indicators', 'Indikatorer']],
  dsoFollowUp: [['area', 'Område'], ['recommendation', 'Rekommendation'], ['riskLevel', 'Risknivå'], ['response', 'Förvaltningens svar'], ['responsible', 'Ansvarig'], ['status', 'Status']],
  'risks.continuity.plans': [['title', 'Plan'], ['objectName', 'Objekt'], ['owner', 'Ägare'], ['status', 'Status'], ['nextReview', 'Nästa översyn']],
};

const ISO93: Record<string, string> = {
  a: 'a) Status för åtgärder från tidigare genomgångar', b: 'b) Förändringar i externa och interna frågor', c: 'c) Intressenters behov och förväntningar',
  d: 'd) Informationssäkerhetens prestanda', e: 'e) Återkoppling från intressenter', f: 'f) Riskbedömning och riskbehandling', g: 'g) Möjligheter till ständig förbättring',
};

function rowsTable(caption: string, rows: Rec[], cols: Col[], cell: CellFn): FigureBlock {
  return { kind: 'table', caption, columns: cols.map((c) => c[1]), rows: rows.map((r) => cols.map(([k]) => cell(r[k]))) };
}

/** Known layouts; undefined when the key has none (the caller then uses the generic layout). */
export function knownBlocks(key: string, v: unknown, caption: string, cell: CellFn): FigureBlock[] | undefined {
  if (TABLES[key] && Array.isArray(v)) return v.length ? [rowsTable(caption, v.filter(isRec), TABLES[key], cell)] : [];
  if (key === 'plan' && isRec(v)) {
    return Object.entries(v).filter(([, rows]) => Array.isArray(rows) && rows.length).map(([year, rows]) => {
      const list = (rows as Rec[]).filter(isRec).sort((a, b) => String(a.area ?? '').localeCompare(String(b.area ?? ''), 'sv'));
      return {
        kind: 'table' as const, caption: `Förbättringsaktiviteter ${year}`, columns: ['Område', 'Aktivitet', 'Ansvarig', 'Status'],
        rows: list.map((r) => [cell(r.area), cell(`${String(r.text ?? '')}${r.carried ? ' (överförd)' : ''}`), cell([r.responsible, r.partners].filter(Boolean).join(', ')), cell(r.status)]),
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

