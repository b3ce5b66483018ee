/** `tillit import suppliers` as a real process: --json prints exactly the summary; exit codes as every `tillit import`. */
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

describe('tillit import suppliers', () => {
  it('imports with --json printing exactly the summary, refuses a bad organisation number with exit 1 and nothing written, and is idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'suppliers-cli-'));
    const good = join(dir, 'leverantorer.csv');
    writeFileSync(good, 'Leverantör;Organisationsnummer;PUB-avtal;PUB-avtal tecknat;Underleverantörer\r\nCGI;556036-0793;Ja;2024-01-10;Datacenter AB (Sverige, utan avtal)\r\nStädbolaget;;Ej tillämpligt;;\r\n');
    const r = await cli.tillit(['import', 'suppliers', good, '--org', 'hv', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0, errors: [], warnings: [] });
    expect(await cli.count('suppliers')).toBe(2);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Leverantör;Org.nr\r\nNy;\r\nCGI;556036-0790\r\n');
    const b = await cli.tillit(['import', 'suppliers', bad, '--org', 'hv', '--json']);
    expect(b.code).toBe(1);
    expect(JSON.parse(b.stdout)).toMatchObject({ created: 0, updated: 0, rejected: 1, errors: [{ line: 3, column: 'Org.nr' }] });
    expect(await cli.count('suppliers')).toBe(2);

    const again = await cli.tillit(['import', 'suppliers', good, '--org', 'hv', '--dry-run']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('oförändrade/unchanged: 2');
    expect(again.stdout).toContain('Provkörning');
  }, 120_000);
});
