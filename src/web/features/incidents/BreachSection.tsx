import { useRef, useState, type FormEvent } from 'react';
import { Badge, Button, Checkbox, Fieldset, Group, List, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useRefusalFocus } from '../../components/focusInvalid';
import { useFocusLater } from '../../components/useFocusLater';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';
import type { BreachDto, UpdateBreach } from '../../../domains/incidents/contract';
import {
  BREACH_CAUSES, BREACH_TYPES, DATA_CATEGORIES, DATA_CATEGORY_WORDS, NOT_INFORMING_REASONS, SUBJECT_CATEGORIES, type DataCategory,
} from '../../../domains/incidents/breach-model';
import { isPersonalDataBreach } from '../../../domains/incidents/clocks';
import { incidentQuery } from './api';
import { Fact } from './Fact';
import { ImyBasisSection } from './ImyBasis';
import type { IncidentDetail } from './types';

export const breachQuery = (id: string) => ({
  queryKey: ['incidents', 'breach', id] as const,
  queryFn: () => api.get<BreachDto>(`/incidents/${id}/breach`),
});

type Draft = Omit<UpdateBreach, 'version' | 'markDocumented' | 'subjectCount' | 'recordCount'> & { subjectCount: number | ''; recordCount: number | '' };
const FIELDS = ['breachTypes', 'subjectCategories', 'subjectCategoriesOther', 'subjectCount', 'dataCategories', 'dataCategoriesOther', 'recordCount', 'likelyConsequences', 'measuresTaken', 'cause', 'delayReason', 'notInformingReason', 'notInformingText'];

function draftOf(b: BreachDto): Draft {
  return {
    breachTypes: b.breachTypes, subjectCategories: b.subjectCategories, subjectCategoriesOther: b.subjectCategoriesOther ?? '',
    subjectCount: b.subjectCount ?? '', subjectCountUnknown: b.subjectCountUnknown, dataCategories: b.dataCategories,
    dataCategoriesOther: b.dataCategoriesOther ?? '', recordCount: b.recordCount ?? '', recordCountUnknown: b.recordCountUnknown,
    likelyConsequences: b.likelyConsequences ?? '', measuresTaken: b.measuresTaken ?? '', cause: b.cause, delayReason: b.delayReason ?? '',
    notInformingReason: b.notInformingReason, notInformingText: b.notInformingText ?? '',
  };
}

/**
 * "Personuppgiftsincident – dokumentation" on the incident page of a personal data breach: the art. 33.5 record
 * (read, or edited by handlers with the form), its completion and the underlag för anmälan till IMY.
 */
export function BreachSection({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation('incidents');
  const { can } = useSession();
  const qc = useQueryClient();
  const breach = isPersonalDataBreach(incident);
  const query = useQuery({ ...breachQuery(incident.id), enabled: breach, staleTime: 0 });
  const [editing, setEditing] = useState(false);
  const [said, setSaid] = useState('');
  const [showBasis, setShowBasis] = useState(false);
  const focusLater = useFocusLater();
  const editButton = useRef<HTMLButtonElement>(null);
  const formArea = useRef<HTMLDivElement>(null);
  if (!breach || !query.data) return null;
  const b = query.data;
  const manage = can('incident.manage') && !b.protected;
  const stop = (message = '') => {
    setEditing(false);
    setSaid(message);
    focusLater(() => editButton.current);
  };
  const words = (group: string, keys: readonly string[]) => (keys.length ? keys.map((k) => t(`breach.${group}.${k}`)).join(', ') : '');
  const count = (n: number | null, unknown: boolean) => (unknown ? t('breach.unknown') : n === null ? '' : t('breach.approx', { n }));
  const text = (v: string | null) => (v === null ? t('breach.protectedText') : v);
  const fact = (label: string, value: string) => <Fact label={label} value={value} />;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="breach-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="breach-title">{t('breach.title')}</Title>
        {manage && !editing && (
          <Button variant="default" ref={editButton} onClick={() => {
            setEditing(true);
            setSaid('');
            focusLater(() => formArea.current?.querySelector<HTMLElement>('input, textarea, select'));
          }}>
            {b.exists ? t('breach.edit') : t('breach.start')}
          </Button>
        )}
      </Group>
      <Text size="sm" mb="xs">{t('breach.intro')}</Text>
      <Group gap="xs" mb="xs">
        {b.documentedAt ? (
          <Badge color="green.9" variant="filled" tt="none">{t('breach.documented', { at: formatDateTime(b.documentedAt), by: b.documentedBy?.name ?? '' })}</Badge>
        ) : (
          <Badge color="orange.9" variant="filled" tt="none">{t('breach.notDocumented')}</Badge>
        )}
      </Group>
      <Text size="sm" role="status">{said}</Text>
      {editing ? (
        <div ref={formArea}>
          <BreachForm
            key={b.version}
            incident={incident}
            breach={b}
            onSaved={(next, completed) => {
              qc.setQueryData(breachQuery(incident.id).queryKey, next);
              // An art. 34.3 reason ends the art. 34 clock: the incident's clocks are read again.
              void qc.invalidateQueries({ queryKey: incidentQuery(incident.id).queryKey });
              stop(completed ? t('breach.completed') : t('breach.saved'));
            }}
            onCancel={() => stop()}
            onReload={() => void query.refetch()}
          />
        </div>
      ) : (
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0}>
            {fact(t('breach.types'), words('type', b.breachTypes))}
            {fact(t('breach.cause'), b.cause ? t(`breach.causes.${b.cause}`) : '')}
            {fact(t('breach.subjectCategories'), [words('subject', b.subjectCategories), b.subjectCategoriesOther ?? ''].filter(Boolean).join(', '))}
            {fact(t('breach.subjectCount'), count(b.subjectCount, b.subjectCountUnknown))}
            {fact(t('breach.dataCategories'), [words('dataCategory', b.dataCategories), b.dataCategoriesOther ?? ''].filter(Boolean).join(', '))}
            {fact(t('breach.recordCount'), count(b.recordCount, b.recordCountUnknown))}
          </SimpleGrid>
          {(b.specialCategories.length > 0 || b.criminalData) && (
            <Text size="sm">
              {b.specialCategories.length > 0 && t('breach.specialNote', { list: words('dataCategory', b.specialCategories) })}{' '}
              {b.criminalData && t('breach.criminalNote')}
            </Text>
          )}
          <dl style={{ margin: 0 }}>
            {fact(t('breach.likelyConsequences'), text(b.likelyConsequences))}
            {fact(t('breach.measuresTaken'), text(b.measuresTaken))}
            {(b.delayReasonRequired || b.delayReason) && fact(t('breach.delayReason'), text(b.delayReason))}
            {(b.notInformingReasonRequired || b.notInformingReason) && fact(t('breach.notInformingReason'),
              [b.notInformingReason ? t(`breach.reason.${b.notInformingReason}`) : '', b.notInformingText === null ? t('breach.protectedText') : b.notInformingText].filter(Boolean).join(' – '))}
          </dl>
        </Stack>
      )}
      <Group mt="md">
        <Button variant="outline" aria-expanded={showBasis} aria-controls="imy-basis" onClick={() => setShowBasis((s) => !s)}>
          {showBasis ? t('breach.imy.hide') : t('breach.imy.show')}
        </Button>
      </Group>
      {showBasis && <ImyBasisSection incidentId={incident.id} documented={!!b.documentedAt} lang={i18n.language} />}
    </Paper>
  );
}

function BreachForm({ incident, breach, onSaved, onCancel, onReload }: {
  incident: IncidentDetail;
  breach: BreachDto;
  onSaved: (b: BreachDto, completed: boolean) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation('incidents');
  const [d, setD] = useState<Draft>(() => draftOf(breach));
  const submit = useSubmit((body: UpdateBreach) => api.put<BreachDto>(`/incidents/${incident.id}/breach`, body));
  // After a refused save, focus to the first field with an error, or else to the message above the fields.
  const { form, message, refused } = useRefusalFocus();
  const fe = (f: string) => fieldError(submit.error, f, i18n.language);
  const set = <K extends keyof Draft>(k: K) => (v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const textarea = (k: 'likelyConsequences' | 'measuresTaken' | 'delayReason' | 'notInformingText', required = false) => (
    <Textarea label={t(`breach.${k}`)} autosize minRows={2} maxLength={10_000} required={required} value={d[k]}
      onChange={(e) => set(k)(e.currentTarget.value)} error={fe(k)} />
  );
  const group = <K extends 'breachTypes' | 'subjectCategories' | 'dataCategories'>(k: K, keys: readonly string[], word: string, note?: (key: string) => string) => (
    <Checkbox.Group label={t(`breach.${k === 'breachTypes' ? 'types' : k}`)} value={d[k] as string[]} onChange={(v) => set(k)(v as Draft[K])} error={fe(k)}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={4}>
        {keys.map((key) => <Checkbox key={key} value={key} label={t(`breach.${word}.${key}`) + (note?.(key) ?? '')} />)}
      </SimpleGrid>
    </Checkbox.Group>
  );
  const amount = (k: 'subjectCount' | 'recordCount', unknown: 'subjectCountUnknown' | 'recordCountUnknown') => (
    <>
      <NumberInput label={t(`breach.${k}`)} min={0} max={2_147_483_647} allowDecimal={false} allowNegative={false} disabled={d[unknown]}
        value={d[k]} onChange={(v) => set(k)(typeof v === 'number' ? v : v === '' ? '' : Number(v))} error={fe(k)} />
      <Checkbox label={t(`breach.${unknown}`)} checked={d[unknown]} mt={{ sm: 28 }}
        onChange={(e) => {
          const on = e.currentTarget.checked;
          setD((x) => ({ ...x, [unknown]: on, ...(on ? { [k]: '' } : {}) }));
        }} />
    </>
  );
  const special = (key: string) => {
    const w = DATA_CATEGORY_WORDS[key as DataCategory];
    return w.special ? ` (${t('breach.special')})` : '';
  };
  const showDelay = breach.delayReasonRequired || !!d.delayReason;
  const showNotInforming = breach.notInformingReasonRequired || !!d.notInformingReason || !!d.notInformingText;

  async function save(complete: boolean) {
    const body: UpdateBreach = {
      ...d, version: breach.version, subjectCount: d.subjectCount === '' ? null : d.subjectCount, recordCount: d.recordCount === '' ? null : d.recordCount,
      ...(complete ? { markDocumented: true } : {}),
    };
    const r = await submit.run(body);
    if (r) onSaved(r, complete && !breach.documentedAt);
    else refused();
  }
  const [completing, setCompleting] = useState(false);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    // Which of the two submit buttons (Enter in a field: the plain save).
    const complete = (e.nativeEvent as SubmitEvent).submitter?.getAttribute('data-complete') === 'true';
    setCompleting(complete);
    void save(complete);
  }

  return (
    <form ref={form} onSubmit={onSubmit} aria-label={t('breach.formLabel')} noValidate>
      <Stack>
        <ProblemAlert ref={message} error={submit.error} fields={FIELDS} onReload={onReload} />
        <Fieldset legend={t('breach.typeAndCause')}>
          <Stack>
            {group('breachTypes', BREACH_TYPES, 'type')}
            <NativeSelect label={t('breach.cause')} value={d.cause ?? ''} error={fe('cause')}
              onChange={(e) => set('cause')((e.currentTarget.value || null) as Draft['cause'])}
              data={[{ value: '', label: t('breach.chooseCause') }, ...BREACH_CAUSES.map((c) => ({ value: c, label: t(`breach.causes.${c}`) }))]} />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('breach.subjects')}>
          <Stack>
            {group('subjectCategories', SUBJECT_CATEGORIES, 'subject')}
            <TextInput label={t('breach.subjectCategoriesOther')} maxLength={500} value={d.subjectCategoriesOther} onChange={(e) => set('subjectCategoriesOther')(e.currentTarget.value)} error={fe('subjectCategoriesOther')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>{amount('subjectCount', 'subjectCountUnknown')}</SimpleGrid>
          </Stack>
        </Fieldset>
        <Fieldset legend={t('breach.data')}>
          <Stack>
            {group('dataCategories', DATA_CATEGORIES, 'dataCategory', special)}
            <TextInput label={t('breach.dataCategoriesOther')} maxLength={500} value={d.dataCategoriesOther} onChange={(e) => set('dataCategoriesOther')(e.currentTarget.value)} error={fe('dataCategoriesOther')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>{amount('recordCount', 'recordCountUnknown')}</SimpleGrid>
          </Stack>
        </Fieldset>
        {textarea('likelyConsequences', true)}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {textarea('measuresTaken', true)}
          <div>
            <Text size="sm" fw={500} id="breach-actions-title">{t('breach.actionsBeside')}</Text>
            {incident.actions.length ? (
              <List size="sm" aria-labelledby="breach-actions-title">
                {incident.actions.map((a) => (
                  <List.Item key={a.id}>{a.title ?? t('protected.text')} · {t(`actionStatus.${a.status}`, { defaultValue: a.status })}{a.dueDate ? ` · ${a.dueDate}` : ''}</List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm" c="dimmed">{t('breach.noActions')}</Text>
            )}
          </div>
        </SimpleGrid>
        {showDelay && (
          <Stack gap={4}>
            {breach.delayReasonRequired && <Text size="sm">{t('breach.delayHint')}</Text>}
            {textarea('delayReason', breach.delayReasonRequired)}
          </Stack>
        )}
        {showNotInforming && (
          <Fieldset legend={t('breach.notInforming')}>
            <Stack>
              {breach.notInformingReasonRequired && <Text size="sm">{t('breach.notInformingHint')}</Text>}
              <NativeSelect label={t('breach.notInformingReason')} value={d.notInformingReason ?? ''} error={fe('notInformingReason')}
                onChange={(e) => set('notInformingReason')((e.currentTarget.value || null) as Draft['notInformingReason'])}
                data={[{ value: '', label: t('breach.chooseReason') }, ...NOT_INFORMING_REASONS.map((r) => ({ value: r, label: t(`breach.reason.${r}`) }))]} />
              {textarea('notInformingText')}
            </Stack>
          </Fieldset>
        )}
        <Group>
          <Button type="submit" loading={submit.busy && !completing}>{t('breach.save')}</Button>
          {!breach.documentedAt && (
            <Button type="submit" variant="outline" data-complete="true" loading={submit.busy && completing}>{t('breach.saveAndComplete')}</Button>
          )}
          <Button variant="default" onClick={onCancel}>{t('common:cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
