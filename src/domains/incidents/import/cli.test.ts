/**
 * The real `tillit import incidents` command as a child process, on a PGlite data directory or a PostgreSQL
 * database (TILLIT_TEST_DB=pg): output, exit codes, and a SIGKILL in the middle of a large import.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase, type CliDatabase } from '../../../test/cli-process';
import { TEST_DB } from '../../../test/harness';
import { csv, EXAMPLE, tmpFile } from './testkit';
import { writeGeneratedCsv } from './testdata';

let cli: CliDatabase;
const tillit: CliDatabase['tillit'] = (args, onStderr) => cli.tillit(args, onStderr);
const countIncidents = () => cli.count('incidents');

beforeAll(async () => {
  cli = await cliDatabase([
    { slug: 'stad', name: 'Stockholms stad', type: 'stad' },
    { slug: 'hv', name: 'Hässelby-Vällingby', type: 'forvaltning', parent: 'stad' },
    { slug: 'hv-best', name: 'Beställarenheten', type: 'enhet', parent: 'hv' },
    { slug: 'sn', name: 'Servicenämnden', type: 'namnd', parent: 'stad' },
  ]);
}, 120_000);
afterAll(() => cli?.drop());

describe('tillit import incidents', () => {
  it('imports with --json printing exactly the summary, and is idempotent', async () => {
    const file = tmpFile(EXAMPLE);
    const r = await tillit(['import', 'incidents', file, '--org', 'hv', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['created', 'updated', 'unchanged', 'rejected', 'errors', 'warnings']);
    expect(out).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
    const again = await tillit(['import', 'incidents', file, '--org', 'hv', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, unchanged: 2 });
  }, 120_000);

  it('lists rejected rows with line and column, exits non-zero and writes nothing; --dry-run writes nothing', async () => {
    const before = await countIncidents();
    const file = tmpFile(csv([['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status', 'Extra'], ['C-1', 'a', '2025-01-01', 'Klar', ''], ['C-2', 'b', '2025-01-01', 'Avbruten', '']]));
    const r = await tillit(['import', 'incidents', file, '--org', 'sn']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('rad/line 3, kolumn/column "Status"');
    expect(r.stdout).toContain('Extra');
    expect(r.stdout).toMatch(/avvisade\/rejected: 1/);
    const dry = await tillit(['import', 'incidents', file, '--org', 'sn', '--dry-run', '--skip-invalid', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ created: 1, rejected: 1 });
    expect(await countIncidents()).toBe(before);
  }, 120_000);

  it('fails clearly for an unknown organisation and a missing file', async () => {
    const unknown = await tillit(['import', 'incidents', tmpFile(EXAMPLE), '--org', 'nope']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('nope');
    const missing = await tillit(['import', 'incidents', '/nonexistent/file.csv', '--org', 'hv']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('/nonexistent/file.csv');
    // With --json the summary shape is on stdout even when the whole file is refused.
    const empty = await tillit(['import', 'incidents', tmpFile('\n\n'), '--org', 'hv', '--json']);
    expect(empty.code).toBe(2);
    expect(JSON.parse(empty.stdout)).toMatchObject({ created: 0, rejected: 0, errors: [{ line: null, column: null, reason_sv: 'Filen är tom.' }] });
    expect(empty.stderr).toContain('Filen är tom');
  }, 120_000);

  it('a process killed mid-import leaves nothing, and the database opens fine afterwards', async () => {
    const before = await countIncidents();
    const big = join(mkdtempSync(join(tmpdir(), 'tillit-kill-')), 'big.csv');
    await writeGeneratedCsv(big, 150_000, 11);
    let progressed = 0;
    const r = await tillit(['import', 'incidents', big, '--org', 'sn'], (text, kill) => {
      const m = [...text.matchAll(/… ([\d\s\u00a0]+) rader\/rows/g)].pop();
      progressed = m ? Number(m[1].replace(/\D/g, '')) : 0;
      if (progressed >= 2000) kill();
    });
    expect(r.signal).toBe('SIGKILL');
    expect(progressed).toBeGreaterThanOrEqual(2000);
    if (TEST_DB !== 'pg') expect(existsSync(join(cli.env.TILLIT_DATA_DIR, 'tillit.lock'))).toBe(true);
    expect(await countIncidents()).toBe(before); // also proves the stale PGlite lock is recovered
    const after = await tillit(['import', 'incidents', tmpFile(EXAMPLE), '--org', 'sn', '--json']);
    expect(JSON.parse(after.stdout)).toMatchObject({ created: 2 });
    expect(readFileSync(big).length).toBeGreaterThan(0);
  }, 300_000);
});
