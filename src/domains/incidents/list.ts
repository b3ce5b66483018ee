import { and, eq, isNull, not, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { escapeLike } from '../../server/platform/authz';
import { badRequest } from '../../server/platform/errors';
import { findOrg, orgNotFound } from '../org/service';
import { orgs } from '../org/table';
import type { CountQuery, IncidentListItem, ListQuery } from './contract';
import { overdueSql, toListItem, type ListRow } from './dto';
import { auditProtectedSearch, listViewOf } from './access';
import { loadListRows } from './page';
import { incidentBreaches, incidents } from './table';
import { yearRange } from '../../server/platform/time';
import { executePrepared } from '../../server/platform/db';
import { isStatus } from './transitions';
import { namedBy, plainWords, searchIsRare, textMatches, wordQuery, wordsAreRare } from './search-words';
import { UUID_RE } from '../../server/platform/uuid7';
import { afterSortCursor, columnSort, cursorRow, encodeSortCursor, invalidCursor, sortOrder, type ColumnSort } from './sort';

/** The list's filters without its page: what the export and the count answer for too. */
type Filters = CountQuery;

/** The caller's incidents: incident.read on the org's subtree, plus what they reported themselves. */
export function readScope(ctx: Ctx): SQL {
  const own = ctx.principal ? sql`${incidents.reporterId} = ${ctx.principal.userId}` : sql`false`;
  return sql`(${ctx.authz.scopeSql('incident.read', orgs.path)} or ${own})`;
}

/**
 * Personal data breaches whose art. 33.5 record is (or is not) marked documented (breach.ts). Index-free: a probe of
 * incident_breaches' primary key per breach the list walks, and breaches are few.
 */
export function breachDocumentedSql(documented: boolean): SQL {
  const record = sql`exists (select 1 from ${incidentBreaches} b where b.incident_id = ${incidents.id} and b.documented_at is not null)`;
  return sql`((${incidents.personalData} = 'ja' or ${incidents.kind} = 'Personuppgiftsincident') and ${documented ? record : sql`not ${record}`})`;
}

/** Lists need incident.read somewhere, or incident.report (then: one's own reports). */
export function requireListAccess(ctx: Ctx): void {
  if (!ctx.authz.hasAnywhere('incident.read')) ctx.authz.require('incident.report');
}


/** WHERE conditions for a list or export query; shared so the list, its export and its counts agree. */
export async function listConditions(ctx: Ctx, q: Filters, now: Date): Promise<SQL[]> {
  const { conds } = await filterConditions(ctx, q, now);
  if (q.org) {
    const org = await findOrg(ctx.db, q.org);
    orgAccess(ctx, q.org, org.path);
    conds.push(sql`${orgs.path} like ${escapeLike(org.path) + '%'}`);
  }
  return [readScope(ctx), ...conds];
}

/** Whether the caller reads all of the org asked for (else: only their own reports there); 404 when neither. */
function orgAccess(ctx: Ctx, slug: string, path: string): boolean {
  const readable = ctx.authz.can('incident.read', path);
  if (!readable && !ctx.authz.can('incident.report', path)) {
    throw orgNotFound(slug);
  }
  return readable;
}

/**
 * The filters without the read scope and the org asked for. `perOrgConds`: the same for one organisation's
 * index range (perOrgPage), where the status is a plain condition. `readsOrgPath`: a condition refers to
 * orgs.path (the search's protected-text rule), so the query must join orgs.
 */
async function filterConditions(ctx: Ctx, q: Filters, now: Date, known?: Known): Promise<Conditions> {
  const conds: SQL[] = [];
  const perOrgConds: SQL[] = [];
  let readsOrgPath = false;
  if (q.status) {
    const list = q.status.split(',').map((s) => s.trim()).filter(Boolean);
    // Only commas and spaces: no status at all, which would be an empty "in ()" (a syntax error, answered 500).
    if (list.length === 0) {
      throw badRequest('invalid_status', { sv: 'Ange minst en status (kommaseparerade).', en: 'Give at least one status (comma-separated).' }, 'status');
    }
    const bad = list.find((s) => !isStatus(s));
    if (bad !== undefined) {
      throw badRequest('invalid_status', { sv: `Okänd status "${bad}".`, en: `Unknown status "${bad}".` }, 'status');
    }
    const values = sql.join(list.map((s) => sql`${s}`), sql`, `);
    // Over many organisations, written as an expression on purpose: the planner then walks reported_at newest
    // first and checks the status in the index tuple, stopping after the page, instead of collecting every match
    // of the status over the years and sorting (open statuses are recent; 22 ms → 3 ms for a förvaltning at
    // 1,000,000 incidents). Within one organisation's range (org_id, reported_at, id, status, …) the walk is
    // given, and a plain condition is checked inside the index (0.9 → 0.6 ms for a rare status over 25 orgs).
    conds.push(sql`(${incidents.status} || '') in (${values})`);
    perOrgConds.push(sql`${incidents.status} in (${values})`);
  }
  const add = (c: SQL) => { conds.push(c); perOrgConds.push(c); };
  if (q.kind) add(eq(incidents.kind, q.kind));
  if (q.category) add(eq(incidents.category, q.category));
  if (q.year) {
    const [from, to] = yearRange(q.year);
    add(sql`${incidents.reportedAt} >= ${from.toISOString()} and ${incidents.reportedAt} < ${to.toISOString()}`);
  }
  if (q.sinceYear) add(sql`${incidents.reportedAt} >= ${yearRange(q.sinceYear)[0].toISOString()}`);
  if (q.personalData === 'breach') add(sql`(${incidents.personalData} = 'ja' or ${incidents.kind} = 'Personuppgiftsincident')`);
  else if (q.personalData) add(eq(incidents.personalData, q.personalData));
  if (q.breachDocumented) add(breachDocumentedSql(q.breachDocumented === 'true'));
  // One who reads no organisation's incidents is shown no overdue flag on their own reports (it follows from the
  // handlers' assessment and actions): the filter answers as the flag shows, none overdue, and tells nothing more.
  const reporterOnly = !ctx.authz.hasAnywhere('incident.read');
  if (q.overdue === 'true') add(reporterOnly ? sql`false` : overdueSql(now));
  if (q.overdue === 'false' && !reporterOnly) add(not(overdueSql(now)));
  // Written out, not a parameter: a prepared plan may then use the partial index on protected records.
  if (q.protected) add(q.protected === 'true' ? sql`${incidents.protectedIdentity}` : sql`not ${incidents.protectedIdentity}`);
  if (q.handler === 'none') add(isNull(incidents.handlerId));
  else if (q.handler === 'me') add(eq(incidents.handlerId, ctx.principal?.userId ?? '00000000-0000-0000-0000-000000000000'));
  else if (q.handler) add(eq(incidents.handlerId, q.handler));
  if (q.reporter === 'me') add(eq(incidents.reporterId, ctx.principal?.userId ?? '00000000-0000-0000-0000-000000000000'));
  const unsearched = [...perOrgConds];
  let search: WordSearch | undefined;
  if (q.q?.trim()) {
    // Plain words are prefixes too, so a word finds the Swedish compounds it begins ("nätfiske" finds
    // "Nätfiskeförsök", which the stemmer keeps whole); quotes, "-" or "or" keep the web-search syntax.
    const words = plainWords(q.q);
    const query = words ? wordQuery(words) : sql`websearch_to_tsquery('swedish', ${q.q.trim()})`;
    // Protected descriptions are searchable only by those who may read them; for others a protected record is
    // matched on its title alone, so that no query (a negated word, a phrase) can test words of its description.
    // One who reads them everywhere the list can show (the org asked for, or everywhere) needs no such rule, and the
    // list's walk then stays within its index instead of reading every incident's title (113,000 incidents: 0.3 s).
    // The org's path and the words' rarity: from the list's search prelude, else asked here at the same time.
    const [orgPath, rare] = known
      ? [known.orgPath, known.rare]
      : await Promise.all([
        !ctx.authz.global('incident.protected') && q.org ? findOrg(ctx.db, q.org).then((o) => o.path) : undefined,
        words ? searchIsRare(ctx, words) : false,
      ]);
    const readsAll = ctx.authz.global('incident.protected') || (orgPath !== undefined && ctx.authz.can('incident.protected', orgPath));
    const mayRead = ctx.authz.scopeSql('incident.protected', orgs.path);
    const text = textMatches(query, rare);
    if (words) search = { query, rare, readsAll };
    add(or(
      readsAll ? text : and(text, or(not(incidents.protectedIdentity), mayRead)),
      readsAll ? undefined : and(incidents.protectedIdentity, not(mayRead), sql`to_tsvector('swedish', ${incidents.title}) @@ ${query}`),
      sql`${incidents.id} in (select x.id from ${incidents} x where ${namedBy(q.q)})`,
    )!);
    readsOrgPath = !readsAll;
  }
  return { conds, perOrgConds, readsOrgPath, search, unsearched };
}

/**
 * A search for plain words, which the list answers by one of two plans (searchPage). `readsAll`: the caller reads
 * protected records in all of the org asked for.
 */
interface WordSearch { query: SQL; rare: boolean; readsAll: boolean }

/** What filterConditions would look up, when the caller knows it already: the org's path and whether the words are rare. */
interface Known { orgPath?: string; rare: boolean }

interface Conditions {
  conds: SQL[];
  perOrgConds: SQL[];
  readsOrgPath: boolean;
  /** Set for a search for plain words. */
  search?: WordSearch;
  /** perOrgConds without the search. */
  unsearched: SQL[];
}

interface Cursor { r: string; id: string }
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.r, c.id])).toString('base64url');
/** Only what encodeCursor writes (sort.ts cursorRow); a column order's cursor is refused here too. */
function decodeCursor(s: string): Cursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const [r, id] = Array.isArray(parts) && parts.length === 2 ? parts : [];
  if (!cursorRow(r, id)) throw invalidCursor();
  return { r, id: id as string };
}

/** Up to this many organisations in the subtree, the page is merged from one index range per organisation. */
const PER_ORG_MAX = 100;

/**
 * A page's LIMIT (its size and one more, to tell whether there is a next page) written into the statement: with
 * a parameter there, PostgreSQL plans a prepared statement's generic plan for a tenth of the rows, finds it dearer
 * than the plans made for each run, and keeps planning every run (a search over 25 organisations: 5 → 2 ms).
 */
const limitOf = (page: Page) => sql.raw(String(Math.trunc(page.limit) + 1));

/** One page's shape: size, direction, the filters for one organisation's range (with the cursor), and whether they read orgs.path. */
interface Page { limit: number; ascending: boolean; filters: SQL; readsOrgPath: boolean }

/**
 * "The page's ids are the newest limit+1 of the newest limit+1 per organisation": `orgIds` is a uuid[]
 * expression (NULL or empty: no rows). `own` adds the caller's own reports outside those organisations.
 */
function perOrgPage(page: Page, orgIds: SQL, own?: string): SQL {
  const dir = sql.raw(page.ascending ? 'asc' : 'desc');
  const n = limitOf(page);
  const from = page.readsOrgPath ? sql`${incidents} inner join ${orgs} on ${orgs.id} = ${incidents.orgId}` : sql`${incidents}`;
  const perOrg = sql`select x.id, x.reported_at from unnest(${orgIds}) as s(org_id) cross join lateral (
      select ${incidents.id} as id, ${incidents.reportedAt} as reported_at from ${from}
      where ${incidents.orgId} = s.org_id and ${page.filters} order by ${incidents.reportedAt} ${dir}, ${incidents.id} ${dir} limit ${n}) x`;
  const ownPart = own
    ? sql` union all (select ${incidents.id}, ${incidents.reportedAt} from ${from}
      where ${incidents.reporterId} = ${own} and not (${incidents.orgId} = any(${orgIds})) and ${page.filters}
      order by ${incidents.reportedAt} ${dir}, ${incidents.id} ${dir} limit ${n})`
    : sql``;
  return sql`${incidents.id} = any(array(select k.id from ((${perOrg})${ownPart}) k order by k.reported_at ${dir}, k.id ${dir} limit ${n}))`;
}

/**
 * The ids of the org asked for and its subtree as one uuid[] expression, NULL unless the caller reads all of
 * it (incident.read, the same rule as Authz.can) and it has at most PER_ORG_MAX organisations.
 */
function readableSubtreeIds(ctx: Ctx, org: string): SQL {
  const prefix = subtreePrefix(org, ctx.authz.scopeSql('incident.read', sql.raw('root.path')));
  return sql`(select case when count(*) <= ${PER_ORG_MAX} then array_agg(sub.id) end from ${orgs} sub where sub.path like ${prefix})`;
}

/**
 * The path of the org `org` (slug or id) as a LIKE prefix (escaped), worked out once by the statement; NULL when there
 * is no such org, or `when` (on root.path) is false. `path like` it is one cheap pass over orgs: comparing each path
 * with the root's as a join took twice as long (501 organisations: 0.74 against 0.38 ms a statement).
 */
function subtreePrefix(org: string, when?: SQL): SQL {
  return sql`(select replace(replace(replace(root.path, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' from ${orgs} root
    where ${sql.raw(UUID_RE.test(org) ? 'root.id' : 'root.slug')} = ${org}${when ? sql` and ${when}` : sql``})`;
}

const uuidArray = (ids: string[]) => sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;

/**
 * The list: newest reported first (or oldest with sort=reported), keyset-paged on (reported_at, id).
 * Protected records show no description here (open the record: that read is audited).
 *
 * Speed (1,000,000 incidents): a subtree is a set of organisations, and "newest first within these
 * organisations" is answered from the index (org_id, reported_at, id): for each organisation the newest
 * limit+1 matching rows (one short index range each), then the newest limit+1 of those; the page's rows are
 * then loaded by id. No count(*). Large subtrees (a whole city) scan reported_at instead, which is selective
 * enough there. Own reports outside the read scope (incident.report) come from (reporter_id, reported_at).
 * With an org the caller reads, the org, its subtree, the read check and the page are one query (one round
 * trip); when that finds nothing (unknown org, only incident.report there, a large subtree, an empty page)
 * the general way below answers, with its 404.
 */
export async function listIncidents(ctx: Ctx, q: ListQuery, now = new Date()): Promise<{ items: IncidentListItem[]; nextCursor: string | null }> {
  requireListAccess(ctx);
  const byColumn = columnSort(q.sort);
  if (byColumn) return sortedList(ctx, q, byColumn, now);
  const prelude = await searchPrelude(ctx, q);
  const { conds, perOrgConds, readsOrgPath, search, unsearched } = await filterConditions(ctx, q, now, prelude && { orgPath: prelude.scope.subtreePath, rare: prelude.rare });
  const ascending = q.sort === 'reported';
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const after = ascending
      ? sql`(${incidents.reportedAt}, ${incidents.id}) > (${c.r}::timestamptz, ${c.id}::uuid)`
      : sql`(${incidents.reportedAt}, ${incidents.id}) < (${c.r}::timestamptz, ${c.id}::uuid)`;
    conds.push(after);
    perOrgConds.push(after);
    unsearched.push(after);
  }
  const page: Page = { limit: q.limit ?? 50, ascending, filters: perOrgConds.length ? and(...perOrgConds)! : sql`true`, readsOrgPath };
  const load = (where: SQL, joinOrgs: boolean, prepared = false) => loadListRows(ctx.db, now, { where, joinOrgs, ascending, limit: page.limit + 1, prepared });

  let rows: ListRow[] = [];
  const searched = search && prelude ? await searchPage(ctx, page, search, unsearched, prelude) : undefined;
  if (searched) rows = await load(searched.sql, searched.joinsOrgs, true);
  else {
    if (q.org && ctx.authz.hasAnywhere('incident.read')) rows = await load(perOrgPage(page, readableSubtreeIds(ctx, q.org)), false, true);
    if (rows.length === 0) {
      const where = await generalWhere(ctx, q, page, conds);
      rows = await load(where.sql, where.joinsOrgs);
    }
  }
  return answer(ctx, q, rows, page.limit, now, (last) => encodeCursor({ r: last.i.reportedAt.toISOString(), id: last.i.id }));
}

/** A page's answer: its rows (the search's protected finds audited), and the cursor of the last when there are more. */
async function answer(ctx: Ctx, q: ListQuery, rows: ListRow[], limit: number, now: Date, cursorOf: (last: ListRow) => string) {
  const items = rows.slice(0, limit);
  if (q.q?.trim()) await auditProtectedSearch(ctx, q.q.trim(), items);
  const staff = listViewOf(ctx);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => toListItem(r, now, staff(r))),
    nextCursor: rows.length > limit && last ? cursorOf(last) : null,
  };
}

/**
 * The list sorted by a column (sort.ts): the list's own conditions (the read scope, the org's subtree with its 404,
 * the filters and the search, as the export and the count use them), ordered by the column's key.
 */
async function sortedList(ctx: Ctx, q: ListQuery, s: ColumnSort, now: Date) {
  const conds = await listConditions(ctx, q, now);
  if (q.cursor) conds.push(afterSortCursor(s, q.cursor));
  const limit = q.limit ?? 50;
  const order = sortOrder(s);
  const rows = await loadListRows(ctx.db, now, { where: and(...conds)!, joinOrgs: true, ascending: s.ascending, limit: limit + 1, order });
  return answer(ctx, q, rows, limit, now, (last) => encodeSortCursor(s.column, last.sortKey, last.i.reportedAt, last.i.id));
}

/** The organisations a page reads (pageOrgs). */
interface PageOrgs {
  /** The organisations whose incidents the caller reads here, with their paths; null: too many to list (all, or every one under a root). */
  orgs: { id: string; path: string }[] | null;
  /** Own reports outside those organisations count too (listing without an org: the caller's whole view). */
  ownUser?: string;
  /** The org asked for: the shortest path of its subtree. */
  subtreePath?: string;
}

/**
 * The organisations of a page: the subtree of the org asked for (404 when there is none, or the caller may neither
 * read nor report there) when the caller reads all of it, else those of the caller's read scope.
 */
async function pageOrgs(ctx: Ctx, q: ListQuery, fetched?: { id: string; path: string }[]): Promise<PageOrgs> {
  // The org asked for and its subtree's ids in one round trip (404 from findOrg when there is none); `fetched`: the
  // subtree as the search prelude read it.
  let subtree: { id: string; path: string }[] | undefined;
  let subtreePath: string | undefined;
  let readable = false;
  if (q.org) {
    subtree = fetched ?? ((await executePrepared(ctx.db, sql`select o.id, o.path from ${subtreeOf(q.org)}`)) as { id: string; path: string }[]);
    if (subtree.length === 0) await findOrg(ctx.db, q.org);
    subtreePath = subtree.reduce((a, b) => (b.path.length < a.path.length ? b : a)).path;
    readable = orgAccess(ctx, q.org, subtreePath);
  }
  // The organisations whose incidents the caller reads here: the subtree asked for (when all readable), else the read scope.
  const scope = ctx.authz.scope('incident.read');
  const roots = subtreePath !== undefined ? (readable ? [subtreePath] : null) : scope === 'all' ? null : scope;
  let list: { id: string; path: string }[] | null = null;
  if (subtree && readable) list = subtree;
  else if (roots && roots.length > 0) {
    list = await ctx.db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(or(...roots.map((r) => sql`${orgs.path} like ${escapeLike(r) + '%'}`)));
  } else if (roots) list = [];
  return { orgs: list, ownUser: subtreePath === undefined ? ctx.principal?.userId : undefined, subtreePath };
}

/** FROM the organisations of the org `org` (slug or id) and its subtree, as `o`, with its WHERE. */
const subtreeOf = (org: string) => sql`${orgs} o where o.path like ${subtreePrefix(org)}`;

/** The page's condition when the one-query way does not apply: the org's subtree looked up first, or the read scope. */
async function generalWhere(ctx: Ctx, q: ListQuery, page: Page, conds: SQL[]): Promise<{ sql: SQL; joinsOrgs: boolean }> {
  const { orgs: list, ownUser, subtreePath } = await pageOrgs(ctx, q);
  const orgIds = list?.map((o) => o.id) ?? null;
  if (orgIds && orgIds.length > 0 && orgIds.length <= PER_ORG_MAX) return { sql: perOrgPage(page, uuidArray(orgIds), ownUser), joinsOrgs: false };
  if (orgIds) {
    const inScope = orgIds.length ? sql`${incidents.orgId} = any(${uuidArray(orgIds)})` : sql`false`;
    return { sql: and(ownUser ? sql`(${inScope} or ${incidents.reporterId} = ${ownUser})` : inScope, ...conds)!, joinsOrgs: page.readsOrgPath };
  }
  return { sql: and(readScope(ctx), ...conds, ...(subtreePath !== undefined ? [sql`${orgs.path} like ${escapeLike(subtreePath) + '%'}`] : []))!, joinsOrgs: true };
}

/** A list of ids as one uuid[] parameter, so a statement's text does not depend on how many there are. */
const uuidParam = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** What a search page needs to know first (searchPage), read in one round trip before the filters are worked out. */
interface SearchPrelude {
  scope: PageOrgs;
  /** Incidents whose texts wait for the indexer. */
  pending: string[];
  /** Incidents the word names by Ärende-ID or number (namedBy). */
  extra: string[];
  rare: boolean;
}

/**
 * For a search for plain words: the subtree of the org asked for, the texts waiting for the indexer, the incidents
 * the word names and whether the words are rare, in one statement (a round trip costs as much as the page's own query here).
 */
async function searchPrelude(ctx: Ctx, q: ListQuery): Promise<SearchPrelude | undefined> {
  const words = plainWords(q.q);
  if (!words) return undefined;
  const [r] = (await executePrepared(ctx.db, sql`select
    ${q.org ? sql`(select json_agg(json_build_object('id', o.id, 'path', o.path)) from ${subtreeOf(q.org)})` : sql`null`} as subtree,
    (select array_agg(x) from incident_search_pending p, unnest(p.ids) x) as pending,
    (select array_agg(x.id) from ${incidents} x where ${namedBy(q.q!)}) as extra,
    ${wordsAreRare(words)} as rare`)) as { subtree: { id: string; path: string }[] | null; pending: string[] | null; extra: string[] | null; rare: boolean }[];
  return {
    scope: await pageOrgs(ctx, q, q.org ? (r?.subtree ?? []) : undefined),
    pending: r?.pending ?? [],
    extra: r?.extra ?? [],
    rare: r?.rare === true,
  };
}

/**
 * The page of a search for plain words (filterConditions' WordSearch), exact like the general way and in one of
 * two plans by how common the words are (searchIsRare):
 * - rare: the matching incidents are read from the index first (a few thousand at most), then checked against the
 *   filters and sorted; a word in 110 of 1,000,000 incidents answers in 2 ms where walking the förvaltning's
 *   113,000 incidents took 50 ms.
 * - common: each organisation's incidents are walked newest first (one index range each) and merged, and each
 *   incident is checked in incident_search as the merge reaches it, so the page needs about 50 ÷ the word's share
 *   checks in all: a word in 5 % of the incidents, 1,100 checks (14 ms) where taking the newest 51 matches of each
 *   of 25 organisations before merging them made 27,000 (230 ms).
 * Texts waiting for the indexer, the Ärende-ID and the incident number are read once, before the page.
 * Undefined when neither plan applies (a common word over more than PER_ORG_MAX organisations): the general way.
 */
async function searchPage(ctx: Ctx, page: Page, search: WordSearch, filters: SQL[], prelude: SearchPrelude): Promise<{ sql: SQL; joinsOrgs: boolean } | undefined> {
  const { scope, pending, extra } = prelude;
  if (!search.rare && (!scope.orgs || scope.orgs.length > PER_ORG_MAX)) return undefined;
  const { query } = search;
  const base = filters.length ? and(...filters)! : sql`true`;
  const dir = sql.raw(page.ascending ? 'asc' : 'desc');
  const n = limitOf(page);
  const ownText = sql`to_tsvector('swedish', ${incidents.title} || ' ' || ${incidents.description}) @@ ${query}`;
  // A protected record the caller may not read matches on its title alone (the words are all positive here, so
  // a title that matches means the whole text does too).
  const titleOnly = (mayRead: SQL | boolean) =>
    search.readsAll || mayRead === true ? sql`true` : sql`(not ${incidents.protectedIdentity} or ${mayRead === false ? sql`false` : mayRead} or to_tsvector('swedish', ${incidents.title}) @@ ${query})`;
  const orExtra = (c: SQL) => (extra.length ? sql`(${c} or ${incidents.id} = any(${uuidParam(extra)}))` : c);
  const mayReadSql = ctx.authz.scopeSql('incident.protected', orgs.path);

  if (search.rare) {
    const hits = sql`array(select s.incident_id from incident_search s where s.doc @@ ${query}${pending.length
      ? sql` and not (s.incident_id = any(${uuidParam(pending)})) union all select w.id from ${incidents} w where w.id = any(${uuidParam(pending)})
        and to_tsvector('swedish', w.title || ' ' || w.description) @@ ${query}`
      : sql``})`;
    if (scope.orgs) {
      const ids = scope.orgs.map((o) => o.id);
      const inScope = sql`${incidents.orgId} = any(${uuidParam(ids)})`;
      const mayRead = scope.orgs.filter((o) => ctx.authz.can('incident.protected', o.path)).map((o) => o.id);
      const own = scope.ownUser ? sql` or ${incidents.reporterId} = ${scope.ownUser}` : sql``;
      const rule = scope.ownUser ? titleOnly(mayReadSql) : titleOnly(mayRead.length === ids.length ? true : mayRead.length ? sql`${incidents.orgId} = any(${uuidParam(mayRead)})` : false);
      return { sql: sql`(${inScope}${own}) and ${base} and ${orExtra(sql`(${incidents.id} = any(${hits}) and ${rule})`)}`, joinsOrgs: !!scope.ownUser && !search.readsAll };
    }
    const subtree = scope.subtreePath !== undefined ? sql` and ${orgs.path} like ${escapeLike(scope.subtreePath) + '%'}` : sql``;
    return { sql: sql`${readScope(ctx)}${subtree} and ${base} and ${orExtra(sql`(${incidents.id} = any(${hits}) and ${titleOnly(mayReadSql)})`)}`, joinsOrgs: true };
  }

  // Common words: merged walks, each incident checked in the index when reached ("offset 0" keeps PostgreSQL from
  // turning the check into reading every match of the word first).
  const indexed = sql`exists (select 1 from incident_search s where s.incident_id = ${incidents.id} and s.doc @@ ${query} offset 0)`;
  const text = pending.length ? sql`(case when ${incidents.id} = any(${uuidParam(pending)}) then ${ownText} else ${indexed} end)` : indexed;
  const branch = (where: SQL, joinOrgs = false) => sql`(select ${incidents.id} as id, ${incidents.reportedAt} as reported_at
    from ${incidents}${joinOrgs ? sql` inner join ${orgs} on ${orgs.id} = ${incidents.orgId}` : sql``}
    where ${where} and ${base} order by ${incidents.reportedAt} ${dir}, ${incidents.id} ${dir} limit ${n})`;
  const branches = scope.orgs!.map((o) =>
    branch(sql`${incidents.orgId} = ${o.id} and ${orExtra(sql`(${text} and ${titleOnly(ctx.authz.can('incident.protected', o.path))})`)}`));
  if (scope.ownUser) {
    const outside = scope.orgs!.length ? sql` and not (${incidents.orgId} = any(${uuidParam(scope.orgs!.map((o) => o.id))}))` : sql``;
    branches.push(branch(sql`${incidents.reporterId} = ${scope.ownUser}${outside} and ${orExtra(sql`(${text} and ${titleOnly(mayReadSql)})`)}`, !search.readsAll));
  }
  if (branches.length === 0) return { sql: sql`false`, joinsOrgs: false };
  return {
    sql: sql`${incidents.id} = any(array(select k.id from (${sql.join(branches, sql` union all `)}) k order by k.reported_at ${dir}, k.id ${dir} limit ${n}))`,
    joinsOrgs: false,
  };
}
