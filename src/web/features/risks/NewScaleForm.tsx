import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { defaultBands, type BandRow } from './bands';
import { BandsEditor, bandFields } from './BandsEditor';
import type { CreateScale, Scale } from './types';

const PRESET_SIZE: Record<string, number> = { '4x4': 4, '5x5': 5 };
const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** Ny skalversion: a preset or own labels, and optionally own colour bands (sent only when changed). */
export function NewScaleForm({ org }: { org: string }) {
  const { t, i18n } = useTranslation('risks');
  const qc = useQueryClient();
  const [kind, setKind] = useState('4x4');
  const [name, setName] = useState('');
  const [likelihood, setLikelihood] = useState('');
  const [consequence, setConsequence] = useState('');
  const [custom, setCustom] = useState<BandRow[] | null>(null);
  const [done, setDone] = useState<Scale | null>(null);

  const size = PRESET_SIZE[kind];
  const max = size ? size * size : lines(likelihood).length * lines(consequence).length;
  const labels = [t('scales.bands.low'), t('scales.bands.medium'), t('scales.bands.high'), t('scales.bands.veryHigh')];
  const defaults: BandRow[] = defaultBands(max, labels).map(({ min, max: top, color, label }) => ({ min, max: top, color, label }));
  const rows = custom ?? defaults;
  // null: the defaults, not sent. Edits back to exactly the defaults count as unchanged.
  const changed = custom !== null;
  const edit = (next: BandRow[]) => setCustom(JSON.stringify(next) === JSON.stringify(defaults) ? null : next);

  const submit = useSubmit(() => {
    const body: CreateScale = kind === 'custom' ? { org, name: name || undefined, likelihood: lines(likelihood), consequence: lines(consequence) } : { org, name: name || undefined, preset: kind as '4x4' | '5x5' };
    if (changed) body.bands = rows;
    return api.post<Scale>('/risks/scales', body);
  });
  const fe = (f: string) => fieldError(submit.error, f, i18n.language);
  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await submit.run();
    if (r) {
      setDone(r);
      setCustom(null);
      await qc.invalidateQueries({ queryKey: ['risks'] });
    }
  }
  return (
    <section aria-labelledby="new-scale-title">
      <Title order={2} size="h3" id="new-scale-title" mb="xs">
        {t('scales.new')}
      </Title>
      <form onSubmit={save} noValidate aria-labelledby="new-scale-title">
        <Stack gap="sm" maw={760}>
          <Text size="sm">{t('scales.newHelp')}</Text>
          {done && (
            <Alert color="green" role="status">
              {t('scales.created2', { version: done.scaleVersion, name: done.name })}
            </Alert>
          )}
          <ProblemAlert error={submit.error} fields={['name', 'likelihood', 'consequence', 'preset', ...(changed ? bandFields(rows.length) : [])]} />
          <Radio.Group label={t('scales.kind')} value={kind} onChange={setKind}>
            <Group mt={6}>
              <Radio value="4x4" label={t('scales.preset4')} />
              <Radio value="5x5" label={t('scales.preset5')} />
              <Radio value="custom" label={t('scales.custom')} />
            </Group>
          </Radio.Group>
          <TextInput label={t('scales.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fe('name')} />
          {kind === 'custom' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Textarea label={t('scales.likelihoodLabels')} description={t('scales.lowestFirst')} autosize minRows={4} value={likelihood} onChange={(e) => setLikelihood(e.currentTarget.value)} error={fe('likelihood')} />
              <Textarea label={t('scales.consequenceLabels')} description={t('scales.lowestFirst')} autosize minRows={4} value={consequence} onChange={(e) => setConsequence(e.currentTarget.value)} error={fe('consequence')} />
            </SimpleGrid>
          )}
          {max > 0 ? (
            <BandsEditor rows={rows} max={max} changed={changed} onChange={edit} onReset={() => setCustom(null)} fieldError={fe} />
          ) : (
            <Text size="sm">{t('scales.bands.needLabels')}</Text>
          )}
          <Group>
            <Button type="submit" loading={submit.busy}>
              {t('scales.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  );
}
