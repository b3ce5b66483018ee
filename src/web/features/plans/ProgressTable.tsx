import './plans.css';
import { Table, Text, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import type { PlanProgress } from './api';

/** Progress per year and area: an accessible table; the bar is decoration next to the percentage it shows. */
export function ProgressTable({ rows }: { rows: PlanProgress[] }) {
  const { t } = useTranslation('plans');
  if (rows.length === 0) return null;
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  return (
    <section aria-labelledby="plan-progress-title">
      <Title order={2} size="h3" id="plan-progress-title" mb="xs">
        {t('progress.title')}
      </Title>
      <TableScroll minWidth={600}>
        <Table verticalSpacing={4} striped>
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
            <Text size="sm" c="dimmed" component="span">
              {t('progress.caption')}
            </Text>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('field.year')}</Table.Th>
              <Table.Th scope="col">{t('field.area')}</Table.Th>
              <Table.Th scope="col">{t('progress.total')}</Table.Th>
              <Table.Th scope="col">{t('status.planerad')}</Table.Th>
              <Table.Th scope="col">{t('status.pågår')}</Table.Th>
              <Table.Th scope="col">{t('status.klar')}</Table.Th>
              <Table.Th scope="col">{t('status.avbruten')}</Table.Th>
              <Table.Th scope="col">{t('progress.done')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {years.flatMap((y) => {
              const ofYear = rows.filter((r) => r.year === y);
              const sum = ofYear.reduce(
                (s, r) => ({ total: s.total + r.total, planerad: s.planerad + r.planerad, pågår: s.pågår + r.pågår, klar: s.klar + r.klar, avbruten: s.avbruten + r.avbruten }),
                { total: 0, planerad: 0, pågår: 0, klar: 0, avbruten: 0 },
              );
              const pct = sum.total - sum.avbruten > 0 ? Math.round((sum.klar / (sum.total - sum.avbruten)) * 1000) / 10 : 0;
              return [
                ...ofYear.map((r) => <Row key={`${y}-${r.area}`} year={y} label={r.area} r={r} pct={r.percentDone} />),
                <Row key={`${y}-sum`} year={y} label={t('progress.allAreas')} r={sum} pct={pct} strong />,
              ];
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </section>
  );
}

function Row({ year, label, r, pct, strong }: { year: number; label: string; r: Omit<PlanProgress, 'year' | 'area' | 'percentDone'>; pct: number; strong?: boolean }) {
  const fw = strong ? 700 : undefined;
  return (
    <Table.Tr>
      <Table.Td fw={fw}>{year}</Table.Td>
      <Table.Th scope="row" fw={strong ? 700 : 400}>
        {label}
      </Table.Th>
      <Table.Td fw={fw}>{r.total}</Table.Td>
      <Table.Td fw={fw}>{r.planerad}</Table.Td>
      <Table.Td fw={fw}>{r.pågår}</Table.Td>
      <Table.Td fw={fw}>{r.klar}</Table.Td>
      <Table.Td fw={fw}>{r.avbruten}</Table.Td>
      <Table.Td fw={fw}>
        <span className="plan-bar-cell">
          <span className="plan-bar" aria-hidden="true">
            <span style={{ width: `${Math.min(100, Math.max(0, pct))}%` }} />
          </span>
          <span className="nowrap">{formatNumber(pct)} %</span>
        </span>
      </Table.Td>
    </Table.Tr>
  );
}
