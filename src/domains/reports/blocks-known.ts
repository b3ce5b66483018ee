import type { Cell, FigureBlock } from './blocks';
import { isRec, recs, withOrg, type CellFn, type Rec } from './block-parts';
import { continuityBlocks } from './blocks-continuity';
import { rankIn } from './chart-options';
import { classificationBlocks, nis2Blocks, privacyBlocks, supplierBlocks } from './blocks-registers';
import { internalControlBlocks } from './blocks-internal-control';

/**
 * Swedish column choices for the figures of the other domains' providers (plan, goals, DSO follow-up,
 * documents, maturity, training, ISO 27001 9.3). Keys not listed here fall back to the generic layout.
 */
type Col = [key: string, label: string];

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
  activities: 'Aktiviteter', progress: 'Läget per område', year: 'År',
};

/**
 * Stored values that are keys rather than words (written without å/ä/ö or with underscores), as the document
 * says them: a status "faststalld" reads Fastställd. Values already in words (goal and DSO statuses) are only capitalised.
 * Also the words of keys that are such values (a count per risk treatment: "overfora" reads Överföra).
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
};
const PLAN: Col[] = [['area', 'Område'], ['text', 'Aktivitet'], ['responsible', 'Ansvarig'], ['status', 'Status']];
const DSO: Col[] = [['area', 'Område'], ['recommendation', 'Rekommendation'], ['riskLevel', 'Risknivå'], ['response', 'Förvaltningens svar'], ['followUp', 'Uppföljning'], ['responsible', 'Ansvarig'], ['status', 'Status']];

const ISO93: Record<string, string> = {
  a: 'a) Status för åtgärder från tidigare genomgångar', b: 'b) Förändringar i externa och interna frågor', c: 'c) Intressenters behov och förväntningar',
  d: 'd) Informationssäkerhetens prestanda', e: 'e) Återkoppling från intressenter', f: 'f) Riskbedömning och riskbehandling', g: 'g) Möjligheter till ständig förbättring',
};


const DECISION_KINDS: Record<string, string> = { improvement: 'Förbättring', isms_change: 'Ändring i ledningssystemet', stance: 'Ställningstagande' };
const CONCLUSIONS: [key: string, question: string][] = [
  ['lampligt', 'Är ledningssystemet lämpligt?'], ['tillrackligt', 'Är ledningssystemet tillräckligt?'], ['verkningsfullt', 'Är ledningssystemet verkningsfullt?'],
];

/**
 * The review's meeting (ISO 27001 9.3): when, who chaired, who took part, when the minutes were signed; a fact not
 * recorded is left out rather than said missing ("Inte angivet" and "Nej" read as gaps in an approved document, whose
 * own approval line is the sign-off). None without a review.
 */
function meetingBlocks(m: unknown, cell: CellFn): FigureBlock[] {
  if (!isRec(m)) return [];
  const signed = m.signed === true ? `Ja${typeof m.signedAt === 'string' ? `, ${m.signedAt.slice(0, 10)}` : ''}` : null;
  const rows = [['Mötesdatum', m.date], ['Ordförande', m.chair], ['Deltagare', m.attendees], ['Protokollet signerat', signed]]
    .filter(([, x]) => x !== null && x !== undefined && String(x).trim() !== '');
  return rows.length ? [{ kind: 'table', caption: 'Ledningens genomgång – mötet', columns: ['Uppgift', 'Värde'], rows: rows.map(([k, x]) => [cell(k), cell(x)]) }] : [];
}

/** The review's outputs (9.3.3): its decisions, the needs for changes to the ISMS and the conclusion, each when recorded. */
function outputBlocks(o: unknown, cell: CellFn): FigureBlock[] {
  if (!isRec(o)) return [];
  const out: FigureBlock[] = [];
  const decisions = recs(o.decisions);
  if (decisions.length) {
    out.push({
      kind: 'table', caption: 'Beslut vid ledningens genomgång (ISO 27001 9.3.3)', columns: ['Typ', 'Beslut', 'Ansvarig', 'Klart senast'],
      rows: decisions.map((d) => [cell(DECISION_KINDS[d.kind as string] ?? d.kind), cell(d.text), cell(d.owner), cell(d.dueDate)]),
    });
  }
  if (typeof o.ismsChanges === 'string' && o.ismsChanges.trim()) out.push({ kind: 'text', text: `Behov av ändringar i ledningssystemet: ${o.ismsChanges.trim()}` });
  const c = isRec(o.conclusion) ? o.conclusion : undefined;
  if (c && CONCLUSIONS.some(([k]) => isRec(c[k]) && (c[k].value != null || String(c[k].comment ?? '').trim()))) {
    const part = (k: string): Rec => (isRec(c[k]) ? c[k] : {});
    // A verdict column only when a verdict is recorded: otherwise the comments say the view, without three "Inte angiven".
    const verdicts = CONCLUSIONS.some(([k]) => part(k).value != null);
    out.push({
      kind: 'table', caption: 'Slutsatser om ledningssystemet', columns: verdicts ? ['Fråga', 'Bedömning', 'Kommentar'] : ['Fråga', 'Kommentar'],
      rows: CONCLUSIONS.map(([k, q]) => {
        const v = part(k).value;
        return [cell(q), ...(verdicts ? [cell(v === true ? 'Ja' : v === false ? 'Nej' : 'Inte angiven')] : []), cell(part(k).comment)];
      }),
    });
  }
  return out;
}

function rowsTable(caption: string, rows: Rec[], cols: Col[], cell: CellFn): FigureBlock {
  return { kind: 'table', caption, ...withOrg(rows, cols.map((c) => c[1]), (r) => cols.map(([k]) => cell(r[k])), cell) };
}

/** Records grouped by a field's value, in the order the values first occur. */
function groupBy(records: Rec[], key: string): [unknown, Rec[]][] {
  const out = new Map<unknown, Rec[]>();
  for (const r of records) out.set(r[key], [...(out.get(r[key]) ?? []), r]);
  return [...out];
}

/**
 * A plan activity's stored status (plans/contract.ts PLAN_STATUSES) as the document says it, capitalised like the
 * statuses of actions (VALUES): 'pågår' is stored in words, so VALUES, which leaves a goal's 'pågår' as it is, cannot.
 */
const PLAN_STATUS: Record<string, string> = { planerad: 'Planerad', pågår: 'Pågår', klar: 'Klar', avbruten: 'Avbruten' };
/** A plan activity as the tables show it: carried over marked, partners beside the responsible. */
const planRecord = (r: Rec): Rec => ({
  ...r, status: PLAN_STATUS[r.status as string] ?? r.status, text: `${String(r.text ?? '')}${r.carried ? ' (överförd)' : ''}`, responsible: [r.responsible, r.partners].filter(Boolean).join(', '),
});

/**
 * A status or level stored in words ("delvis uppfyllt", "pågår", "medel") begun with a capital, as every other status
 * in the documents is (VALUES, PLAN_STATUS): a goal table said "delvis uppfyllt" under a NIS2 table's "Delvis genomförd".
 */
const capitalised = (v: unknown): unknown => (typeof v === 'string' && v ? v[0].toLocaleUpperCase('sv-SE') + v.slice(1) : v);
/** A DSO recommendation's row: its risk level and status capitalised. */
const dsoRecord = (r: Rec): Rec => ({ ...r, riskLevel: capitalised(r.riskLevel), status: capitalised(r.status) });

/** A goal's row, then one row per indicator (förväntat resultat) with its own status and comment. */
function goalRows(goals: Rec[], cell: CellFn): Cell[][] {
  return goals.flatMap((g) => [
    [cell(g.code), cell(g.title), cell(capitalised(g.status)), cell(g.comment)],
    ...(Array.isArray(g.indicators) ? g.indicators.filter(isRec) : []).map((i) => [cell(''), cell(`Förväntat resultat: ${String(i.text ?? '')}`), cell(capitalised(i.status)), cell(i.comment)]),
  ]);
}

/** MSB's cumulative maturity levels, as the legend under a maturity table says them. */
export const MATURITY_LEVELS = '1 grundläggande, 2 förbättrad grund och viss systematik, 3 mer systematik och kvalificerat innehåll, 4 mycket hög med ständig förbättring';

/**
 * One table per measured organisation: each area's level, the level in the measurement before (the trend) and the
 * level aimed at, then the mean; the measurement's own summary and the levels' legend under it.
 */
function maturityBlocks(list: Rec[], cell: CellFn): FigureBlock[] {
  const byOrg = new Set(list.map((m) => m.org)).size > 1;
  return list.flatMap((m) => {
    const areas = Array.isArray(m.areas) ? m.areas.filter(isRec) : [];
    const prev = m.previousYear ? String(m.previousYear) : null;
    const targets = areas.some((a) => a.targetLevel !== null && a.targetLevel !== undefined);
    const columns = ['Område', `Nivå ${String(m.year)}`, ...(prev ? [`Nivå ${prev}`] : []), ...(targets ? ['Mål'] : []), 'Kommentar'];
    const row = (area: unknown, level: unknown, before: unknown, target: unknown, comment: unknown) =>
      [cell(area), cell(level ?? '–'), ...(prev ? [cell(before ?? '–')] : []), ...(targets ? [cell(target ?? '')] : []), cell(comment)];
    const how = [m.method, m.assessedOn ? `genomförd ${String(m.assessedOn)}` : '', m.assessor ? `av ${String(m.assessor)}` : ''].filter(Boolean).join(', ');
    return [
      {
        kind: 'table' as const,
        caption: `Mognadsnivå per område (1–4), mätning ${String(m.year)}${byOrg ? ` – ${String(m.org)}` : ''}`,
        columns,
        rows: [...areas.map((a) => row(a.area, a.level, a.previousLevel, a.targetLevel, a.comment)), row('Medel', m.average, m.previousAverage, '', '')],
      },
      { kind: 'text' as const, text: [how && `Mätning: ${how}.`, `Nivåer: ${MATURITY_LEVELS}.`].filter(Boolean).join(' ') },
    ];
  });
}

const oneDecimal = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** A share in per cent as a document says it: 87.5 → "87,5 %" (a no-break space before the sign), right-aligned. */
const percentCell = (v: unknown, cell: CellFn): Cell => (typeof v === 'number' ? { ...cell(v), text: `${oneDecimal.format(v)}\u00a0%` } : cell(''));

/**
 * The year's trainings held (date order) and the e-course completion per unit with its share, then a total per
 * course; a city's report adds the Förvaltning column to both. No table for what the year has none of.
 */
function trainingBlocks(v: Rec, cell: CellFn): FigureBlock[] {
  const [sessions, completions, totals] = [recs(v.sessions), recs(v.completions), recs(v.totals)];
  const out: FigureBlock[] = [];
  if (sessions.length) {
    out.push({
      kind: 'table', caption: `Genomförda utbildningar ${String(sessions[0].date ?? '').slice(0, 4)}`,
      ...withOrg(sessions, ['Datum', 'Utbildning', 'Målgrupp', 'Hålls av', 'Deltagare'], (r) => [cell(r.date), cell(r.title), cell(r.audience), cell(r.givenBy), cell(r.participants)], cell),
    });
  }
  if (completions.length) {
    const t = withOrg(completions, ['Enhet', 'Kurs', 'Anställda', 'Genomfört', 'Andel'], (r) => [cell(r.unit), cell(r.course), cell(r.employees), cell(r.completed), percentCell(r.percent, cell)], cell);
    const byOrg = t.columns.length > 5;
    const total = (x: Rec) => [...(byOrg ? [cell('Totalt'), cell('')] : [cell('Totalt')]), cell(x.course), cell(x.employees), cell(x.completed), percentCell(x.percent, cell)];
    out.push({ kind: 'table', caption: `Genomförda e-utbildningar ${String(completions[0].year)}`, columns: t.columns, rows: [...t.rows, ...totals.map(total)] });
  }
  return out;
}

/** A document's next review, marked when it has passed by the report's day (reviewOverdue). */
const overdueMarked = (r: Rec): Rec => {
  if (r.reviewOverdue !== true) return r;
  const key = 'nextReviewOn' in r ? 'nextReviewOn' : 'nextReview';
  return { ...r, [key]: `${String(r[key] ?? '')} (försenad)` };
};



/** The register's treatments in the order the register page and the provider list them ('ingen': no decision yet). */
const TREATMENTS = ['reducera', 'acceptera', 'overfora', 'undvika', 'ingen'];

/**
 * The register of open risks: per level and per treatment as tables of their own, not key paths and "Uppgift". The
 * levels in the order of the scale's bands (`levels`, lowest first), the treatments in the register's order, any
 * other after them by name: the counts are objects keyed by label, and an approved version's JSON comes back from
 * jsonb with its keys reordered (its HTML read Hög, Låg, Medel where the frozen DOCX and PDF read Låg, Medel, Hög).
 */
export function registerBlocks(v: Rec, levels: readonly string[], cell: CellFn): FigureBlock[] {
  const key = 'risks.register';
  const counts = (field: 'byLevel' | 'byTreatment', head: string, order: readonly string[]): FigureBlock[] => {
    const x = v[field];
    if (!isRec(x) || Object.keys(x).length === 0) return [];
    // 'ingen' counts the risks without a treatment decision: 'Ej beslutad', as the register page says, not 'Ingen'.
    const word = (k: string) => (field === 'byTreatment' && k === 'ingen' ? 'Ej beslutad' : VALUES[k] ?? k);
    const rank = rankIn(order);
    const keys = Object.keys(x).sort((a, b) => rank(a) - rank(b) || word(a).localeCompare(word(b), 'sv'));
    const rows = keys.map((k) => [cell(word(k)), cell(x[k], `${key}.${field}.${k}`)]);
    return [{ kind: 'table', caption: `Riskregistret: öppna risker per ${head.toLowerCase()}`, columns: [head, 'Antal'], rows }];
  };
  return [
    { kind: 'table', caption: 'Riskregistret', columns: ['Mått', 'Antal'], rows: [[cell('Öppna risker'), cell(v.total, `${key}.total`)], [cell('Översyn försenad'), cell(v.reviewOverdue, `${key}.reviewOverdue`)]] },
    ...counts('byLevel', 'Risknivå', levels),
    ...counts('byTreatment', 'Hantering', TREATMENTS),
  ];
}

/** Known layouts; undefined when the key has none (the caller then uses the generic layout). */
export function knownBlocks(key: string, v: unknown, caption: string, cell: CellFn): FigureBlock[] | undefined {
  // A document's type is stored in words ("lokal anvisning"): capitalised like the other tables' kinds and statuses.
  if (TABLES[key] && Array.isArray(v)) return v.length ? [rowsTable(caption, v.filter(isRec).map((r) => overdueMarked('type' in r ? { ...r, type: capitalised(r.type) } : r)), TABLES[key], cell)] : [];
  if (key === 'maturity' && Array.isArray(v)) return maturityBlocks(v.filter(isRec), cell);
  if (key === 'training' && isRec(v)) return trainingBlocks(v, cell);
  if (key === 'classification' && isRec(v)) return classificationBlocks(v, cell);
  if (key === 'privacy' && isRec(v)) return privacyBlocks(v, cell);
  if (key === 'suppliers' && isRec(v)) return supplierBlocks(v, cell);
  if (key === 'nis2' && isRec(v)) return nis2Blocks(v, cell);
  if (key === 'continuity' && isRec(v)) return continuityBlocks(v, cell);
  if (key === 'internalControl' && isRec(v)) return internalControlBlocks(v, cell);
  if (key === 'goals' && Array.isArray(v)) {
    const groups = groupBy(v.filter(isRec), 'org');
    // A city's goals, one table per förvaltning (their codes repeat: every förvaltning has a "3.5").
    return groups.map(([o, list]) => ({
      kind: 'table' as const, caption: groups.length > 1 ? `${caption} – ${String(o ?? '')}` : caption, columns: ['Mål', 'Beskrivning', 'Status', 'Kommentar'], rows: goalRows(list, cell),
    }));
  }
  if (key === 'dsoFollowUp' && Array.isArray(v)) {
    // One table per DSO annual report followed up (a förvaltning may follow up two years' reports at once).
    return groupBy(v.filter(isRec), 'reportYear').sort(([a], [b]) => Number(a) - Number(b))
      .map(([y, rows]) => rowsTable(y ? `Dataskyddsombudets årsrapport ${String(y)}: rekommendationer och uppföljning` : caption, rows.map(dsoRecord), DSO, cell));
  }
  // The plan in its own order (Övergripande first, as the areas are kept), not sorted by name; the years in order.
  if (key === 'plan' && isRec(v)) {
    return Object.entries(v).filter(([, rows]) => Array.isArray(rows) && rows.length).sort(([a], [b]) => Number(a) - Number(b) || a.localeCompare(b))
      .map(([year, rows]) => rowsTable(`Förbättringsaktiviteter ${year}`, (rows as unknown[]).filter(isRec).map(planRecord), PLAN, cell));
  }
  if (key === 'planFollowUp.activities' && Array.isArray(v)) return v.length ? [rowsTable(caption, v.filter(isRec).map(planRecord), PLAN, cell)] : [];
  // Per year and area: the counts by status and the share finished (klar of those not avbrutna), as the plan page shows it.
  if (key === 'planFollowUp.progress' && Array.isArray(v)) {
    const rows = v.filter(isRec);
    return rows.length ? [{
      kind: 'table', caption, ...withOrg(rows, ['År', 'Område', 'Totalt', 'Planerad', 'Pågår', 'Klar', 'Avbruten', 'Andel klar'], (r) => [
        cell(r.year), cell(r.area), cell(r.total), cell(r.planerad), cell(r.pågår), cell(r.klar), cell(r.avbruten), percentCell(r.percentDone, cell),
      ], cell),
    }] : [];
  }
  if (key === 'iso93' && isRec(v)) {
    const inputs = isRec(v.inputs) ? v.inputs : {};
    const out: FigureBlock[] = [{
      kind: 'table', caption: 'ISO/IEC 27001:2022 9.3.2 – indata till genomgången', columns: ['Indata', 'Täckt', 'Avsnitt'],
      rows: Object.entries(inputs).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [cell(ISO93[k] ?? k), cell(isRec(x) ? (x.covered === true ? 'Ja' : x.notApplicable ? 'Ej tillämpligt' : 'Nej') : ''), cell(isRec(x) ? x.sections : '')]),
    }];
    return [...meetingBlocks(v.meeting, cell), ...out, ...outputBlocks(v.outputs, cell)];
  }
  return undefined;
}

