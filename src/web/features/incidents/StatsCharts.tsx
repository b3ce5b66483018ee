/**
 * The statistics charts. Loaded lazily (this module pulls in ECharts), drawn with the same option builders
 * the management-review documents use (domains/reports/chart-options.ts: pure functions, no server code).
 * Each chart is a figure with a caption and an aria-label carrying its figures; the tables on the page are
 * the accessible alternative.
 */
import { useMemo } from 'react';
import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { incidentsByKindOption, incidentsByMonthOption, incidentsByStatusOption } from '../../../domains/reports/chart-options';
import type { IncidentFigures } from './types';
import { EChart as Chart } from '../../components/EChart';

export default function StatsCharts({ figures }: { figures: IncidentFigures }) {
  const { t } = useTranslation('incidents');
  const f = figures as unknown as Record<string, unknown>;
  const list = (o: Record<string, number>) => Object.entries(o).map(([k, n]) => `${k} ${n}`).join(', ');
  const status = useMemo(() => incidentsByStatusOption(f), [f]);
  const month = useMemo(() => incidentsByMonthOption(f, figures.year), [f, figures.year]);
  const kind = useMemo(() => incidentsByKindOption(f), [f]);
  const months = (a: number[]) => a.map((n, i) => `${t(`months.${i}`)} ${n}`).join(', ');
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Chart
        option={status}
        caption={t('stats.chartStatus')}
        label={`${t('stats.chartStatus')}: ${list(figures.byStatus)}`}
      />
      <Chart
        option={month}
        caption={t('stats.chartMonth', { year: figures.year, prev: figures.year - 1 })}
        label={`${t('stats.chartMonth', { year: figures.year, prev: figures.year - 1 })}. ${figures.year}: ${months(figures.byMonth.current)}. ${figures.year - 1}: ${months(figures.byMonth.previous)}.`}
      />
      <Chart
        option={kind}
        caption={t('stats.chartKind')}
        label={`${t('stats.chartKind')}: ${list(figures.byKind)}`}
        height={320}
      />
    </SimpleGrid>
  );
}
