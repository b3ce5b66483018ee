/**
 * The register imports' commands (`tillit import vor|objects|privacy|suppliers|training`) as the CLI runs them (in this
 * process: runCli), against one database: --json prints exactly the summary, a refused row exits 1 with nothing written,
 * a re-import or dry run changes nothing. importCommand's own refusals are checked once, in the VoR's block.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase, type CliDatabase } from '../test/cli-process';

let cli: CliDatabase;
beforeAll(async () => {
  cli = await cliDatabase();
}, 120_000);
afterAll(() => cli.drop());
const tillit = (args: string[]) => cli.tillit(args);
const eventCount = () => cli.count('vor_events');

/**
 * The steps the register commands share: `good` (CSV) imports with --json printing exactly `created` new rows in
 * `table`; `bad` is refused with exit 1, its one rejected row named at `error`, and nothing written; `good` again
 * (with `againArgs`) leaves every row unchanged. Returns the output of that last run.
 */
async function importRefuseAgain(o: {
  command: string; table: string; good: string; created: number; bad: string; error: { line: number; column: string };
  beforeBad?: (bad: string) => Promise<void>; againArgs?: string[];
}) {
  const dir = mkdtempSync(join(tmpdir(), `${o.command}-cli-`));
  const good = join(dir, 'good.csv');
  writeFileSync(good, o.good);
  const r = await cli.tillit(['import', o.command, good, '--org', 'hv', '--json']);
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({ created: o.created, updated: 0, unchanged: 0, rejected: 0, errors: [], warnings: [] });
  expect(await cli.count(o.table)).toBe(o.created);

  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, o.bad);
  await o.beforeBad?.(bad);
  const b = await cli.tillit(['import', o.command, bad, '--org', 'hv', '--json']);
  expect(b.code).toBe(1);
  expect(JSON.parse(b.stdout)).toMatchObject({ created: 0, updated: 0, rejected: 1, errors: [o.error] });
  expect(await cli.count(o.table)).toBe(o.created);

  const again = await cli.tillit(['import', o.command, good, '--org', 'hv', ...(o.againArgs ?? [])]);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain(`oförändrade/unchanged: ${o.created}`);
  return again;
}

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
    // An edited row: --json and the human output name the changed column and the event.
    const edited = join(dir, 'edited.csv');
    writeFileSync(edited, 'Arbetssätt;Händelse;Sannolikhet;Konsekvens\r\nIncidenthantering;Incidenter anmäls inte;Möjlig;Kännbar\r\n');
    const dry = await tillit(['import', 'vor', edited, '--org', 'hv', '--year', '2025', '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout)).toMatchObject({ updated: 1, changes: [{ column: 'Konsekvens', count: 1, examples: ['Incidenter anmäls inte'] }] });
    const human = await tillit(['import', 'vor', edited, '--org', 'hv', '--year', '2025']);
    expect(human.stdout).toContain('de uppdaterade ändrar/the updated change: Konsekvens 1 (Incidenter anmäls inte)');
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

describe('tillit import objects', () => {
  it('imports with --json printing exactly the summary, refuses a bad level with exit 1 and nothing written, and is idempotent', async () => {
    await importRefuseAgain({
      command: 'objects', table: 'digital_objects', created: 2,
      good: 'Objekt;Objektägare;Lokal klassning;Lokal klassning datum;K;R;T;S\r\nProcapita;Socialchef;Klar;2025-02-01;3;2;2;1\r\nDiariet;;Pågår;;;;;\r\n',
      bad: 'Objekt;K\r\nNytt;1\r\nProcapita;7\r\n', error: { line: 3, column: 'K' },
    });
  }, 120_000);
});

describe('tillit import privacy', () => {
  it('imports with --json printing exactly the summary, refuses a bad legal basis with exit 1 and nothing written, and is idempotent', async () => {
    await importRefuseAgain({
      command: 'privacy', table: 'processing_activities', created: 2,
      good: 'Behandling;Ändamål;Rättslig grund;Kategorier av registrerade\r\nFörsörjningsstöd;Utreda och betala ut;Art. 6.1 e;"Sökande; Barn"\r\nNyhetsbrev;Utskick;samtycke;Prenumeranter\r\n',
      bad: 'Behandling;Rättslig grund\r\nNy;c\r\nNyhetsbrev;6.1 g\r\n', error: { line: 3, column: 'Rättslig grund' },
      beforeBad: async (bad) => {
        const dry = await cli.tillit(['import', 'privacy', bad, '--org', 'hv', '--dry-run', '--skip-invalid', '--json']);
        expect(dry.code).toBe(0);
        expect(JSON.parse(dry.stdout)).toMatchObject({ created: 1, rejected: 1 });
      },
    });
  }, 120_000);
});

describe('tillit import suppliers', () => {
  it('imports with --json printing exactly the summary, refuses a bad organisation number with exit 1 and nothing written, and is idempotent', async () => {
    const again = await importRefuseAgain({
      command: 'suppliers', table: 'suppliers', created: 2,
      good: 'Leverantör;Organisationsnummer;PUB-avtal;PUB-avtal tecknat;Underleverantörer\r\nCGI;556036-0793;Ja;2024-01-10;Datacenter AB (Sverige, utan avtal)\r\nStädbolaget;;Ej tillämpligt;;\r\n',
      bad: 'Leverantör;Org.nr\r\nNy;\r\nCGI;556036-0790\r\n', error: { line: 3, column: 'Org.nr' }, againArgs: ['--dry-run'],
    });
    expect(again.stdout).toContain('Provkörning');
  }, 120_000);
});

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
