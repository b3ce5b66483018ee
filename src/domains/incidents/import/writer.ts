/**
 * Writes import rows in batches inside the caller's transaction. A batch of mostly new cases is one statement
 * that inserts the new ones and returns the existing ones; a batch of mostly existing cases is looked up first.
 * Changed cases are then one multi-row UPDATE (with history rows for changed statuses). Rows travel as one JSON
 * parameter (json_to_recordset), the same on PostgreSQL and PGlite, and far below the bind-parameter limit.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db';
import { Uuid7 } from '../../../server/platform/uuid7';
import { stockholmYear } from '../../../server/platform/time';
import { resultRows } from '../../../server/platform/db';
import type { ImportRow, RowError } from './validate';
import type { UnitResolver } from './units';
import type { Field } from './columns';
import { addChange, type ColumnChanges } from '../../../server/platform/tabular/summary';

interface Values {
  org_id: string;
  unit_text: string | null;
  title: string;
  description: string;
  kind: string | null;
  category: string | null;
  personal_data: string;
  occurred_at: Date | null;
  reported_at: Date;
  status: string;
  reported_to_imy: boolean;
  imy_reported_at: Date | null;
  reported_to_csirt: boolean;
  csirt_early_warning_at: Date | null;
  protected_identity: boolean;
}

const COLS: (keyof Values)[] = [
  'org_id', 'unit_text', 'title', 'description', 'kind', 'category', 'personal_data', 'occurred_at', 'reported_at',
  'status', 'reported_to_imy', 'imy_reported_at', 'reported_to_csirt', 'csirt_early_warning_at', 'protected_identity',
];
const RECORD_TYPES =
  'org_id uuid, unit_text text, title text, description text, kind text, category text, personal_data text, ' +
  'occurred_at timestamptz, reported_at timestamptz, status text, reported_to_imy boolean, imy_reported_at timestamptz, ' +
  'reported_to_csirt boolean, csirt_early_warning_at timestamptz, protected_identity boolean';

type Existing = Values & { id: string; external_id: string };

/** The file's column each stored value comes from (the unit is both the place and the unit's name kept as text). */
const COLUMN_OF: Record<keyof Values, Field> = {
  org_id: 'unit', unit_text: 'unit', title: 'title', description: 'description', kind: 'kind', category: 'category',
  personal_data: 'personalData', occurred_at: 'occurredAt', reported_at: 'reportedAt', status: 'status',
  reported_to_imy: 'imy', imy_reported_at: 'imy', reported_to_csirt: 'csirt', csirt_early_warning_at: 'csirt',
  protected_identity: 'protectedIdentity',
};

/**
 * The incident as it will be after this row. An existing case keeps a field whose column is absent or whose cell is
 * empty (what a handler filled in in Tillit is not erased by IA's blank), and a report to IMY or the CSIRT recorded in
 * Tillit is never withdrawn by a "Nej" (BatchCounts.reportsKept says which rows tried).
 */
function nextValues(r: ImportRow, cur: Existing | undefined, units: UnitResolver): Values {
  // An existing case moves only to a unit of its own förvaltning found under the import's organisation; a name
  // not found there leaves it where it is (imported at an enhet, a row naming a sibling enhet used to move the case
  // into the enhet imported at), as does an empty or absent Enhet.
  let unit: { orgId: string; unitText: string | null };
  if (!cur) unit = units.resolve(r.unit ?? null)!;
  else {
    const own = r.unit ? units.resolve(r.unit, units.registerOf(cur.org_id)) : null;
    // An unknown name is kept as text, as for a new case, unless the case sits in a unit found by name before
    // (its place then says more than a name that matches nothing).
    const placed = cur.unit_text === null && cur.org_id !== units.resolve(null)!.orgId;
    unit = own ?? { orgId: cur.org_id, unitText: r.unit && !placed ? r.unit : cur.unit_text };
  }
  const imy = r.imy?.reported
    ? { reported: true, at: r.imy.at ?? cur?.imy_reported_at ?? null }
    : { reported: cur?.reported_to_imy ?? false, at: cur?.imy_reported_at ?? null };
  const csirt = r.csirt?.reported
    ? { reported: true, at: r.csirt.at ?? cur?.csirt_early_warning_at ?? null }
    : { reported: cur?.reported_to_csirt ?? false, at: cur?.csirt_early_warning_at ?? null };
  return {
    org_id: unit.orgId,
    unit_text: unit.unitText,
    title: r.title,
    description: r.description || cur?.description || '',
    kind: r.kind ?? cur?.kind ?? null,
    category: r.category ?? cur?.category ?? null,
    personal_data: r.personalData ?? cur?.personal_data ?? 'nej',
    occurred_at: r.occurredAt ?? cur?.occurred_at ?? null,
    reported_at: r.reportedAt,
    status: r.status,
    reported_to_imy: imy.reported,
    imy_reported_at: imy.at,
    reported_to_csirt: csirt.reported,
    csirt_early_warning_at: csirt.at,
    // Protection is only ever raised by an import, never lowered (lowering it is a deliberate act in the UI).
    protected_identity: (cur?.protected_identity ?? false) || (r.protectedIdentity ?? false),
  };
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
  }
  return a === b;
}

const DATES = ['occurred_at', 'reported_at', 'imy_reported_at', 'csirt_early_warning_at'] as const;
const isDate = (c: string): c is (typeof DATES)[number] => (DATES as readonly string[]).includes(c);

function withExternalId(v: Values, externalId: string): Values & { external_id: string } {
  (v as Values & { external_id: string }).external_id = externalId;
  return v as Values & { external_id: string };
}

/**
 * A new incident as sent to the database: instants as epoch milliseconds (JSON.stringify of a Date object took half
 * the time of serialising a row; PostgreSQL reads a number faster than an ISO text, too).
 */
type NewField = 'id' | 'register_org_id' | 'external_id' | 'number_year' | keyof Values;
/**
 * The new incidents' fields in the order sent, each under a short key: the keys were half of the JSON, which PostgreSQL
 * parsed at 9 µs a row (a fifth of its time for a batch) and this thread wrote.
 */
const NEW_FIELDS = [
  ['a', 'id', 'uuid'], ['b', 'register_org_id', 'uuid'], ['c', 'external_id', 'text'], ['d', 'number_year', 'smallint'],
  ['e', 'org_id', 'uuid'], ['f', 'unit_text', 'text'], ['g', 'title', 'text'], ['h', 'description', 'text'], ['i', 'kind', 'text'],
  ['j', 'category', 'text'], ['k', 'personal_data', 'text'], ['l', 'occurred_at', 'float8'], ['m', 'reported_at', 'float8'],
  ['n', 'status', 'text'], ['o', 'reported_to_imy', 'boolean'], ['p', 'imy_reported_at', 'float8'], ['q', 'reported_to_csirt', 'boolean'],
  ['r', 'csirt_early_warning_at', 'float8'], ['s', 'protected_identity', 'boolean'],
] as const satisfies readonly (readonly [string, NewField, string])[];
type NewKey = (typeof NEW_FIELDS)[number][0];
/** The rows as json_to_recordset reads them, under their own names. */
const NEW_RECORDS = (json: string) => sql`select ${sql.raw(NEW_FIELDS.map(([k, f]) => `j.${k} as ${f}`).join(', '))}
  from json_to_recordset(${json}::json) as j(${sql.raw(NEW_FIELDS.map(([k, , t]) => `${k} ${t}`).join(', '))})`;
const ms = (d: Date | null) => (d === null ? null : d.getTime());
/** A raw row of a hand-written query: drizzle leaves its timestamps as text (its column mappers parse them). */
function fromDb(row: Existing): Existing {
  for (const k of DATES) {
    const v = row[k] as unknown;
    if (v !== null && !(v instanceof Date)) (row as unknown as Record<string, unknown>)[k] = new Date(String(v));
  }
  return row;
}

export interface BatchCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows naming an existing incident the importer may not change (it lies outside their scope). */
  refused: RowError[];
  /** Existing protected incidents whose description was left as it is: the importer may not read it. */
  protectedKept: number;
  /** Lines saying "Nej" to a report to IMY or the CSIRT that Tillit has recorded: the report was kept (nextValues). */
  reportsKept: { line: number; to: 'imy' | 'csirt' }[];
  /**
   * Rows whose status replaces one a person set in Tillit (the case's last status change was not an import's): the
   * import takes IA's status, as the format says, and the preview names them so that a triage done in Tillit is not
   * undone unseen.
   */
  statusOverridden: StatusOverride[];
  /** The updated rows' changes by the file's column: how many rows change it, and the first Ärende-IDs. */
  changed: ColumnChanges<Field>;
}

export interface StatusOverride {
  line: number;
  externalId: string;
  from: string;
  to: string;
}

/**
 * The IA registers an import reads and writes, and the importer's rights there (import/service.ts loads it).
 * An Ärende-ID is one case in its förvaltning's register. An import into a förvaltning or a unit within it uses
 * that register; one into the city matches cases in every förvaltning's register below it too.
 */
export interface ImportRegisters {
  /** The registers existing cases are looked up in. */
  lookup: string[];
  /** The register a new case goes to, by the organisation it is placed at. */
  registerOf(orgId: string): string;
  /** May change an existing case at this organisation (incident.manage there). */
  manage(orgId: string): boolean;
  /** May read, and so replace, its protected description (incident.protected). */
  readProtected(orgId: string): boolean;
}

export class BatchWriter {
  private readonly ids = new Uuid7();
  /** Whether the last batch was mostly new cases: then the next one is sent as new at once (flush). */
  private mostlyNew = true;
  /** The years whose number sequence is known to exist, committed (see `outside`). */
  private readonly yearsReady = new Set<number>();
  /**
   * Settles when the previous batch's inserts are done. Batches are written up to two at a time (service.ts), and
   * one looked up first could otherwise insert after a later one sent as new: numbers must follow the file.
   */
  private turn: Promise<void> = Promise.resolve();

  constructor(
    private readonly tx: Db,
    private readonly access: ImportRegisters,
    private readonly units: UnitResolver,
    private readonly actorId: string | null,
    /** Classify only (dry run, or a failed all-or-nothing import): read, never write. */
    private readonly readOnly: boolean,
    /** The file's own name of the Ärende-ID column, for errors. */
    private readonly idColumn = 'Ärende-ID',
    /**
     * A connection outside the import's transaction (PostgreSQL; PGlite has one connection and one writer at a
     * time). A year's number sequence, when the import brings the year's first incident, is made there and
     * committed at once: made inside the import, a report of that year by anyone else waited until it committed.
     */
    private readonly outside?: Db,
  ) {}

  /**
   * A first import is nearly all new cases, a re-import nearly all existing ones. While batches are mostly new,
   * a batch goes to the database as new cases in one statement that inserts those whose Ärende-ID is not yet in
   * the registers and returns the others: one round trip, sent while the next batch is read, so the database never
   * waits for this thread between a lookup and its insert (500,000 rows: the database was idle 7 of 27 s). Once
   * they are mostly existing, the batch is looked up first and only its new cases are sent.
   */
  async flush(rows: ImportRow[]): Promise<BatchCounts> {
    const turn = this.turn;
    let done!: () => void;
    this.turn = new Promise<void>((r) => (done = r));
    try {
      return await this.write(rows, turn);
    } finally {
      done();
    }
  }

  private async write(rows: ImportRow[], turn: Promise<void>): Promise<BatchCounts> {
    const counts: BatchCounts = { created: 0, updated: 0, unchanged: 0, refused: [], protectedKept: 0, reportsKept: [], statusOverridden: [], changed: new Map() };
    if (rows.length === 0) return counts;
    let found: Existing[];
    let createdHere: Set<string> | undefined;
    if (!this.readOnly && this.mostlyNew) {
      found = await this.insertNew(rows.map((r) => withExternalId(nextValues(r, undefined, this.units), r.externalId)), turn);
      const existingIds = new Set(found.map((e) => e.external_id));
      createdHere = new Set(rows.filter((r) => !existingIds.has(r.externalId)).map((r) => r.externalId));
    } else {
      found = await this.lookup(rows.map((r) => r.externalId));
    }
    const existing = new Map<string, Existing>();
    const twice = new Set<string>();
    for (const e of found) {
      if (existing.has(e.external_id)) twice.add(e.external_id);
      existing.set(e.external_id, e);
    }
    const creates: (Values & { external_id: string })[] = [];
    const updates: (Values & { id: string; from_status: string })[] = [];
    const moved: (StatusOverride & { id: string })[] = [];
    for (const r of rows) {
      const cur = existing.get(r.externalId);
      if (twice.has(r.externalId)) {
        counts.refused.push({
          line: r.line, column: this.idColumn,
          sv: `Ärende-ID "${r.externalId}" finns i flera förvaltningars register; importera filen i den förvaltning ärendet hör till.`,
          en: `Case id "${r.externalId}" is in more than one förvaltning's register; import the file into the one the case belongs to.`,
        });
        continue;
      }
      if (cur && !this.access.manage(cur.org_id)) {
        counts.refused.push({
          line: r.line, column: this.idColumn,
          sv: `Ärende-ID "${r.externalId}" finns redan i registret, hos en organisation där du inte får hantera incidenter.`,
          en: `Case id "${r.externalId}" already exists in the register, at an organisation where you may not manage incidents.`,
        });
        continue;
      }
      // A protected description is neither compared nor replaced by one who may not read it: otherwise the counts
      // of a dry run would tell whether a guessed text is the stored one.
      const hidden = !!cur?.protected_identity && !this.access.readProtected(cur.org_id);
      if (hidden && r.description) counts.protectedKept++;
      if (!cur) {
        if (createdHere) counts.created++;
        else creates.push(withExternalId(nextValues(r, undefined, this.units), r.externalId));
        this.units.created(r.unit);
        continue;
      }
      if (r.imy?.reported === false && cur.reported_to_imy) counts.reportsKept.push({ line: r.line, to: 'imy' });
      if (r.csirt?.reported === false && cur.reported_to_csirt) counts.reportsKept.push({ line: r.line, to: 'csirt' });
      const next = nextValues(hidden ? { ...r, description: undefined } : r, cur, this.units);
      // Most rows of a re-import are unchanged: those are told apart without collecting anything.
      if (COLS.every((k) => same(next[k], cur[k]))) counts.unchanged++;
      else {
        for (const field of new Set(COLS.filter((k) => !same(next[k], cur[k])).map((k) => COLUMN_OF[k]))) addChange(counts.changed, field, [r.externalId]);
        updates.push({ ...next, id: cur.id, from_status: cur.status });
        if (next.status !== cur.status) moved.push({ id: cur.id, line: r.line, externalId: r.externalId, from: cur.status, to: next.status });
      }
    }
    counts.statusOverridden = await this.setInTillit(moved);
    this.mostlyNew = found.length * 2 < rows.length;
    counts.created += creates.length;
    counts.updated = updates.length;
    if (this.readOnly) return counts;
    if (creates.length) {
      const stillThere = await this.insertNew(creates, turn);
      // The registers are locked for this import (service.ts), so what the lookup did not find cannot appear since.
      if (stillThere.length) throw new Error(`import: ${stillThere.length} new cases were found in the register after the lookup`);
    }
    if (updates.length) await this.update(updates);
    return counts;
  }

  /** Of the cases whose status the file changes, those whose last status change was made in Tillit, not by an import. */
  private async setInTillit(moved: (StatusOverride & { id: string })[]): Promise<StatusOverride[]> {
    if (moved.length === 0) return [];
    const bySource = new Map(resultRows<{ incident_id: string; source: string }>(await this.tx.execute(sql`
      select distinct on (h.incident_id) h.incident_id, h.source from incident_status_history h
      where h.incident_id in (select value::uuid from json_array_elements_text(${JSON.stringify(moved.map((m) => m.id))}::json))
      order by h.incident_id, h.at desc, h.id desc`)).map((h) => [h.incident_id, h.source]));
    return moved.filter((m) => (bySource.get(m.id) ?? 'import') !== 'import').map(({ line, externalId, from, to }) => ({ line, externalId, from, to }));
  }

  private static readonly EXISTING = [
    'id', 'external_id', ...COLS,
  ].map((c) => `e.${c}`).join(', ');

  /** The incidents with these Ärende-IDs in the registers the import looks in. */
  private async lookup(externalIds: string[]): Promise<Existing[]> {
    // One JSON parameter instead of one bind parameter per id.
    return resultRows<Existing>(await this.tx.execute(sql`
      select ${this.existingIn(sql`json_array_elements_text(${JSON.stringify(externalIds)}::json) as r(external_id)`)}`)).map(fromDb);
  }

  /**
   * The incidents in the looked-in registers whose Ärende-ID a row of `rows` names: one probe of the register's
   * unique index per row (lateral), whatever the planner knows of the table. PGlite has no statistics and read a
   * whole register per batch instead: 200,000 rows went from 105 to 180 ms per 1,000 as the table grew.
   */
  private existingIn(rows: SQL) {
    const registers = sql`array[${sql.join(this.access.lookup.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;
    return sql`${sql.raw(BatchWriter.EXISTING)} from ${rows}
      cross join lateral (select * from incidents i where i.register_org_id = any(${registers}) and i.external_id = r.external_id offset 0) e`;
  }

  /**
   * Inserts the rows whose Ärende-ID none of the looked-in registers holds (registered by the importer, via
   * 'import': the status history holds only later changes, table.ts), and returns the incidents that hold the
   * others (read before the insert: one statement, one snapshot).
   * New incidents get increasing UUIDv7 ids in (organisation, reported) order, so the primary key and the list
   * index grow at their right edge. Numbers per reported year (table.ts) are given in reported order within the
   * batch: each year's sequence is asked for as many numbers as the batch inserts of that year, not the insert
   * trigger's call per row.
   */
  private async insertNew(rows: (Values & { external_id: string })[], turn: Promise<void>): Promise<Existing[]> {
    // The register is nearly always the same for every row (the förvaltning's): sent once, per row only otherwise.
    const common = this.access.registerOf(this.access.lookup[0]) === this.access.lookup[0] ? this.access.lookup[0] : undefined;
    rows.sort((a, b) => (a.org_id < b.org_id ? -1 : a.org_id > b.org_id ? 1 : a.reported_at.getTime() - b.reported_at.getTime()));
    const inYears = new Set<number>();
    const sent = rows.map((r) => {
      const register = this.access.registerOf(r.org_id);
      const year = stockholmYear(r.reported_at);
      inYears.add(year);
      // Keys as in NEW_FIELDS.
      return {
        a: this.ids.next(), b: register !== common ? register : undefined, c: r.external_id, d: year, e: r.org_id, f: r.unit_text,
        g: r.title, h: r.description, i: r.kind, j: r.category, k: r.personal_data, l: ms(r.occurred_at), m: r.reported_at.getTime(),
        n: r.status, o: r.reported_to_imy, p: ms(r.imy_reported_at), q: r.reported_to_csirt, r: ms(r.csirt_early_warning_at),
        s: r.protected_identity,
      } satisfies Record<NewKey, unknown>;
    });
    // Built before waiting for the turn: the database need not wait for this thread once it comes.
    const json = JSON.stringify(sent);
    await turn;
    const years = [...inYears].filter((y) => !this.yearsReady.has(y));
    if (this.outside && years.length) {
      await this.outside.execute(sql`select incident_number_sequence(y) from unnest(${sql.raw(`array[${years.map((y) => Math.trunc(y)).join(',')}]::int[]`)}) as y`);
      for (const y of years) this.yearsReady.add(y);
    }
    const cols = COLS.join(', ');
    return resultRows<Existing>(await this.tx.execute(sql`
      with r as (
        ${NEW_RECORDS(json)}
      ), ex as (
        select ${this.existingIn(sql`r`)}
      ), todo as (
        select r.*, row_number() over (partition by r.number_year order by r.reported_at, r.external_id) as k
        from r where not exists (select 1 from ex where ex.external_id = r.external_id)
      ), years as (
        select number_year as y, count(*)::int as n, incident_number_sequence(number_year) as s from todo group by number_year
      ), nums as (
        select y, (select array_agg(v order by v) from (select nextval(s) as v from generate_series(1, n)) g) as nums from years
      ), ins as (
        insert into incidents (id, register_org_id, external_id, number_year, number_seq, created_by, created_via, ${sql.raw(cols)})
        select t.id, coalesce(t.register_org_id, ${common ?? null}::uuid), t.external_id, t.number_year, nums.nums[t.k], ${this.actorId}::uuid, 'import',
          ${sql.raw(COLS.map((c) => (isDate(c) ? `to_timestamp(t.${c} / 1000)` : `t.${c}`)).join(', '))}
        from todo t join nums on nums.y = t.number_year
        order by t.org_id, t.reported_at, t.id
      )
      select * from ex`)).map(fromDb);
  }

  private async update(rows: (Values & { id: string; from_status: string })[]) {
    const set = COLS.map((c) => `${c} = r.${c}`).join(', ');
    await this.tx.execute(sql`
      with upd as (
        update incidents i set ${sql.raw(set)}, version = i.version + 1, updated_at = now()
        from json_to_recordset(${JSON.stringify(rows)}::json) as r(id uuid, from_status text, ${sql.raw(RECORD_TYPES)})
        where i.id = r.id
        returning i.id, r.from_status, i.status
      )
      insert into incident_status_history (incident_id, from_status, to_status, at, actor_id, source)
      select id, from_status, status, now(), ${this.actorId}::uuid, 'import' from upd where from_status is distinct from status`);
  }
}
