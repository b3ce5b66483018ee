/** `tillit import objects` as a real process: --json prints exactly the summary; exit codes as every `tillit import`. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase, type CliDatabase } from '../../../test/cli-process';

let cli: CliDatabase;
beforeAll(async () => {
  cli = await cliDatabase();
}, 120_000);
afterAll(() => cli.drop());

describe('tillit import objects', () => {
  it('imports with --json printing exactly the summary, refuses a bad level with exit 1 and nothing written, and is idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'objects-cli-'));
    const good = join(dir, 'objektlista.csv');
    writeFileSync(good, 'Objekt;Objektägare;Lokal klassning;Lokal klassning datum;K;R;T;S\r\nProcapita;Socialchef;Klar;2025-02-01;3;2;2;1\r\nDiariet;;Pågår;;;;;\r\n');
    const r = await cli.tillit(['import', 'objects', good, '--org', 'hv', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0, errors: [], warnings: [] });
    expect(await cli.count('digital_objects')).toBe(2);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Objekt;K\r\nNytt;1\r\nProcapita;7\r\n');
    const b = await cli.tillit(['import', 'objects', bad, '--org', 'hv', '--json']);
    expect(b.code).toBe(1);
    expect(JSON.parse(b.stdout)).toMatchObject({ created: 0, updated: 0, rejected: 1, errors: [{ line: 3, column: 'K' }] });
    expect(await cli.count('digital_objects')).toBe(2);

    const again = await cli.tillit(['import', 'objects', good, '--org', 'hv']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('oförändrade/unchanged: 2');
  }, 120_000);
});
