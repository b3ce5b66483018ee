import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { Register, type RegisterColumn } from '../../components/Register';
import { formatDate } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { exercisesQuery, plansQuery, rsaListQuery, useSearchFlag } from './api';
import { ExerciseDialog, PlanDialog } from './ContinuityDialogs';
import { SubNav } from './SubNav';
import type { ContinuityPlan, Exercise } from './types';

/** Kontinuitetsplaner (owner, last and next review, fallback) and övningar of the selected organisation. */
export default function ContinuityPage() {
  const { t } = useTranslation('risks');
  const { can } = useSession();
  const { selected, selectedSlug } = useSelectedOrg();
  const overdueFromLink = useSearchFlag('forsenade');
  const [onlyOverdue, setOnlyOverdue] = useState(overdueFromLink);
  const plans = useQuery(plansQuery(selectedSlug));
  const exercises = useQuery(exercisesQuery(selectedSlug));
  const rsa = useQuery(rsaListQuery(selectedSlug));
  const [plan, setPlan] = useState<string | 'new' | null>(null);
  const [exercise, setExercise] = useState<string | 'new' | null>(null);
  const manage = can('risk.manage');
  const activities = (rsa.data ?? []).flatMap((r) => r.activities.map((a) => ({ value: a.id, label: `${a.name} (${r.cycle})` })));
  const planRows = (plans.data ?? []).filter((p) => !onlyOverdue || p.reviewOverdue);

  const planColumns: RegisterColumn<ContinuityPlan>[] = [
    { key: 'title', header: t('plan.field.title'), value: (p) => p.title },
    { key: 'object', header: t('plan.field.object'), value: (p) => p.objectName ?? activities.find((a) => a.value === p.activityId)?.label ?? '' },
    { key: 'owner', header: t('plan.field.owner'), value: (p) => p.owner },
    { key: 'status', header: t('plan.field.status'), value: (p) => t(`planStatus.${p.status}`) },
    { key: 'lastReviewed', header: t('plan.field.lastReviewed'), value: (p) => p.lastReviewed ?? '', render: (p) => formatDate(p.lastReviewed) },
    {
      key: 'nextReview',
      header: t('plan.field.nextReview'),
      value: (p) => p.nextReview ?? '',
      render: (p) => (
        <span className="nowrap">
          {formatDate(p.nextReview)}
          {p.reviewOverdue && (
            <Badge ml={4} color="orange.9" variant="filled" tt="none">
              {t('overdue')}
            </Badge>
          )}
        </span>
      ),
    },
    { key: 'fallback', header: t('plan.field.fallback'), value: (p) => p.fallback, hidden: true },
    { key: 'org', header: t('risk.field.org'), value: (p) => p.org.name, hidden: true },
  ];
  const exerciseColumns: RegisterColumn<Exercise>[] = [
    { key: 'date', header: t('exercise.field.date'), value: (x) => x.date, render: (x) => formatDate(x.date) },
    { key: 'title', header: t('exercise.field.title'), value: (x) => x.title },
    { key: 'plan', header: t('exercise.field.plan'), value: (x) => plans.data?.find((p) => p.id === x.planId)?.title ?? '' },
    { key: 'participants', header: t('exercise.field.participants'), value: (x) => x.participants.join(', ') },
    { key: 'actions', header: t('event.field.actions'), value: (x) => x.actions.length },
    { key: 'observations', header: t('exercise.field.observations'), value: (x) => x.observations, hidden: true },
  ];
  const editButton = (label: string, onClick: () => void) => (
    <Button size="compact-sm" variant="default" onClick={onClick} aria-label={label}>
      {manage ? t('edit') : t('show')}
    </Button>
  );

  return (
    <Stack>
      <Title order={1}>{t('continuity.title')}</Title>
      <SubNav />
      {!selected ? (
        <Alert color="orange">{t('needOrg')}</Alert>
      ) : (
        <>
          <Text>{t('continuity.intro', { org: selected.name })}</Text>
          <Title order={2} size="h3">
            {t('continuity.plans')}
          </Title>
          <Register<ContinuityPlan>
            label={t('continuity.plans')}
            columns={planColumns}
            rowKey={(p) => p.id}
            data={planRows}
            loading={plans.isPending}
            error={plans.error}
            exportName="kontinuitetsplaner"
            emptyText={t('continuity.noPlans')}
            actions={(p) => editButton(t(manage ? 'plan.editOne' : 'plan.showOne', { title: p.title }), () => setPlan(p.id))}
            toolbar={
              <>
                {manage && <Button onClick={() => setPlan('new')}>{t('plan.new')}</Button>}
                <Checkbox label={t('continuity.onlyOverdue')} checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.currentTarget.checked)} mb={8} />
              </>
            }
          />
          <Title order={2} size="h3">
            {t('continuity.exercises')}
          </Title>
          <Register<Exercise>
            label={t('continuity.exercises')}
            columns={exerciseColumns}
            rowKey={(x) => x.id}
            data={exercises.data}
            loading={exercises.isPending}
            error={exercises.error}
            exportName="ovningar"
            emptyText={t('continuity.noExercises')}
            actions={(x) => editButton(t(manage ? 'exercise.editOne' : 'exercise.showOne', { title: x.title }), () => setExercise(x.id))}
            toolbar={manage ? <Button onClick={() => setExercise('new')}>{t('exercise.new')}</Button> : undefined}
          />
        </>
      )}
      {plan && selected && (
        <PlanDialog key={plan} org={selected} plan={plans.data?.find((p) => p.id === plan)} activities={activities} canEdit={manage} onClose={() => setPlan(null)} />
      )}
      {exercise && selected && (
        <ExerciseDialog key={exercise} org={selected} exercise={exercises.data?.find((x) => x.id === exercise)} plans={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))} canEdit={manage} onClose={() => setExercise(null)} />
      )}
    </Stack>
  );
}
