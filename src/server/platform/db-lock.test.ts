/**
 * The PGlite data directory's lock (DATA_DIR/tillit.lock) on a real directory: a lock whose holder is gone is
 * taken over, also when its pid now belongs to another live process (or to this one, as a restarted container's
 * pid 1) or it comes from another host and is no longer refreshed; a live holder's lock is respected.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_DB } from '../../test/harness';
import { DataDirInUseError, LOCK_REFRESH_MS, LOCK_STALE_MS, openDatabase } from './db';
import { processStartsKnown } from './db-lock';

let dir: string;
let lock: string;
const linux = existsSync('/proc/self/stat');

/** Writes a lock as another process would have, touched `ageMs` ago. */
function writeLock(content: Record<string, unknown>, ageMs = 0) {
  writeFileSync(lock, JSON.stringify(content));
  const at = new Date(Date.now() - ageMs);
  utimesSync(lock, at, at);
}

/** Opens the directory (the lock is taken) and closes it again (the lock is gone). */
async function opens() {
  const database = await openDatabase({ dataDir: dir });
  try {
    expect(JSON.parse(readFileSync(lock, 'utf8')).holder).toBe(`${hostname()}:${process.pid}`);
  } finally {
    await database.close();
  }
  expect(existsSync(lock)).toBe(false);
}

async function refused(): Promise<DataDirInUseError> {
  const err = await openDatabase({ dataDir: dir }).then(
    async (d) => {
      await d.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataDirInUseError);
  return err as DataDirInUseError;
}

// PGlite only: the same lock whichever database the other tests use.
describe.skipIf(TEST_DB !== 'pglite')('PGlite data directory lock', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tillit-lock-'));
    lock = join(dir, 'tillit.lock');
    await (await openDatabase({ dataDir: dir })).close(); // initdb once
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a lock naming this very process (a restarted container whose server is pid 1 again) is stale', async () => {
    writeLock({ holder: `${hostname()}:${process.pid}`, since: new Date(Date.now() - 3600_000).toISOString() });
    await opens();
    // While this process holds the directory, a second opener in it is refused like any other.
    const database = await openDatabase({ dataDir: dir });
    try {
      await refused();
    } finally {
      await database.close();
    }
  }, 60_000);

  it.runIf(linux)('a lock whose pid now belongs to a live process that started after the lock was taken is stale', async () => {
    // The test runner's parent lives, and started long after 2001: stale, where the machine tells when a process started
    // (on a virtual machine whose boot time and clock disagree by seconds it does not, and the live pid's lock stands).
    writeLock({ holder: `${hostname()}:${process.ppid}`, since: '2001-01-01T00:00:00.000Z' });
    if (processStartsKnown()) await opens();
    else await refused();
    // A lock recording its holder's start time: a different start is a different process.
    writeLock({ holder: `${hostname()}:${process.ppid}`, since: new Date().toISOString(), start: '1' });
    await opens();
  }, 60_000);

  it('a live holder is respected; the refusal says in both languages that the lock file may be deleted if no Tillit uses it', async () => {
    // Taken now by a process that was already running: the lock is that process's.
    writeLock({ holder: `${hostname()}:${process.ppid}`, since: new Date().toISOString() });
    const err = await refused();
    expect(err.sv).toContain(`används redan av en annan Tillit-process (process ${process.ppid} på datorn ${hostname()})`);
    expect(err.sv).toContain(`Om ingen annan Tillit-process använder katalogen`);
    expect(err.sv).toContain(`kan filen ${lock} tas bort`);
    expect(err.en).toContain(`is in use by another Tillit process (process ${process.ppid} on host ${hostname()})`);
    expect(err.en).toContain(`If no other Tillit process uses the directory`);
    expect(err.en).toContain(`the file ${lock} can be deleted`);
    expect(existsSync(lock)).toBe(true); // left alone
  }, 60_000);

  it(`another host's lock is held while refreshed and stale when not touched for ${LOCK_STALE_MS / 1000} s`, async () => {
    const other = { holder: 'annan-container-7f3a:1', since: new Date(Date.now() - 3600_000).toISOString(), boot: 'en-annan-dator' };
    writeLock(other, 5_000);
    await refused();
    writeLock(other, LOCK_STALE_MS + 5_000);
    await opens();
    // A lock cut off while it was written names no holder: it too is stale once nobody touches it.
    writeFileSync(lock, '');
    await refused();
    const old = new Date(Date.now() - LOCK_STALE_MS - 5_000);
    utimesSync(lock, old, old);
    await opens();
  }, 60_000);

  it(`the holder touches its lock every ${LOCK_REFRESH_MS / 1000} s`, async () => {
    // The holder's interval on a simulated clock (the touch itself is real): not before the period, then at it.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const database = await openDatabase({ dataDir: dir });
      try {
        const old = new Date(Date.now() - 3600_000);
        utimesSync(lock, old, old);
        vi.advanceTimersByTime(LOCK_REFRESH_MS - 1);
        expect(Date.now() - statSync(lock).mtimeMs).toBeGreaterThan(3500_000);
        vi.advanceTimersByTime(1);
        expect(Date.now() - statSync(lock).mtimeMs).toBeLessThan(2000);
      } finally {
        await database.close();
      }
    } finally {
      vi.useRealTimers();
    }
  });
});
