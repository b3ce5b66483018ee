import type { ChangeEvent } from 'react';
import { Button, Fieldset, Group, Input, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { addBand, bestTextColor, removeBand, type BandRow } from './bands';
import './risks.css';

/** The API allows at most this many bands (contract.ts CreateScale). */
export const MAX_BANDS = 10;

/** Fields of the bands the server may name in a 422 (checkBands, zod), so the form's alert does not repeat them. */
export const bandFields = (n: number) => Array.from({ length: n }, (_, i) => ['min', 'max', 'color', 'textColor', 'label'].map((f) => `bands.${i}.${f}`)).flat().concat('bands');

interface Props {
  rows: BandRow[];
  max: number;
  changed: boolean;
  onChange: (rows: BandRow[]) => void;
  onReset: () => void;
  /** Server message for a field, e.g. "bands.1.min". */
  fieldError: (field: string) => string | undefined;
}

const int = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
const shown = (n: number) => (Number.isFinite(n) ? String(n) : '');

/**
 * Färgband of a new scale version: one group per band (from, to, colour, label) with a preview of the label in the
 * text colour the server will choose. Starts from the default bands; the form sends them only once changed.
 */
export function BandsEditor({ rows, max, changed, onChange, onReset, fieldError }: Props) {
  const { t } = useTranslation('risks');
  const set = (i: number, patch: Partial<BandRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Fieldset legend={t('scales.bands.title')} variant="unstyled" styles={{ legend: { fontWeight: 700 } }}>
      <Stack gap="xs">
        <Text size="sm">{t(changed ? 'scales.bands.helpChanged' : 'scales.bands.help', { max })}</Text>
        {rows.map((r, i) => {
          const n = i + 1;
          const colorId = `scale-band-${i}-color`;
          const colorError = fieldError(`bands.${i}.color`) ?? fieldError(`bands.${i}.textColor`);
          return (
            <Fieldset key={i} legend={t('scales.bands.band', { n })} p="xs">
              <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" verticalSpacing="xs">
                <TextInput label={t('scales.bands.min')} type="number" min={1} max={max} value={shown(r.min)} onChange={(e) => set(i, { min: int(e.currentTarget.value) })} error={fieldError(`bands.${i}.min`)} />
                <TextInput label={t('scales.bands.max')} type="number" min={1} max={max} value={shown(r.max)} onChange={(e) => set(i, { max: int(e.currentTarget.value) })} error={fieldError(`bands.${i}.max`)} />
                <Input.Wrapper id={colorId} label={t('scales.bands.color')} error={colorError}>
                  <Input component="input" type="color" value={r.color} error={colorError} onChange={(e: ChangeEvent<HTMLInputElement>) => set(i, { color: e.currentTarget.value })} styles={{ input: { padding: 2, cursor: 'pointer' } }} />
                </Input.Wrapper>
                <TextInput label={t('scales.bands.label')} value={r.label} onChange={(e) => set(i, { label: e.currentTarget.value })} error={fieldError(`bands.${i}.label`)} />
              </SimpleGrid>
              <Group justify="space-between" mt="xs">
                <Group gap="xs">
                  <Text size="sm">{t('scales.bands.preview')}</Text>
                  <span className="risk-band-swatch" style={{ background: r.color, color: bestTextColor(r.color) }}>
                    {r.label || '–'} {shown(r.min)}–{shown(r.max)}
                  </span>
                </Group>
                <Button variant="default" size="xs" disabled={rows.length < 2} onClick={() => onChange(removeBand(rows, i))}>
                  {t('scales.bands.remove', { n })}
                </Button>
              </Group>
            </Fieldset>
          );
        })}
        {fieldError('bands') && (
          <Text size="sm" c="red.8" role="alert">
            {fieldError('bands')}
          </Text>
        )}
        <Group>
          <Button variant="default" size="xs" disabled={rows.length >= MAX_BANDS} onClick={() => onChange(addBand(rows, t('scales.bands.newLabel', { n: rows.length + 1 })))}>
            {t('scales.bands.add')}
          </Button>
          {changed && (
            <Button variant="default" size="xs" onClick={onReset}>
              {t('scales.bands.reset')}
            </Button>
          )}
        </Group>
      </Stack>
    </Fieldset>
  );
}
