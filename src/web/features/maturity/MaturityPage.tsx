import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { EChart } from '../../components/EChart';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { formatNumber } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { NeedOrg } from '../plans/shared';
import { MaturityForm } from './MaturityForm';
import type { Assessment } from './types';

/** How many measurements the trend shows (newest last). */
const TREND = 5;
const COLORS = ['#9fb3c8', '#6b8fb3', '#3f6d9e', '#1d4f85', '#0b3566'];

/** Areas in the order of the newest measurement, then areas only older ones had. */
function areasOf(list: Assessment[]): string[] {
  const out: string[] = [];
  for (const m of list) for (const s of m.scores) if (!out.some((a) => a.toLocaleLowerCase('sv-SE') === s.area.toLocaleLowerCase('sv-SE'))) out.push(s.area);
  return out;
}
const levelIn = (m: Assessment, area: string) => m.scores.find((s) => s.area.toLocaleLowerCase('sv-SE') === area.toLocaleLowerCase('sv-SE'))?.level;

/** Mognad: the organisation's yearly maturity measurements, the trend per area, and each measurement's detail. */
export default function MaturityPage() {
  const { t } = useTranslation('maturity');
  const { can } = useSession();
  const { selected } = useSelectedOrg();
  const manage = can('plan.manage');
  const [dialog, setDialog] = useState<{ assessment?: Assessment } | null>(null);
  const q = useQuery({
    queryKey: ['maturity', selected?.slug],
    queryFn: () => api.get<Assessment[]>('/maturity', { org: selected!.slug }),
    enabled: !!selected,
  });
  const list = useMemo(() => q.data ?? [], [q.data]);
  const trend = useMemo(() => list.slice(0, TREND).reverse(), [list]);
  const areas = useMemo(() => areasOf(list.slice(0, TREND)), [list]);
  const option = useMemo(() => ({
    grid: { left: 150, right: 20, top: 30, bottom: 30 },
    legend: { top: 0 },
    xAxis: { type: 'value', min: 0, max: 4, interval: 1 },
    yAxis: { type: 'category', data: [...areas].reverse(), axisLabel: { width: 140, overflow: 'truncate' } },
    series: trend.map((m, i) => ({
      type: 'bar', name: String(m.year), itemStyle: { color: COLORS[COLORS.length - trend.length + i] },
      data: [...areas].reverse().map((a) => levelIn(m, a) ?? null),
    })),
  }), [areas, trend]);

  if (!selected) return <NeedOrg title={t('title')} />;
  const chartLabel = trend.map((m) => `${m.year}: ${m.scores.map((s) => `${s.area} ${s.level}`).join(', ')}`).join('; ');

  return (
    <Stack>
      <PageHeader title={t('title')} intro={t('intro', { org: selected.name })}>
        {manage && <Button onClick={() => setDialog({})}>{t('new')}</Button>}
      </PageHeader>
      <ProblemAlert error={q.error} />
      {q.isPending && <Loader aria-label={t('common:loading')} />}
      {q.data && list.length === 0 && <Alert color="gray">{t('empty')}</Alert>}
      {list.length > 0 && (
        <Card withBorder component="section" aria-labelledby="maturity-trend">
          <Title order={2} size="h3" id="maturity-trend" mb="sm">
            {t('trendTitle')}
          </Title>
          <TableScroll minWidth={400}>
            <Table verticalSpacing="xs">
              <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{t('trendCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('field.area')}</Table.Th>
                  {trend.map((m) => (
                    <Table.Th scope="col" key={m.id} ta="right">
                      {m.year}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {areas.map((a) => (
                  <Table.Tr key={a}>
                    <Table.Th scope="row">{a}</Table.Th>
                    {trend.map((m) => (
                      <Table.Td key={m.id} ta="right">
                        {levelIn(m, a) ?? '–'}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th scope="row">{t('average')}</Table.Th>
                  {trend.map((m) => (
                    <Table.Td key={m.id} ta="right" fw={700}>
                      {m.average === null ? '–' : formatNumber(m.average)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </TableScroll>
          <EChart option={option} label={chartLabel} caption={t('chartCaption')} height={Math.max(200, areas.length * 28 * Math.max(1, trend.length) + 60)} />
        </Card>
      )}
      {list.map((m) => (
        <Card withBorder component="section" key={m.id} aria-labelledby={`maturity-${m.year}`}>
          <Group justify="space-between" align="flex-start" mb="xs">
            <div>
              <Title order={2} size="h3" id={`maturity-${m.year}`}>
                {t('measurement', { year: m.year })}
              </Title>
              <Text size="sm" c="dimmed">
                {[m.assessedOn && t('assessedOn', { date: m.assessedOn }), m.method, m.assessor].filter(Boolean).join(' · ')}
              </Text>
            </div>
            <Group gap="xs">
              {m.average !== null && (
                <Badge variant="light" size="lg" tt="none">
                  {t('averageBadge', { value: formatNumber(m.average) })}
                </Badge>
              )}
              {manage && (
                <Button size="xs" variant="default" onClick={() => setDialog({ assessment: m })} aria-label={t('editOne', { year: m.year })}>
                  {t('edit')}
                </Button>
              )}
            </Group>
          </Group>
          {m.summary && <Text mb="sm">{m.summary}</Text>}
          <TableScroll minWidth={500}>
            <Table verticalSpacing="xs">
              <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{t('detailCaption', { year: m.year })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('field.area')}</Table.Th>
                  <Table.Th scope="col">{t('field.level')}</Table.Th>
                  <Table.Th scope="col">{t('field.targetLevel')}</Table.Th>
                  <Table.Th scope="col">{t('field.comment')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {m.scores.map((s) => (
                  <Table.Tr key={s.area}>
                    <Table.Th scope="row">{s.area}</Table.Th>
                    <Table.Td>{`${s.level} – ${t(`level.${s.level}`)}`}</Table.Td>
                    <Table.Td>{s.targetLevel ?? ''}</Table.Td>
                    <Table.Td>{s.comment}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </Card>
      ))}
      {dialog && <MaturityForm org={selected} assessment={dialog.assessment} latest={list[0]} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
