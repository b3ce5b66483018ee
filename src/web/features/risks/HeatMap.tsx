import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Heatmap } from './types';
import './risks.css';

interface Props {
  data: Heatmap;
  selected: { sannolikhet: number; konsekvens: number } | null;
  onSelect: (cell: { sannolikhet: number; konsekvens: number } | null) => void;
}

/**
 * Värmekarta: likelihood rows (highest first) × consequence columns, each cell coloured by the scale's band and
 * a button with its count. Pressing a cell lists its risks; pressing it again shows all.
 */
export function HeatMap({ data, selected, onSelect }: Props) {
  const { t } = useTranslation('risks');
  const { likelihood, consequence } = data.scale;
  const nK = consequence.length;
  const rows = Array.from({ length: likelihood.length }, (_, i) => likelihood.length - i);
  const cols = Array.from({ length: nK }, (_, i) => i + 1);
  const cell = (s: number, k: number) => data.cells.find((c) => c.sannolikhet === s && c.konsekvens === k);

  return (
    <section aria-labelledby="heatmap-title">
      <Text id="heatmap-title" component="h2" fw={700} size="lg" mb="xs">
        {t('heatmap.title', { basis: t(`heatmap.basis.${data.basis}`) })}
      </Text>
      <Text size="sm" mb="xs">
        {t('heatmap.help', { scale: data.scale.name, version: data.scale.scaleVersion, count: data.total })}
      </Text>
      <div className="risk-matrix" style={{ gridTemplateColumns: `fit-content(6rem) repeat(${nK}, minmax(3.2rem, 1fr))` }}>
        <div className="risk-matrix-corner risk-matrix-axis">{t('matrix.axes')}</div>
        {cols.map((k) => (
          <div key={`h${k}`} className="risk-matrix-colhead">
            {k} {consequence[k - 1]}
          </div>
        ))}
        {rows.map((s) => [
          <div key={`r${s}`} className="risk-matrix-rowhead">
            {s} {likelihood[s - 1]}
          </div>,
          ...cols.map((k) => {
            const c = cell(s, k);
            const count = c?.count ?? 0;
            const pressed = selected?.sannolikhet === s && selected.konsekvens === k;
            return (
              <button
                key={`${s}:${k}`}
                type="button"
                className="risk-cell"
                aria-pressed={pressed}
                aria-label={t('heatmap.cell', { s: likelihood[s - 1], k: consequence[k - 1], v: s * k, count, level: c?.band?.label ?? '' })}
                style={c?.band ? { background: c.band.color, color: c.band.textColor } : undefined}
                onClick={() => onSelect(pressed ? null : { sannolikhet: s, konsekvens: k })}
              >
                <span aria-hidden="true">{count}</span>
                <span aria-hidden="true" className="risk-cell-sub">
                  {pressed ? '✓ ' : ''}
                  {s * k}
                </span>
              </button>
            );
          }),
        ])}
      </div>
      {data.otherScaleVersions > 0 && (
        <Text size="sm" mt="xs">
          {t('heatmap.other', { count: data.otherScaleVersions })}
        </Text>
      )}
      <Legend bands={data.scale.bands} />
    </section>
  );
}

export function Legend({ bands }: { bands: Heatmap['scale']['bands'] }) {
  const { t } = useTranslation('risks');
  return (
    <ul aria-label={t('heatmap.legend')} style={{ listStyle: 'none', padding: 0, margin: '0.5rem 0 0', display: 'flex', gap: '0.75rem', flexWrap: 'wrap' }}>
      {bands.map((b) => (
        <li key={b.label}>
          <span className="risk-band-swatch" style={{ background: b.color, color: b.textColor }}>
            {b.label}
          </span>{' '}
          <Text span size="sm">
            {b.min}–{b.max}
          </Text>
        </li>
      ))}
    </ul>
  );
}
