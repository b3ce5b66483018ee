/** `tillit import privacy` as a real process: --json prints exactly the summary; exit codes as every `tillit import`. */
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

describe('tillit import privacy', () => {
  it('imports with --json printing exactly the summary, refuses a bad legal basis with exit 1 and nothing written, and is idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'privacy-cli-'));
    const good = join(dir, 'registerforteckning.csv');
    writeFileSync(good, 'Behandling;Ändamål;Rättslig grund;Kategorier av registrerade\r\nFörsörjningsstöd;Utreda och betala ut;Art. 6.1 e;"Sökande; Barn"\r\nNyhetsbrev;Utskick;samtycke;Prenumeranter\r\n');
    const r = await cli.tillit(['import', 'privacy', good, '--org', 'hv', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0, errors: [], warnings: [] });
    expect(await cli.count('processing_activities')).toBe(2);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Behandling;Rättslig grund\r\nNy;c\r\nNyhetsbrev;6.1 g\r\n');
    const dry = await cli.tillit(['import', 'privacy', bad, '--org', 'hv', '--dry-run', '--skip-invalid', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ created: 1, rejected: 1 });
    const b = await cli.tillit(['import', 'privacy', bad, '--org', 'hv', '--json']);
    expect(b.code).toBe(1);
    expect(JSON.parse(b.stdout)).toMatchObject({ created: 0, updated: 0, rejected: 1, errors: [{ line: 3, column: 'Rättslig grund' }] });
    expect(await cli.count('processing_activities')).toBe(2);

    const again = await cli.tillit(['import', 'privacy', good, '--org', 'hv']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('oförändrade/unchanged: 2');
  }, 120_000);
});
