/** `tillit import training` as a real process: --json prints exactly the summary, a bad row exits 1, --dry-run writes nothing. */
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

describe('tillit import training', () => {
  it('imports a per-person report with --year and --json, refuses completed over employees with exit 1, and a dry run writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'training-cli-'));
    const persons = join(dir, 'anvandarrapport.csv');
    writeFileSync(persons, 'Namn;E-post;Kurs;Slutförd\r\nAnna A;anna@example.se;Dataskydd (e-utbildning);2025-02-01\r\nBo B;bo@example.se;Dataskydd (e-utbildning);Ej påbörjad\r\n');
    const r = await cli.tillit(['import', 'training', persons, '--org', 'hv', '--year', '2025', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ created: 1, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(out.warnings.join('\n')).toContain('"Namn", "E-post"');
    expect(r.stdout).not.toContain('anna@');
    expect(await cli.count('training_completions')).toBe(1);

    const bad = join(dir, 'sammanstallning.csv');
    writeFileSync(bad, 'Enhet;Kurs;År;Anställda;Genomförda\r\n;Informationssäkerhet (e-utbildning);2025;10;12\r\n');
    const b = await cli.tillit(['import', 'training', bad, '--org', 'hv']);
    expect(b.code).toBe(1);
    expect(b.stdout).toContain('rad/line 2, kolumn/column "Genomförda"');
    expect(await cli.count('training_completions')).toBe(1);

    const good = join(dir, 'rattad.csv');
    writeFileSync(good, 'Enhet;Kurs;År;Anställda;Genomförda\r\n;Informationssäkerhet (e-utbildning);2025;10;9\r\n');
    const dry = await cli.tillit(['import', 'training', good, '--org', 'hv', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('skapade/created: 1');
    expect(dry.stdout).toContain('Provkörning');
    expect(await cli.count('training_completions')).toBe(1);
  }, 120_000);
});
