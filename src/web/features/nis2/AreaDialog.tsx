import { useState, type FormEvent } from 'react';
import { NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/FormActions';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { STATUSES, type AreaStatus, type Nis2Area, type Nis2Assessment } from './api';

const FIELDS = ['status', 'reason', 'description', 'gaps', 'measure', 'measureOwner', 'dueDate', 'evidence'];

/** Change one measure area: status (a reason for ej tillämplig), what is in place, brister, the planned measure and evidence. */
export function AreaDialog({ assessment, area, onClose, onSaved }: {
  assessment: Nis2Assessment; area: Nis2Area; onClose: () => void; onSaved: (next: Nis2Assessment) => void;
}) {
  const { t, i18n } = useTranslation('nis2');
  const qc = useQueryClient();
  const [f, setF] = useState({
    status: area.status, reason: area.reason, description: area.description, gaps: area.gaps, measure: area.measure,
    measureOwner: area.measureOwner, dueDate: area.dueDate ?? '', evidence: area.evidence,
  });
  const text = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setF((x) => ({ ...x, [k]: v }));
  };
  const { run, busy, error } = useSubmit(() =>
    api.patch<Nis2Assessment>(`/nis2/assessments/${assessment.id}/areas/${area.area}`, { version: area.version, ...f, status: f.status as AreaStatus, dueDate: f.dueDate || null }));
  const fe = (k: string) => fieldError(error, k, i18n.language);
  const reload = () => void qc.invalidateQueries({ queryKey: ['nis2'] }).then(onClose);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = await run();
    if (next) onSaved(next);
  }

  return (
    <Dialog opened onClose={onClose} size="lg" title={t('area.editTitle', { area: `(${area.area}) ${t(`areas.${area.area}`)}` })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} fields={FIELDS} onReload={reload} staleDetail />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect label={t('area.status')} value={f.status} onChange={text('status')} error={fe('status')} data-autofocus
              data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
            <TextInput label={t('area.reason')} description={t('area.reasonHelp')} required={f.status === 'ej_tillamplig'} value={f.reason} onChange={text('reason')} error={fe('reason')} maxLength={2000} />
          </SimpleGrid>
          <Textarea label={t('area.description')} autosize minRows={2} value={f.description} onChange={text('description')} error={fe('description')} maxLength={4000} />
          <Textarea label={t('area.gaps')} autosize minRows={2} value={f.gaps} onChange={text('gaps')} error={fe('gaps')} maxLength={4000} />
          <Textarea label={t('area.measure')} autosize minRows={1} value={f.measure} onChange={text('measure')} error={fe('measure')} maxLength={2000} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('area.measureOwner')} value={f.measureOwner} onChange={text('measureOwner')} error={fe('measureOwner')} maxLength={200} />
            <TextInput label={t('area.dueDate')} description={t('area.dueHelp', { year: assessment.year })} type="date" min={`${assessment.year}-01-01`} value={f.dueDate} onChange={text('dueDate')} error={fe('dueDate')} />
          </SimpleGrid>
          <Textarea label={t('area.evidence')} description={t('area.evidenceHelp')} autosize minRows={1} value={f.evidence} onChange={text('evidence')} error={fe('evidence')} maxLength={4000} />
          <DialogActions busy={busy} submitLabel={t('save')} onClose={onClose} labels={{ delete: '', confirm: '', yes: '' }} />
        </Stack>
      </form>
    </Dialog>
  );
}
