/**
 * The PGlite data directory's lock (PGlite is single-process: a second opener would corrupt it) and the errors of a
 * database that cannot be opened. The lock file names its holder; one left by a process that is gone is cleared.
 */
import { openSync, closeSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config';
import { fsReason } from './files';

/** The database cannot be opened (a PGlite directory held by another process, a PostgreSQL server that refuses): both languages. */
export class DatabaseUnavailableError extends Error {
  constructor(public readonly sv: string, public readonly en: string) {
    super(`${sv} / ${en}`);
  }
}

export class DataDirInUseError extends DatabaseUnavailableError {
  constructor(public readonly dir: string, public readonly holder: string) {
    // The lock file names the holder as host:pid.
    const [host, pid] = holder.includes(':') ? [holder.slice(0, holder.lastIndexOf(':')), holder.slice(holder.lastIndexOf(':') + 1)] : ['?', holder];
    const file = join(dir, LOCK_FILE);
    const known = holder.includes(':');
    super(
      `Datakatalogen ${dir} används redan av en annan Tillit-process${known ? ` (process ${pid} på datorn ${host})` : ''}. Den inbyggda databasen (PGlite) ` +
        `kan bara användas av en process åt gången: stoppa servern först, eller använd en PostgreSQL-server ` +
        `(DATABASE_URL) om servern och kommandon ska köras samtidigt. Om ingen annan Tillit-process använder katalogen ` +
        `(till exempel efter att en server dödats hårt) kan filen ${file} tas bort.`,
      `The data directory ${dir} is in use by another Tillit process${known ? ` (process ${pid} on host ${host})` : ''}. The embedded ` +
        `database (PGlite) serves one process at a time: stop the server first, or use a PostgreSQL server (DATABASE_URL) ` +
        `to run the server and commands at the same time. If no other Tillit process uses the directory (for example ` +
        `after a server was killed hard), the file ${file} can be deleted.`,
    );
  }
}

const LOCK_FILE = 'tillit.lock';
/** The holder touches its lock this often, so that a lock nobody touches any more can be told from a live one. */
export const LOCK_REFRESH_MS = 10_000;
/** A lock of another host (whose processes cannot be looked at) not touched for this long is stale. */
export const LOCK_STALE_MS = 60_000;

/** The lock file's content. `start` and `boot` (Linux) tell the holder apart from a later process given the same pid. */
interface LockInfo {
  /** host:pid */
  holder?: string;
  /** When the lock was taken (ISO). */
  since?: string;
  /** The holder's start time in clock ticks after boot (field 22 of /proc/<pid>/stat). */
  start?: string;
  /** /proc/sys/kernel/random/boot_id: the pids and start times of one boot of one machine. */
  boot?: string;
}

/** Lock files this process holds now: another opener in this process is refused like one in another process. */
const heldLocks = new Set<string>();

/** An exclusive lock on a PGlite data directory: PGlite is single-process, a second opener would corrupt it. */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  const me = `${hostname()}:${process.pid}`;
  let refused: string | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw dataDirProblem(dir, err);
      let raw: string;
      let info: LockInfo = {};
      let touchedMs: number;
      try {
        raw = readFileSync(file, 'utf8');
        touchedMs = statSync(file).mtimeMs;
      } catch (readErr) {
        if ((readErr as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again
        throw dataDirProblem(dir, readErr);
      }
      try {
        const parsed: unknown = JSON.parse(raw);
        if (parsed && typeof parsed === 'object') info = parsed as LockInfo;
      } catch {
        /* cut off while it was written: its refreshes alone can tell */
      }
      if (!staleLock(file, info, touchedMs)) {
        refused = typeof info.holder === 'string' ? info.holder : 'unknown';
        break;
      }
      // Removed only if it is still the lock judged stale (another opener may have replaced it meanwhile).
      try {
        if (readFileSync(file, 'utf8') === raw) unlinkSync(file);
      } catch {
        /* already gone */
      }
      continue;
    }
    const written = JSON.stringify({ holder: me, since: new Date().toISOString(), start: processStart(process.pid), boot: bootId() } satisfies LockInfo);
    try {
      writeSync(fd, written);
    } catch (err) {
      // A lock that could not be written whole (a full disk) is not left behind.
      closeSync(fd);
      unlinkSync(file);
      throw dataDirProblem(dir, err);
    }
    closeSync(fd);
    heldLocks.add(file);
    const ours = () => {
      try {
        return readFileSync(file, 'utf8') === written;
      } catch {
        return false;
      }
    };
    // The holder's sign of life for openers on other hosts; unref'd, so it keeps no process alive.
    const refresh = setInterval(() => {
      try {
        if (ours()) utimesSync(file, new Date(), new Date());
      } catch {
        /* the next round tries again */
      }
    }, LOCK_REFRESH_MS);
    refresh.unref();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.removeListener('exit', release);
      clearInterval(refresh);
      heldLocks.delete(file);
      try {
        if (ours()) unlinkSync(file);
      } catch {
        /* already gone */
      }
    };
    process.once('exit', release);
    return release;
  }
  throw new DataDirInUseError(dir, refused ?? 'unknown');
}

/**
 * Whether a lock's holder is gone. On this host (same name and, where recorded, same boot) by its process: none
 * with that pid; this process's own pid while this process does not hold the lock (a restarted container's pid 1);
 * or a process with that pid that started after the lock was taken (the pid was reused). Elsewhere, or for a lock
 * that names no process, by its refreshes: untouched for LOCK_STALE_MS.
 */
function staleLock(file: string, info: LockInfo, touchedMs: number): boolean {
  const holder = typeof info.holder === 'string' ? info.holder : '';
  const cut = holder.lastIndexOf(':');
  const host = cut >= 0 ? holder.slice(0, cut) : '';
  const pid = cut >= 0 ? Number(holder.slice(cut + 1)) : NaN;
  const boot = bootId();
  const here = host === hostname() && (!info.boot || !boot || info.boot === boot);
  if (!here || !Number.isInteger(pid) || pid <= 0) return Date.now() - touchedMs > LOCK_STALE_MS;
  if (pid === process.pid) return !heldLocks.has(file);
  if (!running(pid)) return true;
  const start = processStart(pid);
  if (start !== undefined) {
    if (info.start) {
      if (String(info.start) !== start) return true;
    } else {
      // A lock without the holder's start time: the process must have started before the lock was taken.
      const since = Date.parse(info.since ?? '');
      const startedMs = startTimeMs(start);
      if (Number.isFinite(since) && startedMs !== undefined && startedMs > since + 2000) return true;
    }
  }
  return !isAlive(pid, 2000);
}

/** Linux: when process `pid` started, in clock ticks after boot (field 22 of /proc/<pid>/stat); elsewhere undefined. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return /^\d+$/.test(start ?? '') ? start : undefined;
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether this machine tells when a process started as a wall-clock time (startTimeMs trusts it): otherwise a lock
 * without its holder's start time is judged by whether its pid lives, and a live pid's lock is respected.
 */
export function processStartsKnown(): boolean {
  const own = processStart(process.pid);
  return own !== undefined && startTimeMs(own) !== undefined;
}

/**
 * A start time in ticks as wall-clock milliseconds: boot time (/proc/stat) plus ticks at USER_HZ, 100 on Linux.
 * Checked on this process, whose start Node knows: where the two disagree by seconds, undefined (not trusted).
 */
function startTimeMs(ticks: string): number | undefined {
  try {
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1];
    const own = processStart(process.pid);
    if (!btime || own === undefined) return undefined;
    const at = (t: string) => Number(btime) * 1000 + Number(t) * 10;
    return Math.abs(at(own) - performance.timeOrigin) < 5000 ? at(ticks) : undefined;
  } catch {
    return undefined;
  }
}

/** A data directory that cannot be made or locked (a file of that name, no permission): the setting at fault. */
export function dataDirProblem(dir: string, err: unknown): ConfigError {
  const code = (err as NodeJS.ErrnoException).code;
  // mkdir of a path that exists as something else than a directory.
  const r = code === 'EEXIST' ? { sv: 'det är en fil, ingen katalog', en: 'it is a file, not a directory' } : fsReason(code);
  return new ConfigError(`Datakatalogen ${dir} (TILLIT_DATA_DIR) kan inte användas: ${r.sv}.`, `The data directory ${dir} (TILLIT_DATA_DIR) cannot be used: ${r.en}.`);
}

/**
 * Whether process `pid` runs (a zombie does not count), waiting up to `graceMs` for one that is exiting: a
 * `tillit` command whose launcher was killed follows it within milliseconds, and a command started right
 * after should not be refused in between.
 */
function isAlive(pid: number, graceMs: number): boolean {
  const deadline = Date.now() + graceMs;
  for (;;) {
    if (!running(pid)) return false;
    if (Date.now() >= deadline) return true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (not Linux): the signal check above is all there is
  }
}
