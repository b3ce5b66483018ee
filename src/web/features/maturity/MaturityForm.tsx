import { useState, type FormEvent } from 'react';
import { ActionIcon, Button, Fieldset, Group, NativeSelect, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/FormActions';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { lastYear, thisYear } from '../plans/shared';
import { DEFAULT_AREAS, DEFAULT_METHOD, LEVELS, type Assessment } from './types';

interface Row { area: string; level: string; targetLevel: string; comment: string }

const FIELDS = ['year', 'assessedOn', 'method', 'assessor', 'summary', 'scores'];

/**
 * A year's measurement: when, how and by whom, a summary, and a level per area. A new measurement starts from the
 * areas and levels of the latest one (the yearly re-measurement changes what moved), or the seeds' five areas.
 */
export function MaturityForm({ org, assessment, latest, onClose }: {
  org: { slug: string; name: string };
  assessment?: Assessment;
  latest?: Assessment;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('maturity');
  const qc = useQueryClient();
  const from = assessment ?? latest;
  // The year after the latest measurement, but never past the last year allowed (next year).
  const [year, setYear] = useState(String(assessment?.year ?? (latest ? Math.min(lastYear(), Math.max(latest.year + 1, thisYear())) : thisYear())));
  const [assessedOn, setAssessedOn] = useState(assessment?.assessedOn ?? '');
  const [method, setMethod] = useState(from?.method ?? DEFAULT_METHOD);
  const [assessor, setAssessor] = useState(from?.assessor ?? '');
  const [summary, setSummary] = useState(assessment?.summary ?? '');
  const [rows, setRows] = useState<Row[]>(
    from
      ? from.scores.map((s) => ({ area: s.area, level: String(s.level), targetLevel: s.targetLevel ? String(s.targetLevel) : '', comment: assessment ? s.comment : '' }))
      : DEFAULT_AREAS.map((area) => ({ area, level: '', targetLevel: '', comment: '' })),
  );
  const refresh = () => qc.invalidateQueries({ queryKey: ['maturity'] });
  const { run, busy, error } = useSubmit(async () => {
    const body = {
      assessedOn: assessedOn || null, method, assessor, summary,
      scores: rows.map((r) => ({
        area: r.area, level: r.level === '' ? undefined : Number(r.level), targetLevel: r.targetLevel === '' ? null : Number(r.targetLevel), comment: r.comment,
      })),
    };
    const saved = assessment
      ? await api.patch<Assessment>(`/maturity/${assessment.id}`, { version: assessment.version, ...body })
      : await api.post<Assessment>('/maturity', { org: org.slug, year: Number(year), ...body });
    await refresh();
    return saved;
  });
  const remove = useSubmit(async () => {
    await api.delete(`/maturity/${assessment!.id}?version=${assessment!.version}`);
    await refresh();
    return true;
  });
  const fe = (f: string) => fieldError(error, f, i18n.language);
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const levelChoices = (empty: string) => [{ value: '', label: empty }, ...LEVELS.map((l) => ({ value: String(l), label: `${l} – ${t(`level.${l}`)}` }))];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run()) onClose();
  }

  return (
    <Dialog opened onClose={onClose} size="xl" title={assessment ? t('editTitle', { year: assessment.year }) : t('newTitle', { org: org.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error ?? remove.error} fields={FIELDS} onReload={() => void refresh().then(onClose)} />
          <Group grow align="flex-start">
            <TextInput label={t('field.year')} required type="number" min={2000} max={lastYear()} value={year} disabled={!!assessment} onChange={(e) => setYear(e.currentTarget.value)} error={fe('year')} {...(!assessment ? { 'data-autofocus': true } : {})} />
            {/* An existing measurement's year is fixed: focus starts at its date (on a disabled field it stayed behind the dialog). */}
            <TextInput label={t('field.assessedOn')} type="date" value={assessedOn} onChange={(e) => setAssessedOn(e.currentTarget.value)} error={fe('assessedOn')} {...(assessment ? { 'data-autofocus': true } : {})} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('field.method')} value={method} onChange={(e) => setMethod(e.currentTarget.value)} error={fe('method')} />
            <TextInput label={t('field.assessor')} description={t('assessorHelp')} value={assessor} onChange={(e) => setAssessor(e.currentTarget.value)} error={fe('assessor')} />
          </Group>
          <Textarea label={t('field.summary')} autosize minRows={2} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={fe('summary')} />
          <Fieldset legend={t('field.scores')} variant="unstyled">
            <Stack gap="xs">
              <Text size="sm" c="dimmed">{t('levelsHelp')}</Text>
              {rows.map((r, i) => (
                <Paper key={i} withBorder p="xs">
                  <Group align="flex-start" wrap="wrap" gap="xs">
                    <TextInput label={t('field.area')} required value={r.area} onChange={(e) => set(i, { area: e.currentTarget.value })} error={fe(`scores.${i}.area`)} w={200} />
                    <NativeSelect
                      label={t('field.levelOf', { area: r.area || i + 1 })}
                      required
                      value={r.level}
                      onChange={(e) => set(i, { level: e.currentTarget.value })}
                      data={levelChoices(t('chooseLevel'))}
                      error={fe(`scores.${i}.level`)}
                      w={250}
                    />
                    <NativeSelect
                      label={t('field.targetLevel')}
                      value={r.targetLevel}
                      onChange={(e) => set(i, { targetLevel: e.currentTarget.value })}
                      data={levelChoices(t('noTarget'))}
                      error={fe(`scores.${i}.targetLevel`)}
                      w={250}
                    />
                    <TextInput label={t('field.comment')} value={r.comment} onChange={(e) => set(i, { comment: e.currentTarget.value })} error={fe(`scores.${i}.comment`)} style={{ flex: 1, minWidth: 200 }} />
                    <ActionIcon variant="default" size="lg" mt={24} aria-label={t('removeArea', { area: r.area || i + 1 })} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} disabled={rows.length === 1}>
                      ×
                    </ActionIcon>
                  </Group>
                </Paper>
              ))}
              {fe('scores') && (
                <Text size="sm" c="red.8" role="alert">
                  {fe('scores')}
                </Text>
              )}
              <Group>
                <Button variant="default" size="xs" onClick={() => setRows((rs) => [...rs, { area: '', level: '', targetLevel: '', comment: '' }])}>
                  {t('addArea')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <DialogActions
            busy={busy}
            submitLabel={assessment ? t('common:save') : t('create')}
            onClose={onClose}
            remove={assessment ? remove : undefined}
            labels={{ delete: t('delete'), confirm: assessment ? t('deleteConfirm', { year: assessment.year }) : '', yes: t('deleteYes') }}
          />
        </Stack>
      </form>
    </Dialog>
  );
}
