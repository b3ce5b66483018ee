import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Anchor, Button, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import { Register, type RegisterColumn } from '../../components/Register';
import { errorMessage, fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { areasQuery } from '../plans/api';
import { day, numberOrUndefined } from '../plans/shared';
import { DECISION_KINDS, type Decision, type Review } from './types';
import { useReviewSaved } from './useReview';

/** Outputs 9.3.3: decisions on improvement (each becomes a plan activity) and needed changes to the ISMS. */
export function DecisionsSection({ review, editable }: { review: Review; editable: boolean }) {
  const { t } = useTranslation('review');
  const [adding, setAdding] = useState(false);
  // A removed decision's row is gone with its button: the keyboard goes on from "Nytt beslut".
  const addRef = useRef<HTMLButtonElement>(null);
  const columns: RegisterColumn<Decision>[] = [
    { key: 'kind', header: t('decisions.kind'), value: (d) => t(`decisions.kinds.${d.kind}`) },
    { key: 'text', header: t('decisions.text'), value: (d) => d.text },
    { key: 'owner', header: t('decisions.owner'), value: (d) => d.owner },
    { key: 'dueDate', header: t('decisions.dueDate'), value: (d) => day(d.dueDate) },
    {
      key: 'activity', header: t('decisions.activity'), value: (d) => (d.activityId ? t('decisions.inPlan') : ''), sortable: false,
      render: (d) =>
        d.activityId ? (
          <Anchor component={Link} to="/forbattringsplan">
            {t('decisions.inPlan')}
          </Anchor>
        ) : (
          '–'
        ),
    },
  ];
  return (
    <Stack>
      <Text size="sm">{t('decisions.intro')}</Text>
      <Register<Decision>
        label={t('decisions.title')}
        columns={columns}
        rowKey={(d) => d.id}
        data={review.decisions}
        exportName={`beslut-${review.org.slug}-${review.year}`}
        emptyText={t('decisions.empty')}
        toolbar={editable ? <Button ref={addRef} onClick={() => setAdding(true)}>{t('decisions.add')}</Button> : undefined}
        actions={editable ? (d) => <RemoveDecision review={review} decision={d} onRemoved={() => requestAnimationFrame(() => addRef.current?.focus())} /> : undefined}
      />
      {adding && <DecisionModal review={review} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

/** Removes a decision of a review not yet signed, after asking (an improvement's plan activity goes with it). */
function RemoveDecision({ review, decision, onRemoved }: { review: Review; decision: Decision; onRemoved: () => void }) {
  const { t, i18n } = useTranslation('review');
  const saved = useReviewSaved();
  const [asking, setAsking] = useState(false);
  // Asking replaces the button: the keyboard's focus moves to the answer, not back to the page's start.
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  const { run, busy, error } = useSubmit(async () => {
    const r = await api.delete<Review>(`/reviews/${review.id}/decisions/${decision.id}?version=${review.version}`);
    await saved(r);
    onRemoved();
    return r;
  });
  const problem = error ? errorMessage(error, i18n.language) : undefined;
  if (!asking) {
    return (
      <Button size="xs" variant="subtle" color="red" onClick={() => setAsking(true)} aria-label={t('decisions.removeOne', { text: decision.text })}>
        {t('decisions.remove')}
      </Button>
    );
  }
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <Text size="sm">{decision.activityId ? t('decisions.removeConfirmActivity') : t('decisions.removeConfirm')}</Text>
        <Button ref={yes} size="xs" color="red" loading={busy} onClick={() => void run()}>
          {t('decisions.removeYes')}
        </Button>
        <Button size="xs" variant="default" onClick={() => setAsking(false)}>
          {t('common:cancel')}
        </Button>
      </Group>
      {problem && (
        <Text size="sm" c="red.8" role="alert">
          {problem}
        </Text>
      )}
    </Stack>
  );
}

function DecisionModal({ review, onClose }: { review: Review; onClose: () => void }) {
  const { t, i18n } = useTranslation('review');
  const saved = useReviewSaved();
  const areas = useQuery(areasQuery(review.org.slug)).data?.areas ?? [];
  const [kind, setKind] = useState<Decision['kind']>('improvement');
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [area, setArea] = useState('');
  const [year, setYear] = useState('');
  const improvement = kind === 'improvement';
  const { run, busy, error } = useSubmit(async () => {
    const r = await api.post<Review>(`/reviews/${review.id}/decisions`, {
      kind,
      text,
      owner: owner.trim() || undefined,
      dueDate: dueDate || null,
      ...(improvement && area ? { area } : {}),
      ...(improvement && year.trim() ? { year: numberOrUndefined(year) } : {}),
    });
    await saved(r);
    return r;
  });
  const fe = (f: string) => fieldError(error, f, i18n.language);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run()) onClose();
  }
  return (
    <Dialog opened onClose={onClose} size="lg" title={t('decisions.add')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} fields={['kind', 'text', 'owner', 'dueDate', 'area', 'year']} />
          <NativeSelect
            label={t('decisions.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as Decision['kind'])}
            data={DECISION_KINDS.map((k) => ({ value: k, label: t(`decisions.kinds.${k}`) }))}
            error={fe('kind')}
            data-autofocus
          />
          <Textarea label={t('decisions.text')} required autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} error={fe('text')} />
          <Group grow align="flex-start">
            <TextInput label={t('decisions.owner')} required={improvement} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} error={fe('owner')} />
            <TextInput label={t('decisions.dueDate')} required={improvement} type="date" value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={fe('dueDate')} />
          </Group>
          {improvement && (
            <>
              <Text size="sm">{t('decisions.becomesActivity')}</Text>
              <Group grow align="flex-start">
                <NativeSelect
                  label={t('decisions.area')}
                  value={area}
                  onChange={(e) => setArea(e.currentTarget.value)}
                  data={[{ value: '', label: t('decisions.defaultArea') }, ...areas.map((a) => ({ value: a, label: a }))]}
                  error={fe('area')}
                />
                <TextInput label={t('decisions.year')} description={t('decisions.yearHelp')} type="number" value={year} onChange={(e) => setYear(e.currentTarget.value)} error={fe('year')} />
              </Group>
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('decisions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
