import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Group, List, Loader, Menu, Popover, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { TableScroll } from './TableScroll';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../format';
import { ApiError, stripField } from '../api/client';
import { errorMessage } from './problem';
import { exportedColumns, initiallyShown } from './registerColumns';
import type { CellValue } from './registerExport';

/**
 * Register: the one table every register in Tillit uses (users, audit log, incidents, risks, objects…).
 *
 * Props
 * - `label`      accessible name of the table (its caption) and the XLSX sheet name.
 * - `columns`    `RegisterColumn<T>[]`:
 *     key         stable id (used for sort state, column choice, export keys),
 *     header      the translated header text,
 *     value(row)  the raw value — used to sort, to filter (as text) and to export
 *                 (Date → sv-SE Europe/Stockholm text in CSV, a date cell in XLSX),
 *     render(row) optional cell content (defaults to the formatted value),
 *     hidden      initially hidden (the user can show it with the column chooser),
 *     exportWith  the key of a column this one is exported with even while hidden (a date its status needs
 *                 to be imported back: the objektlista's Klassad with Lokal klassning), registerColumns.ts,
 *     sortable    default true,
 *     sortValue(row) optional: what the column sorts by when not its value (a status in its workflow's order),
 *     fixed       always shown, not offered in the column chooser and never exported (e.g. a select box).
 * - `serverSort` the columns the server sorts over every row (not only those loaded), and the order asked of it.
 * - `rowKey(row)` unique key per row.
 * - Data, one of:
 *     `data` (+ `loading`, `error`)         client data already fetched by the caller, or
 *     `fetchPage(cursor)` + `queryKey`     keyset paging: returns `{ items, nextCursor }`; the first call gets
 *                                          `null`; "Load more" asks for the next page while nextCursor is set.
 *   Filter and sort work on the rows loaded so far (server-side filters belong in the caller's
 *   `toolbar` and in its `queryKey`); the page says so while the server has more rows, and the count says
 *   "N loaded – there are more" (with `total`, the server's own count of all, "1 234 in all"). `filterHint` adds where
 *   to search everything (e.g. the page's server filter). `onView(rows, searched)` tells the caller the rows shown and
 *   whether the search box narrows them (a "select all" beside the list takes what is shown then).
 * - `exportName` name of exports: the file is `<exportName>[-visade]-<day>.<format>` (-visade: the rows shown, beside
 *   a server export), and the sheet is named `exportName`; export covers the visible columns (and those
 *   exported with them) and the filtered, sorted rows loaded. `serverExport(format)` instead gives a URL the
 *   server answers with the complete export (e.g. `/api/audit?...&format=csv`); it is used as a plain download link. With
 *   `exportShownToo` the menu offers both, each named for what it holds: everything matching the server
 *   filters (the server's columns) and just the rows and columns shown.
 * - `actions(row)` optional per-row actions (last column, never exported).
 * - `toolbar` optional content placed before the filter (create buttons, server filters).
 * - `emptyText` shown when there are no rows (never when the list could not be read: then the error is shown instead).
 * - `errorLabels` the labels of the caller's server filters by query name: a filter the server refuses (400) is named
 *   by its label ("Sök: För lång text: högst 200 tecken."), not by the API's message naming the query parameter.
 */
export interface RegisterColumn<T> {
  key: string;
  header: string;
  value: (row: T) => CellValue;
  render?: (row: T) => ReactNode;
  hidden?: boolean;
  sortable?: boolean;
  sortValue?: (row: T) => CellValue;
  fixed?: boolean;
  exportWith?: string;
}

export interface RegisterPage<T, C> {
  items: T[];
  nextCursor: C | null;
}

interface BaseProps<T> {
  label: string;
  columns: RegisterColumn<T>[];
  rowKey: (row: T) => string;
  exportName: string;
  serverExport?: (format: 'csv' | 'xlsx') => string;
  /** Further server downloads in the export menu (e.g. a variant that includes protected text). */
  extraExports?: { label: string; href: string }[];
  /** With serverExport: also offer the client export of the rows and columns shown. */
  exportShownToo?: boolean;
  /** Below the search box while the server has more rows: where to search them all (e.g. the page's server filter). */
  filterHint?: string;
  actions?: (row: T) => ReactNode;
  toolbar?: ReactNode;
  emptyText?: string;
  /** The labels of the server filters by their query names, to say which one the server refused. */
  errorLabels?: Record<string, string>;
  /** How many rows the server holds for this list, counted apart (the pages never count): shown while more are to load. */
  total?: { count: number; capped: boolean };
  /** Told the rows shown whenever they change, and whether the search box narrows them (a "select all" must know). */
  onView?: (rows: T[], searched: boolean) => void;
  /**
   * Columns the server sorts over every row (paged lists): a click on one of their heads asks the server, through
   * `onChange` (the caller puts the order in its queryKey and fetchPage), instead of sorting the loaded rows.
   */
  serverSort?: { keys: readonly string[]; value: RegisterSort; onChange: (sort: RegisterSort) => void };
}
interface ClientProps<T> extends BaseProps<T> {
  data: T[] | undefined;
  loading?: boolean;
  error?: unknown;
  fetchPage?: never;
  queryKey?: never;
}
interface PagedProps<T, C> extends BaseProps<T> {
  fetchPage: (cursor: C | null) => Promise<RegisterPage<T, C>>;
  queryKey: readonly unknown[];
  data?: never;
  loading?: never;
  error?: never;
}
export type RegisterProps<T, C = string | number> = ClientProps<T> | PagedProps<T, C>;

export type RegisterSort = { key: string; dir: 'asc' | 'desc' } | null;

function asText(v: CellValue, yes: string, no: string): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return formatDateTime(v);
  if (typeof v === 'boolean') return v ? yes : no;
  if (typeof v === 'number') return formatNumber(v);
  return v;
}

function compare(a: CellValue, b: CellValue): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'sv');
}

export function Register<T, C = string | number>(props: RegisterProps<T, C>) {
  const { t } = useTranslation('register');
  const yes = t('yes');
  const no = t('no');
  const paged = props.fetchPage !== undefined;
  const infinite = useInfiniteQuery({
    queryKey: ['register', ...(props.queryKey ?? [])],
    queryFn: ({ pageParam }) => props.fetchPage!(pageParam as C | null),
    initialPageParam: null as C | null,
    getNextPageParam: (last: RegisterPage<T, C>) => last.nextCursor ?? undefined,
    enabled: paged,
    staleTime: 0,
  });

  const rows: T[] | undefined = paged ? infinite.data?.pages.flatMap((p) => p.items) : props.data;
  // The server has rows that are not loaded: filter, sort and the count cover only what is loaded.
  const more = paged && infinite.hasNextPage;
  const loading = paged ? infinite.isPending : props.loading;
  const error = paged ? infinite.error : props.error;

  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<RegisterSort>(null);
  const [shown, setShown] = useState<string[]>(() => initiallyShown(props.columns));
  const [exporting, setExporting] = useState(false);
  const visible = props.columns.filter((c) => c.fixed || shown.includes(c.key));
  const choosable = props.columns.filter((c) => !c.fixed);
  const searched = visible.filter((c) => !c.fixed);

  const view = useMemo(() => {
    let out = rows ?? [];
    const needle = filter.trim().toLowerCase();
    if (needle) out = out.filter((r) => searched.some((c) => asText(c.value(r), yes, no).toLowerCase().includes(needle)));
    if (sort) {
      const col = props.columns.find((c) => c.key === sort.key);
      if (col) {
        const sign = sort.dir === 'asc' ? 1 : -1;
        const by = col.sortValue ?? col.value;
        out = [...out].sort((a, b) => sign * compare(by(a), by(b)));
      }
    }
    return out;
  }, [rows, filter, sort, searched, props.columns, yes, no]);

  const onView = props.onView;
  const searching = filter.trim() !== '';
  useEffect(() => {
    onView?.(view, searching);
  }, [onView, view, searching]);

  const next = (s: RegisterSort, key: string): RegisterSort => (s?.key !== key ? { key, dir: 'asc' } : s.dir === 'asc' ? { key, dir: 'desc' } : null);
  function toggleSort(key: string) {
    const server = props.serverSort;
    if (server?.keys.includes(key)) {
      // The server's order over every row; a sort of the loaded rows would hide it.
      server.onChange(next(sort ?? server.value, key));
      setSort(null);
    } else setSort((s) => next(s, key));
  }
  // The order shown by the column heads: the loaded rows' own, else the server's.
  const shownSort = sort ?? props.serverSort?.value ?? null;

  async function exportClient(format: 'csv' | 'xlsx') {
    setExporting(true);
    try {
      const { exportRows } = await import('./registerExport');
      await exportRows(format, view, exportedColumns(props.columns, shown), props.exportName, [yes, no], props.serverExport ? t('shownFile') : undefined);
    } finally {
      setExporting(false);
    }
  }

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group align="flex-end" wrap="wrap">
          {props.toolbar}
          <TextInput
            label={t('filter')}
            description={more ? [t('filterLoadedOnly'), props.filterHint].filter(Boolean).join(' ') : undefined}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            w={more ? 280 : 220}
          />
        </Group>
        <Group gap="xs">
          <Popover position="bottom-end" withinPortal trapFocus>
            <Popover.Target>
              <Button variant="default" size="sm">
                {t('columns')}
              </Button>
            </Popover.Target>
            <Popover.Dropdown>
              <Checkbox.Group
                label={t('columnsLabel')}
                value={shown.filter((k) => choosable.some((c) => c.key === k))}
                onChange={(v) => setShown(v.length ? v : shown)}
              >
                <Stack gap={6} mt="xs">
                  {choosable.map((c) => (
                    <Checkbox key={c.key} value={c.key} label={c.header} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </Popover.Dropdown>
          </Popover>
          <Menu position="bottom-end" withinPortal={false}>
            <Menu.Target>
              <Button variant="default" size="sm" loading={exporting}>
                {t('export')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {props.serverExport && props.exportShownToo ? (
                <>
                  <Menu.Label>{t('exportAll')}</Menu.Label>
                  <Menu.Item component="a" href={props.serverExport('csv')} download>
                    {t('exportAllAs', { format: 'CSV' })}
                  </Menu.Item>
                  <Menu.Item component="a" href={props.serverExport('xlsx')} download>
                    {t('exportAllAs', { format: 'Excel (XLSX)' })}
                  </Menu.Item>
                  {props.extraExports?.map((x) => (
                    <Menu.Item key={x.href} component="a" href={x.href} download>
                      {x.label}
                    </Menu.Item>
                  ))}
                  <Menu.Divider />
                  <Menu.Label>{t('exportShown', { count: view.length })}</Menu.Label>
                  <Menu.Item onClick={() => void exportClient('csv')}>{t('exportShownAs', { format: 'CSV' })}</Menu.Item>
                  <Menu.Item onClick={() => void exportClient('xlsx')}>{t('exportShownAs', { format: 'Excel (XLSX)' })}</Menu.Item>
                </>
              ) : props.serverExport ? (
                <>
                  <Menu.Item component="a" href={props.serverExport('csv')} download>
                    CSV
                  </Menu.Item>
                  <Menu.Item component="a" href={props.serverExport('xlsx')} download>
                    Excel (XLSX)
                  </Menu.Item>
                  {props.extraExports?.map((x) => (
                    <Menu.Item key={x.href} component="a" href={x.href} download>
                      {x.label}
                    </Menu.Item>
                  ))}
                </>
              ) : (
                <>
                  <Menu.Item onClick={() => void exportClient('csv')}>CSV</Menu.Item>
                  <Menu.Item onClick={() => void exportClient('xlsx')}>Excel (XLSX)</Menu.Item>
                </>
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      {error ? <ListError error={error} labels={props.errorLabels} /> : null}

      {/* Above the table, where one who has just clicked a column head looks (below the last row it went unseen). */}
      <Text size="sm" aria-live="polite">
        {more && (sort || filter.trim()) ? (sort && filter.trim() ? t('sortFilterLoadedOnly') : sort ? t('sortLoadedOnly') : t('filterLoadedOnlyMore')) : ''}
      </Text>

      {/* Wider than the page: the sideways scrollbar is always drawn and stays at the window's bottom edge while the table is in view (app.css). */}
      <TableScroll minWidth={0} className="register-scroll" scrollAreaProps={{ type: 'auto', offsetScrollbars: false }}>
        <Table striped highlightOnHover className="register-table" verticalSpacing="xs" horizontalSpacing={5}>
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
            <VisuallyHidden>{props.label}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {visible.map((c) => {
                const dir = shownSort?.key === c.key ? shownSort.dir : undefined;
                return (
                  <Table.Th key={c.key} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}>
                    {c.sortable === false ? (
                      c.header
                    ) : (
                      <button type="button" onClick={() => toggleSort(c.key)}>
                        {c.header}
                        <span aria-hidden="true">{dir === 'asc' ? '\u00a0▲' : dir === 'desc' ? '\u00a0▼' : ''}</span>
                      </button>
                    )}
                  </Table.Th>
                );
              })}
              {props.actions && (
                <Table.Th>
                  <VisuallyHidden>{t('actions')}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.map((r) => (
              <Table.Tr key={props.rowKey(r)}>
                {visible.map((c) => (
                  <Table.Td key={c.key}>{c.render ? c.render(r) : asText(c.value(r), yes, no)}</Table.Td>
                ))}
                {props.actions && <Table.Td className="nowrap">{props.actions(r)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>

      {loading && (
        <Group justify="center">
          <Loader size="sm" aria-label={t('loading')} />
        </Group>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {loading || error
            ? ''
            : view.length === 0 && !more
              ? (props.emptyText ?? t('empty'))
              : more
                ? `${t('countMore', { count: view.length, total: rows?.length ?? 0 })}${props.total ? ` ${t(props.total.capped ? 'totalCapped' : 'totalMatching', { count: props.total.count, total: formatNumber(props.total.count) })}` : ''}`
                : filter.trim()
                  ? t('countFiltered', { count: view.length, total: rows?.length ?? 0 })
                  : t('countAll', { count: view.length })}
        </Text>
        {more && (
          <Button variant="default" onClick={() => void infinite.fetchNextPage()} loading={infinite.isFetchingNextPage}>
            {t('loadMore')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/**
 * The list could not be read. A filter the server refuses (400 with the fields at fault) is said in words, by the
 * filter's label, when the caller names its filters; anything else by the server's message.
 */
function ListError({ error, labels }: { error: unknown; labels?: Record<string, string> }) {
  const { t, i18n } = useTranslation('register');
  const en = i18n.language.startsWith('en');
  const refused = labels && error instanceof ApiError && error.status === 400 ? (error.problem.errors ?? []) : [];
  if (refused.length === 0) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(error, i18n.language)}
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert" title={t('invalidFilter')}>
      <List size="sm">
        {refused.map((e, i) => {
          const message = en ? e.message_en : e.message_sv;
          const label = labels?.[e.field];
          return <List.Item key={i}>{label ? `${label}: ${stripField(message, e.field)}` : message}</List.Item>;
        })}
      </List>
      <Text size="sm" mt="xs">
        {t('invalidFilterHint')}
      </Text>
    </Alert>
  );
}
