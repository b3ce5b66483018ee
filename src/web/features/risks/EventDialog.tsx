import { useState, type FormEvent } from 'react';
import { Alert, Divider, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { ActionsEditor } from './ActionsEditor';
import { IkpBadge } from './badges';
import { MatrixPicker, type Assessment } from './MatrixPicker';
import type { Vor, VorEvent } from './types';
import { FormActions } from '../../components/FormActions';

interface Props {
  vor: Vor;
  /** Editing this event; creating in `arbetssattId` when absent. */
  event?: VorEvent;
  arbetssattId: string;
  canEdit: boolean;
  onClose: () => void;
  /** After any save: reload the VoR. */
  onChanged: () => void;
}

const FIELDS = ['title', 'motivation', 'sannolikhet', 'konsekvens', 'followUp', 'arbetssattId'];

/**
 * Add or edit an oönskad händelse: text, motivation, the matrix picker (riskvärde and the IKP proposal follow
 * at once), the follow-up "Status och åtgärder", and the event's åtgärder. An approved VoR keeps its
 * assessment locked; the follow-up and åtgärder stay open.
 */
export function EventDialog({ vor, event, arbetssattId, canEdit, onClose, onChanged }: Props) {
  const { t, i18n } = useTranslation('risks');
  const locked = vor.status === 'godkand';
  const [title, setTitle] = useState(event?.title ?? '');
  const [motivation, setMotivation] = useState(event?.motivation ?? '');
  const [followUp, setFollowUp] = useState(event?.followUp ?? '');
  const [where, setWhere] = useState(event?.arbetssattId ?? arbetssattId);
  const [value, setValue] = useState<Assessment | null>(event ? { sannolikhet: event.sannolikhet, konsekvens: event.konsekvens } : null);
  const [missing, setMissing] = useState(false);
  // An event made on an older scale version is shown with the VoR's current scale only when they match.
  const scale = vor.scale;
  const sameScale = !event || event.scaleId === scale.id;
  const arbetssatt = vor.processes.flatMap((p) => p.arbetssatt.map((a) => ({ value: a.id, label: `${p.name} – ${a.name}` })));

  const submit = useSubmit(async () => {
    if (!event) {
      return api.post<VorEvent>(`/risks/vor/${vor.id}/events`, {
        arbetssattId: where, title, motivation, sannolikhet: value!.sannolikhet, konsekvens: value!.konsekvens, followUp,
      });
    }
    const body: Record<string, unknown> = { version: event.version };
    if (followUp !== event.followUp) body.followUp = followUp;
    if (!locked) {
      if (title !== event.title) body.title = title;
      if (motivation !== event.motivation) body.motivation = motivation;
      if (where !== event.arbetssattId) body.arbetssattId = where;
      if (value && value.sannolikhet !== event.sannolikhet) body.sannolikhet = value.sannolikhet;
      if (value && value.konsekvens !== event.konsekvens) body.konsekvens = value.konsekvens;
    }
    return api.patch<VorEvent>(`/risks/vor-events/${event.id}`, body);
  });
  const fe = (f: string) => fieldError(submit.error, f, i18n.language);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!value) {
      setMissing(true);
      return;
    }
    if (await submit.run()) {
      onChanged();
      onClose();
    }
  }

  const riskvarde = value ? value.sannolikhet * value.konsekvens : null;
  const proposed = riskvarde !== null && riskvarde >= vor.threshold;
  const reload = () => {
    onChanged();
    onClose();
  };

  return (
    <Dialog opened onClose={onClose} size="xl" title={event ? t('event.editTitle') : t('event.newTitle')}>
      <Stack>
        {locked && (
          <Alert color="blue" title={t('vor.lockedTitle')}>
            {t('vor.lockedText')}
          </Alert>
        )}
        <form onSubmit={save} noValidate aria-label={event ? t('event.editTitle') : t('event.newTitle')}>
          <Stack>
            <ProblemAlert error={submit.error} fields={FIELDS} onReload={reload} />
            <TextInput
              label={t('event.field.title')}
              required
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={fe('title')}
              disabled={locked || !canEdit}
              // Focus goes to the first field that can be changed: on a disabled one it stayed behind the dialog.
              {...(!locked && canEdit ? { 'data-autofocus': true } : {})}
            />
            <NativeSelect label={t('event.field.arbetssatt')} value={where} onChange={(e) => setWhere(e.currentTarget.value)} data={arbetssatt} error={fe('arbetssattId')} disabled={locked || !canEdit} />
            {sameScale ? (
              <MatrixPicker
                id="event-matrix"
                scale={scale}
                label={t('event.field.assessment')}
                value={value}
                onChange={(v) => {
                  setValue(v);
                  setMissing(false);
                }}
                error={missing ? t('event.missingAssessment') : (fe('sannolikhet') ?? fe('konsekvens'))}
                disabled={locked || !canEdit}
              />
            ) : (
              <Alert color="orange">{t('event.otherScale', { version: event?.scaleVersion })}</Alert>
            )}
            <Group gap="sm" aria-live="polite">
              <Text size="sm">
                {t('event.riskvarde')}: <strong data-testid="event-riskvarde">{riskvarde ?? '–'}</strong>
              </Text>
              {riskvarde !== null && <IkpBadge proposed={proposed} />}
              <Text size="sm" c="dimmed">
                {t('vor.threshold', { threshold: vor.threshold })}
              </Text>
            </Group>
            <Textarea label={t('event.field.motivation')} autosize minRows={2} value={motivation} onChange={(e) => setMotivation(e.currentTarget.value)} error={fe('motivation')} disabled={locked || !canEdit} />
            <Textarea label={t('event.field.followUp')} description={t('event.followUpHelp')} autosize minRows={2} value={followUp} onChange={(e) => setFollowUp(e.currentTarget.value)} error={fe('followUp')} disabled={!canEdit} {...(locked && canEdit ? { 'data-autofocus': true } : {})} />
            {canEdit && (
              <FormActions busy={submit.busy} submitLabel={event ? t('common:save') : t('event.create')} onCancel={onClose} />
            )}
          </Stack>
        </form>
        {event && (
          <>
            <Divider />
            <ActionsEditor parentType="vor_event" parentId={event.id} actions={event.actions} canEdit={canEdit} onChanged={onChanged} context={event.title} />
          </>
        )}
      </Stack>
    </Dialog>
  );
}
