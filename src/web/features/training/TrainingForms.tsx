import { useState, type FormEvent } from 'react';
import { Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Org } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/FormActions';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { lastYear, numberOrUndefined, thisYear, todayStockholm } from '../plans/shared';
import {
  completionPercent, DEFAULT_COURSES, formatPercent, orgChoices, TRAINING_KINDS, type TrainingCompletion, type TrainingKind, type TrainingSession,
} from './types';

const refreshKey = ['training'];

const SESSION_FIELDS = ['org', 'heldOn', 'title', 'kind', 'audience', 'givenBy', 'participants', 'comment'];

/** A training held: when, what, for whom and by whom. A new one in the current year starts from today's date. */
export function SessionForm({ orgs, top, year, session, onClose }: {
  orgs: Org[];
  top: Org;
  year: number;
  session?: TrainingSession;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('training');
  const qc = useQueryClient();
  const [org, setOrg] = useState(session?.org.slug ?? top.slug);
  const [heldOn, setHeldOn] = useState(session?.heldOn ?? (year === thisYear() ? todayStockholm() : ''));
  const [title, setTitle] = useState(session?.title ?? '');
  const [kind, setKind] = useState<TrainingKind>(session?.kind ?? 'riktad');
  const [audience, setAudience] = useState(session?.audience ?? '');
  const [givenBy, setGivenBy] = useState(session?.givenBy ?? '');
  const [participants, setParticipants] = useState(session?.participants === null || session?.participants === undefined ? '' : String(session.participants));
  const [comment, setComment] = useState(session?.comment ?? '');
  const refresh = () => qc.invalidateQueries({ queryKey: refreshKey });
  const { run, busy, error } = useSubmit(async () => {
    const body = { heldOn, title, kind, audience, givenBy, participants: participants.trim() === '' ? null : Number(participants), comment };
    const saved = session
      ? await api.patch<TrainingSession>(`/training/sessions/${session.id}`, { version: session.version, ...body })
      : await api.post<TrainingSession>('/training/sessions', { org, ...body });
    await refresh();
    return saved;
  });
  const remove = useSubmit(async () => {
    await api.delete(`/training/sessions/${session!.id}?version=${session!.version}`);
    await refresh();
    return true;
  });
  const fe = (f: string) => fieldError(error, f, i18n.language);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run()) onClose();
  }
  return (
    <Dialog opened onClose={onClose} size="lg" title={session ? t('session.editTitle', { title: session.title }) : t('session.newTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error ?? remove.error} fields={SESSION_FIELDS} onReload={() => void refresh().then(onClose)} />
          <NativeSelect label={t('field.org')} value={org} onChange={(e) => setOrg(e.currentTarget.value)} data={orgChoices(orgs, top)} disabled={!!session} error={fe('org')} />
          <Group grow align="flex-start">
            <TextInput label={t('field.heldOn')} required type="date" value={heldOn} onChange={(e) => setHeldOn(e.currentTarget.value)} error={fe('heldOn')} data-autofocus />
            <NativeSelect
              label={t('field.kind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as TrainingKind)}
              data={TRAINING_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              error={fe('kind')}
            />
          </Group>
          <TextInput label={t('field.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fe('title')} />
          <Group grow align="flex-start">
            <TextInput label={t('field.audience')} description={t('session.audienceHelp')} value={audience} onChange={(e) => setAudience(e.currentTarget.value)} error={fe('audience')} />
            <TextInput label={t('field.givenBy')} description={t('session.givenByHelp')} value={givenBy} onChange={(e) => setGivenBy(e.currentTarget.value)} error={fe('givenBy')} />
          </Group>
          <TextInput label={t('field.participants')} type="number" min={0} value={participants} onChange={(e) => setParticipants(e.currentTarget.value)} error={fe('participants')} w={200} />
          <Textarea label={t('field.comment')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={fe('comment')} />
          <DialogActions
            busy={busy}
            submitLabel={session ? t('common:save') : t('session.create')}
            onClose={onClose}
            remove={session ? remove : undefined}
            labels={{ delete: t('delete'), confirm: t('session.deleteConfirm', { title: session?.title ?? '' }), yes: t('deleteYes') }}
          />
        </Stack>
      </form>
    </Dialog>
  );
}

const COMPLETION_FIELDS = ['org', 'year', 'course', 'employees', 'completed', 'comment'];
const OTHER = '__other__';

/**
 * How many of a unit's employees completed a course in the year. The city's two e-courses (and courses already
 * recorded) are offered; "another course" opens a field for its name. The share is shown as the numbers are typed.
 */
export function CompletionForm({ orgs, top, year, courses, completion, onClose }: {
  orgs: Org[];
  top: Org;
  year: number;
  /** Courses recorded already, offered beside the city's. */
  courses: string[];
  completion?: TrainingCompletion;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('training');
  const qc = useQueryClient();
  const offered = [...new Set<string>([...DEFAULT_COURSES, ...courses])];
  const [org, setOrg] = useState(completion?.org.slug ?? top.slug);
  const [yearText, setYearText] = useState(String(completion?.year ?? year));
  const [choice, setChoice] = useState(completion ? completion.course : DEFAULT_COURSES[0]);
  const [other, setOther] = useState('');
  const [employees, setEmployees] = useState(completion ? String(completion.employees) : '');
  const [completed, setCompleted] = useState(completion ? String(completion.completed) : '');
  const [comment, setComment] = useState(completion?.comment ?? '');
  const refresh = () => qc.invalidateQueries({ queryKey: refreshKey });
  const course = choice === OTHER ? other : choice;
  const { run, busy, error } = useSubmit(async () => {
    const body = { course, employees: numberOrUndefined(employees), completed: numberOrUndefined(completed), comment };
    const saved = completion
      ? await api.patch<TrainingCompletion>(`/training/completions/${completion.id}`, { version: completion.version, ...body })
      : await api.post<TrainingCompletion>('/training/completions', { org, year: numberOrUndefined(yearText), ...body });
    await refresh();
    return saved;
  });
  const remove = useSubmit(async () => {
    await api.delete(`/training/completions/${completion!.id}?version=${completion!.version}`);
    await refresh();
    return true;
  });
  const fe = (f: string) => fieldError(error, f, i18n.language);
  const [e, c] = [Number(employees), Number(completed)];
  const share = employees.trim() && completed.trim() && Number.isInteger(e) && Number.isInteger(c) && e >= 1 && c >= 0 && c <= e ? completionPercent(c, e) : null;
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (await run()) onClose();
  }
  return (
    <Dialog
      opened
      onClose={onClose}
      size="lg"
      title={completion ? t('completion.editTitle', { unit: completion.org.name, course: completion.course }) : t('completion.newTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error ?? remove.error} fields={COMPLETION_FIELDS} onReload={() => void refresh().then(onClose)} />
          <Group grow align="flex-start">
            <NativeSelect label={t('field.unit')} value={org} onChange={(ev) => setOrg(ev.currentTarget.value)} data={orgChoices(orgs, top)} disabled={!!completion} error={fe('org')} data-autofocus />
            <TextInput label={t('field.year')} required type="number" min={2000} max={lastYear()} value={yearText} onChange={(ev) => setYearText(ev.currentTarget.value)} disabled={!!completion} error={fe('year')} />
          </Group>
          <NativeSelect
            label={t('field.course')}
            value={choice}
            onChange={(ev) => setChoice(ev.currentTarget.value)}
            data={[...offered.map((x) => ({ value: x, label: x })), { value: OTHER, label: t('completion.otherCourse') }]}
            error={choice === OTHER ? undefined : fe('course')}
          />
          {choice === OTHER && <TextInput label={t('field.courseName')} required value={other} onChange={(ev) => setOther(ev.currentTarget.value)} error={fe('course')} />}
          <Text size="sm" c="dimmed">
            {t('completion.countsHelp')}
          </Text>
          <Group grow align="flex-start">
            <TextInput
              label={t('field.employees')}
              required
              type="number"
              min={1}
              value={employees}
              onChange={(ev) => setEmployees(ev.currentTarget.value)}
              error={fe('employees')}
            />
            <TextInput
              label={t('field.completed')}
              required
              type="number"
              min={0}
              value={completed}
              onChange={(ev) => setCompleted(ev.currentTarget.value)}
              error={fe('completed')}
            />
          </Group>
          <Text size="sm" aria-live="polite">
            {share === null ? t('completion.shareUnknown') : t('completion.share', { share: formatPercent(share) })}
          </Text>
          <Textarea label={t('field.comment')} autosize minRows={2} value={comment} onChange={(ev) => setComment(ev.currentTarget.value)} error={fe('comment')} />
          <DialogActions
            busy={busy}
            submitLabel={completion ? t('common:save') : t('completion.create')}
            onClose={onClose}
            remove={completion ? remove : undefined}
            labels={{ delete: t('delete'), confirm: t('completion.deleteConfirm', { unit: completion?.org.name ?? '', course: completion?.course ?? '' }), yes: t('deleteYes') }}
          />
        </Stack>
      </form>
    </Dialog>
  );
}
