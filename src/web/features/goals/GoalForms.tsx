import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { putJson } from '../plans/shared';
import { GOAL_STATUSES, type Goal, type GoalStatus, type GoalStatusValue, type Indicator } from './types';

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['goals'] });
}

function Buttons({ onClose, busy, submit }: { onClose: () => void; busy: boolean; submit: string }) {
  const { t } = useTranslation('goals');
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('common:cancel')}
      </Button>
      <Button type="submit" loading={busy}>
        {submit}
      </Button>
    </Group>
  );
}

/** Create a goal (code, title, description, indicators one per line) or edit one. */
export function GoalModal({ org, goal, onClose, onSaved }: { org: { slug: string }; goal?: Goal; onClose: () => void; onSaved: (g: Goal) => void }) {
  const { t, i18n } = useTranslation('goals');
  const refresh = useRefresh();
  const [code, setCode] = useState(goal?.code ?? '');
  const [title, setTitle] = useState(goal?.title ?? '');
  const [description, setDescription] = useState(goal?.description ?? '');
  const [indicators, setIndicators] = useState('');
  const { run, busy, error } = useSubmit(async () => {
    const saved = goal
      ? await api.patch<Goal>(`/goals/${goal.id}`, { version: goal.version, code, title, description })
      : await api.post<Goal>('/goals', {
          org: org.slug, code, title, description,
          indicators: indicators.split('\n').map((s) => s.trim()).filter(Boolean),
        });
    await refresh();
    return saved;
  });
  const fe = (f: string) => fieldError(error, f, i18n.language);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const g = await run();
    if (g) {
      onSaved(g);
      onClose();
    }
  }
  return (
    <Dialog opened onClose={onClose} title={goal ? t('editGoal') : t('new')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} fields={['code', 'title', 'description', 'indicators']} onReload={() => void refresh().then(onClose)} />
          <TextInput label={t('field.code')} description={t('codeHelp')} required value={code} onChange={(e) => setCode(e.currentTarget.value)} error={fe('code')} data-autofocus />
          <Textarea label={t('field.title')} required autosize minRows={2} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fe('title')} />
          <Textarea label={t('field.description')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fe('description')} />
          {!goal && (
            <Textarea label={t('field.indicators')} description={t('indicatorsHelp')} autosize minRows={3} value={indicators} onChange={(e) => setIndicators(e.currentTarget.value)} error={fe('indicators')} />
          )}
          <Buttons onClose={onClose} busy={busy} submit={goal ? t('common:save') : t('create')} />
        </Stack>
      </form>
    </Dialog>
  );
}

export function IndicatorModal({ goal, indicator, onClose }: { goal: Goal; indicator?: Indicator; onClose: () => void }) {
  const { t, i18n } = useTranslation('goals');
  const refresh = useRefresh();
  const [text, setText] = useState(indicator?.text ?? '');
  const { run, busy, error } = useSubmit(async () => {
    const saved = indicator
      ? await api.patch<Goal>(`/goal-indicators/${indicator.id}`, { version: indicator.version, text })
      : await api.post<Goal>(`/goals/${goal.id}/indicators`, { text });
    await refresh();
    return saved;
  });
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run()) onClose();
  }
  return (
    <Dialog opened onClose={onClose} title={indicator ? t('editIndicator') : t('newIndicator')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} fields={['text']} onReload={() => void refresh().then(onClose)} />
          <Textarea label={t('field.indicator')} required autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} error={fieldError(error, 'text', i18n.language)} data-autofocus />
          <Buttons onClose={onClose} busy={busy} submit={indicator ? t('common:save') : t('create')} />
        </Stack>
      </form>
    </Dialog>
  );
}

/** The year's status and comment of the goal as a whole or of one indicator. */
export function StatusModal({ goal, indicator, year, current, onClose }: { goal: Goal; indicator?: Indicator; year: number; current?: GoalStatus; onClose: () => void }) {
  const { t, i18n } = useTranslation('goals');
  const { me } = useSession();
  const refresh = useRefresh();
  const [status, setStatus] = useState<GoalStatusValue>(current?.status ?? 'pågår');
  const [comment, setComment] = useState(current?.comment ?? '');
  const { run, busy, error } = useSubmit(async () => {
    const saved = await putJson<Goal>(
      `/goals/${goal.id}/status`,
      { year, indicatorId: indicator?.id ?? null, status, comment, ...(current ? { version: current.version } : {}) },
      me.csrfToken,
    );
    await refresh();
    return saved;
  });
  const fe = (f: string) => fieldError(error, f, i18n.language);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run()) onClose();
  }
  return (
    <Dialog opened onClose={onClose} title={t('statusTitle', { year, what: indicator ? indicator.text : `${goal.code} ${goal.title}` })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} fields={['status', 'comment', 'year']} onReload={() => void refresh().then(onClose)} />
          <NativeSelect
            label={t('field.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as GoalStatusValue)}
            data={GOAL_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            error={fe('status')}
            data-autofocus
          />
          <Textarea label={t('field.comment')} autosize minRows={3} value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={fe('comment')} />
          <Buttons onClose={onClose} busy={busy} submit={t('common:save')} />
        </Stack>
      </form>
    </Dialog>
  );
}
