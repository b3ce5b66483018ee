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
import { useDataWords } from './words';

type Opt = Record<string, unknown> & { xAxis?: { data?: unknown[] }; series?: { data?: unknown[]; name?: string }[] };

export default function StatsCharts({ figures }: { figures: IncidentFigures }) {
  const { t, i18n } = useTranslation('incidents');
  const { word } = useDataWords();
  const f = figures as unknown as Record<string, unknown>;
  const list = (o: Record<string, number>) => Object.entries(o).map(([k, n]) => `${word(k)} ${n}`).join(', ');
  // The option builders (shared with the Swedish documents) label with the Swedish data words: shown in the user's language.
  const status = useMemo(() => {
    const o = incidentsByStatusOption(f) as Opt;
    return { ...o, xAxis: { ...o.xAxis, data: (o.xAxis?.data ?? []).map((l) => word(String(l))) }, series: o.series?.map((x) => ({ ...x, name: t('stats.count') })) };
  }, [f, word, t]);
  const month = useMemo(() => {
    const o = incidentsByMonthOption(f, figures.year) as Opt;
    if (i18n.language.startsWith('sv')) return o;
    const short = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });
    return { ...o, xAxis: { ...o.xAxis, data: (o.xAxis?.data ?? []).map((_, i) => short.format(Date.UTC(2000, i, 1))) } };
  }, [f, figures.year, i18n.language]);
  const kind = useMemo(() => {
    const o = incidentsByKindOption(f) as Opt;
    return { ...o, series: o.series?.map((x) => ({ ...x, data: (x.data ?? []).map((d) => ({ ...(d as { name: string }), name: word((d as { name: string }).name) })) })) };
  }, [f, word]);
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
