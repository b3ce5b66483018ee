import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness';
import { incidentFigures } from '../stats';
import { eq } from 'drizzle-orm';
import { orgs } from '../../org/table';
import { csv, ensureCity, freshOrg, runImport, stored } from './testkit';

// An IA export's "fel mottagare" was its own category beside the list's "Fel mottagare": counted apart in the
// statistics and not found by the list's filter. A Kategori naming a listed category is stored in the list's spelling.
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await ensureCity(t);
});
afterAll(() => t.close());

describe('imported Kategori', () => {
  it('takes the spelling of the category list for a name that differs only in case or spacing, and keeps others as written', async () => {
    const o = await freshOrg(t);
    const rows = [
      ['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status', 'Kategori'],
      ['IA-1', 'Mejl till fel person', '2025-03-01', 'Klar', 'fel mottagare'],
      ['IA-2', 'Lösenordsmejl', '2025-03-02', 'Klar', 'NÄTFISKE'],
      ['IA-3', 'Ringde och frågade', '2025-03-03', 'Klar', 'Övrigt'],
      ['IA-4', 'Mejl till fel avdelning', '2025-03-04', 'Klar', '"Fel  mottagare "'],
    ];
    const r = await runImport(t, csv(rows), { org: o.slug });
    expect(r.failed, JSON.stringify(r)).toBeFalsy();
    const byId = Object.fromEntries((await stored(t, o.id)).map((i) => [i.externalId, i.category]));
    expect(byId).toEqual({ 'IA-1': 'Fel mottagare', 'IA-2': 'Nätfiske', 'IA-3': 'Övrigt', 'IA-4': 'Fel mottagare' });
    const [org] = await t.database.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, o.id));
    const f = await incidentFigures(t.database.db, org.path, 2025);
    expect(f.byCategory).toEqual({ 'Fel mottagare': 2, 'Nätfiske': 1, 'Övrigt': 1 });
  });

});
