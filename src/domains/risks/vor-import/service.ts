/**
 * The VoR import (format: docs/vor-import.md): a förvaltning's old risk sheet, one row per oönskad händelse, into
 * the VoR of (org, year). Used by the CLI and the HTTP upload; reads the file with the platform's tabular reader.
 *
 * - The VoR is created (with the city's mandatory process and its five arbetssätt) when the year has none. Into an
 *   approved VoR a row may change its event's follow-up (Status och åtgärder) and åtgärd only, as in the editor; a
 *   new event or a changed assessment is a bad row.
 * - Processes and arbetssätt are found by name (letter case and spaces do not count) and created when missing; an
 *   event is matched by (arbetssätt, title): created, updated when anything in the file differs, else unchanged.
 *   Re-importing the same file changes nothing. Nothing is ever deleted.
 * - A row's Åtgärd is one planned action of its event, matched by title; Ansvarig and Klart senast are set on it.
 * - The IKP column is never stored: the proposal follows from riskvärde and the threshold, the decision is
 *   management's (risk.decide) in Tillit.
 * - One transaction: all or nothing unless `skipInvalid`; `dryRun` classifies the same way and writes nothing.
 *   Audited as the editor audits (vor, process, arbetssätt, event, action rows) plus one `risk.vor.import` row.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context';
import type { Db } from '../../../server/platform/db';
import { badRequest } from '../../../server/platform/errors';
import { FIRST_YEAR, LAST_PLANNING_YEAR } from '../../../server/platform/time';
import { importAuditFacts, planAndWrite, readImportRows, type ImportOptions, type ImportRow, lockRegister, type PlannedRow } from '../../../server/platform/tabular/run';
import { inspectFile, type FileInfo } from '../../../server/platform/tabular/source';
import { addWarning, type ImportSummary, type RowError } from '../../../server/platform/tabular/summary';
import { cellText, nameKey, parseDay, parseWhole } from '../../../server/platform/tabular/values';
import { recordAudit } from '../../audit/chain';
import { MANDATORY_ARBETSSATT, MANDATORY_PROCESS } from '../contract';
import { cityIdOf, orgFor, peekCurrentScale, scalesByIds, type ScaleRow } from '../common';
import { riskvarde } from '../scale';
import { riskActions, vorArbetssatt, vorAssessments, vorEvents, vorProcesses } from '../table';
import { addArbetssatt, addProcess, createEvent, insertVor, updateEvent } from '../vor';
import { createAction, updateAction } from '../actions';
import type { Vor } from '../contract';
import { fallbackScale, type EventRow, type VorRow } from '../vor-read';
import { columnName, VOR_COLUMNS, VOR_HEADER, type VorField, type VorHeader } from './columns';
import { parseLevel } from './values';

export type { ImportError, ImportSummary } from '../../../server/platform/tabular/summary';

export interface VorImportOptions extends ImportOptions {
  org: string;
  year: number;
}

export interface VorImportResult {
  summary: ImportSummary;
  /** True when the import's changes were committed. */
  written: boolean;
  /** True when the import as a whole failed (invalid rows without skipInvalid, or missing columns). */
  failed: boolean;
  info: FileInfo;
  /** The VoR imported into (null: none yet, a dry run or a failed import into a year without one). */
  vorId: string | null;
}

/** A VoR sheet has tens of rows; more than this is not one (and would be held in memory). */
export const MAX_ROWS = 5000;
/** Upload limit of the HTTP route. */
export const VOR_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const HOW_TO = { sv: 'Spara bladet som CSV eller XLSX.', en: 'Save the sheet as CSV or XLSX.' };
const LIMITS: Partial<Record<VorField, number>> = { process: 500, arbetssatt: 500, title: 500, motivation: 4000, followUp: 8000, action: 500, owner: 200 };

type ActionRow = typeof riskActions.$inferSelect;

/** `id`: the stored row's; '' for the preset ones of a VoR the import creates; null for one the file adds. */
interface ArbState { id: string | null; name: string; events: Map<string, EventRow> }
interface ProcState { id: string | null; name: string; arbs: Map<string, ArbState> }

/** What one valid row does. */
interface Planned extends PlannedRow {
  line: number;
  proc: ProcState;
  arb: ArbState;
  existing?: EventRow;
  title: string;
  motivation?: string;
  followUp?: string;
  sannolikhet: number;
  konsekvens: number;
  action?: { existing?: ActionRow; title: string; owner?: string; dueDate?: string | null };
  /** The columns whose values differ from the stored event and its action. */
  changed: VorField[];
}

/** The event's own columns (the rest are its action's). */
const EVENT_FIELDS: readonly VorField[] = ['title', 'sannolikhet', 'konsekvens', 'motivation', 'followUp'];
/** The assessment, which an approved VoR keeps (as the editor does: vor.ts updateEvent); its follow-up and åtgärder may change. */
const ASSESSMENT_FIELDS: readonly VorField[] = ['title', 'sannolikhet', 'konsekvens', 'motivation'];

/** Imports the VoR sheet at `path` into the VoR of `opts.org` and `opts.year`. */
export async function importVor(ctx: Ctx, path: string, opts: VorImportOptions, known?: FileInfo): Promise<VorImportResult> {
  if (!Number.isInteger(opts.year) || opts.year < FIRST_YEAR || opts.year > LAST_PLANNING_YEAR) {
    throw badRequest('invalid_year', {
      sv: `Ogiltigt år ${opts.year}: ange ett år ${FIRST_YEAR}–${LAST_PLANNING_YEAR}.`,
      en: `Invalid year ${opts.year}: give a year ${FIRST_YEAR}–${LAST_PLANNING_YEAR}.`,
    }, 'year');
  }
  const org = await orgFor(ctx, ctx.db, opts.org, 'risk.manage');
  const info = known ?? (await inspectFile(path));
  const read = await readImportRows(path, info, VOR_HEADER, HOW_TO, { maxRows: MAX_ROWS, tooMany: { sv: 'en VoR har några tiotal', en: 'a VoR has a few dozen' } });
  if ('failed' in read) return { summary: read.failed, written: false, failed: true, info, vorId: null };
  const { header, rows, summary } = read;
  if (header.index.ikp !== undefined) {
    addWarning(summary, {
      sv: `Kolumnen "${header.names.ikp}" läses inte: förslaget till internkontrollplanen följer av riskvärdet och tröskeln, och ledningen beslutar om IKP i Tillit.`,
      en: `Column "${header.names.ikp}" is not read: the proposal for the internal control plan follows from riskvärde and the threshold, and management decides on IKP in Tillit.`,
    });
  }

  let vor: VorRow | undefined;
  let current: ScaleRow;
  const cityId = cityIdOf(org.path);
  const done = await planAndWrite(ctx, summary, opts, async (tx, reject) => {
    // One import at a time per VoR: the second waits and then sees the first one's rows.
    await lockRegister(tx, 'vor', `${org.id}:${opts.year}`);
    [vor] = await tx.select().from(vorAssessments).where(and(eq(vorAssessments.orgId, org.id), eq(vorAssessments.year, opts.year)));
    const state = vor ? await loadState(tx, vor) : presetState();
    current = (await peekCurrentScale(tx, cityId)) ?? fallbackScale(cityId);
    const scales = await scalesByIds(tx, [...state.events.values()].map((e) => e.scaleId));
    const plan = classify(rows, header, state, current, scales, reject, vor?.status === 'godkand' ? opts.year : undefined);
    const newArbs = plan.filter((p) => p.arb.id === null).map((p) => `${p.proc.name} / ${p.arb.name}`);
    if (newArbs.length > 0) {
      const list = [...new Set(newArbs)].map((n) => `"${n}"`).join(', ');
      addWarning(summary, {
        sv: `Nya arbetssätt läggs till: ${list}. Kontrollera stavningen om något av dem redan finns.`,
        en: `New arbetssätt are added: ${list}. Check the spelling if any of them already exists.`,
      });
    }
    return plan;
  }, async (tx, plan) => {
    const target = vor ?? (await insertVor(tx, ctx, org.id, opts.year, null));
    // New events go on the city's current scale (createEvent makes the default one, audited, the first time).
    const ids = vor ? undefined : await presetIds(tx, target.id);
    await apply(tx, ctx, target, plan, ids);
    await recordAudit(tx, ctx, {
      action: 'risk.vor.import',
      entityType: 'vor_import',
      entityId: info.sha256,
      orgId: org.id,
      after: { vorId: target.id, year: opts.year, ...importAuditFacts(info, summary, opts) },
    });
    return target.id;
  }, { columns: VOR_COLUMNS, names: header.names, of: (p) => ({ key: p.title, fields: p.changed }) });
  return { summary, written: done.written, failed: done.failed, info, vorId: done.value };
}

interface State {
  procs: Map<string, ProcState>;
  /** Every event of the VoR by id. */
  events: Map<string, EventRow>;
  actions: Map<string, ActionRow[]>;
}

function presetState(): State {
  const arbs = new Map(MANDATORY_ARBETSSATT.map((a) => [nameKey(a.name), { id: '', name: a.name, events: new Map() } as ArbState]));
  return { procs: new Map([[nameKey(MANDATORY_PROCESS), { id: '', name: MANDATORY_PROCESS, arbs }]]), events: new Map(), actions: new Map() };
}

async function loadState(tx: Db, vor: VorRow): Promise<State> {
  const procs = await tx.select().from(vorProcesses).where(eq(vorProcesses.vorId, vor.id)).orderBy(asc(vorProcesses.sortOrder), asc(vorProcesses.createdAt));
  const arbs = await tx.select().from(vorArbetssatt).where(eq(vorArbetssatt.vorId, vor.id)).orderBy(asc(vorArbetssatt.sortOrder), asc(vorArbetssatt.createdAt));
  const events = await tx.select().from(vorEvents).where(eq(vorEvents.vorId, vor.id)).orderBy(asc(vorEvents.sortOrder), asc(vorEvents.createdAt));
  const actions = events.length
    ? await tx.select().from(riskActions).where(and(eq(riskActions.parentType, 'vor_event'), inArray(riskActions.parentId, events.map((e) => e.id)))).orderBy(asc(riskActions.createdAt), asc(riskActions.id))
    : [];
  const state: State = { procs: new Map(), events: new Map(events.map((e) => [e.id, e])), actions: new Map() };
  const arbById = new Map<string, ArbState>();
  for (const p of procs) {
    // Two processes or arbetssätt of one name (made by hand): the first one is matched.
    const ps: ProcState = state.procs.get(nameKey(p.name)) ?? { id: p.id, name: p.name, arbs: new Map() };
    state.procs.set(nameKey(p.name), ps);
    for (const a of arbs.filter((x) => x.processId === p.id)) {
      const as: ArbState = ps.arbs.get(nameKey(a.name)) ?? { id: a.id, name: a.name, events: new Map() };
      ps.arbs.set(nameKey(a.name), as);
      arbById.set(a.id, as);
    }
  }
  for (const e of events) {
    const as = arbById.get(e.arbetssattId);
    if (as && !as.events.has(nameKey(e.title))) as.events.set(nameKey(e.title), e);
  }
  for (const a of actions) state.actions.set(a.parentId, [...(state.actions.get(a.parentId) ?? []), a]);
  return state;
}

/**
 * Validates every row against the VoR as it stands and says what each valid one does. `approvedYear`: the VoR is
 * approved, so a row may change its events' follow-up and åtgärder only, not add an event or change an assessment.
 */
function classify(
  rows: ImportRow[], h: VorHeader, state: State, current: ScaleRow, scales: Map<string, ScaleRow>,
  reject: (errors: RowError[]) => void, approvedYear?: number,
): Planned[] {
  const plan: Planned[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells, date1904 } of rows) {
    const errors: RowError[] = [];
    const err = (f: VorField, sv: string, en: string) => errors.push({ line, column: columnName(f, h), sv, en });
    const has = (f: VorField) => h.index[f] !== undefined;
    const text = (f: VorField): string => {
      const i = h.index[f];
      const v = i === undefined ? '' : cellText(cells[i]);
      const limit = LIMITS[f];
      if (limit && v.length > limit) {
        err(f, `Texten är ${v.length} tecken lång; högst ${limit} tecken.`, `The text is ${v.length} characters long; at most ${limit}.`);
      }
      return v;
    };
    const cell = (f: VorField) => (h.index[f] === undefined ? undefined : cells[h.index[f]!]);
    const processName = text('process') || MANDATORY_PROCESS;
    const arbName = text('arbetssatt');
    const title = text('title');
    if (arbName === '') err('arbetssatt', 'Arbetssätt saknas.', 'Arbetssätt is missing.');
    if (title === '') err('title', 'Händelsen saknas (den oönskade händelsens rubrik).', 'The event is missing (the undesired event\'s title).');
    const motivation = has('motivation') ? text('motivation') : undefined;
    const followUp = has('followUp') ? text('followUp') : undefined;
    const actionTitle = text('action');
    const owner = has('owner') ? text('owner') : undefined;
    const day = has('dueDate') ? parseDay(cell('dueDate'), date1904) : undefined;
    if (day && !day.ok) err('dueDate', day.msg.sv, day.msg.en);
    if (actionTitle === '' && (owner || (day?.ok && day.value))) {
      err('action', 'Ansvarig eller Klart senast är ifyllt men Åtgärd saknas: de hör till radens åtgärd.', 'Ansvarig or Klart senast is filled in but Åtgärd is missing: they belong to the row\'s action.');
    }

    const procKey = nameKey(processName);
    const arbKey = nameKey(arbName);
    const key = `${procKey}\u0000${arbKey}\u0000${nameKey(title)}`;
    if (arbName !== '' && title !== '') {
      const first = seen.get(key);
      if (first !== undefined) {
        err('title', `Händelsen "${title}" under arbetssättet "${arbName}" finns redan på rad ${first} i filen.`, `The event "${title}" under arbetssätt "${arbName}" already occurs on line ${first} of the file.`);
      } else seen.set(key, line);
    }
    const proc = state.procs.get(procKey);
    const arb = proc?.arbs.get(arbKey);
    const existing = arb?.events.get(nameKey(title));
    // An event keeps the scale version it was assessed on (as in the editor); a new one is on the current scale.
    const scale = (existing && scales.get(existing.scaleId)) || current;
    const s = parseLevel(cell('sannolikhet'), scale.likelihood, 'sannolikhet', scale.name);
    const k = parseLevel(cell('konsekvens'), scale.consequence, 'konsekvens', scale.name);
    if (!s.ok) err('sannolikhet', s.msg.sv, s.msg.en);
    if (!k.ok) err('konsekvens', k.msg.sv, k.msg.en);
    if (has('riskvarde') && cellText(cell('riskvarde')) !== '') {
      const r = parseWhole(cell('riskvarde'));
      if (!r.ok) err('riskvarde', r.msg.sv, r.msg.en);
      else if (s.ok && k.ok && r.value !== riskvarde(s.value, k.value)) {
        const computed = riskvarde(s.value, k.value);
        err('riskvarde', `Riskvärdet ${r.value} stämmer inte: sannolikhet ${s.value} × konsekvens ${k.value} ger ${computed} på skalan "${scale.name}".`,
          `Riskvärde ${r.value} does not match: likelihood ${s.value} × consequence ${k.value} gives ${computed} on the scale "${scale.name}".`);
      }
    }
    if (errors.length > 0 || !s.ok || !k.ok) {
      reject(errors);
      continue;
    }
    // Not yet in the VoR: created when the import is written (and matched by later rows of the file).
    const p = proc ?? { id: null, name: processName, arbs: new Map() };
    if (!proc) state.procs.set(procKey, p);
    const a = arb ?? { id: null, name: arbName, events: new Map() };
    if (!arb) p.arbs.set(arbKey, a);
    const changed: VorField[] = [];
    const planned: Planned = { line, proc: p, arb: a, existing, title, motivation, followUp, sannolikhet: s.value, konsekvens: k.value, outcome: 'created', changed };
    const differs = (f: VorField, now: unknown, next: unknown) => { if (next !== undefined && now !== next) changed.push(f); };
    if (existing) {
      differs('title', existing.title, title);
      differs('sannolikhet', existing.sannolikhet, s.value);
      differs('konsekvens', existing.konsekvens, k.value);
      differs('motivation', existing.motivation, motivation);
      differs('followUp', existing.followUp, followUp);
    }
    if (actionTitle !== '') {
      const found = existing ? (state.actions.get(existing.id) ?? []).find((x) => nameKey(x.title) === nameKey(actionTitle)) : undefined;
      const dueDate = day?.ok ? day.value : undefined;
      planned.action = { existing: found, title: actionTitle, owner, dueDate };
      // A new action is the Åtgärd column's change (with its owner and date).
      if (!found) changed.push('action');
      else {
        differs('action', found.title, actionTitle);
        differs('owner', found.owner, owner);
        differs('dueDate', found.dueDate, dueDate);
      }
    }
    if (approvedYear !== undefined) {
      if (!existing) {
        err('title', `Händelsen "${title}" finns inte i VoR ${approvedYear}, som är godkänd och låst: nya händelser läggs inte till. Ledningen kan återöppna VoR:en, eller så tar du bort raden.`,
          `The event "${title}" is not in the ${approvedYear} VoR, which is approved and locked: no events are added. Management can reopen the VoR, or remove the row.`);
      }
      for (const f of changed.filter((c) => ASSESSMENT_FIELDS.includes(c))) {
        err(f, `VoR ${approvedYear} är godkänd och låst: ${columnName(f, h)} ändras inte (bara Status och åtgärder och åtgärderna). Ledningen kan återöppna VoR:en för att ändra bedömningen.`,
          `The ${approvedYear} VoR is approved and locked: ${columnName(f, h)} is not changed (only Status och åtgärder and the åtgärder). Management can reopen the VoR to change the assessment.`);
      }
      if (errors.length > 0) {
        reject(errors);
        continue;
      }
    }
    planned.outcome = existing ? (changed.length > 0 ? 'updated' : 'unchanged') : 'created';
    plan.push(planned);
  }
  return plan;
}

/** The ids of a just-created VoR's preset process and arbetssätt, by name key. */
async function presetIds(tx: Db, vorId: string): Promise<Map<string, string>> {
  const procs = await tx.select().from(vorProcesses).where(eq(vorProcesses.vorId, vorId));
  const arbs = await tx.select().from(vorArbetssatt).where(eq(vorArbetssatt.vorId, vorId));
  const out = new Map<string, string>();
  for (const p of procs) {
    out.set(nameKey(p.name), p.id);
    for (const a of arbs.filter((x) => x.processId === p.id)) out.set(`${nameKey(p.name)}\u0000${nameKey(a.name)}`, a.id);
  }
  return out;
}

/**
 * Writes the plan through the editor's own services (each in a savepoint of the import's transaction): missing
 * processes and arbetssätt, then events and their actions, with the editor's checks, sort order and audit rows.
 */
async function apply(tx: Db, ctx: Ctx, vor: VorRow, plan: Planned[], preset?: Map<string, string>): Promise<void> {
  const inImport: Ctx = { ...ctx, db: tx };
  const idOf = (v: Vor, proc: string, arb?: string) => {
    const p = v.processes.find((x) => nameKey(x.name) === nameKey(proc));
    return arb === undefined ? p?.id : p?.arbetssatt.find((a) => nameKey(a.name) === nameKey(arb))?.id;
  };
  for (const p of plan) {
    if (!p.proc.id) p.proc.id = preset?.get(nameKey(p.proc.name)) ?? idOf(await addProcess(inImport, vor.id, { name: p.proc.name, arbetssatt: [] }), p.proc.name)!;
    if (!p.arb.id) {
      p.arb.id = preset?.get(`${nameKey(p.proc.name)}\u0000${nameKey(p.arb.name)}`)
        ?? idOf(await addArbetssatt(inImport, p.proc.id, { name: p.arb.name }), p.proc.name, p.arb.name)!;
    }
    let eventId: string;
    const e = p.existing;
    if (!e) {
      eventId = (await createEvent(inImport, vor.id, {
        arbetssattId: p.arb.id, title: p.title, motivation: p.motivation, sannolikhet: p.sannolikhet, konsekvens: p.konsekvens, followUp: p.followUp,
      })).id;
    } else {
      eventId = e.id;
      // Only what changed: the editor's service refuses an assessment change in an approved VoR, not a follow-up.
      const has = (f: VorField) => p.changed.includes(f);
      if (EVENT_FIELDS.some(has)) {
        await updateEvent(inImport, e.id, {
          version: e.version,
          ...(has('title') ? { title: p.title } : {}), ...(has('sannolikhet') ? { sannolikhet: p.sannolikhet } : {}),
          ...(has('konsekvens') ? { konsekvens: p.konsekvens } : {}), ...(has('motivation') ? { motivation: p.motivation } : {}),
          ...(has('followUp') ? { followUp: p.followUp } : {}),
        });
      }
    }
    const a = p.action;
    if (!a) continue;
    const x = a.existing;
    if (!x) {
      await createAction(inImport, { parentType: 'vor_event', parentId: eventId, title: a.title, owner: a.owner, dueDate: a.dueDate ?? null });
      continue;
    }
    const changes = {
      ...(x.title !== a.title ? { title: a.title } : {}),
      ...(a.owner !== undefined && x.owner !== a.owner ? { owner: a.owner } : {}),
      ...(a.dueDate !== undefined && x.dueDate !== a.dueDate ? { dueDate: a.dueDate } : {}),
    };
    if (Object.keys(changes).length > 0) await updateAction(inImport, x.id, { version: x.version, ...changes });
  }
}
