import { Checkbox, Fieldset, NativeSelect, NumberInput, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { SystemsPicker } from '../objects/SystemsPicker';
import { RecordDialog, useRecordForm } from './RecordDialog';
import { EXERCISE_STATUSES, EXERCISE_TYPES, PLAN_STATUSES, type ContinuityPlan, type Exercise } from './types';

type Opt = { value: string; label: string };
const PLAN_FIELDS = ['title', 'activityId', 'objectName', 'objectIds', 'owner', 'fallback', 'status', 'adoptedDate', 'lastReviewed', 'nextReview'];
const EXERCISE_FIELDS = ['date', 'title', 'type', 'status', 'planIds', 'scenario', 'participants', 'participantCount', 'observations'];

/** A list of ids kept in the form's text values, comma-separated. */
const ids = (s: string) => s.split(',').filter(Boolean);
const asEvent = (value: string) => ({ currentTarget: { value } });

/** A continuity plan for a critical process and/or objects (systems): owner, status, adoption, reviews, fallback. */
export function PlanDialog({ org, plan, activities, canEdit, onClose }: { org: { slug: string; name: string }; plan?: ContinuityPlan; activities: Opt[]; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation('risks');
  const form = useRecordForm(
    {
      title: plan?.title ?? '', activityId: plan?.activityId ?? '', objectName: plan?.objectName ?? '', owner: plan?.owner ?? '', fallback: plan?.fallback ?? '',
      status: plan?.status ?? 'under_arbete', adoptedDate: plan?.adoptedDate ?? '', lastReviewed: plan?.lastReviewed ?? '',
      // The next review shown is the set or the derived one (a year after the last review); saving keeps it as set.
      nextReview: plan?.nextReview ?? '', objectIds: (plan?.objects ?? []).map((o) => o.id).join(','), archived: plan?.archived ? 'true' : 'false',
    },
    ['risks', 'plans'],
    (d) => {
      const { archived, objectIds, ...rest } = d;
      const body = {
        ...rest, activityId: d.activityId || null, objectName: d.objectName || null, adoptedDate: d.adoptedDate || null, lastReviewed: d.lastReviewed || null,
        nextReview: d.nextReview || null, objectIds: ids(objectIds),
      };
      return plan
        ? api.patch<ContinuityPlan>(`/risks/continuity-plans/${plan.id}`, { version: plan.version, ...body, archived: archived === 'true' })
        : api.post<ContinuityPlan>('/risks/continuity-plans', { org: org.slug, ...body });
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
        <TextInput type="date" label={t('plan.field.adoptedDate')} description={t('plan.adoptedHelp')} value={d.adoptedDate} onChange={set('adoptedDate')} error={fe('adoptedDate')} disabled={dis} />
        <TextInput type="date" label={t('plan.field.lastReviewed')} value={d.lastReviewed} onChange={set('lastReviewed')} error={fe('lastReviewed')} disabled={dis} />
        <TextInput type="date" label={t('plan.field.nextReview')} description={t('plan.nextReviewHelp')} value={d.nextReview} onChange={set('nextReview')} error={fe('nextReview')} disabled={dis} />
        <TextInput label={t('plan.field.lastExercised')} value={plan?.lastExercised ?? t('plan.neverExercised')} readOnly description={t('plan.lastExercisedHelp')} />
      </SimpleGrid>
      {canEdit ? (
        <SystemsPicker ns="risks" org={org} linked={plan?.objects ?? []} value={ids(d.objectIds)} onChange={(v) => set('objectIds')(asEvent(v.join(',')))} error={fe('objectIds')} />
      ) : (
        <Fieldset legend={t('form.systems')}>
          <Text size="sm">{(plan?.objects ?? []).map((o) => o.name).join(', ') || t('form.noSystems')}</Text>
        </Fieldset>
      )}
      <Textarea label={t('plan.field.fallback')} description={t('plan.fallbackHelp')} autosize minRows={3} value={d.fallback} onChange={set('fallback')} error={fe('fallback')} disabled={dis} />
      {plan && <Checkbox label={t('form.archived')} checked={d.archived === 'true'} onChange={(e) => set('archived')(asEvent(e.currentTarget.checked ? 'true' : 'false'))} disabled={dis} />}
    </RecordDialog>
  );
}

/** An exercise: date, type, status, plans exercised, scenario, participants, erfarenheter, åtgärder. */
export function ExerciseDialog({ org, exercise, plans, canEdit, onClose }: { org: { slug: string; name: string }; exercise?: Exercise; plans: Opt[]; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation('risks');
  const form = useRecordForm(
    {
      date: exercise?.date ?? '', title: exercise?.title ?? '', type: exercise?.type ?? 'diskussionsovning', status: exercise?.status ?? 'planerad',
      planIds: (exercise?.planIds ?? []).join(','), scenario: exercise?.scenario ?? '', participants: (exercise?.participants ?? []).join('\n'),
      participantCount: exercise?.participantCount === null || exercise?.participantCount === undefined ? '' : String(exercise.participantCount),
      observations: exercise?.observations ?? '', archived: exercise?.archived ? 'true' : 'false',
    },
    ['risks'],
    (d) => {
      const { archived, ...rest } = d;
      const body = {
        ...rest, type: d.type as Exercise['type'], status: d.status as Exercise['status'], planIds: ids(d.planIds),
        participants: d.participants.split('\n').map((s) => s.trim()).filter(Boolean), participantCount: d.participantCount === '' ? null : Number(d.participantCount),
      };
      return exercise
        ? api.patch<Exercise>(`/risks/exercises/${exercise.id}`, { version: exercise.version, ...body, archived: archived === 'true' })
        : api.post<Exercise>('/risks/exercises', { org: org.slug, ...body });
    },
  );
  const { d, set, fe } = form;
  const dis = !canEdit;
  const chosen = ids(d.planIds);
  return (
    <RecordDialog
      title={exercise ? exercise.title : t('exercise.newTitle', { org: org.name })}
      label={exercise ? t('exercise.editOne', { title: exercise.title }) : t('exercise.new')}
      form={form} fields={EXERCISE_FIELDS} canEdit={canEdit} onClose={onClose}
      parent={exercise && { type: 'exercise', id: exercise.id, title: exercise.title, actions: exercise.actions }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('exercise.field.title')} required value={d.title} onChange={set('title')} error={fe('title')} disabled={dis} data-autofocus />
        <TextInput type="date" label={t('exercise.field.date')} description={t('exercise.dateHelp')} required value={d.date} onChange={set('date')} error={fe('date')} disabled={dis} />
        <NativeSelect label={t('exercise.field.type')} value={d.type} onChange={set('type')} data={EXERCISE_TYPES.map((x) => ({ value: x, label: t(`exerciseType.${x}`) }))} error={fe('type')} disabled={dis} />
        <NativeSelect label={t('exercise.field.status')} value={d.status} onChange={set('status')} data={EXERCISE_STATUSES.map((x) => ({ value: x, label: t(`exerciseStatus.${x}`) }))} error={fe('status')} disabled={dis} />
      </SimpleGrid>
      <Checkbox.Group label={t('exercise.field.plans')} value={chosen} onChange={(v) => set('planIds')(asEvent(v.join(',')))} error={fe('planIds')}>
        {plans.length === 0 && <Text size="sm" c="dimmed">{t('exercise.noPlans')}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
          {plans.map((p) => <Checkbox key={p.value} value={p.value} label={p.label} disabled={dis} />)}
        </SimpleGrid>
      </Checkbox.Group>
      <Textarea label={t('exercise.field.scenario')} autosize minRows={2} value={d.scenario} onChange={set('scenario')} error={fe('scenario')} disabled={dis} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Textarea label={t('exercise.field.participants')} description={t('process.onePerLine')} autosize minRows={2} value={d.participants} onChange={set('participants')} error={fe('participants')} disabled={dis} />
        <NumberInput label={t('exercise.field.participantCount')} min={0} allowDecimal={false} value={d.participantCount} onChange={(v) => set('participantCount')(asEvent(v === '' ? '' : String(v)))} error={fe('participantCount')} disabled={dis} />
      </SimpleGrid>
      <Textarea label={t('exercise.field.observations')} autosize minRows={2} value={d.observations} onChange={set('observations')} error={fe('observations')} disabled={dis} />
      {exercise && <Checkbox label={t('form.archived')} checked={d.archived === 'true'} onChange={(e) => set('archived')(asEvent(e.currentTarget.checked ? 'true' : 'false'))} disabled={dis} />}
    </RecordDialog>
  );
}
