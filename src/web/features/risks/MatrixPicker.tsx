import { useRef, type KeyboardEvent } from 'react';
import { Input, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { bandFor, type ScaleShape } from './types';
import './risks.css';

export interface Assessment {
  sannolikhet: number;
  konsekvens: number;
}

interface Props {
  scale: ScaleShape;
  value: Assessment | null;
  onChange: (v: Assessment) => void;
  /** Accessible name of the radio group, e.g. "Bedömning". */
  label: string;
  error?: string;
  disabled?: boolean;
  /** id prefix (several pickers on one form). */
  id: string;
}

/**
 * Matrix picker: a radio group of sannolikhet (rows, highest first) × konsekvens (columns) with the scale's
 * labels. One tab stop; arrow keys move and choose (↑ more likely, → more severe), Home/End jump along a
 * row. Every cell is named "Sannolik × Allvarlig = 16"; the chosen one is marked by a frame and a ✓, not
 * by colour alone, and the riskvärde with its band is read out beside it.
 */
export function MatrixPicker({ scale, value, onChange, label, error, disabled, id }: Props) {
  const { t } = useTranslation('risks');
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const nS = scale.likelihood.length;
  const nK = scale.consequence.length;
  const current = value && value.sannolikhet <= nS && value.konsekvens <= nK ? value : null;
  const tabStop = current ?? { sannolikhet: 1, konsekvens: 1 };
  const key = (s: number, k: number) => `${s}:${k}`;

  function move(e: KeyboardEvent, s: number, k: number) {
    let ns = s;
    let nk = k;
    switch (e.key) {
      case 'ArrowUp': ns = Math.min(nS, s + 1); break;
      case 'ArrowDown': ns = Math.max(1, s - 1); break;
      case 'ArrowRight': nk = Math.min(nK, k + 1); break;
      case 'ArrowLeft': nk = Math.max(1, k - 1); break;
      case 'Home': nk = 1; break;
      case 'End': nk = nK; break;
      case ' ':
      case 'Enter':
        e.preventDefault();
        if (!disabled) onChange({ sannolikhet: s, konsekvens: k });
        return;
      default:
        return;
    }
    e.preventDefault();
    if (disabled) return;
    onChange({ sannolikhet: ns, konsekvens: nk });
    refs.current.get(key(ns, nk))?.focus();
  }

  const rows = Array.from({ length: nS }, (_, i) => nS - i);
  const cols = Array.from({ length: nK }, (_, i) => i + 1);
  const v = current ? current.sannolikhet * current.konsekvens : null;
  const band = v !== null ? bandFor(scale.bands, v) : undefined;
  const errorId = `${id}-error`;

  return (
    <div>
      <Text id={`${id}-label`} fw={500} size="sm" mb={4}>
        {label}
      </Text>
      <div
        role="radiogroup"
        aria-labelledby={`${id}-label`}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error ? true : undefined}
        aria-disabled={disabled || undefined}
        className="risk-matrix"
        style={{ gridTemplateColumns: `fit-content(6rem) repeat(${nK}, minmax(2.8rem, 1fr))` }}
      >
        <div className="risk-matrix-corner risk-matrix-axis" aria-hidden="true">
          {t('matrix.axes')}
        </div>
        {cols.map((k) => (
          <div key={`h${k}`} className="risk-matrix-colhead" aria-hidden="true">
            {k} {scale.consequence[k - 1]}
          </div>
        ))}
        {rows.map((s) => [
          <div key={`r${s}`} className="risk-matrix-rowhead" aria-hidden="true">
            {s} {scale.likelihood[s - 1]}
          </div>,
          ...cols.map((k) => {
            const checked = current?.sannolikhet === s && current.konsekvens === k;
            const b = bandFor(scale.bands, s * k);
            return (
              <button
                key={key(s, k)}
                ref={(el) => {
                  if (el) refs.current.set(key(s, k), el);
                  else refs.current.delete(key(s, k));
                }}
                type="button"
                role="radio"
                className="risk-cell"
                aria-checked={checked}
                aria-disabled={disabled || undefined}
                aria-label={t('matrix.cell', { s: scale.likelihood[s - 1], k: scale.consequence[k - 1], v: s * k })}
                tabIndex={tabStop.sannolikhet === s && tabStop.konsekvens === k ? 0 : -1}
                style={b ? { background: b.color, color: b.textColor } : undefined}
                onClick={() => !disabled && onChange({ sannolikhet: s, konsekvens: k })}
                onKeyDown={(e) => move(e, s, k)}
              >
                <span aria-hidden="true">
                  {checked ? '✓ ' : ''}
                  {s * k}
                </span>
              </button>
            );
          }),
        ])}
      </div>
      <Text size="sm" mt={4} aria-live="polite" data-testid={`${id}-value`}>
        {current ? (
          <>
            {t('matrix.chosen', { s: scale.likelihood[current.sannolikhet - 1], k: scale.consequence[current.konsekvens - 1] })}{' '}
            <strong>{t('matrix.value', { v })}</strong>
            {band && (
              <>
                {' '}
                <span className="risk-band-swatch" style={{ background: band.color, color: band.textColor }}>
                  {band.label}
                </span>
              </>
            )}
          </>
        ) : (
          t('matrix.none')
        )}
      </Text>
      {error && <Input.Error id={errorId}>{error}</Input.Error>}
    </div>
  );
}
