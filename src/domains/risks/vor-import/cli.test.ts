/** `tillit import vor` as a real process: --json prints exactly the summary; exit codes as `tillit import incidents`. */
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

const tillit = (args: string[]) => cli.tillit(args);
const eventCount = () => cli.count('vor_events');

describe('tillit import vor', () => {
  it('imports with --json printing exactly the summary, refuses bad rows with exit 1, and is idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vor-cli-'));
    const good = join(dir, 'vor.csv');
    writeFileSync(good, 'Arbetssätt;Händelse;Sannolikhet;Konsekvens\r\nIncidenthantering;Incidenter anmäls inte;Möjlig;Allvarlig\r\n');
    const r = await tillit(['import', 'vor', good, '--org', 'hv', '--year', '2025', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 0, errors: [], warnings: [] });
    expect(await eventCount()).toBe(1);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Arbetssätt;Händelse;Sannolikhet;Konsekvens\r\nIncidenthantering;Ny;9;1\r\n');
    const b = await tillit(['import', 'vor', bad, '--org', 'hv', '--year', '2025', '--json']);
    expect(b.code).toBe(1);
    const s = JSON.parse(b.stdout);
    expect(s).toMatchObject({ created: 0, rejected: 1, errors: [{ line: 2, column: 'Sannolikhet' }] });
    expect(await eventCount()).toBe(1);

    const again = await tillit(['import', 'vor', good, '--org', 'hv', '--year', '2025']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('oförändrade/unchanged: 1');
    expect((await tillit(['import', 'vor', good, '--org', 'hv'])).code).toBe(2);
    // Every register import's command is importCommand (src/cli/import-output.ts): its refusals (no --org, an unknown
    // organisation: exit 2, said in both languages) are checked here once for all of them.
    const none = await tillit(['import', 'vor', good, '--year', '2025']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--org saknas');
    expect(none.stderr).toContain('--org is missing');
    const unknown = await tillit(['import', 'vor', good, '--org', 'finns-inte', '--year', '2025']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('finns-inte');
  }, 120_000);
});
