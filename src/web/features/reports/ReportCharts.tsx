/**
 * The report's charts in the browser, drawn with the very option builders the DOCX/PDF/HTML use
 * (domains/reports/chart-options.ts). Loaded lazily: this module pulls in ECharts.
 */
import { useEffect, useMemo, useRef } from 'react';
import { Alert, Loader, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { chartOptions } from '../../../domains/reports/chart-options';
import { api } from '../../api/client';
import { errorMessage } from '../../components/problem';

echarts.use([BarChart, LineChart, PieChart, HeatmapChart, GridComponent, LegendComponent, VisualMapComponent, CanvasRenderer]);

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

function Chart({ option, title, height }: { option: Record<string, unknown>; title: string; height: number }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({ ...option, textStyle: { fontFamily: FONT, fontSize: 12 }, aria: { enabled: false } });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);
  return (
    <figure style={{ margin: 0 }}>
      <div ref={el} role="img" aria-label={title} style={{ width: '100%', height }} />
      <figcaption style={{ fontSize: 14 }}>{title}</figcaption>
    </figure>
  );
}

export default function ReportCharts({ reportId, version }: { reportId: string; version: number }) {
  const { t, i18n } = useTranslation('reports');
  const q = useQuery({ queryKey: ['reports', 'json', reportId, version], queryFn: () => api.get<Record<string, unknown>>(`/reports/${reportId}/render`, { format: 'json' }) });
  const charts = useMemo(() => (q.data ? chartOptions(q.data) : []), [q.data]);
  if (q.isPending) return <Loader size="sm" aria-label={t('charts.loading')} />;
  if (q.isError) return <Alert color="red" role="alert">{errorMessage(q.error, i18n.language)}</Alert>;
  if (!charts.length) return <Text size="sm" c="dimmed">{t('charts.none')}</Text>;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      {charts.map((c) => <Chart key={c.id} option={c.option} title={c.title} height={c.height} />)}
    </SimpleGrid>
  );
}
