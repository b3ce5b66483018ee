import type { FormEvent } from 'react';
import { Checkbox, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/FormActions';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useForm } from '../../components/useFields';
import { useSubmit } from '../../components/useSubmit';
import { FREQUENCIES, type IkpRisk, type InternalControl } from './api';

interface Props {
  org: { slug: string; name: string };
  year: number;
  risks: IkpRisk[];
  /** Editing this control; planning one when absent (for `riskId`, when given). */
  control?: InternalControl;
  riskId?: string | null;
  onClose: () => void;
  onSaved: (saved: InternalControl, message: string) => void;
}

type Form = { vorEventId: string; title: string; control: string; method: string; frequency: string; responsible: string; archived: boolean };
const FIELDS = ['vorEventId', 'title', 'control', 'method', 'frequency', 'responsible'];

/** Plan or change a kontrollmoment: the IKP risk it controls (or none), what is checked, how, how often and by whom. */
export function ControlDialog({ org, year, risks, control, riskId, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation('internalControl');
  const qc = useQueryClient();
  const { f, text, check } = useForm<Form>(() => ({
    vorEventId: control ? (control.risk?.id ?? '') : (riskId ?? ''), title: control?.title ?? '', control: control?.control ?? '', method: control?.method ?? '',
    frequency: control?.frequency ?? 'tertial', responsible: control?.responsible ?? '', archived: control?.archived ?? false,
  }));
  const submitting = useSubmit(async () => {
    const { archived, vorEventId, ...rest } = f;
    const body = { ...rest, vorEventId: vorEventId || null };
    const saved = control
      ? await api.patch<InternalControl>(`/internal-control/controls/${control.id}`, { version: control.version, ...body, archived })
      // A risk of an organisation under the chosen one (a city's view) gets the control on that organisation.
      : await api.post<InternalControl>('/internal-control/controls', { org: risks.find((r) => r.id === vorEventId)?.org.slug ?? org.slug, year, ...body });
    await qc.invalidateQueries({ queryKey: ['internal-control'] });
    return saved;
  });
  const fe = (k: string) => fieldError(submitting.error, k, i18n.language);
  const reload = () => void qc.invalidateQueries({ queryKey: ['internal-control'] }).then(onClose);
  // The control's own risk stays choosable even when it has left the plan since.
  const choices = control?.risk && !risks.some((r) => r.id === control.risk!.id) ? [{ ...control.risk, org: control.org, year, controls: 0 }, ...risks] : risks;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await submitting.run();
    if (saved) onSaved(saved, t('form.saved', { name: (saved.risk?.title ?? saved.title).replace(/\.\s*$/, '') }));
  }

  return (
    <Dialog opened onClose={onClose} size="lg" title={control ? t('form.editTitle') : t('form.createTitle', { org: org.name, year })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={submitting.error} fields={FIELDS} onReload={reload} staleDetail />
          <NativeSelect label={t('form.risk')} description={t('form.riskHelp')} value={f.vorEventId} onChange={text('vorEventId')} error={fe('vorEventId')} data-autofocus
            data={[{ value: '', label: t('form.noRisk') }, ...choices.map((r) => ({ value: r.id, label: t('form.riskOption', { title: r.title, riskvarde: r.riskvarde }) }))]} />
          <TextInput label={t('form.title')} description={t('form.titleHelp')} required={!f.vorEventId} value={f.title} onChange={text('title')} error={fe('title')} maxLength={300} />
          <Textarea label={t('form.control')} description={t('form.controlHelp')} required autosize minRows={2} value={f.control} onChange={text('control')} error={fe('control')} maxLength={2000} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('form.method')} description={t('form.methodHelp')} value={f.method} onChange={text('method')} error={fe('method')} maxLength={400} />
            <NativeSelect label={t('form.frequency')} value={f.frequency} onChange={text('frequency')} error={fe('frequency')}
              data={FREQUENCIES.map((x) => ({ value: x, label: t(`frequency.${x}`) }))} />
            <TextInput label={t('form.responsible')} value={f.responsible} onChange={text('responsible')} error={fe('responsible')} maxLength={300} />
          </SimpleGrid>
          {control && <Checkbox label={t('form.archived')} checked={f.archived} onChange={check('archived')} />}
          <DialogActions busy={submitting.busy} submitLabel={control ? t('common:save') : t('form.create')} onClose={onClose} labels={{ delete: '', confirm: '', yes: '' }} />
        </Stack>
      </form>
    </Dialog>
  );
}
