import { useCallback, useRef, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { BULK_MAX } from '../../../domains/incidents/model';
import { useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiUrl } from '../../api/client';
import { useSession } from '../../auth/session';
import { Register, type RegisterColumn, type RegisterSort } from '../../components/Register';
import { useSelectedOrg } from '../../shell/org-context';
import { useSearchText, useSearchYear } from '../../shell/search';
import { ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { formatNumber } from '../../format';
import { ScopeSwitch, useOrgScope } from '../../components/ScopeSwitch';
import { categoriesQuery, categoryNamesQuery } from './api';
import { DeadlineCell, nearest, numberColumn, reportedAtColumn, StatusBadge, useNow } from './badges';
import { FilterForm, filterQuery, useUrlFilter } from './filters';
import { useIncidentYears } from './years';
import { SubNav } from './SubNav';
import { Triage } from './Triage';
import type { IncidentListItem, ListCount, ListPage } from './types';
import { KIND_KEY, STATUS_KEY, STATUSES } from './types';
import { COLORS } from './util';

/**
 * The list's columns the server sorts over every incident (GET /api/incidents?sort=…), by column key; the rest
 * (Närmaste tidsfrist, computed here from the clocks) sort the loaded rows.
 */
const SERVER_SORTS: Record<string, string> = {
  number: 'number', title: 'title', org: 'org', status: 'status', handler: 'handler', kind: 'kind', category: 'category',
  reportedAt: 'reported', externalId: 'externalId',
};

/** Incidenter: the register of the selected organisation and its subtree, with triage for handlers. */
export default function IncidentsPage() {
  const { t } = useTranslation('incidents');
  const { can } = useSession();
  const { selected, selectedSlug } = useSelectedOrg();
  const qc = useQueryClient();
  const manage = can('incident.manage');
  // The filter lives in the address (the start page's "new reports waiting" links to ?status=Rapporterad).
  const [filter, setFilter] = useUrlFilter();
  // The selected rows themselves: triage offers statuses and handlers that fit them.
  const [selectedRows, setSelectedRows] = useState<IncidentListItem[]>([]);
  const selectedIds = selectedRows.map((r) => r.id);
  const now = useNow();
  const categories = useQuery(categoriesQuery(selectedSlug)).data ?? [];
  // The filter offers every category the incidents carry (an import's "Övrigt" too), as the statistics count them.
  const categoryNames = useQuery(categoryNamesQuery(selectedSlug)).data?.names ?? categories.map((c) => c.name);
  // From the start page's "new reports waiting" (?alla=1&handlaggare=ingen): the list as the card counts it, every
  // organisation the person may see and only reports without a handler (not the selected organisation's list).
  const scope = useOrgScope();
  const all = scope.all;
  // The year filter offers the years that have incidents in the organisation's subtree (all when listing all).
  const years = useIncidentYears(all ? null : selectedSlug, filter.year);
  const unassigned = useSearchText('handlaggare') === 'ingen';
  // From the start page's "personuppgiftsincidenter saknar dokumentation" (?dokumentation=saknas&fran=2025&alla=1).
  const undocumented = useSearchText('dokumentation') === 'saknas';
  const since = useSearchYear('fran');
  const q = {
    org: all ? '' : (selectedSlug ?? ''), ...filterQuery(filter), handler: unassigned ? 'none' : '',
    breachDocumented: undocumented ? 'false' : '', sinceYear: undocumented && since ? String(since) : '',
  };
  // A click on a column the server sorts orders every incident that matches, not only those loaded (SERVER_SORTS).
  const [serverSort, setServerSort] = useState<RegisterSort>(null);
  const sort = serverSort ? `${serverSort.dir === 'desc' ? '-' : ''}${SERVER_SORTS[serverSort.key]}` : '';
  const queryKey = ['incidents', 'list', q, sort] as const;
  // A new filter (or organisation, or scope) clears the selection: triage never changes incidents the list no longer
  // shows. Done during render, so no frame offers "Ändra markerade (2 st)" for rows out of sight.
  const filterKey = JSON.stringify(q);
  const [selectedFor, setSelectedFor] = useState(filterKey);
  if (selectedFor !== filterKey) {
    setSelectedFor(filterKey);
    if (selectedRows.length) setSelectedRows([]);
  }
  // A page of the list as filtered: the register's pages, and select all's.
  const fetchPage = (cursor: string | null, limit = 50) => api.get<ListPage>('/incidents', { ...q, sort, cursor, limit });
  const listed = Boolean(all || selectedSlug);
  // The list pages by key and never counts: how many match is asked beside it (at most 1 000 are counted). Under the
  // register's key, so that every change that refreshes the list refreshes the count too.
  const counted = useQuery({
    queryKey: ['register', 'incidents', 'count', q], queryFn: () => api.get<ListCount>('/incidents/count', q), enabled: listed, staleTime: 0,
  });
  const total = counted.data;
  const allAtOnce = total !== undefined && !total.capped && total.count <= BULK_MAX;
  // The rows the register shows, and whether its search box narrows them: then "select all" takes what is shown.
  const [shown, setShown] = useState<{ rows: IncidentListItem[]; searched: boolean }>({ rows: [], searched: false });
  const onView = useCallback((rows: IncidentListItem[], searched: boolean) => setShown({ rows, searched }), []);
  // The filter now, to see whether it changed while all that match were being fetched (then that answer is dropped).
  const filterNow = useRef('');
  filterNow.current = filterKey;
  // "Select all": the rows shown while searched; every incident that matches when one triage step can change them all;
  // else the rows loaded. Never more than one step takes (BULK_MAX).
  const selectAll = useSubmit(async () => {
    if (shown.searched) return setSelectedRows(shown.rows.slice(0, BULK_MAX));
    if (!allAtOnce) return setSelectedRows(loadedRows().slice(0, BULK_MAX));
    const rows = await allMatching();
    if (rows === undefined) return;
    // More than one step takes arrived since the count: the loaded rows, as the button then says.
    setSelectedRows(rows.length > BULK_MAX ? loadedRows().slice(0, BULK_MAX) : rows);
  });
  /** Every incident the filter matches, read page by page (up to one more than a step takes); undefined if it changed meanwhile. */
  async function allMatching(): Promise<IncidentListItem[] | undefined> {
    const asked = filterKey;
    const rows: IncidentListItem[] = [];
    let cursor: string | null = null;
    do {
      const page: ListPage = await fetchPage(cursor, 200);
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && rows.length <= BULK_MAX && filterNow.current === asked);
    return filterNow.current === asked ? rows : undefined;
  }

  const toggle = (row: IncidentListItem, on: boolean) =>
    setSelectedRows((s) => (on ? [...s.filter((x) => x.id !== row.id), row] : s.filter((x) => x.id !== row.id)));
  // After a stale refusal: the list and its count read again, and the selection kept for the rows that still match,
  // with their data (and version) as read now. Rows selected beyond those loaded ("Markera alla N som matchar") are
  // read again with all that match; a row that no longer matches is unticked.
  async function reloadList(): Promise<number> {
    await qc.refetchQueries({ queryKey: ['register', 'incidents'], type: 'active' });
    void qc.invalidateQueries({ queryKey: ['incidents'] });
    let fresh = new Map(loadedRows().map((r) => [r.id, r]));
    if (!shown.searched && selectedRows.some((r) => !fresh.has(r.id))) {
      const all = await allMatching();
      if (all && all.length <= BULK_MAX) fresh = new Map(all.map((r) => [r.id, r]));
    }
    const kept = selectedRows.flatMap((r) => fresh.get(r.id) ?? []);
    setSelectedRows(kept);
    return kept.length;
  }
  function loadedRows(): IncidentListItem[] {
    const data = qc.getQueryData<InfiniteData<ListPage>>(['register', ...queryKey]);
    return data?.pages.flatMap((p) => p.items) ?? [];
  }

  const columns: RegisterColumn<IncidentListItem>[] = [
    ...(manage
      ? [
          {
            key: 'select',
            header: t('list.select'),
            sortable: false,
            fixed: true,
            value: () => '',
            render: (r: IncidentListItem) => (
              <Checkbox
                aria-label={t('list.selectOne', { number: r.number })}
                checked={selectedIds.includes(r.id)}
                onChange={(e) => toggle(r, e.currentTarget.checked)}
              />
            ),
          } satisfies RegisterColumn<IncidentListItem>,
        ]
      : []),
    numberColumn(t('field.number')),
    {
      key: 'title',
      header: t('field.title'),
      value: (r) => r.title,
      render: (r) => (
        <div className="wrap-anywhere title-in-list">
          {r.title}
          {r.protectedIdentity && (
            <Badge color={COLORS.violet} variant="filled" tt="none" ml={6}>
              {t('protected.badge')}
            </Badge>
          )}
        </div>
      ),
    },
    { key: 'org', header: t('field.org'), value: (r) => r.org.name },
    // Sorted in the workflow's order (Rapporterad … Förfallen), not alphabetically.
    { key: 'status', header: t('field.status'), value: (r) => t(`status.${STATUS_KEY[r.status]}`), sortValue: (r) => STATUSES.indexOf(r.status), render: (r) => <StatusBadge status={r.status} /> },
    {
      key: 'deadline',
      header: t('list.deadline'),
      value: (r) => {
        const c = nearest(r.clocks);
        return c ? new Date(c.deadline) : null;
      },
      render: (r) => <DeadlineCell incident={r} now={now} />,
    },
    // What triage changes, in the panel's order (status, handler, kind, category), before what it does not: at 1280 px
    // these fit without scrolling sideways.
    { key: 'handler', header: t('field.handler'), value: (r) => r.handler?.name ?? '' },
    {
      key: 'kind',
      header: t('field.kind'),
      value: (r) => (r.kind ? t(`kind.${KIND_KEY[r.kind] ?? 'x'}`, { defaultValue: r.kind }) : ''),
      // Shown with soft hyphens (Personuppgifts-incident) so that the long Swedish words do not widen the column;
      // the value, which search and export use, stays the plain word.
      render: (r) => (r.kind ? t(`kindInList.${KIND_KEY[r.kind] ?? 'x'}`, { defaultValue: r.kind }) : ''),
    },
    { key: 'category', header: t('field.category'), value: (r) => r.category },
    // Shown with Kolumner (and filtered above the list): beside the columns before them they would not fit at 1280 px.
    // A personal data incident shows its IMY clock under Närmaste tidsfrist.
    { key: 'personalData', header: t('field.personalData'), value: (r) => t(`pd.${r.personalData}`), hidden: true },
    { ...reportedAtColumn(t('field.reportedAt')), hidden: true },
    { key: 'externalId', header: t('field.externalId'), value: (r) => r.externalId, hidden: true },
    { key: 'overdue', header: t('overdue'), value: (r) => r.overdue, hidden: true },
  ];

  return (
    <Stack>
      <Title order={1}>{t('list.title')}</Title>
      <SubNav />
      <ScopeSwitch {...scope} />
      {all || selected ? (
        <Text size="sm">
          {all ? t('list.scopeAll') : t('list.scope', { org: selected!.name })}
          {unassigned && ` ${t('list.unassignedOnly')}`}
          {undocumented && ` ${t('breach.listScope', { year: since ?? '–' })}`}
        </Text>
      ) : (
        <Alert color="orange">{t('noOrg')}</Alert>
      )}
      <FilterForm value={filter} onApply={setFilter} categories={categoryNames} years={years} />
      {manage && (
        <Triage
          selected={selectedRows}
          directoryOrg={selectedSlug}
          categories={categories}
          onClear={() => setSelectedRows([])}
          onDone={() => {
            setSelectedRows([]);
            void qc.invalidateQueries({ queryKey: ['register', 'incidents'] });
            void qc.invalidateQueries({ queryKey: ['incidents'] });
          }}
          onReload={reloadList}
          onUnselect={(ids) => setSelectedRows((s) => s.filter((r) => !ids.includes(r.id)))}
        />
      )}
      {listed && (
        <Register<IncidentListItem, string>
          label={t('list.title')}
          columns={columns}
          rowKey={(r) => r.id}
          queryKey={queryKey}
          total={total}
          onView={onView}
          fetchPage={(cursor) => fetchPage(cursor)}
          serverSort={{ keys: Object.keys(SERVER_SORTS), value: serverSort, onChange: setServerSort }}
          exportName="incidenter"
          // The server export takes the applied filters and the server's order (the search of loaded rows and the columns are the browser's):
          // both it and the rows and columns shown are offered, each named for what it holds.
          serverExport={(format) => apiUrl('/incidents/export', { ...q, sort, format })}
          exportShownToo
          filterHint={t('list.filterHint')}
          extraExports={
            can('incident.protected')
              ? (['csv', 'xlsx'] as const).map((format) => ({
                  label: t('export.withProtected', { format: format === 'csv' ? 'CSV' : 'Excel (XLSX)' }),
                  href: apiUrl('/incidents/export', { ...q, sort, format, includeProtected: 'true' }),
                }))
              : undefined
          }
          emptyText={t('list.empty')}
          // A filter the server refuses (a search over 200 characters, an unknown kind or year in the address) is
          // named by its label in the form.
          errorLabels={{
            q: t('list.search'), status: t('field.status'), kind: t('field.kind'), category: t('field.category'),
            year: t('list.year'), personalData: t('field.personalData'), overdue: t('list.overdueOnly'),
          }}
          toolbar={
            // Nothing to select while the filter is refused (the count fails as the list does).
            manage && !counted.isError && total?.count !== 0 ? (
              <Group gap="xs">
                <Button variant="default" size="sm" onClick={() => void selectAll.run()} loading={selectAll.busy}>
                  {shown.searched
                    ? t('list.selectShown', { count: shown.rows.length })
                    : allAtOnce
                      ? t('list.selectMatching', { count: total.count, total: formatNumber(total.count) })
                      : t('list.selectAll')}
                </Button>
                {total && !allAtOnce && !shown.searched && (
                  <Text size="sm" c="dimmed">
                    {t('list.selectAtMost', { max: formatNumber(BULK_MAX) })}
                  </Text>
                )}
                <ProblemAlert error={selectAll.error} />
              </Group>
            ) : undefined
          }
        />
      )}
    </Stack>
  );
}
