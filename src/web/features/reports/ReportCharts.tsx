/**
 * The report's charts in the browser, drawn with the very option builders the DOCX/PDF/HTML use
 * (domains/reports/chart-options.ts). Loaded lazily: this module pulls in ECharts.
 */
import { useMemo } from 'react';
import { Alert, Loader, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { chartOptions } from '../../../domains/reports/chart-options';
import { api } from '../../api/client';
import { EChart } from '../../components/EChart';
import { errorMessage } from '../../components/problem';

const Chart = ({ option, title, height }: { option: Record<string, unknown>; title: string; height: number }) => (
  <EChart option={option} label={title} caption={title} height={height} />
);

export default function ReportCharts({ reportId, version }: { reportId: string; version: number }) {
  const { t, i18n } = useTranslation('reports');
  const q = useQuery({ queryKey: ['reports', 'json', reportId, version], queryFn: () => api.get<Record<string, unknown>>(`/reports/${reportId}/render`, { format: 'json' }) });
  const charts = useMemo(() => (q.data ? chartOptions(q.data) : []), [q.data]);
  const year = Number(q.data?.year);
  if (q.isPending) return <Loader size="sm" aria-label={t('charts.loading')} />;
  if (q.isError) return <Alert color="red" role="alert">{errorMessage(q.error, i18n.language)}</Alert>;
  if (!charts.length) return <Text size="sm" c="dimmed">{t('charts.none')}</Text>;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      {/* Captions in the UI language (chart-options gives the document's Swedish ones); the figures inside stay as in the document. */}
      {charts.map((c) => <Chart key={c.id} option={c.option} title={t(`charts.caption.${c.id}`, { defaultValue: c.title, year, prev: year - 1 })} height={c.height} />)}
    </SimpleGrid>
  );
}
