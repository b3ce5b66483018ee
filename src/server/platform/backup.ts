import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from './db';

/**
 * Backup format: gzip'd JSON lines. Line 1 is a header; then one line per batch of rows of one table
 * ({"table": "...", "rows": [...]}), tables in foreign-key order. Rows are row_to_json of the table, so
 * the file is independent of PGlite or PostgreSQL and restores into either.
 */
export const BACKUP_FORMAT = 'tillit-backup';
export const BACKUP_VERSION = 1;
const BATCH = 2000;

interface Header {
  format: string;
  version: number;
  createdAt: string;
  migrations: number;
  tables: { name: string; rows: number }[];
}

type Row = Record<string, unknown>;
const rowsOf = (r: unknown): Row[] => resultRows<Row>(r);

/** Public tables ordered so that every table comes after the tables it references. */
export async function tablesInDependencyOrder(db: Db): Promise<string[]> {
  const tables = rowsOf(await db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)).map((r) => String(r.tablename));
  const deps = rowsOf(
    await db.execute(sql`
      select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public'`),
  );
  const clean = (s: unknown) => String(s).replace(/^public\./, '').replace(/"/g, '');
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const d of deps) if (clean(d.child) !== clean(d.parent)) parents.get(clean(d.child))?.add(clean(d.parent));
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const p of parents.get(t) ?? []) visit(p);
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}

async function migrationCount(db: Db): Promise<number> {
  try {
    const [r] = rowsOf(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    return Number(r.n);
  } catch {
    return 0;
  }
}

const ident = (t: string) => sql.raw(`"${t.replace(/"/g, '""')}"`);

export async function backup(db: Db, file: string): Promise<Header> {
  const gzip = createGzip();
  const outStream = createWriteStream(file);
  gzip.pipe(outStream);
  const write = async (line: string) => {
    if (!gzip.write(line + '\n')) await once(gzip, 'drain');
  };
  const header = await db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read`);
    const tables = await tablesInDependencyOrder(tx as unknown as Db);
    const counts: { name: string; rows: number }[] = [];
    for (const t of tables) {
      const [r] = rowsOf(await tx.execute(sql`select count(*)::int as n from ${ident(t)}`));
      counts.push({ name: t, rows: Number(r.n) });
    }
    const h: Header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), migrations: await migrationCount(tx as unknown as Db), tables: counts };
    await write(JSON.stringify(h));
    for (const t of tables) {
      for (let offset = 0; ; offset += BATCH) {
        const rows = rowsOf(await tx.execute(sql`select row_to_json(x)::text as j from (select * from ${ident(t)} order by ctid limit ${BATCH} offset ${offset}) x`));
        if (rows.length === 0) break;
        await write(`{"table":${JSON.stringify(t)},"rows":[${rows.map((r) => r.j as string).join(',')}]}`);
        if (rows.length < BATCH) break;
      }
    }
    return h;
  });
  gzip.end();
  await once(outStream, 'finish');
  return header;
}

export class RestoreError extends Error {
  constructor(public readonly sv: string, public readonly en: string) {
    super(en);
  }
}

const damaged = (file: string, line: number) =>
  new RestoreError(`Säkerhetskopian ${file} är skadad (rad ${line}). Inget återställdes.`, `The backup ${file} is damaged (line ${line}). Nothing was restored.`);

/** Restores a backup into a migrated database in one transaction: all of it or nothing. */
export async function restore(db: Db, file: string, opts: { force?: boolean } = {}): Promise<Header> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  let first;
  try {
    first = await it.next();
  } catch {
    throw new RestoreError(`${file} är ingen Tillit-säkerhetskopia (inte gzip).`, `${file} is not a Tillit backup (not gzip).`);
  }
  let header: Header;
  try {
    header = JSON.parse(String(first.value)) as Header;
  } catch {
    throw new RestoreError(`${file} är ingen Tillit-säkerhetskopia.`, `${file} is not a Tillit backup.`);
  }
  if (!header || typeof header !== 'object' || header.format !== BACKUP_FORMAT || header.version !== BACKUP_VERSION) {
    throw new RestoreError(`${file} är ingen Tillit-säkerhetskopia av version ${BACKUP_VERSION}.`, `${file} is not a Tillit backup of version ${BACKUP_VERSION}.`);
  }
  const have = await migrationCount(db);
  if (header.migrations > have) {
    throw new RestoreError(
      `Säkerhetskopian kommer från en nyare Tillit (${header.migrations} migreringar, denna har ${have}). Uppgradera först.`,
      `The backup comes from a newer Tillit (${header.migrations} migrations, this one has ${have}). Upgrade first.`,
    );
  }
  await db.transaction(async (tx) => {
    const tables = await tablesInDependencyOrder(tx as unknown as Db);
    let nonEmpty: string | undefined;
    for (const t of tables) {
      const [r] = rowsOf(await tx.execute(sql`select exists(select 1 from ${ident(t)}) as e`));
      if (r.e === true || r.e === 't') {
        nonEmpty = t;
        break;
      }
    }
    if (nonEmpty && !opts.force) {
      throw new RestoreError(
        `Databasen innehåller redan data (t.ex. tabellen ${nonEmpty}). Använd --force för att ersätta allt.`,
        `The database already holds data (e.g. table ${nonEmpty}). Use --force to replace everything.`,
      );
    }
    if (nonEmpty) {
      // The audit log refuses TRUNCATE through a trigger; replacing everything is the one sanctioned exception,
      // inside this transaction only (ALTER TABLE is transactional; the triggers are back on at commit).
      const guarded = rowsOf(
        await tx.execute(sql`select distinct c.relname as t from pg_trigger g join pg_class c on c.oid = g.tgrelid
          join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not g.tgisinternal`),
      ).map((r) => String(r.t));
      for (const t of guarded) await tx.execute(sql`alter table ${ident(t)} disable trigger user`);
      await tx.execute(sql.raw(`truncate ${tables.map((t) => `"${t}"`).join(', ')} cascade`));
      for (const t of guarded) await tx.execute(sql`alter table ${ident(t)} enable trigger user`);
    }
    // Triggers may ask whether they run in a restore (current_setting('tillit.restore', true) = 'on'): rows from
    // an older backup lack columns a trigger would otherwise fill as for a new record.
    await tx.execute(sql`select set_config('tillit.restore', 'on', true)`);
    // Generated columns are computed by the database again; only the stored ones are inserted.
    const insertable = new Map<string, string[]>();
    for (const r of rowsOf(
      await tx.execute(sql`select table_name as t, column_name as c from information_schema.columns
        where table_schema = 'public' and is_generated = 'NEVER' order by table_name, ordinal_position`),
    )) {
      insertable.set(String(r.t), [...(insertable.get(String(r.t)) ?? []), `"${String(r.c).replace(/"/g, '""')}"`]);
    }
    const restored = new Map<string, number>();
    for (let lineNo = 2; ; lineNo++) {
      let next;
      try {
        next = await it.next();
      } catch {
        throw damaged(file, lineNo);
      }
      if (next.done) break;
      if (!next.value.trim()) continue;
      let batch: { table: string; rows: Row[] };
      try {
        batch = JSON.parse(next.value) as { table: string; rows: Row[] };
      } catch {
        throw damaged(file, lineNo);
      }
      const { table, rows } = batch;
      if (typeof table !== 'string' || !Array.isArray(rows)) throw damaged(file, lineNo);
      if (!tables.includes(table)) throw new RestoreError(`Okänd tabell i säkerhetskopian: ${table}.`, `Unknown table in backup: ${table}.`);
      const cols = sql.raw((insertable.get(table) ?? []).join(', '));
      await tx.execute(sql`insert into ${ident(table)} (${cols}) select ${cols} from json_populate_recordset(null::${ident(table)}, ${JSON.stringify(rows)}::json)`);
      restored.set(table, (restored.get(table) ?? 0) + rows.length);
    }
    // The header says how many rows each table had: a file cut off between lines restores nothing.
    for (const t of header.tables ?? []) {
      if ((restored.get(t.name) ?? 0) !== t.rows) {
        throw new RestoreError(
          `Säkerhetskopian ${file} är ofullständig: tabellen ${t.name} skulle ha ${t.rows} rader men har ${restored.get(t.name) ?? 0}. Inget återställdes.`,
          `The backup ${file} is incomplete: table ${t.name} should have ${t.rows} rows but has ${restored.get(t.name) ?? 0}. Nothing was restored.`,
        );
      }
    }
    // Serial columns continue after the restored rows.
    const seqs = rowsOf(
      await tx.execute(sql`
        select c.relname as t, a.attname as col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) as s
        from pg_class c join pg_attribute a on a.attrelid = c.oid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0
          and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`),
    );
    for (const s of seqs) {
      await tx.execute(sql.raw(`select setval('${String(s.s)}', coalesce((select max("${String(s.col)}") from "${String(s.t)}"), 0) + 1, false)`));
    }
    // Sequences no column owns are counters made from the data on first use (incident_number_<year>): dropped, so
    // they start again after the restored rows.
    const loose = rowsOf(
      await tx.execute(sql`select c.relname as s from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'S'
          and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))`),
    );
    for (const l of loose) await tx.execute(sql`drop sequence ${ident(String(l.s))}`);
    await tx.execute(sql`select set_config('tillit.restore', 'off', true)`);
  });
  return header;
}
