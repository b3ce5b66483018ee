import { randomBytes } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { open, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { pipeline as streamPipeline } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from './db';
import { fileError, isFsError } from './files';
import { AUTH_CHANNEL } from '../../domains/users/session-cache';
import { DERIVED_TABLES, REFERENCES_CHECKED } from '../../domains/incidents/table';
import { BackupCryptoError, decryptingStream, encryptingStream, ENCRYPTED_MAGIC, isEncrypted } from './backup-crypto';

/**
 * Backup format: gzip'd JSON lines. Line 1 is a header; then one line per batch of rows of one table
 * ({"table": "...", "rows": [...]}), tables in foreign-key order. Rows are row_to_json of the table, so
 * the file is independent of PGlite or PostgreSQL and restores into either. Derived tables (DERIVED_TABLES: the
 * incident search index) are left out and rebuilt after a restore. With a passphrase the gzip'd lines are encrypted
 * (backup-crypto.ts); a restore knows an encrypted file by its first bytes.
 */
export const BACKUP_FORMAT = 'tillit-backup';
export const BACKUP_VERSION = 1;
const BATCH = 2000;

export interface Header {
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
  // References a trigger checks per statement instead of a foreign key: the same order.
  for (const [child, list] of Object.entries(REFERENCES_CHECKED)) for (const p of list) parents.get(child)?.add(p);
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

/**
 * Writes a backup of everything to `file`. The data goes to a temporary file beside it, which takes the name
 * only when all of it is written and on disk: a failed backup (a full disk, a database error) leaves an earlier
 * backup of that name as it was, and no temporary file behind. A file-system failure is an AppError naming
 * `file` and the reason. A device or pipe (/dev/stdout) is written directly. With `passphrase` the file is encrypted.
 */
export async function backup(db: Db, file: string, opts: { passphrase?: string } = {}): Promise<Header> {
  const target = resolve(file);
  // A passphrase too short is refused before anything is written.
  const encrypt = opts.passphrase === undefined ? undefined : await encryptingStream(opts.passphrase);
  let existing: Stats | undefined;
  try {
    existing = await stat(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(target, err as NodeJS.ErrnoException);
  }
  if (existing?.isDirectory()) throw fileError(target, { code: 'EISDIR' });
  const direct = !!existing && !existing.isFile();
  // A symbolic link to an earlier backup stays a link: its target is replaced.
  const dest = existing && !direct ? await realpath(target).catch(() => target) : target;
  const temp = direct ? undefined : join(dirname(dest), `.${basename(dest)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temp ?? target, temp ? 'wx' : 'w');
  } catch (err) {
    throw fileError(target, err as NodeJS.ErrnoException);
  }
  // The new backup keeps the permissions of the one it replaces (it holds password hashes: often owner only).
  if (temp && existing) await handle.chmod(existing.mode & 0o7777).catch(() => {});
  const gzip = createGzip();
  const output = handle.createWriteStream();
  // Every error of either stream ends up here (and destroys both), whenever it happens.
  const written = encrypt ? pipeline(gzip, encrypt, output) : pipeline(gzip, output);
  let streamError: unknown;
  const failed = written.then(
    () => new Promise<never>(() => {}),
    (err: unknown) => {
      streamError = err;
      throw err;
    },
  );
  failed.catch(() => {});
  const write = async (line: string) => {
    if (streamError) throw streamError;
    if (!gzip.write(line + '\n')) await Promise.race([once(gzip, 'drain'), failed]);
  };
  /** A step on the file: its failure names the file. */
  const onFile = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (err) {
      throw fileError(target, err as NodeJS.ErrnoException);
    }
  };
  try {
    const header = await db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read`);
      const tables = (await tablesInDependencyOrder(tx as unknown as Db)).filter((t) => !DERIVED_TABLES.includes(t));
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
    await onFile(() => written);
    if (temp) {
      // On disk before it takes the name: a crash right after the rename leaves the whole backup, not a hole.
      await onFile(async () => {
        const synced = await open(temp, 'r');
        try {
          await synced.sync();
        } finally {
          await synced.close();
        }
        await rename(temp, dest);
      });
      await syncDirectory(dirname(dest));
    }
    return header;
  } catch (err) {
    gzip.destroy();
    encrypt?.destroy();
    output.destroy();
    await written.catch(() => {});
    await handle.close().catch(() => {});
    if (temp) await rm(temp, { force: true }).catch(() => {});
    const fromStream = streamError !== undefined && (err === streamError || (err as { cause?: unknown })?.cause === streamError);
    throw fromStream && isFsError(streamError) ? fileError(target, streamError) : err;
  }
}

/** Makes a rename in `dir` durable where the platform allows it (Linux); elsewhere nothing. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const h = await open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    /* not supported here */
  }
}

export class RestoreError extends Error {
  constructor(public readonly sv: string, public readonly en: string) {
    super(en);
  }
}

const damaged = (file: string, line: number) =>
  new RestoreError(`Säkerhetskopian ${file} är skadad (rad ${line}). Inget återställdes.`, `The backup ${file} is damaged (line ${line}). Nothing was restored.`);

export interface RestoreResult {
  header: Header;
  /** Sessions in the backup, all ended: everyone signs in again. */
  sessionsEnded: number;
  /** API tokens restored as they were in the backup (one revoked after it is valid again), and the valid ones. */
  apiTokens: { total: number; valid: { owner: string; name: string; prefix: string; expiresAt: string }[] };
}

/**
 * Restores a backup into a migrated database in one transaction: all of it or nothing. Sessions and sign-in
 * bookkeeping (attempts, lockouts) are not brought back: a session signed out after the backup would otherwise
 * be valid again. Nodes that keep sessions in memory are told at commit (the session cache's channel).
 */
export async function restore(db: Db, file: string, opts: { force?: boolean; passphrase?: string } = {}): Promise<RestoreResult> {
  let info: Stats;
  let start: Buffer;
  try {
    info = await stat(file);
    if (info.isDirectory()) throw fileError(file, { code: 'EISDIR' });
    const h = await open(file, 'r');
    try {
      const { buffer, bytesRead } = await h.read(Buffer.alloc(ENCRYPTED_MAGIC.length), 0, ENCRYPTED_MAGIC.length, 0);
      start = buffer.subarray(0, bytesRead);
    } finally {
      await h.close();
    }
  } catch (err) {
    throw isFsError(err) ? fileError(file, err as NodeJS.ErrnoException) : err;
  }
  const encrypted = isEncrypted(start);
  if (encrypted && opts.passphrase === undefined) {
    throw new RestoreError(
      `Säkerhetskopian ${file} är krypterad: ange dess lösenfras (TILLIT_BACKUP_PASSPHRASE eller --passphrase-file).`,
      `The backup ${file} is encrypted: give its passphrase (TILLIT_BACKUP_PASSPHRASE or --passphrase-file).`,
    );
  }
  const input = createReadStream(file);
  // A read error (no permission, an I/O error) reaches the lines through the pipeline; this says it was the file.
  let readError: NodeJS.ErrnoException | undefined;
  input.on('error', (err: NodeJS.ErrnoException) => {
    readError ??= err;
  });
  // A wrong passphrase or a chunk that does not verify: the decryption's own words, not "not gzip".
  let cryptoError: BackupCryptoError | undefined;
  const decrypt = encrypted ? decryptingStream(opts.passphrase!, file) : undefined;
  decrypt?.on('error', (err) => {
    if (err instanceof BackupCryptoError) cryptoError ??= err;
  });
  const gunzip = createGunzip();
  const source = decrypt ? streamPipeline(input, decrypt, gunzip, () => {}) : streamPipeline(input, gunzip, () => {});
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  const unreadable = () => {
    if (readError) return fileError(file, readError);
    return cryptoError ? new RestoreError(cryptoError.sv, cryptoError.en) : undefined;
  };
  try {
    return await restoreLines(db, file, lines, unreadable, opts);
  } finally {
    lines.close();
    input.destroy();
  }
}

async function restoreLines(db: Db, file: string, lines: Interface, unreadable: () => Error | undefined, opts: { force?: boolean }): Promise<RestoreResult> {
  const it = lines[Symbol.asyncIterator]();
  let first;
  try {
    first = await it.next();
  } catch {
    throw unreadable() ?? new RestoreError(`${file} är ingen Tillit-säkerhetskopia (inte gzip).`, `${file} is not a Tillit backup (not gzip).`);
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
  const outcome = await db.transaction(async (tx) => {
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
        throw unreadable() ?? damaged(file, lineNo);
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
        where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
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
    // Nobody stays signed in through a restore: the backup's sessions (one signed out since among them) end, and
    // the sign-in attempts and lockouts of before go with them.
    const [ended] = rowsOf(await tx.execute(sql`with gone as (delete from sessions returning 1) select count(*)::int as n from gone`));
    await tx.execute(sql`delete from login_attempts`);
    await tx.execute(sql`update users set failed_logins = 0, locked_until = null where failed_logins <> 0 or locked_until is not null`);
    // API tokens stay (scripts keep working), but as they were at the backup: the caller lists them for review.
    const [tokens] = rowsOf(await tx.execute(sql`select count(*)::int as n from api_tokens`));
    const valid = rowsOf(
      await tx.execute(sql`select u.email as owner, t.name, t.prefix, t.expires_at as expires from api_tokens t join users u on u.id = t.user_id
        where t.revoked_at is null and t.expires_at > now() and u.active order by u.email, t.name`),
    ).map((r) => ({ owner: String(r.owner), name: String(r.name), prefix: String(r.prefix), expiresAt: new Date(r.expires as string).toISOString() }));
    // Every node's session cache empties at commit (the sessions trigger says so too; this also when there were none).
    await tx.execute(sql`select pg_notify(${AUTH_CHANNEL}, '')`);
    await tx.execute(sql`select set_config('tillit.restore', 'off', true)`);
    return { sessionsEnded: Number(ended?.n ?? 0), apiTokens: { total: Number(tokens?.n ?? 0), valid } };
  });
  return { header, ...outcome };
}
