/**
 * The start page's risk items open lists that show what they count: overdue åtgärder (whatever VoR year they belong
 * to, once each when carried into the next year) and register risks due for review, for one who reads separate trees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRole, userWithRoles, type TestServer } from '../../test/harness';
import { stockholmDate } from '../../server/platform/time';

let t: TestServer;
let isamA: Client;
let isamB: Client;
let twoTrees: Client;

const shift = (days: number) => {
  const d = new Date(`${stockholmDate()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const lastYear = Number(stockholmDate().slice(0, 4)) - 1;

interface Item { id: string; title: string; dueDate: string | null; status: string; overdue: boolean; carriedFromId: string | null; source: { label: string; org: { slug: string } } }
interface Attention { key: string; count: number; link: string }

const attention = async (c: Client, key: string): Promise<Attention | undefined> => {
  const r = await c.get('/api/attention');
  expect(r.status).toBe(200);
  return (r.body.items as Attention[]).find((i) => i.key === key);
};

/** What the page at `link` asks the API for: the list of the organisation the link names (?org=), with its filters. */
function queryOf(link: string, fallbackOrg: string): URLSearchParams {
  const q = new URLSearchParams(link.split('?')[1]);
  if (!q.get('org')) q.set('org', fallbackOrg);
  return q;
}

async function overdueActions(c: Client, org: string, status = 'open'): Promise<Item[]> {
  const r = await c.get(`/api/risks/actions?org=${org}&status=${status}&overdue=true`);
  expect(r.status).toBe(200);
  return r.body.items as Item[];
}

async function vorWithEvent(c: Client, org: string, year: number) {
  const v = await c.post('/api/risks/vor', { org, year });
  expect(v.status).toBe(201);
  const e = await c.post(`/api/risks/vor/${v.body.id}/events`, { arbetssattId: v.body.processes[0].arbetssatt[0].id, title: 'Obehörig åtkomst', sannolikhet: 3, konsekvens: 3 });
  expect(e.status).toBe(201);
  return { vorId: v.body.id as string, eventId: e.body.id as string };
}

async function action(c: Client, parentType: string, parentId: string, title: string, dueDate: string | null, status = 'planerad') {
  const r = await c.post('/api/risks/actions', { parentType, parentId, title, dueDate, status });
  expect(r.status, title).toBe(201);
}

async function risk(c: Client, org: string, title: string, reviewDate: string) {
  const r = await c.post('/api/risks/register', { org, title, sourceType: 'manual', reviewDate, inherent: { sannolikhet: 2, konsekvens: 3 } });
  expect(r.status, title).toBe(201);
  return r.body.id as string;
}

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['avd-a1', 'avdelning', 'forv-a'], ['forv-b', 'forvaltning', 'stad'], ['avd-b1', 'avdelning', 'forv-b']]);
  isamA = await userWithRole(t, 'isam-a@test.se', 'isam', 'forv-a');
  isamB = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  // Reads two separate trees, as the DSO of a samverkansgrupp does; the header selects forv-a, the first.
  twoTrees = (await userWithRoles(t, 'dso@test.se', [{ role: 'lasare', org: 'forv-a' }, { role: 'lasare', org: 'forv-b' }])).client;
});
afterAll(() => t.close());

describe('start page: overdue risk actions', () => {
  it('keeps last year\'s open åtgärder listed and counted once next year\'s VoR is created, and the link opens them all', async () => {
    const { eventId } = await vorWithEvent(isamA, 'forv-a', lastYear);
    await action(isamA, 'vor_event', eventId, 'a1 vor late', shift(-30));
    await action(isamA, 'vor_event', eventId, 'a2 vor done late', shift(-30), 'klar');
    await action(isamA, 'vor_event', eventId, 'a3 vor soon', shift(10));
    const riskId = await risk(isamA, 'avd-a1', 'Artvise nere', shift(100));
    await action(isamA, 'risk', riskId, 'a4 risk late', shift(-1), 'pagar');

    const check = async () => {
      const item = await attention(isamA, 'risks.overdue-actions');
      expect(item?.count).toBe(2);
      const listed = await overdueActions(isamA, queryOf(item!.link, 'forv-a').get('org')!);
      expect(listed.map((i) => i.title)).toEqual(['a1 vor late', 'a4 risk late']);
      expect(listed.length).toBe(item!.count);
      expect(listed[0].source.label).toBe(`VoR ${lastYear} – FORV-A`);
      expect(item?.link).toBe('/risker/atgarder?forsenade=1&org=forv-a');
    };
    await check();
    // "Skapa VoR" for the next year: an empty draft. Last year's unfinished åtgärd neither vanishes nor is counted apart.
    expect((await isamA.post('/api/risks/vor', { org: 'forv-a', year: lastYear + 1 })).status).toBe(201);
    await check();
    // Open åtgärder (not only overdue) of last year stay too; a finished one leaves them.
    const open = (await isamA.get('/api/risks/actions?org=forv-a&status=open')).body.items as Item[];
    expect(open.map((i) => i.title)).toEqual(['a1 vor late', 'a4 risk late', 'a3 vor soon']);
  });

  it('counts and lists an åtgärd carried into next year\'s VoR once, where it was carried', async () => {
    const { vorId, eventId } = await vorWithEvent(isamB, 'forv-b', lastYear);
    await action(isamB, 'vor_event', eventId, 'b1 vor late', shift(-20), 'pagar');
    await action(isamB, 'vor_event', eventId, 'b2 vor done', shift(-20), 'klar');
    const next = await isamB.post(`/api/risks/vor/${vorId}/next-year`);
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ actionsCarried: 1, actionsLeftBehind: 1 });

    const item = await attention(isamB, 'risks.overdue-actions');
    expect(item?.count).toBe(1);
    expect(item?.link).toBe('/risker/atgarder?forsenade=1&org=forv-b');
    const listed = await overdueActions(isamB, 'forv-b');
    expect(listed.map((i) => [i.title, i.source.label, i.carriedFromId !== null])).toEqual([['b1 vor late', `VoR ${lastYear + 1} – FORV-B`, true]]);
    // Every åtgärd once: the carried one in the new year, the finished one in the year it was finished.
    const all = (await isamB.get('/api/risks/actions?org=forv-b&status=all')).body.items as Item[];
    expect(all.map((i) => [i.title, i.source.label])).toEqual([['b1 vor late', `VoR ${lastYear + 1} – FORV-B`], ['b2 vor done', `VoR ${lastYear} – FORV-B`]]);
  });

  it('opens the åtgärder of two separate trees on all of the person\'s organisations, as counted', async () => {
    // Manages forv-a and forv-b, not the city above them: no one organisation covers what is counted.
    const both = (await userWithRoles(t, 'isam-ab@test.se', [{ role: 'isam', org: 'forv-a' }, { role: 'isam', org: 'forv-b' }])).client;
    const item = await attention(both, 'risks.overdue-actions');
    expect(item?.link).toBe('/risker/atgarder?forsenade=1&alla=1');
    const perTree = [...(await overdueActions(both, 'forv-a')), ...(await overdueActions(both, 'forv-b'))];
    expect(perTree.map((i) => i.source.org.slug)).toEqual(expect.arrayContaining(['forv-a', 'forv-b']));
    // The page asks without an org: every organisation the person reads, the count's åtgärder exactly, soonest due first.
    const r = await both.get('/api/risks/actions?status=open&overdue=true');
    expect(r.status).toBe(200);
    const listed = r.body.items as Item[];
    expect(listed.length).toBe(item!.count);
    expect(listed.map((i) => i.id).sort()).toEqual(perTree.map((i) => i.id).sort());
    expect(listed.map((i) => i.dueDate)).toEqual([...listed.map((i) => i.dueDate)].sort());
    // One who reads only forv-a gets forv-a's alone without an org.
    const onlyA = (await isamA.get('/api/risks/actions?status=open&overdue=true')).body.items as Item[];
    expect(onlyA.length).toBeGreaterThan(0);
    expect(onlyA.every((i) => i.source.org.slug === 'forv-a' || i.source.org.slug === 'avd-a1')).toBe(true);
  });
});

describe('start page: register risks due for review', () => {
  it('links one who reads several trees to the organisation holding what is counted', async () => {
    expect(await attention(twoTrees, 'risks.overdue-risk-reviews')).toBeUndefined();
    await risk(isamB, 'avd-b1', 'Leverantör utan avtal', shift(-5));
    const register = async (link: string) => {
      const q = queryOf(link, 'forv-a');
      const r = await twoTrees.get(`/api/risks/register?${q.toString()}`);
      expect(r.status).toBe(200);
      return r.body as { total: number; items: { title: string }[] };
    };

    let item = await attention(twoTrees, 'risks.overdue-risk-reviews');
    expect(item).toMatchObject({ count: 1, link: '/risker/register?reviewOverdue=true&org=avd-b1' });
    expect((await register(item!.link)).items.map((r) => r.title)).toEqual(['Leverantör utan avtal']);

    // Two organisations of one tree: the link names the one above both that the person reads.
    await risk(isamB, 'forv-b', 'Gammal klassning', shift(-40));
    item = await attention(twoTrees, 'risks.overdue-risk-reviews');
    expect(item).toMatchObject({ count: 2, link: '/risker/register?reviewOverdue=true&org=forv-b' });
    expect((await register(item!.link)).total).toBe(2);
  });
});
