import { useState } from 'react';
import { Alert, Badge, Button, Group, NativeSelect, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { Register, type RegisterColumn } from '../../components/Register';
import { formatDate } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { useSearchFlag, useSearchText } from '../../shell/search';
import { exercisesQuery, plansQuery, rsaListQuery } from './api';
import { ExerciseDialog, PlanDialog } from './ContinuityDialogs';
import { RsaSection } from './RsaPage';
import { SubNav } from './SubNav';
import { todayStockholm } from '../plans/shared';
import { EXERCISE_STATUSES, PLAN_STATUSES, type ContinuityPlan, type Exercise } from './types';

type Archived = 'false' | 'true' | 'all';
/** The tabs, also chosen by ?flik= (the old address /risker/rsa and the start page's links open 'rsa'). */
const TABS = ['rsa', 'plans', 'exercises'] as const;
const FLAGS = ['reviewOverdue', 'neverExercised', 'exerciseOverdue'] as const;
type Flag = (typeof FLAGS)[number];
const PLAN_COLORS: Record<ContinuityPlan['status'], string> = { saknas: 'red', under_arbete: 'orange', faststalld: 'green' };
const EXERCISE_COLORS: Record<Exercise['status'], string> = { planerad: 'blue', genomford: 'green', installd: 'gray' };

/**
 * Kontinuitet in three tabs: RSA och processer (RsaSection), kontinuitetsplaner (scope, owner, status, adoption, reviews, last exercised with its flags) and övningar (type,
 * status, plans exercised, participants) of the selected organisation and its subtree. Start-page links:
 * ?forsenade=1 (plans past review), ?ovningar=planerad (planned exercises), ?flik=rsa&utanPlan=1 (processes without
 * an adopted plan). The plans tab opens first.
 */
export default function ContinuityPage() {
  const { t } = useTranslation('risks');
  const { can } = useSession();
  const { selected, selectedSlug } = useSelectedOrg();
  const overdueFromLink = useSearchFlag('forsenade');
  const exerciseStatusFromLink = useSearchText('ovningar');
  const tabFromLink = useSearchText('flik');
  const withoutPlanFromLink = useSearchFlag('utanPlan');
  const [tab, setTab] = useState<string | null>(
    TABS.includes(tabFromLink as (typeof TABS)[number]) ? tabFromLink! : withoutPlanFromLink ? 'rsa' : exerciseStatusFromLink ? 'exercises' : 'plans',
  );
  const [flag, setFlag] = useState<Flag | ''>(overdueFromLink ? 'reviewOverdue' : '');
  const [status, setStatus] = useState<ContinuityPlan['status'] | ''>('');
  const [planArchived, setPlanArchived] = useState<Archived>('false');
  const [exStatus, setExStatus] = useState<Exercise['status'] | ''>((EXERCISE_STATUSES as readonly string[]).includes(exerciseStatusFromLink ?? '') ? (exerciseStatusFromLink as Exercise['status']) : '');
  const [exArchived, setExArchived] = useState<Archived>('false');
  const plans = useQuery(plansQuery(selectedSlug, planArchived));
  const allPlans = useQuery(plansQuery(selectedSlug, 'all'));
  const exercises = useQuery(exercisesQuery(selectedSlug, exArchived));
  const rsa = useQuery(rsaListQuery(selectedSlug));
  const [plan, setPlan] = useState<string | 'new' | null>(null);
  const [exercise, setExercise] = useState<string | 'new' | null>(null);
  const manage = can('risk.manage');
  const activities = (rsa.data ?? []).flatMap((r) => r.activities.map((a) => ({ value: a.id, label: `${a.name} (${r.cycle})` })));
  const planRows = (plans.data ?? []).filter((p) => (!flag || p[flag]) && (!status || p.status === status));
  const exerciseRows = (exercises.data ?? []).filter((x) => !exStatus || x.status === exStatus);
  const planTitle = (id: string) => allPlans.data?.find((p) => p.id === id)?.title ?? '';
  const archivedOptions = [{ value: 'false', label: t('filter.active') }, { value: 'true', label: t('filter.archived') }, { value: 'all', label: t('filter.all') }];

  const planColumns: RegisterColumn<ContinuityPlan>[] = [
    { key: 'title', header: t('plan.field.title'), value: (p) => p.title },
    {
      key: 'scope', header: t('plan.field.scope'),
      value: (p) => [p.activityName, ...p.objects.map((o) => o.name), ...(p.objects.length ? [] : [p.objectName])].filter(Boolean).join(', '),
    },
    { key: 'owner', header: t('plan.field.owner'), value: (p) => p.owner },
    {
      key: 'status', header: t('plan.field.status'), value: (p) => t(`planStatus.${p.status}`),
      render: (p) => <Badge color={PLAN_COLORS[p.status]} variant="light" tt="none">{t(`planStatus.${p.status}`)}</Badge>,
    },
    { key: 'adoptedDate', header: t('plan.field.adoptedDate'), value: (p) => p.adoptedDate ?? '', render: (p) => formatDate(p.adoptedDate) },
    {
      key: 'nextReview', header: t('plan.field.nextReview'), value: (p) => p.nextReview ?? '',
      render: (p) => (
        <span className="nowrap">
          {formatDate(p.nextReview)}
          {p.reviewOverdue && <Badge ml={4} color="orange.9" variant="filled" tt="none">{t('overdue')}</Badge>}
        </span>
      ),
    },
    {
      key: 'lastExercised', header: t('plan.field.lastExercised'), value: (p) => p.lastExercised ?? '',
      render: (p) => (
        <span className="nowrap">
          {p.lastExercised ? formatDate(p.lastExercised) : t('plan.neverExercised')}
          {p.exerciseOverdue && <Badge ml={4} color="orange.9" variant="filled" tt="none">{t('plan.flag.exerciseOverdue')}</Badge>}
        </span>
      ),
    },
    { key: 'fallback', header: t('plan.field.fallback'), value: (p) => p.fallback, hidden: true },
    { key: 'org', header: t('risk.field.org'), value: (p) => p.org.name, hidden: true },
  ];
  const today = todayStockholm();
  const exerciseColumns: RegisterColumn<Exercise>[] = [
    {
      key: 'date', header: t('exercise.field.date'), value: (x) => x.date,
      // Still planned after its day: held or cancelled but not registered (the start page and the report count them).
      render: (x) => (
        <span className="nowrap">
          {formatDate(x.date)}
          {x.status === 'planerad' && x.date < today && <Badge ml={4} color="orange.9" variant="filled" tt="none">{t('exercise.pastDate')}</Badge>}
        </span>
      ),
    },
    { key: 'title', header: t('exercise.field.title'), value: (x) => x.title },
    { key: 'type', header: t('exercise.field.type'), value: (x) => t(`exerciseType.${x.type}`) },
    {
      key: 'status', header: t('exercise.field.status'), value: (x) => t(`exerciseStatus.${x.status}`),
      render: (x) => <Badge color={EXERCISE_COLORS[x.status]} variant="light" tt="none">{t(`exerciseStatus.${x.status}`)}</Badge>,
    },
    { key: 'org', header: t('risk.field.org'), value: (x) => x.org.name },
    { key: 'plans', header: t('exercise.field.plans'), value: (x) => x.planIds.map(planTitle).join(', ') },
    { key: 'participantCount', header: t('exercise.field.participantCount'), value: (x) => x.participantCount ?? '' },
    { key: 'actions', header: t('event.field.actions'), value: (x) => x.actions.length },
    { key: 'scenario', header: t('exercise.field.scenario'), value: (x) => x.scenario, hidden: true },
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
          <Tabs value={tab} onChange={setTab} keepMounted={false}>
            <Tabs.List aria-label={t('continuity.title')}>
              <Tabs.Tab value="rsa">{t('continuity.rsa')}</Tabs.Tab>
              <Tabs.Tab value="plans">{t('continuity.plans')}</Tabs.Tab>
              <Tabs.Tab value="exercises">{t('continuity.exercises')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="rsa" pt="md">
              <RsaSection />
            </Tabs.Panel>
            <Tabs.Panel value="plans" pt="md">
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
                  <Group align="flex-end" mb={8}>
                    {manage && <Button onClick={() => setPlan('new')}>{t('plan.new')}</Button>}
                    <NativeSelect label={t('plan.field.status')} value={status} onChange={(e) => setStatus(e.currentTarget.value as ContinuityPlan['status'] | '')}
                      data={[{ value: '', label: t('filter.all') }, ...PLAN_STATUSES.map((s) => ({ value: s, label: t(`planStatus.${s}`) }))]} />
                    <NativeSelect label={t('plan.flagFilter')} value={flag} onChange={(e) => setFlag(e.currentTarget.value as Flag | '')}
                      data={[{ value: '', label: t('filter.all') }, ...FLAGS.map((f) => ({ value: f, label: t(`plan.flag.${f}`) }))]} />
                    <NativeSelect label={t('filter.show')} value={planArchived} onChange={(e) => setPlanArchived(e.currentTarget.value as Archived)} data={archivedOptions} />
                  </Group>
                }
              />
            </Tabs.Panel>
            <Tabs.Panel value="exercises" pt="md">
              <Register<Exercise>
                label={t('continuity.exercises')}
                columns={exerciseColumns}
                rowKey={(x) => x.id}
                data={exerciseRows}
                loading={exercises.isPending}
                error={exercises.error}
                exportName="ovningar"
                emptyText={t('continuity.noExercises')}
                actions={(x) => editButton(t(manage ? 'exercise.editOne' : 'exercise.showOne', { title: x.title }), () => setExercise(x.id))}
                toolbar={
                  <Group align="flex-end" mb={8}>
                    {manage && <Button onClick={() => setExercise('new')}>{t('exercise.new')}</Button>}
                    <NativeSelect label={t('exercise.field.status')} value={exStatus} onChange={(e) => setExStatus(e.currentTarget.value as Exercise['status'] | '')}
                      data={[{ value: '', label: t('filter.all') }, ...EXERCISE_STATUSES.map((s) => ({ value: s, label: t(`exerciseStatus.${s}`) }))]} />
                    <NativeSelect label={t('filter.show')} value={exArchived} onChange={(e) => setExArchived(e.currentTarget.value as Archived)} data={archivedOptions} />
                  </Group>
                }
              />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
      {plan && selected && (
        <PlanDialog key={plan} org={selected} plan={plans.data?.find((p) => p.id === plan)} activities={activities} canEdit={manage} onClose={() => setPlan(null)} />
      )}
      {exercise && selected && (
        <ExerciseDialog
          key={exercise} org={selected} exercise={exercises.data?.find((x) => x.id === exercise)}
          plans={(allPlans.data ?? []).filter((p) => !p.archived || exercises.data?.find((x) => x.id === exercise)?.planIds.includes(p.id)).map((p) => ({ value: p.id, label: `${p.title} (${p.org.name})` }))}
          canEdit={manage} onClose={() => setExercise(null)}
        />
      )}
    </Stack>
  );
}
