import { useState, type FormEvent } from 'react';
import { Checkbox, Fieldset, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useRefusalFocus } from '../../components/focusInvalid';
import { useSubmit } from '../../components/useSubmit';
import type { CategoryTemplate, IncidentDetail, UpdateIncident } from './types';
import { KIND_KEY, KINDS, PERSONAL_DATA, RISKS } from './types';
import { StockholmTimeInput } from './TimeInput';
import { toTimeValue } from './util';
import { FormActions } from '../../components/FormActions';

const TIMES = ['occurredAt', 'discoveredAt', 'imyReportedAt', 'subjectsInformedAt', 'csirtEarlyWarningAt', 'csirtNotificationAt', 'csirtFinalReportAt'] as const;
type TimeKey = (typeof TIMES)[number];

interface Draft {
  title: string;
  description: string;
  kind: string;
  category: string;
  personalData: string;
  handlerId: string;
  riskAssessment: string;
  assessmentText: string;
  reportedToImy: boolean;
  imyReference: string;
  nis2Significant: boolean;
  reportedToCsirt: boolean;
  protectedIdentity: boolean;
  times: Record<TimeKey, string>;
}

function draftOf(i: IncidentDetail): Draft {
  return {
    title: i.title,
    description: i.description ?? '',
    kind: i.kind ?? '',
    category: i.category ?? '',
    personalData: i.personalData,
    handlerId: i.handler?.id ?? '',
    riskAssessment: i.riskAssessment ?? '',
    assessmentText: i.assessmentText ?? '',
    reportedToImy: i.reportedToImy,
    imyReference: i.imyReference ?? '',
    // Null only in the reporter's view, which has no edit form.
    nis2Significant: i.nis2Significant ?? false,
    reportedToCsirt: i.reportedToCsirt ?? false,
    protectedIdentity: i.protectedIdentity,
    times: Object.fromEntries(TIMES.map((k) => [k, toTimeValue(i[k])])) as Record<TimeKey, string>,
  };
}

/** Only what changed, with the version read (optimistic locking: a stale version answers 409). */
function changes(i: IncidentDetail, d: Draft): UpdateIncident {
  const o = draftOf(i);
  const out: Record<string, unknown> = { version: i.version };
  const text = (k: 'title' | 'assessmentText') => d[k] !== o[k] && (out[k] = d[k]);
  text('title');
  text('assessmentText');
  if (!i.protected && d.description !== o.description) out.description = d.description;
  const nullable = (k: 'kind' | 'category' | 'handlerId' | 'riskAssessment' | 'imyReference') => d[k] !== o[k] && (out[k] = d[k] || null);
  nullable('kind');
  nullable('category');
  nullable('handlerId');
  nullable('riskAssessment');
  nullable('imyReference');
  if (d.personalData !== o.personalData) out.personalData = d.personalData;
  for (const k of ['reportedToImy', 'nis2Significant', 'reportedToCsirt', 'protectedIdentity'] as const) if (d[k] !== o[k]) out[k] = d[k];
  for (const k of TIMES) if (d.times[k] !== o.times[k]) out[k] = d.times[k] || null;
  return out as UpdateIncident;
}

const FIELDS = ['title', 'description', 'kind', 'category', 'personalData', 'handlerId', 'riskAssessment', 'assessmentText', 'imyReference', 'reportedToImy', 'reportedToCsirt', ...TIMES];

/** Edit every field of an incident (handlers). */
export function EditForm({
  incident,
  handlers,
  categories,
  onSaved,
  onCancel,
  onReload,
}: {
  incident: IncidentDetail;
  handlers: { value: string; label: string }[];
  categories: CategoryTemplate[];
  onSaved: (i: IncidentDetail) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation('incidents');
  const [d, setD] = useState<Draft>(() => draftOf(incident));
  const submit = useSubmit((body: UpdateIncident) => api.patch<IncidentDetail>(`/incidents/${incident.id}`, body));
  const [titleMissing, setTitleMissing] = useState(false);
  // After a refused save, focus to the first field with an error, or else to the message above the fields.
  const { form, message, refused } = useRefusalFocus();
  const fe = (f: string) => (f === 'title' && titleMissing ? t('detail.titleRequired') : fieldError(submit.error, f, i18n.language));
  const text = (k: 'title' | 'description' | 'assessmentText' | 'imyReference') => ({
    value: d[k],
    onChange: (e: { currentTarget: { value: string } }) => {
      const v = e.currentTarget.value;
      setD((x) => ({ ...x, [k]: v }));
    },
    error: fe(k),
  });
  const select = (k: 'kind' | 'category' | 'personalData' | 'handlerId' | 'riskAssessment') => ({
    value: d[k],
    onChange: (e: { currentTarget: { value: string } }) => {
      const v = e.currentTarget.value;
      setD((x) => ({ ...x, [k]: v }));
    },
    error: fe(k),
  });
  const check = (k: 'reportedToImy' | 'nis2Significant' | 'reportedToCsirt' | 'protectedIdentity') => ({
    checked: d[k],
    onChange: (e: { currentTarget: { checked: boolean } }) => {
      const v = e.currentTarget.checked;
      setD((x) => ({ ...x, [k]: v }));
    },
    error: fe(k),
    // Mantine marks a checkbox with an error by style only: said to assistive technology, and found by focusFirstInvalid.
    'aria-invalid': fe(k) ? true : undefined,
  });
  const time = (k: TimeKey) => (
    <StockholmTimeInput
      label={t(`field.${k}`)}
      value={d.times[k]}
      onChange={(v) => setD((x) => ({ ...x, times: { ...x.times, [k]: v } }))}
      error={fe(k)}
    />
  );
  const cats = categories.map((c) => c.name);
  if (d.category && !cats.includes(d.category)) cats.push(d.category);

  async function save(e: FormEvent) {
    e.preventDefault();
    // The title is required: said at the field before anything is sent.
    const missing = !d.title.trim();
    setTitleMissing(missing);
    if (missing) {
      submit.reset();
      refused();
      return;
    }
    const r = await submit.run(changes(incident, d));
    if (r) onSaved(r);
    else refused();
  }

  return (
    <form ref={form} onSubmit={save} aria-label={t('detail.editTitle')} noValidate>
      <Stack>
        <ProblemAlert ref={message} error={submit.error} fields={FIELDS} onReload={onReload} />
        <Fieldset legend={t('detail.basics')}>
          <Stack>
            <TextInput
              label={t('field.title')}
              description={d.protectedIdentity ? t('detail.titleProtectedHelp') : undefined}
              required
              maxLength={200}
              {...text('title')}
            />
            {!incident.protected && <Textarea label={t('field.description')} autosize minRows={3} {...text('description')} />}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect label={t('field.kind')} data={[{ value: '', label: t('none') }, ...KINDS.map((k) => ({ value: k, label: t(`kind.${KIND_KEY[k]}`) }))]} {...select('kind')} />
              <NativeSelect label={t('field.category')} data={[{ value: '', label: t('none') }, ...cats]} {...select('category')} />
              <NativeSelect label={t('field.personalData')} data={PERSONAL_DATA.map((p) => ({ value: p, label: t(`pd.${p}`) }))} {...select('personalData')} />
              <NativeSelect label={t('field.handler')} data={[{ value: '', label: t('none') }, ...handlers]} {...select('handlerId')} />
              {time('occurredAt')}
              {time('discoveredAt')}
            </SimpleGrid>
            <Checkbox label={t('field.protectedIdentity')} {...check('protectedIdentity')} />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('detail.assessment')}>
          <Stack>
            <NativeSelect label={t('field.riskAssessment')} data={[{ value: '', label: t('notAssessed') }, ...RISKS.map((r) => ({ value: r, label: t(`risk.${r}`) }))]} {...select('riskAssessment')} />
            {!incident.protected && <Textarea label={t('field.assessmentText')} autosize minRows={2} {...text('assessmentText')} />}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('detail.imy')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Checkbox label={t('field.reportedToImy')} {...check('reportedToImy')} />
            <span />
            {time('imyReportedAt')}
            <TextInput label={t('field.imyReference')} maxLength={100} {...text('imyReference')} />
            {time('subjectsInformedAt')}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('detail.nis2')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Checkbox label={t('field.nis2Significant')} {...check('nis2Significant')} />
            <Checkbox label={t('field.reportedToCsirt')} {...check('reportedToCsirt')} />
            {time('csirtEarlyWarningAt')}
            {time('csirtNotificationAt')}
            {time('csirtFinalReportAt')}
          </SimpleGrid>
        </Fieldset>
        <FormActions busy={submit.busy} submitLabel={t('common:save')} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
