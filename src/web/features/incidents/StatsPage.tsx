import { lazy, Suspense, useState } from 'react';
import { Alert, Group, Loader, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { yearOnYear as sharedYearOnYear } from '../../../domains/reports/chart-options';
import { api } from '../../api/client';
import { errorMessage } from '../../components/problem';
import { formatDate, formatNumber } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { SubNav } from './SubNav';
import type { IncidentFigures } from './types';
import { stockholmYear, toLocalInput } from './util';
import { useDataWords } from './words';
import { useIncidentYears } from './years';

const StatsCharts = lazy(() => import('./StatsCharts'));

/**
 * Counts per key; with `years`, this year and the year before side by side (rows then carry both counts). As the
 * management review's tables: every key of either year, this year's order first.
 */
function CountTable({ caption, head, rows, years }: { caption: string; head: string; rows: [string, number, number?][]; years?: [number, number] }) {
  const { t } = useTranslation('incidents');
  const sum = (i: 1 | 2) => rows.reduce((s, r) => s + (r[i] ?? 0), 0);
  const columns = years ? [String(years[0]), String(years[1])] : [t('stats.count')];
  return (
    <Table withTableBorder striped>
      <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 700 }}>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{head}</Table.Th>
          {columns.map((c) => (
            <Table.Th key={c} style={{ textAlign: 'right' }}>{c}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([k, n, p]) => (
          <Table.Tr key={k}>
            <Table.Th scope="row" fw={400}>
              {k}
            </Table.Th>
            <Table.Td style={{ textAlign: 'right' }}>{formatNumber(n)}</Table.Td>
            {years && <Table.Td style={{ textAlign: 'right' }}>{formatNumber(p ?? 0)}</Table.Td>}
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Th scope="row">{t('stats.sum')}</Table.Th>
          <Table.Td style={{ textAlign: 'right', fontWeight: 700 }}>{formatNumber(sum(1))}</Table.Td>
          {years && <Table.Td style={{ textAlign: 'right', fontWeight: 700 }}>{formatNumber(sum(2))}</Table.Td>}
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

/** This year's counts and the year before's, per key, in the report's order, with each key in words. */
function yearOnYear(now: Record<string, number>, before: Record<string, number>, word: (k: string) => string): [string, number, number][] {
  return sharedYearOnYear(Object.entries(now), Object.entries(before)).map(([k, a, b]) => [word(k), a, b]);
}

/** Statistik: the yearly figures of the selected organisation and its subtree, as tables and charts. */
export default function StatsPage() {
  const { t, i18n } = useTranslation('incidents');
  const words = useDataWords();
  const { selected, selectedSlug } = useSelectedOrg();
  const thisYear = stockholmYear();
  const [year, setYear] = useState(String(thisYear));
  // The years that have incidents in the organisation's subtree, this year and the one chosen.
  const years = useIncidentYears(selectedSlug, year);
  // Status and the reports to IMY and CSIRT are counted as they were at the end of this day: the year's last day
  // (today while it runs), as in the management review, or a later day to count reports made after the new year.
  const today = toLocalInput(new Date()).slice(0, 10);
  const yearEnd = `${year}-12-31`;
  const [asOfChosen, setAsOf] = useState('');
  // A day typed outside the year's first day and today (the picker offers no other) is said at the field, and the
  // figures stay at the default day (the line under the fields names it) until a day within is chosen.
  const chosen = /^\d{4}-\d{2}-\d{2}$/.test(asOfChosen) && asOfChosen >= `${year}-01-01` && asOfChosen <= today;
  const outOfRange = asOfChosen !== '' && !chosen;
  const asOf = chosen ? asOfChosen : today < yearEnd ? today : yearEnd;
  const q = useQuery({
    queryKey: ['incidents', 'stats', selectedSlug, year, asOf],
    queryFn: () => api.get<IncidentFigures>('/incidents/stats', { org: selectedSlug!, year, asOf }),
    enabled: !!selectedSlug,
  });
  const f = q.data;
  const y = Number(year);
  return (
    <Stack>
      <Title order={1}>{t('stats.title')}</Title>
      <SubNav />
      <Group align="flex-start">
        <NativeSelect
          label={t('stats.year')}
          value={year}
          onChange={(e) => {
            setYear(e.currentTarget.value);
            setAsOf('');
          }}
          data={years}
          w={140}
        />
        <TextInput
          type="date"
          label={t('stats.asOf')}
          description={t('stats.asOfHelp')}
          min={`${year}-01-01`}
          max={today}
          value={outOfRange ? asOfChosen : asOf}
          onChange={(e) => setAsOf(e.currentTarget.value)}
          error={outOfRange ? t('stats.asOfOutOfRange', { from: formatDate(`${year}-01-01`), to: formatDate(today) }) : undefined}
          maw={360}
        />
      </Group>
      {selected && <Text size="sm">{t('stats.scope', { org: selected.name, year, date: formatDate(asOf) })}</Text>}
      {q.isPending && selectedSlug && <Loader size="sm" aria-label={t('common:loading')} />}
      {q.isError && (
        <Alert color="red" role="alert">
          {errorMessage(q.error, i18n.language)}
        </Alert>
      )}
      {f && (
        <>
          <Table withTableBorder maw={560}>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 700 }}>{t('stats.summaryAsOf', { date: formatDate(asOf) })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stats.measure')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{y}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{y - 1}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(
                [
                  [t('stats.total'), f.total, f.previousYearTotal],
                  [t('stats.personalData'), f.personalData, f.personalDataPreviousYear],
                  [t('stats.imy'), f.reportedToIMY, f.reportedToIMYPreviousYear],
                  [t('stats.csirt'), f.reportedToCSIRT, f.reportedToCSIRTPreviousYear],
                ] as [string, number, number | null][]
              ).map(([label, cur, prev]) => (
                <Table.Tr key={label}>
                  <Table.Th scope="row" fw={400}>
                    {label}
                  </Table.Th>
                  <Table.Td style={{ textAlign: 'right' }}>{formatNumber(cur)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{prev === null ? '–' : formatNumber(prev)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Suspense fallback={<Loader size="sm" aria-label={t('common:loading')} />}>
            {f.total + f.previousYearTotal > 0 && <StatsCharts figures={f} />}
          </Suspense>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <CountTable
              caption={f.asOf ? t('stats.byStatusAsOf', { date: formatDate(f.asOf) }) : t('stats.byStatus')}
              head={t('field.status')}
              rows={Object.entries(f.byStatus).map(([k, n]) => [words.word(k), n])}
            />
            <CountTable caption={t('stats.byKind')} head={t('field.kind')} years={[y, y - 1]} rows={yearOnYear(f.byKind, f.byKindPreviousYear, words.word)} />
            <CountTable caption={t('stats.byCategory')} head={t('field.category')} years={[y, y - 1]} rows={yearOnYear(f.byCategory, f.byCategoryPreviousYear, words.word)} />
            <Table withTableBorder striped>
              <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 700 }}>{t('stats.byMonth', { year: y, prev: y - 1 })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('stats.month')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{y}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{y - 1}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.byMonth.current.map((n, i) => (
                  <Table.Tr key={i}>
                    <Table.Th scope="row" fw={400}>
                      {t(`months.${i}`)}
                    </Table.Th>
                    <Table.Td style={{ textAlign: 'right' }}>{formatNumber(n)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatNumber(f.byMonth.previous[i])}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
