import { NativeSelect, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { RecordDialog, useRecordForm } from './RecordDialog';
import { PLAN_STATUSES, type ContinuityPlan, type Exercise } from './types';

type Opt = { value: string; label: string };
const PLAN_FIELDS = ['title', 'activityId', 'objectName', 'owner', 'fallback', 'status', 'lastReviewed', 'nextReview'];
const EXERCISE_FIELDS = ['date', 'title', 'planId', 'scenario', 'participants', 'observations'];

/** A continuity plan for a critical activity or an object (e.g. a system): owner, reviews, fallback. */
export function PlanDialog({ org, plan, activities, canEdit, onClose }: { org: { slug: string; name: string }; plan?: ContinuityPlan; activities: Opt[]; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation('risks');
  const form = useRecordForm(
    {
      title: plan?.title ?? '', activityId: plan?.activityId ?? '', objectName: plan?.objectName ?? '', owner: plan?.owner ?? '', fallback: plan?.fallback ?? '',
      status: plan?.status ?? 'utkast', lastReviewed: plan?.lastReviewed ?? '', nextReview: plan?.nextReview ?? '',
    },
    ['risks', 'plans'],
    (d) => {
      const body = { ...d, activityId: d.activityId || null, objectName: d.objectName || null, lastReviewed: d.lastReviewed || null, nextReview: d.nextReview || null };
      return plan ? api.patch<ContinuityPlan>(`/risks/continuity-plans/${plan.id}`, { version: plan.version, ...body }) : api.post<ContinuityPlan>('/risks/continuity-plans', { org: org.slug, ...body });
    },
  );
  const { d, set, fe } = form;
  const dis = !canEdit;
  return (
    <RecordDialog
      title={plan ? plan.title : t('plan.newTitle', { org: org.name })}
      label={plan ? t('plan.editOne', { title: plan.title }) : t('plan.new')}
      form={form} fields={PLAN_FIELDS} canEdit={canEdit} onClose={onClose}
      parent={plan && { type: 'continuity_plan', id: plan.id, title: plan.title, actions: plan.actions }}
    >
      <TextInput label={t('plan.field.title')} required value={d.title} onChange={set('title')} error={fe('title')} disabled={dis} data-autofocus />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect label={t('plan.field.activity')} value={d.activityId} onChange={set('activityId')} data={[{ value: '', label: t('plan.noActivity') }, ...activities]} error={fe('activityId')} disabled={dis} />
        <TextInput label={t('plan.field.object')} description={t('plan.objectHelp')} value={d.objectName} onChange={set('objectName')} error={fe('objectName')} disabled={dis} />
        <TextInput label={t('plan.field.owner')} value={d.owner} onChange={set('owner')} error={fe('owner')} disabled={dis} />
        <NativeSelect label={t('plan.field.status')} value={d.status} onChange={set('status')} data={PLAN_STATUSES.map((s) => ({ value: s, label: t(`planStatus.${s}`) }))} error={fe('status')} disabled={dis} />
        <TextInput type="date" label={t('plan.field.lastReviewed')} value={d.lastReviewed} onChange={set('lastReviewed')} error={fe('lastReviewed')} disabled={dis} />
        <TextInput type="date" label={t('plan.field.nextReview')} value={d.nextReview} onChange={set('nextReview')} error={fe('nextReview')} disabled={dis} />
      </SimpleGrid>
      <Textarea label={t('plan.field.fallback')} description={t('plan.fallbackHelp')} autosize minRows={3} value={d.fallback} onChange={set('fallback')} error={fe('fallback')} disabled={dis} />
    </RecordDialog>
  );
}

/** An exercise: date, scenario, participants, observations, åtgärder. */
export function ExerciseDialog({ org, exercise, plans, canEdit, onClose }: { org: { slug: string; name: string }; exercise?: Exercise; plans: Opt[]; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation('risks');
  const form = useRecordForm(
    {
      date: exercise?.date ?? '', title: exercise?.title ?? '', planId: exercise?.planId ?? '', scenario: exercise?.scenario ?? '',
      participants: (exercise?.participants ?? []).join('\n'), observations: exercise?.observations ?? '',
    },
    ['risks', 'exercises'],
    (d) => {
      const body = { ...d, planId: d.planId || null, participants: d.participants.split('\n').map((s) => s.trim()).filter(Boolean) };
      return exercise ? api.patch<Exercise>(`/risks/exercises/${exercise.id}`, { version: exercise.version, ...body }) : api.post<Exercise>('/risks/exercises', { org: org.slug, ...body });
    },
  );
  const { d, set, fe } = form;
  const dis = !canEdit;
  return (
    <RecordDialog
      title={exercise ? exercise.title : t('exercise.newTitle', { org: org.name })}
      label={exercise ? t('exercise.editOne', { title: exercise.title }) : t('exercise.new')}
      form={form} fields={EXERCISE_FIELDS} canEdit={canEdit} onClose={onClose}
      parent={exercise && { type: 'exercise', id: exercise.id, title: exercise.title, actions: exercise.actions }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('exercise.field.title')} required value={d.title} onChange={set('title')} error={fe('title')} disabled={dis} data-autofocus />
        <TextInput type="date" label={t('exercise.field.date')} required value={d.date} onChange={set('date')} error={fe('date')} disabled={dis} />
      </SimpleGrid>
      <NativeSelect label={t('exercise.field.plan')} value={d.planId} onChange={set('planId')} data={[{ value: '', label: t('exercise.noPlan') }, ...plans]} error={fe('planId')} disabled={dis} />
      <Textarea label={t('exercise.field.scenario')} autosize minRows={2} value={d.scenario} onChange={set('scenario')} error={fe('scenario')} disabled={dis} />
      <Textarea label={t('exercise.field.participants')} description={t('process.onePerLine')} autosize minRows={2} value={d.participants} onChange={set('participants')} error={fe('participants')} disabled={dis} />
      <Textarea label={t('exercise.field.observations')} autosize minRows={2} value={d.observations} onChange={set('observations')} error={fe('observations')} disabled={dis} />
    </RecordDialog>
  );
}
