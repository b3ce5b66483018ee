/**
 * Writes import rows in batches inside the caller's transaction: one read of the existing incidents of the
 * batch (by register org + Ärende-ID), then one multi-row INSERT (with the first status-history rows) and one
 * multi-row UPDATE (with history rows for changed statuses). Rows travel as one JSON parameter
 * (json_to_recordset), the same on PostgreSQL and PGlite, and far below the bind-parameter limit.
 *
 * New incidents get increasing UUIDv7 ids in (organisation, reported) order, so the primary key and the list
 * index grow at their right edge instead of one random page per row; the creation history row shares the
 * incident's id (ids are per table).
 */
import { and, inArray, like, sql } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db';
import { escapeLike } from '../../../server/platform/authz';
import { Uuid7 } from '../../../server/platform/uuid7';
import { orgs } from '../../org/table';
import { incidents } from '../table';
import { stockholmYear } from '../time';
import { resultRows } from '../../../server/platform/db';
import type { ImportRow, RowError } from './validate';

/**
 * Enhet by name → an organisation in the target's subtree (an enhet preferred, an archived one last), else kept as
 * text. A name found in several förvaltningar at once (an import into the city) is kept as text, not guessed; for
 * an existing case the name is looked for in its own förvaltning.
 */
export class UnitResolver {
  private constructor(
    private readonly byName: Map<string, { id: string; rank: number }[]>,
    private readonly targetId: string,
    /** The register of an organisation (ImportRegisters.registerOf). */
    readonly registerOf: (orgId: string) => string,
  ) {}

  static key(name: string): string {
    return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  }

  static async load(db: Db, target: { id: string; path: string }, registerOf: (orgId: string) => string): Promise<UnitResolver> {
    const list = await db
      .select({ id: orgs.id, name: orgs.name, type: orgs.type, depth: orgs.depth, archivedAt: orgs.archivedAt })
      .from(orgs)
      .where(like(orgs.path, escapeLike(target.path) + '%'));
    const rank = (o: (typeof list)[number]) => (o.archivedAt ? 100 : 0) + (o.type === 'enhet' ? 0 : 10) + o.depth / 1000;
    const byName = new Map<string, { id: string; rank: number }[]>();
    for (const o of list) byName.set(UnitResolver.key(o.name), [...(byName.get(UnitResolver.key(o.name)) ?? []), { id: o.id, rank: rank(o) }]);
    for (const c of byName.values()) c.sort((a, b) => a.rank - b.rank);
    return new UnitResolver(byName, target.id, registerOf);
  }

  /** `inRegister`: only a unit of this register counts (an existing case's own), else null. */
  resolve(unit: string | null, inRegister?: string): { orgId: string; unitText: string | null } | null {
    if (!unit) return { orgId: this.targetId, unitText: null };
    const found = this.byName.get(UnitResolver.key(unit)) ?? [];
    if (inRegister !== undefined) {
      const own = found.find((c) => this.registerOf(c.id) === inRegister);
      return own ? { orgId: own.id, unitText: null } : null;
    }
    const best = found[0];
    const ambiguous = best && found.some((c) => c.rank === best.rank && this.registerOf(c.id) !== this.registerOf(best.id));
    return best && !ambiguous ? { orgId: best.id, unitText: null } : { orgId: this.targetId, unitText: unit };
  }
}

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

/** The incident as it will be after this row; fields whose column is absent keep their current value. */
function nextValues(r: ImportRow, cur: Existing | undefined, units: UnitResolver): Values {
  // An existing case moves only to a unit of its own förvaltning found under the import's organisation; a name
  // not found there leaves it where it is (imported at an enhet, a row naming a sibling enhet used to move the case
  // into the enhet imported at), as does an empty or absent Enhet.
  let unit: { orgId: string; unitText: string | null };
  if (!cur) unit = units.resolve(r.unit ?? null)!;
  else {
    const own = r.unit ? units.resolve(r.unit, units.registerOf(cur.org_id)) : null;
    unit = own ?? { orgId: cur.org_id, unitText: r.unit && cur.unit_text !== null ? r.unit : cur.unit_text };
  }
  const imy = r.imy
    ? { reported: r.imy.reported, at: r.imy.reported ? (r.imy.at ?? cur?.imy_reported_at ?? null) : null }
    : { reported: cur?.reported_to_imy ?? false, at: cur?.imy_reported_at ?? null };
  const csirt = r.csirt
    ? { reported: r.csirt.reported, at: r.csirt.reported ? (r.csirt.at ?? cur?.csirt_early_warning_at ?? null) : null }
    : { reported: cur?.reported_to_csirt ?? false, at: cur?.csirt_early_warning_at ?? null };
  return {
    org_id: unit.orgId,
    unit_text: unit.unitText,
    title: r.title,
    description: r.description ?? cur?.description ?? '',
    kind: r.kind !== undefined ? r.kind : (cur?.kind ?? null),
    category: r.category !== undefined ? r.category : (cur?.category ?? null),
    personal_data: r.personalData ?? cur?.personal_data ?? 'nej',
    occurred_at: r.occurredAt !== undefined ? r.occurredAt : (cur?.occurred_at ?? null),
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

export interface BatchCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows naming an existing incident the importer may not change (it lies outside their scope). */
  refused: RowError[];
  /** Existing protected incidents whose description was left as it is: the importer may not read it. */
  protectedKept: number;
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

  constructor(
    private readonly tx: Db,
    private readonly access: ImportRegisters,
    private readonly units: UnitResolver,
    private readonly actorId: string | null,
    /** Classify only (dry run, or a failed all-or-nothing import): read, never write. */
    private readonly readOnly: boolean,
    /** The file's own name of the Ärende-ID column, for errors. */
    private readonly idColumn = 'Ärende-ID',
  ) {}

  async flush(rows: ImportRow[]): Promise<BatchCounts> {
    const counts: BatchCounts = { created: 0, updated: 0, unchanged: 0, refused: [], protectedKept: 0 };
    if (rows.length === 0) return counts;
    const found = await this.tx
      .select({
        id: incidents.id, external_id: incidents.externalId, org_id: incidents.orgId, unit_text: incidents.unitText,
        title: incidents.title, description: incidents.description, kind: incidents.kind, category: incidents.category,
        personal_data: incidents.personalData, occurred_at: incidents.occurredAt, reported_at: incidents.reportedAt,
        status: incidents.status, reported_to_imy: incidents.reportedToImy, imy_reported_at: incidents.imyReportedAt,
        reported_to_csirt: incidents.reportedToCsirt, csirt_early_warning_at: incidents.csirtEarlyWarningAt,
        protected_identity: incidents.protectedIdentity,
      })
      .from(incidents)
      .where(
        and(
          inArray(incidents.registerOrgId, this.access.lookup),
          // One JSON parameter instead of one bind parameter per id.
          sql`${incidents.externalId} in (select json_array_elements_text(${JSON.stringify(rows.map((r) => r.externalId))}::json))`,
        ),
      );
    const existing = new Map<string, Existing>();
    const twice = new Set<string>();
    for (const e of found) {
      if (existing.has(e.external_id!)) twice.add(e.external_id!);
      existing.set(e.external_id!, e as Existing);
    }
    const creates: (Values & { id?: string; external_id: string })[] = [];
    const updates: (Values & { id: string; from_status: string })[] = [];
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
      if (hidden && r.description !== undefined) counts.protectedKept++;
      const next = nextValues(hidden ? { ...r, description: undefined } : r, cur, this.units);
      if (!cur) creates.push({ ...next, external_id: r.externalId });
      else if (COLS.every((k) => same(next[k], cur[k]))) counts.unchanged++;
      else updates.push({ ...next, id: cur.id, from_status: cur.status });
    }
    counts.created = creates.length;
    counts.updated = updates.length;
    if (this.readOnly) return counts;
    if (creates.length) {
      creates.sort((a, b) => (a.org_id < b.org_id ? -1 : a.org_id > b.org_id ? 1 : a.reported_at.getTime() - b.reported_at.getTime()));
      for (const c of creates) c.id = this.ids.next();
      await this.insert(creates);
    }
    if (updates.length) await this.update(updates);
    return counts;
  }

  private async insert(rows: (Values & { id?: string; external_id: string })[]) {
    const cols = COLS.join(', ');
    // Numbers per reported year (table.ts), in reported order within the batch: each year's sequence is asked for
    // as many numbers as the batch has rows of that year, in one statement (not the insert trigger's call per row).
    type Numbered = (typeof rows)[number] & { number_year?: number; number_seq?: number; register_org_id?: string };
    // The register is nearly always the same for every row (the förvaltning's): sent once, per row only otherwise.
    const common = this.access.registerOf(this.access.lookup[0]) === this.access.lookup[0] ? this.access.lookup[0] : undefined;
    const byYear = new Map<number, Numbered[]>();
    for (const r of rows as Numbered[]) {
      r.number_year = stockholmYear(r.reported_at);
      const register = this.access.registerOf(r.org_id);
      if (register !== common) r.register_org_id = register;
      const list = byYear.get(r.number_year);
      if (list) list.push(r);
      else byYear.set(r.number_year, [r]);
    }
    const ys = [...byYear.keys()];
    const intArray = (xs: number[]) => sql.raw(`array[${xs.map((x) => String(Math.trunc(x))).join(',')}]::int[]`);
    const got = resultRows<{ y: number; nums: number[] }>(await this.tx.execute(sql`
      select q.y, (select array_agg(nextval(q.s) order by g) from generate_series(1, q.n) as g) as nums
      from (select u.y, u.n, incident_number_sequence(u.y) as s from unnest(${intArray(ys)}, ${intArray(ys.map((y) => byYear.get(y)!.length))}) as u(y, n)) q`));
    for (const { y, nums } of got) {
      const list = byYear.get(Number(y))!.sort((a, b) => a.reported_at.getTime() - b.reported_at.getTime() || (a.external_id < b.external_id ? -1 : 1));
      const sorted = nums.map(Number).sort((a, b) => a - b);
      list.forEach((r, k) => (r.number_seq = sorted[k]));
    }
    await this.tx.execute(sql`
      with ins as (
        insert into incidents (id, register_org_id, external_id, number_year, number_seq, ${sql.raw(cols)})
        select r.id, coalesce(r.register_org_id, ${common ?? null}::uuid), r.external_id, r.number_year, r.number_seq, ${sql.raw(COLS.map((c) => `r.${c}`).join(', '))}
        from json_to_recordset(${JSON.stringify(rows)}::json)
          as r(id uuid, register_org_id uuid, external_id text, number_year smallint, number_seq integer, ${sql.raw(RECORD_TYPES)})
        returning id, status
      )
      insert into incident_status_history (id, incident_id, from_status, to_status, at, actor_id, source)
      select id, id, null, status, now(), ${this.actorId}::uuid, 'import' from ins`);
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
