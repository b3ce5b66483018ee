import type { FormEvent } from 'react';
import { Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DialogActions } from '../../components/FormActions';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useForm } from '../../components/useFields';
import { useSubmit } from '../../components/useSubmit';
import { todayStockholm } from '../plans/shared';
import { ACCESS_RESULTS, ANSWERS, CHECKS, HELD_BY_ROLES, type DigitalObject, type FollowUpCheck, type ObjectFollowUp } from './api';

interface Props {
  object: DigitalObject;
  /** Editing this follow-up; recording a new one of one of `years` when absent. */
  followUp?: ObjectFollowUp;
  /** The years a new follow-up may be recorded for (this year first). */
  years: number[];
  onCancel: () => void;
  onSaved: (saved: ObjectFollowUp) => void;
}

type Form = {
  year: string; heldOn: string; heldBy: string; heldByRole: ObjectFollowUp['heldByRole'];
  accessReview: string; accessResult: string; accountsChanged: string; accessReviewComment: string;
  notes: string; actions: string;
} & Record<FollowUpCheck | `${FollowUpCheck}Comment`, string>;

const FIELDS = ['year', 'heldOn', 'heldBy', 'heldByRole', 'accessReview', 'accessResult', 'accountsChanged', 'accessReviewComment', ...CHECKS, ...CHECKS.map((c) => `${c}Comment`), 'notes', 'actions'];

function initial(object: DigitalObject, years: number[], f?: ObjectFollowUp): Form {
  const checks = Object.fromEntries(CHECKS.flatMap((c) => [[c, f?.[c] ?? 'nej'], [`${c}Comment`, f?.[`${c}Comment`] ?? '']]));
  return {
    year: String(f?.year ?? years[0]), heldOn: f?.heldOn ?? todayStockholm(), heldBy: f?.heldBy ?? object.owner, heldByRole: f?.heldByRole ?? 'objektagare',
    accessReview: f?.accessReview ?? 'nej', accessResult: f?.accessResult ?? '', accountsChanged: f?.accountsChanged === null || f?.accountsChanged === undefined ? '' : String(f.accountsChanged),
    accessReviewComment: f?.accessReviewComment ?? '', notes: f?.notes ?? '', actions: f?.actions ?? '',
    ...checks,
  } as Form;
}

/**
 * The form of one yearly object follow-up: when and by whom, the access review (behörighetsgenomgång) with its
 * result and accounts changed, the other checks (each ja / nej / ej aktuellt with a comment; the classification's
 * shows the object's current KLASSA status, so the user sees whether reclassification is due), notes and actions.
 * Each check is a group named by its legend.
 */
export function FollowUpForm({ object, followUp, years, onCancel, onSaved }: Props) {
  const { t, i18n } = useTranslation('objects');
  const qc = useQueryClient();
  const { f, text } = useForm<Form>(() => initial(object, years, followUp));

  const save = async () => {
    const { year, accessResult, accountsChanged, ...rest } = f;
    const body = {
      ...rest,
      accessResult: f.accessReview === 'ja' && accessResult ? accessResult : null,
      accountsChanged: f.accessReview === 'ja' && accountsChanged.trim() !== '' ? Number(accountsChanged) : null,
    };
    const saved = followUp
      ? await api.patch<ObjectFollowUp>(`/object-follow-ups/${followUp.id}`, { version: followUp.version, ...body })
      : await api.post<ObjectFollowUp>(`/objects/${object.id}/follow-ups`, { year: Number(year), ...body });
    await qc.invalidateQueries({ queryKey: ['objects'] });
    return saved;
  };
  const { run, busy, error } = useSubmit(save);
  const fe = (k: string) => fieldError(error, k, i18n.language);
  const reload = () => void qc.invalidateQueries({ queryKey: ['objects'] }).then(onCancel);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await run();
    if (saved) onSaved(saved);
  }

  const answers = ANSWERS.map((a) => ({ value: a, label: t(`followUp.answer.${a}`) }));
  const lokal = object.lokalDate ? t('followUp.classificationNow', { status: t(`status.${object.lokalStatus}`), date: object.lokalDate }) : t('followUp.classificationNone', { status: t(`status.${object.lokalStatus}`) });
  const next = object.nextReclassification
    ? t(object.reclassificationOverdue ? 'form.nextOverdue' : 'form.nextReclassification', { date: object.nextReclassification })
    : '';

  return (
    <form onSubmit={submit} noValidate aria-label={followUp ? t('followUp.editLabel', { year: followUp.year }) : t('followUp.newLabel')}>
      <Stack>
        <ProblemAlert error={error} fields={FIELDS} onReload={reload} staleDetail />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {followUp
            ? <TextInput label={t('followUp.year')} value={String(followUp.year)} readOnly />
            : <NativeSelect label={t('followUp.year')} value={f.year} onChange={text('year')} error={fe('year')} data={years.map((y) => String(y))} />}
          <TextInput label={t('followUp.heldOn')} type="date" required max={todayStockholm()} value={f.heldOn} onChange={text('heldOn')} error={fe('heldOn')} />
          <TextInput label={t('followUp.heldBy')} required value={f.heldBy} onChange={text('heldBy')} error={fe('heldBy')} maxLength={200} />
          <NativeSelect label={t('followUp.heldByRole')} value={f.heldByRole} onChange={text('heldByRole')} error={fe('heldByRole')}
            data={HELD_BY_ROLES.map((r) => ({ value: r, label: t(`followUp.role.${r}`) }))} />
        </SimpleGrid>

        <Fieldset legend={t('followUp.check.accessReview')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect label={t('followUp.done')} value={f.accessReview} onChange={text('accessReview')} error={fe('accessReview')} data={answers} />
              {f.accessReview === 'ja' && (
                <>
                  <NativeSelect label={t('followUp.result')} value={f.accessResult} onChange={text('accessResult')} error={fe('accessResult')}
                    data={[{ value: '', label: t('followUp.chooseResult') }, ...ACCESS_RESULTS.map((r) => ({ value: r, label: t(`followUp.accessResult.${r}`) }))]} />
                  <TextInput label={t('followUp.accountsChanged')} type="number" min={0} inputMode="numeric" value={f.accountsChanged} onChange={text('accountsChanged')} error={fe('accountsChanged')} />
                </>
              )}
            </SimpleGrid>
            <Textarea label={t('followUp.comment')} description={f.accessResult === 'avvikelser_kvarstar' && f.accessReview === 'ja' ? t('followUp.deviationHelp') : undefined}
              autosize minRows={1} value={f.accessReviewComment} onChange={text('accessReviewComment')} error={fe('accessReviewComment')} />
          </Stack>
        </Fieldset>

        {CHECKS.map((c) => (
          <Fieldset key={c} legend={t(`followUp.check.${c}`)}>
            {c === 'classification' && <Text size="sm" mb="xs" c={object.reclassificationOverdue ? 'red.8' : undefined}>{[lokal, next].filter(Boolean).join(' · ')}</Text>}
            <Group grow align="flex-start">
              <NativeSelect label={t('followUp.answerLabel')} value={f[c]} onChange={text(c)} error={fe(c)} data={answers} maw={200} />
              <TextInput label={t('followUp.comment')} value={f[`${c}Comment`]} onChange={text(`${c}Comment`)} error={fe(`${c}Comment`)} />
            </Group>
          </Fieldset>
        ))}

        <Textarea label={t('followUp.notes')} autosize minRows={2} value={f.notes} onChange={text('notes')} error={fe('notes')} />
        <Textarea label={t('followUp.actions')} description={t('followUp.actionsHelp')} autosize minRows={2} value={f.actions} onChange={text('actions')} error={fe('actions')} />
        <DialogActions busy={busy} submitLabel={followUp ? t('common:save') : t('followUp.record')} onClose={onCancel} labels={{ delete: '', confirm: '', yes: '' }} />
      </Stack>
    </form>
  );
}
