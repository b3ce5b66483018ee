import type { Cell, FigureBlock } from './blocks';

/**
 * Swedish column choices for the figures of the other domains' providers (plan, goals, DSO follow-up,
 * documents, maturity, training, ISO 27001 9.3). Keys not listed here fall back to the generic layout.
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
  activities: 'Aktiviteter', progress: 'Läget per område', year: 'År',
};

/**
 * Stored values that are keys rather than words (written without å/ä/ö or with underscores), as the document
 * says them: a status "faststalld" reads Fastställd. Values already in words (goal and DSO statuses) pass as they are.
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
  'risks.continuity.plans': [['title', 'Plan'], ['objectName', 'Objekt'], ['owner', 'Ägare'], ['status', 'Status'], ['nextReview', 'Nästa översyn']],
  'risks.continuity.exercisesThisYear': [['date', 'Datum'], ['title', 'Övning'], ['scenario', 'Scenario'], ['participants', 'Deltagare'], ['observations', 'Iakttagelser'], ['actions', 'Antal åtgärder']],
  'risks.rsa': [['cycle', 'Period'], ['title', 'Analys'], ['status', 'Status'], ['criticalActivities', 'Kritiska verksamheter']],
};
const PLAN: Col[] = [['area', 'Område'], ['text', 'Aktivitet'], ['responsible', 'Ansvarig'], ['status', 'Status']];
const DSO: Col[] = [['area', 'Område'], ['recommendation', 'Rekommendation'], ['riskLevel', 'Risknivå'], ['response', 'Förvaltningens svar'], ['followUp', 'Uppföljning'], ['responsible', 'Ansvarig'], ['status', 'Status']];

const ISO93: Record<string, string> = {
  a: 'a) Status för åtgärder från tidigare genomgångar', b: 'b) Förändringar i externa och interna frågor', c: 'c) Intressenters behov och förväntningar',
  d: 'd) Informationssäkerhetens prestanda', e: 'e) Återkoppling från intressenter', f: 'f) Riskbedömning och riskbehandling', g: 'g) Möjligheter till ständig förbättring',
};

/**
 * Rows of records; records from several organisations (a city's report) get a first column naming theirs
 * (`org`): without it a city's two goals "3.5" could not be told apart.
 */
export function withOrg(records: Rec[], columns: string[], cells: (r: Rec) => Cell[], cell: CellFn): { columns: string[]; rows: Cell[][] } {
  const byOrg = new Set(records.map((r) => r.org)).size > 1;
  return {
    columns: byOrg ? ['Förvaltning', ...columns] : columns,
    rows: records.map((r) => (byOrg ? [cell(r.org), ...cells(r)] : cells(r))),
  };
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

/** A goal's row, then one row per indicator (förväntat resultat) with its own status and comment. */
function goalRows(goals: Rec[], cell: CellFn): Cell[][] {
  return goals.flatMap((g) => [
    [cell(g.code), cell(g.title), cell(g.status), cell(g.comment)],
    ...(Array.isArray(g.indicators) ? g.indicators.filter(isRec) : []).map((i) => [cell(''), cell(`Förväntat resultat: ${String(i.text ?? '')}`), cell(i.status), cell(i.comment)]),
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
const recs = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter(isRec) : []);

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

/** A document's or continuity plan's next review, marked when it has passed by the report's day (reviewOverdue). */
const overdueMarked = (r: Rec): Rec => {
  if (r.reviewOverdue !== true) return r;
  const key = 'nextReviewOn' in r ? 'nextReviewOn' : 'nextReview';
  return { ...r, [key]: `${String(r[key] ?? '')} (försenad)` };
};

/** "a", "a och b", "a, b och c": a list in running Swedish text. */
export function svList(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/**
 * Information classification (KLASSA) as seed 002 writes it: sentences naming what was classified during the year,
 * what waits for a normerande classification and what is in progress, then the counts and the year's classified
 * objects with their levels. Names carry their organisation when the objects come from several (a city's report).
 */
function classificationBlocks(v: Rec, cell: CellFn): FigureBlock[] {
  const [classified, waiting, progress, nis] = [recs(v.classified), recs(v.waitingForNormerande), recs(v.inProgress), recs(v.nisNotClassified)];
  const all = [...classified, ...waiting, ...progress, ...nis];
  const byOrg = new Set(all.map((r) => r.org)).size > 1;
  const names = (list: Rec[]) => svList([...new Set(list.map((r) => (byOrg ? `${String(r.name)} (${String(r.org)})` : String(r.name))))]);
  const year = String(classified[0]?.date ?? '').slice(0, 4);
  const sentences = [
    classified.length ? `Följande objekt har informationsklassats under året: ${names(classified)}.` : 'Inga objekt har informationsklassats lokalt under året.',
    waiting.length ? `Följande objekt har inte klassats lokalt då normerande klassning saknas: ${names(waiting)}.` : '',
    ...(['normerande', 'lokal'] as const).map((kind) => {
      const list = progress.filter((r) => r.kind === kind);
      return list.length ? `För ${names(list)} pågår ${kind === 'normerande' ? 'normerande klassningsarbete' : 'lokal klassning'}.` : '';
    }),
    nis.length ? `Objekt som omfattas av cybersäkerhetslagen (NIS) men ännu inte är klassade lokalt: ${names(nis)}.` : '',
  ].filter(Boolean);
  const counts = isRec(v.counts) ? v.counts : {};
  const count = (label: string, key: string) => [cell(label), cell(counts[key] ?? 0, `classification.counts.${key}`)];
  const level = (x: unknown) => cell(typeof x === 'number' ? x : '–');
  const out: FigureBlock[] = [
    { kind: 'text', text: sentences.join(' ') },
    {
      kind: 'table', caption: 'Informationsklassning i siffror', columns: ['Mått', 'Antal'],
      rows: [
        count('Objekt i objektlistan', 'total'), count('Klassade lokalt under året', 'classifiedThisYear'), count('Klassning pågår', 'inProgress'),
        count('Väntar på normerande klassning', 'waitingForNormerande'), count('Omfattas av NIS men inte klassade', 'nisNotClassified'),
        count('Omklassning försenad (äldre än ett år)', 'reclassificationOverdue'),
      ],
    },
  ];
  if (classified.length) {
    out.push({
      kind: 'table', caption: `Objekt klassade under ${year}: nivå per aspekt (0–4)`,
      ...withOrg(classified, ['Objekt', 'Organisation', 'Klassad', 'NIS', 'K', 'R', 'T', 'S'], (r) => [
        cell(r.name), cell(r.unit), cell(r.date), cell(r.nis === true ? 'Ja' : 'Nej'), level(r.konfidentialitet), level(r.riktighet), level(r.tillganglighet), level(r.sparbarhet),
      ], cell),
    });
  }
  return out;
}

const PRIVACY_STATUS: Record<string, string> = { utkast: 'Utkast', granskas: 'Granskas av DSO', godkand: 'Godkänd' };
const PRIVACY_REASON: Record<string, string> = {
  ej_godkand: 'Inte godkänd av dataskyddsombudet', dpia_saknas: 'Konsekvensbedömning krävs troligen men är inte gjord', tia_saknas: 'Tredjelandsöverföring utan TIA',
};

/**
 * The registerförteckning (art. 30): a sentence on how much of it the DSO has approved and where a DPIA is likely
 * required but not done, the counts, and the activities needing attention with the reasons.
 */
function privacyBlocks(v: Rec, cell: CellFn): FigureBlock[] {
  const counts = isRec(v.counts) ? v.counts : {};
  const n = (k: string) => (typeof counts[k] === 'number' ? (counts[k] as number) : 0);
  const attention = recs(v.attention);
  const total = n('total');
  const sentences = total === 0
    ? ['Registerförteckningen har inga behandlingar registrerade.']
    : [
        `Registerförteckningen har ${total} ${total === 1 ? 'behandling' : 'behandlingar'}, varav ${n('approved')} ${n('approved') === 1 ? 'är godkänd' : 'är godkända'} av dataskyddsombudet${n('awaitingReview') ? ` och ${n('awaitingReview')} väntar på granskning` : ''}.`,
        n('dpiaLikelyNotDone')
          ? `För ${n('dpiaLikelyNotDone')} ${n('dpiaLikelyNotDone') === 1 ? 'behandling' : 'behandlingar'} visar tröskelanalysen att en konsekvensbedömning troligen krävs men inte är gjord.`
          : 'Där tröskelanalysen visar att en konsekvensbedömning troligen krävs är den gjord eller bedömd som onödig.',
        n('thirdCountry') ? `${n('thirdCountry')} ${n('thirdCountry') === 1 ? 'behandling innebär' : 'behandlingar innebär'} överföring till tredjeland.` : '',
      ].filter(Boolean);
  const count = (label: string, key: string) => [cell(label), cell(counts[key] ?? 0, `privacy.counts.${key}`)];
  const out: FigureBlock[] = [
    { kind: 'text', text: sentences.join(' ') },
    {
      kind: 'table', caption: 'Registerförteckningen i siffror', columns: ['Mått', 'Antal'],
      rows: [
        count('Behandlingar', 'total'), count('Godkända av dataskyddsombudet', 'approved'), count('Inte godkända', 'notApproved'),
        count('Väntar på granskning', 'awaitingReview'), count('Med överföring till tredjeland', 'thirdCountry'),
        count('Med känsliga personuppgifter', 'specialCategories'), count('DPIA troligen krävs', 'dpiaLikely'),
        count('DPIA troligen krävs men är inte gjord', 'dpiaLikelyNotDone'),
      ],
    },
  ];
  if (attention.length) {
    out.push({
      kind: 'table', caption: 'Behandlingar som behöver åtgärdas',
      ...withOrg(attention, ['Behandling', 'Organisation', 'Status', 'Behöver'], (r) => [
        cell(r.name), cell(r.unit), cell(PRIVACY_STATUS[String(r.status)] ?? r.status),
        cell((Array.isArray(r.reasons) ? r.reasons : []).map((x) => PRIVACY_REASON[String(x)] ?? String(x)).join('; ')),
      ], cell),
    });
  }
  return [...out, ...cameraBlocks(isRec(v.camera) ? v.camera : null, cell)];
}

/**
 * Kamerabevakning (the register of running surveillance and that ended in the last five years): a sentence on the
 * running sites, those lacking an intresseavvägning or signs and those ended, then the sites. Nothing when there are none.
 */
function cameraBlocks(v: Rec | null, cell: CellFn): FigureBlock[] {
  if (!v) return [];
  const counts = isRec(v.counts) ? v.counts : {};
  const n = (k: string) => (typeof counts[k] === 'number' ? (counts[k] as number) : 0);
  const sites = recs(v.sites);
  if (!sites.length) return [{ kind: 'text', text: 'Förvaltningen har ingen kamerabevakning som pågår eller har upphört de senaste fem åren.' }];
  const sites_ = (k: number) => `${k} ${k === 1 ? 'plats' : 'platser'}`;
  const lacks = [
    n('withoutBalancing') ? `${n('withoutBalancing')} saknar dokumenterad intresseavvägning` : '',
    n('withoutSigns') ? `${n('withoutSigns')} saknar skyltning` : '',
  ].filter(Boolean);
  const sentence = [
    n('running') ? `Kamerabevakning pågår på ${sites_(n('running'))}${lacks.length ? `, varav ${svList(lacks)}` : ', alla med dokumenterad intresseavvägning och skyltning'}.` : 'Ingen kamerabevakning pågår.',
    n('endedFiveYears') ? `Bevakningen har upphört på ${sites_(n('endedFiveYears'))} under de senaste fem åren.` : '',
  ].filter(Boolean).join(' ');
  const yesNo = (x: unknown) => (x === true ? 'Ja' : 'Nej');
  return [
    { kind: 'text', text: sentence },
    {
      kind: 'table', caption: 'Förteckning över kamerabevakning (pågående och upphörd de senaste fem åren)',
      ...withOrg(sites, ['Plats', 'Organisation', 'Ändamål', 'Startad', 'Upphörde', 'Intresseavvägning', 'Skyltning'], (r) => [
        cell(r.name), cell(r.unit), cell(r.purpose), cell(r.startedOn), cell(r.endedOn ?? 'Pågår'),
        cell(r.balancingMissing === true ? 'Saknas' : r.balancingDate), cell(yesNo(r.signs)),
      ], cell),
    },
  ];
}

const NIS2_STATUS: Record<string, string> = { ej_paborjad: 'Ej påbörjad', delvis: 'Delvis genomförd', genomford: 'Genomförd', ej_tillamplig: 'Ej tillämplig' };
const NIS2_ENTITY: Record<string, string> = { vasentlig: 'väsentlig', viktig: 'viktig' };

/**
 * Cybersäkerhetslagen (NIS2): a sentence on scope, the areas' status, the management's approval and training and the
 * supply chain, then the status per area (a)–(j) and the suppliers with their sub-suppliers.
 */
function nis2Blocks(v: Rec, cell: CellFn): FigureBlock[] {
  const entity = NIS2_ENTITY[String(v.entityType)];
  const sector = String(v.sector ?? '').trim();
  if (v.inScope !== true) return [{ kind: 'text', text: 'Förvaltningen är inte markerad som omfattad av cybersäkerhetslagen.' }];
  const scope = `Förvaltningen omfattas av cybersäkerhetslagen${entity ? ` som ${entity} entitet` : ''}${sector ? ` inom sektorn ${sector.charAt(0).toLowerCase()}${sector.slice(1)}` : ''}.`;
  if (v.assessed !== true) return [{ kind: 'text', text: `${scope} Årets säkerhetsåtgärder enligt lagens tio områden är ännu inte bedömda.` }];
  const counts = isRec(v.counts) ? v.counts : {};
  const n = (k: string) => Number(counts[k] ?? 0);
  // "1 genomfört", "2 genomförda": område is neuter.
  const say = (k: string, one: string, many: string) => `${n(k)} ${n(k) === 1 ? one : many}`;
  const parts = [
    say('genomford', 'genomfört', 'genomförda'), say('delvis', 'delvis genomfört', 'delvis genomförda'), say('ej_paborjad', 'ej påbörjat', 'ej påbörjade'),
    ...(n('ej_tillamplig') ? [say('ej_tillamplig', 'ej tillämpligt', 'ej tillämpliga')] : []),
  ];
  const approved = isRec(v.approved) ? v.approved : null;
  const training = recs(v.training);
  const sup = isRec(v.suppliers) ? v.suppliers : {};
  const total = Number(sup.total ?? 0);
  const sentences = [
    scope,
    `Av lagens tio åtgärdsområden är ${svList(parts)}.`,
    approved
      ? `Ledningen godkände årets säkerhetsåtgärder den ${String(approved.date)}${String(approved.by ?? '') ? ` (${String(approved.by)})` : ''}.`
      : 'Ledningen har ännu inte godkänt årets säkerhetsåtgärder.',
    training.length
      ? `Förvaltningsledningens utbildning i cybersäkerhet har genomförts av ${svList(training.map((t) => `${String(t.name)} den ${String(t.date)}`))}.`
      : 'Ingen utbildning för förvaltningsledningen har registrerats.',
    total
      ? `Av ${total} leverantörer i leveranskedjan är ${Number(sup.assessed ?? 0)} riskbedömda; ${Number(sup.withSubSuppliers ?? 0)} har underleverantörer och ${Number(sup.withoutContract ?? 0)} saknar avtal.`
      : '',
  ].filter(Boolean);
  const out: FigureBlock[] = [
    { kind: 'text', text: sentences.join(' ') },
    {
      kind: 'table', caption: 'Säkerhetsåtgärder per område (artikel 21.2 i NIS2-direktivet)', columns: ['Område', 'Status', 'Brister', 'Planerad åtgärd', 'Ansvarig', 'Klart senast'],
      rows: recs(v.areas).map((r) => [
        cell(`(${String(r.area)}) ${String(r.name)}`), cell(NIS2_STATUS[String(r.status)] ?? r.status), cell(r.gaps), cell(r.measure), cell(r.measureOwner), cell(r.dueDate ?? ''),
      ]),
    },
  ];
  const list = recs(v.supplierList);
  if (list.length) {
    out.push({
      kind: 'table', caption: 'Leverantörer i leveranskedjan', columns: ['Leverantör', 'Tjänst', 'Underleverantörer', 'Avtal', 'Riskbedömd'],
      rows: list.map((r) => [cell(r.supplier), cell(r.service), cell(r.subSuppliers), cell(r.contract === true ? 'Ja' : 'Nej'), cell(r.assessed === true ? 'Ja' : 'Nej')]),
    });
  }
  return out;
}

const SUPPLIER_REASON: Record<string, string> = {
  pub_saknas: 'Behandlar personuppgifter utan PUB-avtal', tia_saknas: 'Tredjelandsöverföring utan TIA',
  uppfoljning_forsenad: 'Inte bedömd de senaste tolv månaderna', bedomning_brister: 'Bedömningen visade brister',
};

/**
 * The leverantörsregister: a sentence on how many suppliers there are, how many process personal data without a
 * PUB-avtal and are not followed up within the year, the counts, and the suppliers needing attention with the reasons.
 */
function supplierBlocks(v: Rec, cell: CellFn): FigureBlock[] {
  const counts = isRec(v.counts) ? v.counts : {};
  const n = (k: string) => (typeof counts[k] === 'number' ? (counts[k] as number) : 0);
  const attention = recs(v.attention);
  const total = n('total');
  const lev = (k: number) => (k === 1 ? 'leverantör' : 'leverantörer');
  const sentences = total === 0
    ? ['Leverantörsregistret har inga leverantörer registrerade.']
    : [
        `Leverantörsregistret har ${total} ${lev(total)}, varav ${n('personalData')} behandlar personuppgifter för förvaltningens räkning.`,
        n('pubMissing') ? `${n('pubMissing')} ${lev(n('pubMissing'))} saknar personuppgiftsbiträdesavtal.` : 'Alla leverantörer som behandlar personuppgifter har personuppgiftsbiträdesavtal.',
        n('followUpOverdue') ? `${n('followUpOverdue')} ${lev(n('followUpOverdue'))} har inte bedömts de senaste tolv månaderna.` : 'Alla leverantörer har bedömts de senaste tolv månaderna.',
        n('thirdCountry') ? `${n('thirdCountry')} ${lev(n('thirdCountry'))} för över personuppgifter till tredjeland${n('tiaMissing') ? `, ${n('tiaMissing')} utan överföringsbedömning (TIA)` : ''}.` : '',
        n('subSuppliersWithoutContract') ? `${n('subSuppliersWithoutContract')} ${n('subSuppliersWithoutContract') === 1 ? 'underleverantör saknar' : 'underleverantörer saknar'} avtal med förvaltningen.` : '',
      ].filter(Boolean);
  const count = (label: string, key: string) => [cell(label), cell(counts[key] ?? 0, `suppliers.counts.${key}`)];
  const out: FigureBlock[] = [
    { kind: 'text', text: sentences.join(' ') },
    {
      kind: 'table', caption: 'Leverantörsregistret i siffror', columns: ['Mått', 'Antal'],
      rows: [
        count('Leverantörer', 'total'), count('Behandlar personuppgifter', 'personalData'), count('Saknar PUB-avtal', 'pubMissing'),
        count('Med överföring till tredjeland', 'thirdCountry'), count('Tredjelandsöverföring utan TIA', 'tiaMissing'),
        count('Uppföljning försenad', 'followUpOverdue'), count('Underleverantörer utan avtal', 'subSuppliersWithoutContract'),
      ],
    },
  ];
  if (attention.length) {
    out.push({
      kind: 'table', caption: 'Leverantörer som behöver åtgärdas',
      ...withOrg(attention, ['Leverantör', 'Organisation', 'Senast bedömd', 'Behöver'], (r) => [
        cell(r.name), cell(r.unit), cell(r.assessed ?? 'Aldrig'),
        cell((Array.isArray(r.reasons) ? r.reasons : []).map((x) => SUPPLIER_REASON[String(x)] ?? String(x)).join('; ')),
      ], cell),
    });
  }
  return out;
}

/** Known layouts; undefined when the key has none (the caller then uses the generic layout). */
export function knownBlocks(key: string, v: unknown, caption: string, cell: CellFn): FigureBlock[] | undefined {
  if (TABLES[key] && Array.isArray(v)) return v.length ? [rowsTable(caption, v.filter(isRec).map(overdueMarked), TABLES[key], cell)] : [];
  if (key === 'maturity' && Array.isArray(v)) return maturityBlocks(v.filter(isRec), cell);
  if (key === 'training' && isRec(v)) return trainingBlocks(v, cell);
  if (key === 'classification' && isRec(v)) return classificationBlocks(v, cell);
  if (key === 'privacy' && isRec(v)) return privacyBlocks(v, cell);
  if (key === 'suppliers' && isRec(v)) return supplierBlocks(v, cell);
  if (key === 'nis2' && isRec(v)) return nis2Blocks(v, cell);
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
      .map(([y, rows]) => rowsTable(y ? `Dataskyddsombudets årsrapport ${String(y)}: rekommendationer och uppföljning` : caption, rows, DSO, cell));
  }
  // The plan in its own order (Övergripande first, as the areas are kept), not sorted by name.
  if (key === 'plan' && isRec(v)) {
    return Object.entries(v).filter(([, rows]) => Array.isArray(rows) && rows.length)
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
  // The register of open risks: per level and per treatment as tables of their own, not key paths and "Uppgift".
  if (key === 'risks.register' && isRec(v)) {
    const counts = (field: 'byLevel' | 'byTreatment', head: string): FigureBlock[] => {
      const x = v[field];
      if (!isRec(x) || Object.keys(x).length === 0) return [];
      // 'ingen' counts the risks without a treatment decision: 'Ej beslutad', as the register page says, not 'Ingen'.
      const word = (k: string) => (field === 'byTreatment' && k === 'ingen' ? 'Ej beslutad' : VALUES[k] ?? k);
      const rows = Object.entries(x).map(([k, n]) => [cell(word(k)), cell(n, `${key}.${field}.${k}`)]);
      return [{ kind: 'table', caption: `Riskregistret: öppna risker per ${head.toLowerCase()}`, columns: [head, 'Antal'], rows }];
    };
    return [
      { kind: 'table', caption: 'Riskregistret', columns: ['Mått', 'Antal'], rows: [[cell('Öppna risker'), cell(v.total, `${key}.total`)], [cell('Översyn försenad'), cell(v.reviewOverdue, `${key}.reviewOverdue`)]] },
      ...counts('byLevel', 'Risknivå'),
      ...counts('byTreatment', 'Hantering'),
    ];
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

