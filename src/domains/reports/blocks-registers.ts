import type { FigureBlock } from './blocks';
import { countsTable, isRec, recs, svList, withOrg, type CellFn, type Rec } from './block-parts';

/**
 * The documents' blocks of the registers' report sections (classification, privacy with kamerabevakning, nis2,
 * suppliers): sentences as the seeds write them, then counts and tables. blocks-known.ts picks them by key.
 */

/**
 * Information classification (KLASSA) as seed 002 writes it: sentences naming what was classified during the year,
 * what waits for a normerande classification and what is in progress, then the counts and the year's classified
 * objects with their levels. Names carry their organisation when the objects come from several (a city's report).
 */
export function classificationBlocks(v: Rec, cell: CellFn): FigureBlock[] {
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
  const level = (x: unknown) => cell(typeof x === 'number' ? x : '–');
  const out: FigureBlock[] = [
    { kind: 'text', text: sentences.join(' ') },
    countsTable('Informationsklassning i siffror', counts, 'classification.counts', [
      ['Objekt i objektlistan', 'total'], ['Klassade lokalt under året', 'classifiedThisYear'], ['Klassning pågår', 'inProgress'],
      ['Väntar på normerande klassning', 'waitingForNormerande'], ['Omfattas av NIS men inte klassade', 'nisNotClassified'],
      ['Omklassning försenad (äldre än ett år)', 'reclassificationOverdue'],
    ], cell),
  ];
  if (classified.length) {
    out.push({
      kind: 'table', caption: `Objekt klassade under ${year}: nivå per aspekt (0–4)`,
      ...withOrg(classified, ['Objekt', 'Organisation', 'Klassad', 'NIS', 'K', 'R', 'T', 'S'], (r) => [
        cell(r.name), cell(r.unit), cell(r.date), cell(r.nis === true ? 'Ja' : 'Nej'), level(r.konfidentialitet), level(r.riktighet), level(r.tillganglighet), level(r.sparbarhet),
      ], cell),
    });
  }
  if (isRec(v.followUp)) out.push(...followUpBlocks(v.followUp, cell));
  return out;
}

const ANSWER: Record<string, string> = { ja: 'Ja', nej: 'Nej', ej_aktuellt: 'Ej aktuellt' };
const ACCESS_RESULT: Record<string, string> = { inga_avvikelser: 'Inga avvikelser', avvikelser_atgardade: 'Avvikelser åtgärdade', avvikelser_kvarstar: 'Avvikelser kvarstår' };
/** Up to this many objects without follow-up are named in the sentence; more stand in a table of their own. */
const NAMED_MISSING = 10;

/**
 * The year's object follow-ups with access review (classification.followUp): a sentence such as "Årlig
 * objektuppföljning har genomförts för 7 av 9 objekt; behörighetsgenomgång har gjorts för 6. Uppföljning saknas för
 * NPÖ och VODOK.", the counts, and the follow-ups held. Nothing when the objektlista is empty.
 */
export function followUpBlocks(v: Rec, cell: CellFn): FigureBlock[] {
  const n = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : 0);
  if (n('inScope') === 0) return [];
  const [held, missing, deviations] = [recs(v.followUps), recs(v.missing), recs(v.deviationsRemaining)];
  const byOrg = new Set([...held, ...missing].map((r) => r.org)).size > 1;
  const names = (list: Rec[]) => svList(list.map((r) => (byOrg ? `${String(r.name)} (${String(r.org)})` : String(r.name))));
  const year = String(v.year ?? '');
  const accounts = n('accountsChanged');
  const sentences = [
    n('held')
      ? `Årlig objektuppföljning har genomförts för ${n('held')} av ${n('inScope')} objekt; behörighetsgenomgång har gjorts för ${n('accessReviewsDone')}.`
      : `Ingen årlig objektuppföljning har registrerats för ${year}.`,
    missing.length && n('held')
      ? (missing.length <= NAMED_MISSING ? `Uppföljning saknas för ${names(missing)}.` : `Uppföljning saknas för ${missing.length} objekt; de står i tabellen nedan.`)
      : '',
    deviations.length ? `Efter behörighetsgenomgången kvarstår avvikelser för ${names(deviations)}.` : '',
    accounts ? `${accounts === 1 ? 'Ett konto har' : `${accounts} konton har`} tagits bort eller ändrats vid behörighetsgenomgångarna.` : '',
  ].filter(Boolean);
  const counts = { ...v, deviationsRemaining: deviations.length, missing: missing.length };
  const out: FigureBlock[] = [
    { kind: 'text', text: sentences.join(' ') },
    countsTable(`Årlig objektuppföljning ${year} i siffror`, counts, 'classification.followUp', [
      ['Objekt i objektlistan', 'inScope'], ['Uppföljning genomförd', 'held'], ['Behörighetsgenomgång gjord', 'accessReviewsDone'],
      ['Avvikelser kvarstår', 'deviationsRemaining'], ['Konton borttagna eller ändrade', 'accountsChanged'], ['Uppföljning saknas', 'missing'],
    ], cell),
  ];
  if (held.length) {
    out.push({
      kind: 'table', caption: `Objektuppföljningar ${year}`,
      ...withOrg(held, ['Objekt', 'Organisation', 'Hölls', 'Av', 'Behörighetsgenomgång', 'Resultat', 'Konton'], (r) => [
        cell(r.name), cell(r.unit), cell(r.heldOn), cell(r.heldBy), cell(ANSWER[String(r.accessReview)] ?? ''),
        cell(ACCESS_RESULT[String(r.accessResult)] ?? '–'), cell(typeof r.accountsChanged === 'number' ? r.accountsChanged : '–'),
      ], cell),
    });
  }
  if (missing.length > NAMED_MISSING || (missing.length && !held.length)) {
    out.push({ kind: 'table', caption: `Objekt utan årlig uppföljning ${year}`, ...withOrg(missing, ['Objekt', 'Organisation'], (r) => [cell(r.name), cell(r.unit)], cell) });
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
export function privacyBlocks(v: Rec, cell: CellFn): FigureBlock[] {
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
  const out: FigureBlock[] = [
    { kind: 'text', text: sentences.join(' ') },
    countsTable('Registerförteckningen i siffror', counts, 'privacy.counts', [
      ['Behandlingar', 'total'], ['Godkända av dataskyddsombudet', 'approved'], ['Inte godkända', 'notApproved'],
      ['Väntar på granskning', 'awaitingReview'], ['Med överföring till tredjeland', 'thirdCountry'],
      ['Med känsliga personuppgifter', 'specialCategories'], ['DPIA troligen krävs', 'dpiaLikely'],
      ['DPIA troligen krävs men är inte gjord', 'dpiaLikelyNotDone'],
    ], cell),
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
export function nis2Blocks(v: Rec, cell: CellFn): FigureBlock[] {
  const entity = NIS2_ENTITY[String(v.entityType)];
  const sector = String(v.sector ?? '').trim();
  if (v.inScope !== true) return [{ kind: 'text', text: 'Förvaltningen är inte markerad som omfattad av cybersäkerhetslagen.' }];
  const reg = isRec(v.registration) ? v.registration : null;
  const registration = reg
    ? ` Anmälan till tillsynsmyndighetens register gjordes den ${String(reg.date)}${String(reg.reference ?? '') ? ` (${String(reg.reference)})` : ''}.`
    : v.registrationDue === true ? ' Anmälan till tillsynsmyndighetens register har inte registrerats.' : '';
  const scope = `Förvaltningen omfattas av cybersäkerhetslagen${entity ? ` som ${entity} entitet` : ''}${sector ? ` inom sektorn ${sector.charAt(0).toLowerCase()}${sector.slice(1)}` : ''}.${registration}`;
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
      ? `Ledningen godkände årets säkerhetsåtgärder den ${String(approved.date)}${String(approved.by ?? '') ? ` genom ${String(approved.by)}` : ''}.`
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
export function supplierBlocks(v: Rec, cell: CellFn): FigureBlock[] {
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
  const out: FigureBlock[] = [
    { kind: 'text', text: sentences.join(' ') },
    countsTable('Leverantörsregistret i siffror', counts, 'suppliers.counts', [
      ['Leverantörer', 'total'], ['Behandlar personuppgifter', 'personalData'], ['Saknar PUB-avtal', 'pubMissing'],
      ['Med överföring till tredjeland', 'thirdCountry'], ['Tredjelandsöverföring utan TIA', 'tiaMissing'],
      ['Uppföljning försenad', 'followUpOverdue'], ['Underleverantörer utan avtal', 'subSuppliersWithoutContract'],
    ], cell),
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
