/**
 * One ECharts chart as an accessible figure: the canvas carries an aria-label with the figures, the caption
 * names the chart; pages keep a table as the accessible alternative. Import it only from lazily loaded
 * pages: it pulls in ECharts.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, HeatmapChart, GridComponent, LegendComponent, VisualMapComponent, CanvasRenderer]);

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

export function EChart({ option, label, caption, height = 300 }: { option: Record<string, unknown>; label: string; caption: string; height?: number }) {
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
      <div ref={el} role="img" aria-label={label} style={{ width: '100%', height }} />
      <figcaption style={{ fontSize: 14 }}>{caption}</figcaption>
    </figure>
  );
}
