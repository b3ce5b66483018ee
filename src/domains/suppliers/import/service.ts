/**
 * The leverantörsregister import (format: docs/suppliers-import.md): a förvaltning's supplier register, one row per
 * supplier, into an organisation. Used by the CLI and the HTTP upload; reads the file with the platform's tabular
 * reader and runs as every register import does (platform/tabular/run.ts).
 *
 * - A supplier is matched by name, whatever the case (as the register's unique index) and runs of spaces, in the
 *   target organisation, or in the row's Organisation (the target or one of its sub-organisations) when the row names
 *   one. Found: updated when anything in the file differs, else unchanged; not found: created there. Nothing is
 *   deleted or archived. An archived supplier is not updated: its row is refused (restore it in Tillit first).
 * - A column that is absent leaves its field; a present empty cell gives the field's empty value (text emptied, nej,
 *   no date, no sub-suppliers, no systems).
 * - System names are objects of the objektlista the person may read, in the target's subtree (or already linked to
 *   the supplier); an unknown or ambiguous name is a row error (column System), not a warning: the row is not written
 *   with a link left out.
 * - Each row is validated by the supplier's own contract (CreateSupplier / UpdateSupplier) and rules (checkSupplier),
 *   and written through createSupplier / updateSupplier (a savepoint each), so an import checks and audits as the
 *   dialog does.
 * - One transaction: all or nothing unless `skipInvalid`; `dryRun` classifies the same way and writes nothing.
 *   Audited as the dialog audits (supplier.create / supplier.update) plus one `supplier.import` row.
 */
import { and, eq, like } from 'drizzle-orm';
import type { ZodError } from 'zod';
import { escapeLike } from '../../../server/platform/authz';
import type { Ctx } from '../../../server/platform/context';
import type { Db } from '../../../server/platform/db';
import { AppError } from '../../../server/platform/errors';
import type { Cell, Msg } from '../../../server/platform/tabular/cells';
import { rowOrg } from '../../../server/platform/tabular/orgs';
import { importAuditFacts, planAndWrite, readImportRows, type ImportOptions, type ImportRow, lockRegister, type PlannedRow } from '../../../server/platform/tabular/run';
import { inspectFile, type FileInfo } from '../../../server/platform/tabular/source';
import { addWarning, type ImportSummary, type RowError } from '../../../server/platform/tabular/summary';
import { cellText, nameKey, parseDay, parseYesNo, type Parsed } from '../../../server/platform/tabular/values';
import { describeIssue } from '../../../server/platform/validation';
import { recordAudit } from '../../audit/chain';
import { digitalObjects } from '../../objects/table';
import { orgs } from '../../org/table';
import { orgFor, type OrgRow } from '../../plans/scope';
import { CreateSupplier, UpdateSupplier, type SubSupplier, type Supplier } from '../contract';
import { checkSupplier } from '../rules';
import { createSupplier, listSuppliers, updateSupplier } from '../service';
import { columnName, SUPPLIER_COLUMNS, SUPPLIER_HEADER, type SupplierField, type SupplierHeader } from './columns';
import { parseAssessmentResult, parseOrgNumber, parsePub, parseSubSuppliers, parseThirdCountries, parseTransferTool, splitNames } from './values';

export type { ImportError, ImportSummary } from '../../../server/platform/tabular/summary';

export interface SupplierImportOptions extends ImportOptions {
  org: string;
}

export interface SupplierImportResult {
  summary: ImportSummary;
  /** True when the import's changes were committed. */
  written: boolean;
  /** True when the import as a whole failed (invalid rows without skipInvalid, or missing columns). */
  failed: boolean;
  info: FileInfo;
}

/** A leverantörsregister has tens to a few hundred rows; more than this is not one. */
export const MAX_ROWS = 5000;
/** Upload limit of the HTTP route. */
export const SUPPLIER_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const HOW_TO = { sv: 'Spara leverantörsregistret som CSV eller XLSX.', en: 'Save the supplier register as CSV or XLSX.' };

const TEXT_FIELDS = ['services', 'contact', 'exitPlanNote', 'assessmentNote'] as const;
const YES_NO_FIELDS = ['processesPersonalData', 'thirdCountryTransfer', 'tiaDone', 'exitPlan'] as const;
const DATE_FIELDS = ['pubSignedDate', 'pubReviewDate', 'tiaDate', 'assessmentDate', 'followUpDate'] as const;
/** The page export's PUB-avtal cell of a supplier that processes no personal data. */
const NO_PERSONAL_DATA = ['inga personuppgifter', 'no personal data'];

type Values = Partial<Omit<CreateSupplier, 'org' | 'name'>>;
interface Obj { id: string; name: string; archived: boolean; orgId: string; orgName: string }

/** What one valid row does. */
interface Planned extends PlannedRow {
  line: number;
  org: OrgRow;
  name: string;
  existing?: Supplier;
  /** A new supplier's fields; an existing one's changed fields. */
  values: Values & { name?: string };
}

/** Imports the leverantörsregister at `path` into `opts.org` (rows may name one of its sub-organisations). */
export async function importSuppliers(ctx: Ctx, path: string, opts: SupplierImportOptions, known?: FileInfo): Promise<SupplierImportResult> {
  const target = await orgFor(ctx, ctx.db, opts.org, 'object.read', 'object.manage');
  const info = known ?? (await inspectFile(path));
  const read = await readImportRows(path, info, SUPPLIER_HEADER, HOW_TO, {
    maxRows: MAX_ROWS, tooMany: { sv: 'ett leverantörsregister har några hundra', en: 'a supplier register has a few hundred' },
  });
  if ('failed' in read) return { summary: read.failed, written: false, failed: true, info };
  const { header, rows, summary } = read;
  if (header.index.withoutContractCount !== undefined) {
    addWarning(summary, {
      sv: `Kolumnen "${header.names.withoutContractCount}" läses inte: Tillit räknar underleverantörerna utan avtal från kolumnen Underleverantörer.`,
      en: `Column "${header.names.withoutContractCount}" is not read: Tillit counts the sub-suppliers without contract from the column Underleverantörer.`,
    });
  }

  const done = await planAndWrite(ctx, summary, opts, async (tx, reject) => {
    // One import at a time per organisation: the second waits and then sees the first one's suppliers.
    await lockRegister(tx, 'suppliers', target.id);
    const tree = (await tx.select().from(orgs).where(like(orgs.path, escapeLike(target.path) + '%'))).filter((o) => !o.archivedAt);
    const inTxCtx: Ctx = { ...ctx, db: tx };
    const existing = await listSuppliers(inTxCtx, { org: target.slug, archived: 'all' });
    const objects = await readableObjects(ctx, tx, target);
    return classify(rows, header, target, tree, existing, objects, reject);
  }, async (tx, plan) => {
    // Through the dialog's own service path (a savepoint each): its checks, its audit rows.
    const inImport: Ctx = { ...ctx, db: tx };
    for (const p of plan) {
      if (p.outcome === 'created') await createSupplier(inImport, { ...p.values, org: p.org.slug, name: p.name });
      else if (p.outcome === 'updated') await updateSupplier(inImport, p.existing!.id, { ...p.values, version: p.existing!.version });
    }
    await recordAudit(tx, ctx, {
      action: 'supplier.import', entityType: 'supplier_import', entityId: info.sha256, orgId: target.id,
      after: { org: target.slug, ...importAuditFacts(info, summary, opts) },
    });
  }, {
    columns: SUPPLIER_COLUMNS, names: header.names,
    of: (p) => ({ key: p.name, fields: (Object.keys(p.values) as (keyof Planned['values'])[]).map((k) => (k === 'objectIds' ? 'systems' : k)) }),
  });
  return { summary, written: done.written, failed: done.failed, info };
}

/** The objects of the objektlista in the target's subtree that the person may read (the dialog's choices). */
async function readableObjects(ctx: Ctx, tx: Db, target: OrgRow): Promise<Obj[]> {
  return tx.select({ id: digitalObjects.id, name: digitalObjects.name, archived: digitalObjects.archived, orgId: digitalObjects.orgId, orgName: orgs.name })
    .from(digitalObjects).innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
    .where(and(like(orgs.path, escapeLike(target.path) + '%'), ctx.authz.scopeSql('object.read', orgs.path)));
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
  return out;
}

/**
 * The object a system name means among the objects of that name (`hits`): active before archived, the row's
 * organisation's before another's; else an error (none, or several).
 */
function findSystem(name: string, org: OrgRow, named: Obj[]): Parsed<string> {
  let hits = named;
  if (hits.length > 1 && hits.some((o) => !o.archived)) hits = hits.filter((o) => !o.archived);
  if (hits.length > 1 && hits.some((o) => o.orgId === org.id)) hits = hits.filter((o) => o.orgId === org.id);
  if (hits.length === 1) return { ok: true, value: hits[0].id };
  if (hits.length === 0) {
    return {
      ok: false,
      msg: {
        sv: `Systemet "${name}" finns inte i objektlistan (eller så får du inte läsa det). Skriv objektets namn som i objektlistan, skilj flera åt med komma eller semikolon.`,
        en: `The system "${name}" is not on the object list (or you may not read it). Write the object's name as on the object list; separate several with commas or semicolons.`,
      },
    };
  }
  const where = [...new Set(hits.map((o) => o.orgName))].sort((a, b) => a.localeCompare(b, 'sv')).join(', ');
  return {
    ok: false,
    msg: {
      sv: `Systemet "${name}" finns i flera organisationer (${where}); registrera leverantören i den organisation vars objekt avses.`,
      en: `The system "${name}" exists in several organisations (${where}); register the supplier in the organisation whose object is meant.`,
    },
  };
}

/** Where a rule's field points when its own column is absent (a missing date: the column that asked for it). */
const RULE_FALLBACK: Partial<Record<string, SupplierField[]>> = {
  pubSignedDate: ['pubAgreement'],
  transferTool: ['thirdCountryTransfer', 'thirdCountries'],
  assessmentDate: ['assessmentResult'],
  pubReviewDate: ['pubSignedDate'],
};

/** Validates every row against the suppliers as they stand and says what each valid one does. */
function classify(
  rows: ImportRow[], h: SupplierHeader, target: OrgRow, tree: OrgRow[], suppliers: Supplier[], objects: Obj[], reject: (errors: RowError[]) => void,
): Planned[] {
  const plan: Planned[] = [];
  const seen = new Map<string, number>();
  const orgName = new Map(tree.map((o) => [o.id, o.name]));
  // Keys computed once: a register of thousands of rows is not compared name by name with every row.
  const byKey = groupBy(suppliers, (s) => nameKey(s.name));
  const objectsByKey = groupBy(objects, (o) => nameKey(o.name));
  for (const { line, cells, date1904 } of rows) {
    const errors: RowError[] = [];
    const has = (f: SupplierField) => h.index[f] !== undefined;
    const err = (f: SupplierField, m: Msg) => errors.push({ line, column: columnName(f, h), ...m });
    const cell = (f: SupplierField): Cell | undefined => (h.index[f] === undefined ? undefined : cells[h.index[f]!]);
    const text = (f: SupplierField): string => {
      const v = cellText(cell(f));
      if (v.includes('\u0000')) err(f, { sv: 'Texten innehåller ett NUL-tecken (U+0000), som inte kan lagras.', en: 'The text holds a NUL character (U+0000), which cannot be stored.' });
      return v;
    };
    const read = <T>(f: SupplierField, parsed: Parsed<T>): T | undefined => {
      if (parsed.ok) return parsed.value;
      err(f, parsed.msg);
      return undefined;
    };

    const name = text('name');
    if (name === '') err('name', { sv: 'Leverantörens namn saknas.', en: 'The supplier\'s name is missing.' });
    const org = has('org') ? read('org', rowOrg(text('org'), target, tree)) : target;
    const values: Values = {};
    for (const f of TEXT_FIELDS) if (has(f)) values[f] = text(f);
    for (const f of YES_NO_FIELDS) if (has(f)) values[f] = read(f, parseYesNo(cell(f)));
    for (const f of DATE_FIELDS) if (has(f)) values[f] = read(f, parseDay(cell(f), date1904));
    if (has('orgNumber')) values.orgNumber = read('orgNumber', parseOrgNumber(cell('orgNumber')));
    if (has('pubAgreement')) {
      // The page's export writes "Inga personuppgifter" for a supplier that processes none, and no PUB-avtal.
      if (NO_PERSONAL_DATA.includes(nameKey(text('pubAgreement')))) {
        if (!has('processesPersonalData')) values.processesPersonalData = false;
      } else values.pubAgreement = read('pubAgreement', parsePub(cell('pubAgreement')));
    }
    if (has('transferTool')) values.transferTool = read('transferTool', parseTransferTool(cell('transferTool')));
    if (has('thirdCountries')) {
      const tc = parseThirdCountries(cell('thirdCountries'));
      if (tc.countries !== undefined) values.thirdCountries = tc.countries;
      if (tc.transfer !== undefined && !has('thirdCountryTransfer')) values.thirdCountryTransfer = tc.transfer;
      if (tc.tool && !has('transferTool')) values.transferTool = tc.tool;
    }
    // A TIA date says the TIA is done when the sheet has no column of its own for that.
    if (has('tiaDate') && !has('tiaDone') && values.tiaDate) values.tiaDone = true;
    if (has('assessmentResult')) values.assessmentResult = read('assessmentResult', parseAssessmentResult(cell('assessmentResult')));
    if (has('subSuppliers')) values.subSuppliers = read('subSuppliers', parseSubSuppliers(cell('subSuppliers')));

    // The supplier: by name in the row's organisation (the target unless the row names another).
    const key = nameKey(name);
    const candidates = name === '' || !org ? [] : (byKey.get(key) ?? []).filter((s) => s.org.id === org.id);
    const existing = candidates.length === 1 ? candidates[0] : undefined;
    if (candidates.length > 1) {
      err('name', {
        sv: `${org!.name} har flera leverantörer som heter "${name}" (${candidates.map((s) => `"${s.name}"`).join(', ')}); byt namn på en av dem i Tillit först.`,
        en: `${org!.name} has several suppliers named "${name}" (${candidates.map((s) => `"${s.name}"`).join(', ')}); rename one of them in Tillit first.`,
      });
    }
    if (existing?.archived) {
      err('name', {
        sv: `Leverantören "${existing.name}" i ${orgName.get(existing.org.id)} är arkiverad och ändras inte av en import. Återställ den i Tillit först, eller ta bort raden.`,
        en: `The supplier "${existing.name}" in ${orgName.get(existing.org.id)} is archived and is not changed by an import. Restore it in Tillit first, or remove the row.`,
      });
    }
    if (name !== '' && org) {
      const seenKey = existing ? existing.id : `${org.id}\u0000${key}`;
      const first = seen.get(seenKey);
      if (first !== undefined) {
        err('name', { sv: `Leverantören "${name}" finns redan på rad ${first} i filen.`, en: `The supplier "${name}" already occurs on line ${first} of the file.` });
      } else seen.set(seenKey, line);
    }
    let objectIds: string[] | undefined;
    if (has('systems') && org) {
      // The objects the person may read in the subtree, and those already linked (another förvaltning's, say).
      const linked: Obj[] = (existing?.objects ?? []).map((o) => ({ id: o.id, name: o.name, archived: o.archived, orgId: '', orgName: o.org.name }));
      const linkedNamed = (n: string) => linked.filter((o) => nameKey(o.name) === nameKey(n));
      const names = splitNames(cell('systems'), (n) => linkedNamed(n).length > 0 || objectsByKey.has(nameKey(n)));
      const ids = names.map((n) => {
        const mine = linkedNamed(n);
        return read('systems', findSystem(n, org, mine.length > 0 ? mine : (objectsByKey.get(nameKey(n)) ?? [])));
      });
      if (ids.every((id) => id !== undefined)) objectIds = [...new Set(ids as string[])];
    }
    if (errors.length > 0 || !org) {
      reject(errors);
      continue;
    }

    // The dialog's own rules: the contract (lengths, values) and the register's (checkSupplier).
    const input = { ...values, ...(objectIds ? { objectIds } : {}) };
    const parsed = existing
      ? UpdateSupplier.safeParse({ ...input, version: existing.version, name })
      : CreateSupplier.safeParse({ ...input, org: org.slug, name });
    if (!parsed.success) {
      contractErrors(parsed.error, err);
      reject(errors);
      continue;
    }
    const { version: _v, org: _o, ...valid } = parsed.data as Values & { version?: number; org?: string; name: string };
    const merged = <K extends keyof Values>(k: K, fallback: NonNullable<Values[K]> | null) =>
      valid[k] !== undefined ? valid[k] : existing ? (existing[k as keyof Supplier] as Values[K]) : fallback;
    try {
      checkSupplier({
        pubAgreement: merged('pubAgreement', 'nej') as string, pubSignedDate: merged('pubSignedDate', null) as string | null,
        pubReviewDate: merged('pubReviewDate', null) as string | null, thirdCountryTransfer: merged('thirdCountryTransfer', false) as boolean,
        transferTool: merged('transferTool', null) as string | null, tiaDate: merged('tiaDate', null) as string | null,
        assessmentDate: merged('assessmentDate', null) as string | null, assessmentResult: merged('assessmentResult', null) as string | null,
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const field = e.field as SupplierField;
      err(has(field) ? field : (RULE_FALLBACK[field]?.find(has) ?? field), e.msg);
      reject(errors);
      continue;
    }
    if (!existing) {
      plan.push({ line, org, name: valid.name, values: valid, outcome: 'created' });
      continue;
    }
    plan.push({ line, org, name: valid.name, existing, ...changesOf(existing, valid) });
  }
  return plan;
}

/** The fields of a valid row that differ from the supplier as it stands (sub-suppliers and systems as sets of rows). */
function changesOf(existing: Supplier, valid: Values & { name: string }): Pick<Planned, 'values' | 'outcome'> {
  const changes: Planned['values'] = {};
  for (const [k, v] of Object.entries(valid) as [keyof Planned['values'], unknown][]) {
    if (k === 'objectIds') {
      const now = existing.objects.map((o) => o.id).sort();
      const want = [...new Set(v as string[])].sort();
      if (JSON.stringify(now) !== JSON.stringify(want)) changes.objectIds = want;
    } else if (k === 'subSuppliers') {
      const rows = (subs: readonly SubSupplier[]) => JSON.stringify(subs.map((x) => [x.name, x.service, x.country, x.withoutContract]));
      if (rows(existing.subSuppliers) !== rows(v as SubSupplier[])) changes.subSuppliers = v as SubSupplier[];
    } else if (existing[k as keyof Supplier] !== v) (changes as Record<string, unknown>)[k] = v;
  }
  return { values: changes, outcome: Object.keys(changes).length > 0 ? 'updated' : 'unchanged' };
}

/** The contract's issues at their columns (a field's path is its column's field; objectIds is System). */
function contractErrors(error: ZodError, err: (f: SupplierField, m: Msg) => void): void {
  for (const issue of error.issues) {
    const path = String(issue.path[0] ?? 'name');
    const msg = describeIssue(issue);
    if (path === 'orgNumber') err('orgNumber', { sv: 'Organisationsnummer skrivs NNNNNN-NNNN med rätt kontrollsiffra.', en: 'An organisation number is written NNNNNN-NNNN with a valid check digit.' });
    else if (path === 'subSuppliers' && typeof issue.path[1] === 'number') {
      err('subSuppliers', { sv: `Underleverantör ${issue.path[1] + 1}: ${msg.sv}`, en: `Sub-supplier ${issue.path[1] + 1}: ${msg.en}` });
    } else err(path === 'objectIds' ? 'systems' : (path as SupplierField), msg);
  }
}
