/**
 * The registerförteckning import (format: docs/privacy-import.md): a förvaltning's record of processing activities
 * (GDPR art. 30) from a DraftIT export, IMY's template or Tillit's own template, one row per behandling, into an
 * organisation's subtree. Used by the CLI and the HTTP upload; reads the file with the platform's tabular reader and
 * runs as every register import does (platform/tabular/run.ts).
 *
 * - An activity is matched by name (letter case and runs of spaces do not count) within the organisation's subtree,
 *   or within the row's Organisation when the row names one. Found: updated when anything in the file differs, else
 *   unchanged; not found: created (in the row's organisation, else the target). Nothing is deleted or archived. An
 *   archived activity is not updated: its row is refused (restore it in Tillit first).
 * - A column that is absent leaves its field; a present empty cell gives the field's empty value (text emptied, nej,
 *   no legal basis, no transfer tool, PUB nej, no systems); an empty Status leaves the status.
 * - The System cell names objects of the objektlista the importer may read; a name not found is a row error (nothing
 *   is lost: the row waits until the object is on the list or the name is corrected).
 * - Status is never imported as godkänd: the DSO approves in Tillit. A change to an approved activity returns it to
 *   utkast (granskas when the file says so), exactly as the editor's service does; a warning names them.
 * - Each row is validated by the activity's own contract (CreateProcessingActivity / UpdateProcessingActivity) and
 *   rules (checkActivity), and written through createActivity / updateActivity, each in a savepoint of the import's
 *   transaction. All or nothing unless `skipInvalid`; `dryRun` classifies the same way and writes nothing.
 *   Audited as the dialog audits (privacy.create / privacy.update) plus one `privacy.import` row.
 */
import { and, eq, inArray, like, or } from 'drizzle-orm';
import type { ZodError } from 'zod';
import { escapeLike } from '../../../server/platform/authz';
import type { Ctx } from '../../../server/platform/context';
import { AppError } from '../../../server/platform/errors';
import type { Cell, Msg } from '../../../server/platform/tabular/cells';
import { rowOrg } from '../../../server/platform/tabular/orgs';
import { importAuditFacts, planAndWrite, readImportRows, type ImportOptions, type ImportRow, lockRegister, type PlannedRow } from '../../../server/platform/tabular/run';
import { inspectFile, type FileInfo } from '../../../server/platform/tabular/source';
import { addWarning, type ImportSummary, type RowError } from '../../../server/platform/tabular/summary';
import { cellText, nameKey, parseDay, type Parsed } from '../../../server/platform/tabular/values';
import { describeIssue } from '../../../server/platform/validation';
import { recordAudit } from '../../audit/chain';
import type { LinkedObject } from '../../objects/linked';
import { digitalObjects } from '../../objects/table';
import { orgs } from '../../org/table';
import { orgFor, type OrgRow } from '../../plans/scope';
import { CreateProcessingActivity, UpdateProcessingActivity } from '../contract';
import { checkActivity } from '../rules';
import { createActivity, linkedSystems, updateActivity, type ActivityRow } from '../service';
import { processingActivities } from '../table';
import { columnName, PRIVACY_COLUMNS, PRIVACY_HEADER, type PrivacyField, type PrivacyHeader } from './columns';
import {
  itemMsg, joinList, parseCriteria, parseDpia, parseLegalBasis, parsePub, parseStatus, parseTransfer, parseTransferTool, parseYesNo, splitList,
} from './values';

export type { ImportError, ImportSummary } from '../../../server/platform/tabular/summary';

export interface PrivacyImportOptions extends ImportOptions {
  org: string;
}

export interface PrivacyImportResult {
  summary: ImportSummary;
  /** True when the import's changes were committed. */
  written: boolean;
  /** True when the import as a whole failed (invalid rows without skipInvalid, or missing columns). */
  failed: boolean;
  info: FileInfo;
}

/** A förvaltning's registerförteckning has tens to a few hundred behandlingar; more than this is not one. */
export const MAX_ROWS = 5000;
/** Upload limit of the HTTP route. */
export const PRIVACY_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const HOW_TO = { sv: 'Spara registerförteckningen som CSV eller XLSX.', en: 'Save the record of processing activities as CSV or XLSX.' };

const TEXT_FIELDS = ['purposes', 'legalBasisNote', 'specialCategoriesNote', 'recipients', 'thirdCountries', 'retention', 'securityMeasures', 'responsible', 'dpiaReason'] as const;
const YES_NO_FIELDS = ['specialCategories', 'tiaDone'] as const;
const LIST_FIELDS = ['dataSubjects', 'personalData'] as const;

type Values = Partial<Omit<CreateProcessingActivity, 'org' | 'name'>>;

/** What one valid row does. */
interface Planned extends PlannedRow {
  line: number;
  org: OrgRow;
  name: string;
  existing?: ActivityRow;
  /** A new activity's fields; an existing one's changed fields. */
  values: Values & { name?: string };
}

/** An object of the objektlista the System cell may name: readable by the importer, in the subtree or above it. */
interface Candidate { id: string; name: string; archived: boolean; orgId: string; path: string; orgName: string }

/** What the rows said beyond their own errors, told once after every row (warnings). */
interface Notes {
  /** Approved activities the import changes: they return to utkast (or granskas). */
  reset: { line: number; name: string }[];
  /** Rows saying Godkänd for an activity Tillit has not approved. */
  notApproved: { line: number; name: string }[];
}

/** Imports the registerförteckning at `path` into the subtree of `opts.org`. */
export async function importActivities(ctx: Ctx, path: string, opts: PrivacyImportOptions, known?: FileInfo): Promise<PrivacyImportResult> {
  const target = await orgFor(ctx, ctx.db, opts.org, 'privacy.read', 'privacy.manage');
  const info = known ?? (await inspectFile(path));
  const read = await readImportRows(path, info, PRIVACY_HEADER, HOW_TO, {
    maxRows: MAX_ROWS, tooMany: { sv: 'en registerförteckning har några hundra behandlingar', en: 'a record of processing has a few hundred activities' },
  });
  if ('failed' in read) return { summary: read.failed, written: false, failed: true, info };
  const { header, rows, summary } = read;
  if (header.index.threshold !== undefined) {
    addWarning(summary, {
      sv: `Kolumnen "${header.names.threshold}" läses inte: Tillit räknar tröskelanalysen från kriterierna (kolumnen Kriterier (WP248)).`,
      en: `Column "${header.names.threshold}" is not read: Tillit computes the threshold analysis from the criteria (the column Kriterier (WP248)).`,
    });
  }

  const notes: Notes = { reset: [], notApproved: [] };
  let created = 0;
  const done = await planAndWrite(ctx, summary, opts, async (tx, reject) => {
    // One import at a time per organisation: the second waits and then sees the first one's activities.
    await lockRegister(tx, 'privacy', target.id);
    const tree = (await tx.select().from(orgs).where(like(orgs.path, escapeLike(target.path) + '%'))).filter((o) => !o.archivedAt);
    const activities = await tx.select().from(processingActivities).where(inArray(processingActivities.orgId, tree.map((o) => o.id)));
    const linked = await linkedSystems(ctx, tx, activities.map((a) => a.id));
    const above = target.path.split('/').filter(Boolean);
    const candidates = header.index.systems === undefined ? [] : ((await tx
      .select({ id: digitalObjects.id, name: digitalObjects.name, archived: digitalObjects.archived, orgId: digitalObjects.orgId, path: orgs.path, orgName: orgs.name })
      .from(digitalObjects).innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
      .where(and(ctx.authz.scopeSql('object.read', orgs.path), or(like(orgs.path, escapeLike(target.path) + '%'), inArray(orgs.id, above))))) as Candidate[]);
    const plan = classify(rows, header, { target, tree, activities, linked, candidates }, reject, notes);
    created = plan.filter((p) => p.outcome === 'created').length;
    return plan;
  }, async (tx, plan) => {
    // Through the editor's own service path (a savepoint each): its checks, its approval rule, its audit rows.
    const inImport: Ctx = { ...ctx, db: tx };
    for (const p of plan) {
      if (p.outcome === 'created') await createActivity(inImport, { ...p.values, org: p.org.slug, name: p.name });
      else if (p.outcome === 'updated') await updateActivity(inImport, p.existing!.id, { ...p.values, version: p.existing!.version });
    }
    await recordAudit(tx, ctx, {
      action: 'privacy.import', entityType: 'privacy_import', entityId: info.sha256, orgId: target.id,
      after: { org: target.slug, ...importAuditFacts(info, summary, opts) },
    });
  }, {
    columns: PRIVACY_COLUMNS, names: header.names,
    of: (p) => ({ key: p.name, fields: (Object.keys(p.values) as (keyof Planned['values'])[]).map((k) => (k === 'objectIds' ? 'systems' : k)) }),
  });
  tell(summary, notes, !done.failed && created > 0 && !!ctx.principal?.userId && ctx.authz.can('dso.approve', target.path));
  return { summary, written: done.written, failed: done.failed, info };
}

const lines = (xs: { line: number; name: string }[]) => xs.map((x) => `${x.name} (${x.line})`).join(', ');

/** The warnings of the approval rule, and the DSO's own entries. */
function tell(summary: ImportSummary, notes: Notes, dsoCreates: boolean): void {
  if (notes.reset.length > 0) {
    addWarning(summary, {
      sv: `${notes.reset.length} godkända behandlingar ändras och går tillbaka till utkast (eller granskas när filen säger det); dataskyddsombudet behöver godkänna dem igen: ${lines(notes.reset)}.`,
      en: `${notes.reset.length} approved processing activities change and return to utkast (draft; or granskas when the file says so); the DSO must approve them again: ${lines(notes.reset)}.`,
    });
  }
  if (notes.notApproved.length > 0) {
    addWarning(summary, {
      sv: `Status Godkänd importeras inte: dataskyddsombudet godkänner i Tillit. Dessa behandlingar är inte godkända i Tillit och behåller sin status (nya blir utkast): ${lines(notes.notApproved)}.`,
      en: `The status Godkänd (approved) is not imported: the DSO approves in Tillit. These activities are not approved in Tillit and keep their status (new ones become utkast): ${lines(notes.notApproved)}.`,
    });
  }
  if (dsoCreates) {
    addWarning(summary, {
      sv: 'Behandlingar som du skapar genom importen räknas som registrerade av dig, och dataskyddsombudet godkänner inte sina egna registreringar. Låt en annan person importera dem om du ska godkänna dem.',
      en: 'Processing activities you create by this import count as registered by you, and the DSO does not approve their own entries. Let someone else import them if you are to approve them.',
    });
  }
}

interface Stored {
  target: OrgRow;
  tree: OrgRow[];
  activities: ActivityRow[];
  /** Each activity's linked systems that the importer may read. */
  linked: Map<string, LinkedObject[]>;
  candidates: Candidate[];
}

/** Validates every row against the activities as they stand and says what each valid one does. */
function classify(rows: ImportRow[], h: PrivacyHeader, s: Stored, reject: (errors: RowError[]) => void, notes: Notes): Planned[] {
  const plan: Planned[] = [];
  const seen = new Map<string, number>();
  const orgName = new Map(s.tree.map((o) => [o.id, o.name]));
  for (const { line, cells, date1904 } of rows) {
    const errors: RowError[] = [];
    const err = (f: PrivacyField, m: Msg) => errors.push({ line, column: columnName(f, h), ...m });
    const has = (f: PrivacyField) => h.index[f] !== undefined;
    const cell = (f: PrivacyField): Cell | undefined => (h.index[f] === undefined ? undefined : cells[h.index[f]!]);
    const text = (f: PrivacyField): string => {
      const v = cellText(cell(f));
      if (v.includes('\u0000')) err(f, { sv: 'Texten innehåller ett NUL-tecken (U+0000), som inte kan lagras.', en: 'The text holds a NUL character (U+0000), which cannot be stored.' });
      return v;
    };
    const read = <T>(f: PrivacyField, parsed: Parsed<T>): T | undefined => {
      if (parsed.ok) return parsed.value;
      err(f, parsed.msg);
      return undefined;
    };

    const name = text('name');
    if (name === '') err('name', { sv: 'Behandlingens namn saknas.', en: 'The processing activity\'s name is missing.' });
    const org = has('org') ? read('org', rowOrg(text('org'), s.target, s.tree)) : s.target;
    const values: Values = {};
    for (const f of TEXT_FIELDS) if (has(f)) values[f] = text(f);
    for (const f of YES_NO_FIELDS) if (has(f)) values[f] = read(f, parseYesNo(cell(f)));
    if (has('legalBasis')) values.legalBasis = read('legalBasis', parseLegalBasis(cell('legalBasis')));
    if (has('pubAgreement')) values.pubAgreement = read('pubAgreement', parsePub(cell('pubAgreement')));
    if (has('thirdCountryTransfer')) {
      const t = read('thirdCountryTransfer', parseTransfer(cell('thirdCountryTransfer')));
      if (t) {
        values.thirdCountryTransfer = t.transfer;
        if (t.tool && !has('transferTool')) values.transferTool = t.tool;
      }
    }
    if (has('transferTool')) values.transferTool = read('transferTool', parseTransferTool(cell('transferTool')));
    if (has('dpiaCriteria')) values.dpiaCriteria = read('dpiaCriteria', parseCriteria(cell('dpiaCriteria')));
    if (has('dpia')) values.dpia = read('dpia', parseDpia(cell('dpia')));
    if (has('dpiaDate')) values.dpiaDate = read('dpiaDate', parseDay(cell('dpiaDate'), date1904));
    const fileStatus = has('status') ? read('status', parseStatus(cell('status'))) : null;

    // The activity: by name in the row's organisation, else anywhere in the subtree.
    const key = nameKey(name);
    const byOrg = has('org') && text('org') !== '';
    const matches = name === '' || !org ? [] : s.activities.filter((a) => nameKey(a.name) === key && (!byOrg || a.orgId === org.id));
    const existing = matches.length === 1 ? matches[0] : undefined;
    if (matches.length > 1) {
      const where = matches.map((a) => orgName.get(a.orgId)!).sort((a, b) => a.localeCompare(b, 'sv')).join(', ');
      err('name', {
        sv: `Behandlingen "${name}" finns i flera organisationer (${where}); ange vilken i kolumnen Organisation.`,
        en: `The processing activity "${name}" exists in several organisations (${where}); say which in the column Organisation.`,
      });
    }
    if (existing?.archived) {
      err('name', {
        sv: `Behandlingen "${existing.name}" i ${orgName.get(existing.orgId)} är arkiverad och ändras inte av en import. Återställ den i Tillit först (Registerförteckning → Visa: Arkiverade → Ändra), eller ta bort raden.`,
        en: `The processing activity "${existing.name}" in ${orgName.get(existing.orgId)} is archived and is not changed by an import. Restore it in Tillit first (Registerförteckning → Show: Archived → Edit), or remove the row.`,
      });
    }
    if (name !== '' && org) {
      const seenKey = existing ? existing.id : `${org.id}\u0000${key}`;
      const first = seen.get(seenKey);
      if (first !== undefined) {
        err('name', { sv: `Behandlingen "${name}" finns redan på rad ${first} i filen.`, en: `The processing activity "${name}" already occurs on line ${first} of the file.` });
      } else seen.set(seenKey, line);
    }

    // Lists: a cell that reads exactly as Tillit writes the stored list keeps it (an item may hold a comma).
    for (const f of LIST_FIELDS) {
      if (!has(f)) continue;
      const raw = text(f);
      values[f] = existing && raw === joinList(existing[f]) ? existing[f] : splitList(raw);
    }
    const current = existing ? (s.linked.get(existing.id) ?? []) : [];
    let objectIds: string[] | undefined;
    if (has('systems') && org) {
      const ids = new Set<string>();
      for (const system of splitList(text('systems'))) {
        const found = read('systems', resolveSystem(system, org, s, current));
        for (const id of found ?? []) ids.add(id);
      }
      objectIds = [...ids];
    }
    if (errors.length > 0 || !org) {
      reject(errors);
      continue;
    }

    // Status: never godkänd from a file; utkast or granskas when it differs.
    let status: 'utkast' | 'granskas' | undefined;
    if (fileStatus === 'godkand') {
      if (existing?.status !== 'godkand') notes.notApproved.push({ line, name });
    } else if (fileStatus && fileStatus !== existing?.status) status = fileStatus;

    // The editor's own rules: the contract (lengths, values) and the register's (transfer tool, DPIA).
    const extra = { ...(objectIds ? { objectIds } : {}), ...(status ? { status } : {}) };
    const parsed = existing
      ? UpdateProcessingActivity.safeParse({ ...values, ...extra, version: existing.version, name })
      : CreateProcessingActivity.safeParse({ ...values, ...extra, org: org.slug, name });
    if (!parsed.success) {
      contractErrors(parsed.error, err);
      reject(errors);
      continue;
    }
    const { version: _v, org: _o, ...valid } = parsed.data as Values & { version?: number; org?: string; name: string };
    try {
      checkActivity({
        thirdCountryTransfer: valid.thirdCountryTransfer ?? existing?.thirdCountryTransfer ?? false,
        transferTool: valid.transferTool !== undefined ? valid.transferTool : (existing?.transferTool ?? null),
        dpia: valid.dpia ?? existing?.dpia ?? 'ej_gjord',
        dpiaDate: valid.dpiaDate !== undefined ? valid.dpiaDate : (existing?.dpiaDate ?? null),
        dpiaReason: valid.dpiaReason ?? existing?.dpiaReason ?? '',
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const field = e.field as PrivacyField;
      const fallback: PrivacyField = field === 'transferTool' ? 'thirdCountryTransfer' : 'dpia';
      err(has(field) || !has(fallback) ? field : fallback, e.msg);
      reject(errors);
      continue;
    }
    if (!existing) {
      plan.push({ line, org, name: valid.name, values: valid, outcome: 'created' });
      continue;
    }
    const changes = changedValues(valid, existing, current);
    const changed = Object.keys(changes).length > 0;
    if (changed && existing.status === 'godkand') notes.reset.push({ line, name: valid.name });
    plan.push({ line, org, name: valid.name, existing, values: changes, outcome: changed ? 'updated' : 'unchanged' });
  }
  return plan;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/** The row's values that differ from the stored activity (criteria and systems as sets, the lists in order). */
function changedValues(valid: Values & { name: string }, existing: ActivityRow, current: LinkedObject[]): Planned['values'] {
  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(valid)) {
    if (k === 'objectIds') {
      if (!sameSet(v as string[], current.map((o) => o.id))) changes[k] = v;
    } else if (k === 'dpiaCriteria') {
      if (!sameSet(v as string[], existing.dpiaCriteria)) changes[k] = v;
    } else if (JSON.stringify(existing[k as keyof ActivityRow]) !== JSON.stringify(v)) changes[k] = v;
  }
  return changes as Planned['values'];
}

/**
 * A name in the System cell → the objects it means: the activity's linked object of that name (so a template
 * round-trips), else the importer's readable objects of that name in the row's organisation's subtree, the target's
 * subtree, then the organisations above, nearest first. An active object is taken before an archived one; an
 * archived one that is not linked yet, two active ones at the same level or none at all are errors.
 */
function resolveSystem(name: string, org: OrgRow, s: Stored, current: LinkedObject[]): Parsed<string[]> {
  const key = nameKey(name);
  const linked = current.filter((o) => nameKey(o.name) === key);
  if (linked.length > 0) return { ok: true, value: linked.map((o) => o.id) };
  const named = s.candidates.filter((o) => nameKey(o.name) === key);
  const above = s.target.path.split('/').filter(Boolean).reverse().slice(1);
  const levels: ((o: Candidate) => boolean)[] = [
    (o) => o.path.startsWith(org.path), (o) => o.path.startsWith(s.target.path), ...above.map((id) => (o: Candidate) => o.orgId === id),
  ];
  for (const level of levels) {
    const hits = named.filter(level);
    if (hits.length === 0) continue;
    const active = hits.filter((o) => !o.archived);
    if (active.length === 1) return { ok: true, value: [active[0].id] };
    if (active.length > 1) {
      const where = active.map((o) => o.orgName).sort((a, b) => a.localeCompare(b, 'sv')).join(', ');
      return {
        ok: false,
        msg: {
          sv: `Flera objekt i objektlistan heter "${name}" (${where}); Tillit vet inte vilket som avses. Koppla systemet i Tillit, eller ge objekten olika namn.`,
          en: `Several objects of the object list are named "${name}" (${where}); Tillit cannot tell which is meant. Link the system in Tillit, or give the objects different names.`,
        },
      };
    }
    return {
      ok: false,
      msg: {
        sv: `Objektet "${hits[0].name}" i ${hits[0].orgName} är arkiverat. Återställ det i objektlistan först, eller ta bort det ur cellen.`,
        en: `The object "${hits[0].name}" in ${hits[0].orgName} is archived. Restore it in the object list first, or remove it from the cell.`,
      },
    };
  }
  return {
    ok: false,
    msg: {
      sv: `Systemet "${name}" finns inte i objektlistan för ${org.name} (eller så får du inte läsa det). Lägg till det i objektlistan först (Objekt → Nytt objekt eller Importera från Excel), eller ta bort det ur cellen.`,
      en: `The system "${name}" is not on the object list of ${org.name} (or you may not read it). Add it to the object list first (Objekt → New object or Import from Excel), or remove it from the cell.`,
    },
  };
}

/** The contract's issues at their columns (a field's path is its column's field; objectIds is the System column). */
function contractErrors(error: ZodError, err: (f: PrivacyField, m: Msg) => void): void {
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'name');
    const m = describeIssue(issue);
    err(field === 'objectIds' ? 'systems' : (field as PrivacyField), typeof issue.path[1] === 'number' ? itemMsg(issue.path[1] + 1, m) : m);
  }
}

