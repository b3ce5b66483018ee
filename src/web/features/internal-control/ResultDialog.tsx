import type { FormEvent } from 'react';
import { NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/FormActions';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useForm } from '../../components/useFields';
import { useSubmit } from '../../components/useSubmit';
import { todayStockholm } from '../plans/shared';
import { RESULTS, type ControlPeriod, type InternalControl } from './api';

interface Props {
  control: InternalControl;
  period: ControlPeriod;
  name: string;
  onClose: () => void;
  onSaved: (saved: InternalControl, message: string) => void;
}

type Form = { performedOn: string; result: string; reason: string; comment: string; measures: string };
const FIELDS = ['period', 'performedOn', 'result', 'reason', 'comment', 'measures'];

/** Report (or change) a control's result for one period: the day, the result, and for a deviation what it was and what was done. */
export function ResultDialog({ control, period, name, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation('internalControl');
  const qc = useQueryClient();
  const r = period.result;
  const { f, text } = useForm<Form>(() => ({
    performedOn: r?.performedOn ?? '', result: r?.result ?? 'utan_avvikelse', reason: r?.reason ?? '', comment: r?.comment ?? '', measures: r?.measures ?? '',
  }));
  const label = t(`period.${period.period}`);
  const submitting = useSubmit(async () => {
    const body = { ...f, performedOn: f.performedOn || null };
    const saved = r
      ? await api.patch<InternalControl>(`/internal-control/results/${r.id}`, { version: r.version, ...body })
      : await api.post<InternalControl>(`/internal-control/controls/${control.id}/results`, { period: period.period, ...body });
    await qc.invalidateQueries({ queryKey: ['internal-control'] });
    return saved;
  });
  const fe = (k: string) => fieldError(submitting.error, k, i18n.language);
  const reload = () => void qc.invalidateQueries({ queryKey: ['internal-control'] }).then(onClose);
  const deviation = f.result === 'avvikelse' || f.result === 'vasentlig_avvikelse';
  const notDone = f.result === 'ej_genomford';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await submitting.run();
    if (saved) onSaved(saved, t('result.saved', { period: label, name }));
  }

  return (
    <Dialog opened onClose={onClose} size="lg" title={t(r ? 'result.editTitle' : 'result.createTitle', { period: label, year: control.year })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('result.of', { name, start: period.start, end: period.end })}</Text>
          <ProblemAlert error={submitting.error} fields={FIELDS} onReload={reload} staleDetail />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect label={t('result.result')} value={f.result} onChange={text('result')} error={fe('result')} data-autofocus
              data={RESULTS.map((x) => ({ value: x, label: t(`status.${x}`) }))} />
            <TextInput label={t('result.performedOn')} description={t('result.performedOnHelp')} type="date" min={period.start} max={todayStockholm()}
              required={!notDone} value={f.performedOn} onChange={text('performedOn')} error={fe('performedOn') ?? fe('period')} />
          </SimpleGrid>
          {notDone && <Textarea label={t('result.reason')} required autosize minRows={2} value={f.reason} onChange={text('reason')} error={fe('reason')} maxLength={2000} />}
          <Textarea label={t('result.comment')} description={t('result.commentHelp')} required={deviation} autosize minRows={2} value={f.comment} onChange={text('comment')} error={fe('comment')} maxLength={4000} />
          <Textarea label={t('result.measures')} autosize minRows={2} value={f.measures} onChange={text('measures')} error={fe('measures')} maxLength={4000} />
          <DialogActions busy={submitting.busy} submitLabel={r ? t('common:save') : t('result.create')} onClose={onClose} labels={{ delete: '', confirm: '', yes: '' }} />
        </Stack>
      </form>
    </Dialog>
  );
}
