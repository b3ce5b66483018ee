import type { FormEvent } from 'react';
import { Alert, Badge, Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/FormActions';
import { fieldError, ProblemAlert } from '../../components/problem';
import { SystemsPicker } from '../objects/SystemsPicker';
import { useForm } from '../../components/useFields';
import { useSubmit } from '../../components/useSubmit';
import { todayStockholm } from '../plans/shared';
import {
  CRITERIA, DPIA_STATES, DPIA_THRESHOLD, LEGAL_BASES, PUB, TRANSFER_TOOLS, type DpiaCriterion, type ProcessingActivity,
} from './api';

interface Props {
  org: { slug: string; name: string };
  /** Editing this activity; registering one in `org` when absent. */
  activity?: ProcessingActivity;
  onClose: () => void;
  onSaved: (saved: ProcessingActivity, message: string) => void;
  canApprove: boolean;
}

type Form = {
  name: string; purposes: string; legalBasis: string; legalBasisNote: string; responsible: string; status: string;
  dataSubjects: string; personalData: string; specialCategories: boolean; specialCategoriesNote: string;
  recipients: string; pubAgreement: string; thirdCountryTransfer: boolean; thirdCountries: string; transferTool: string; tiaDone: boolean;
  retention: string; securityMeasures: string; dpiaCriteria: DpiaCriterion[]; dpia: string; dpiaDate: string; dpiaReason: string;
  objectIds: string[]; archived: boolean;
};

const FIELDS = [
  'name', 'purposes', 'legalBasis', 'legalBasisNote', 'responsible', 'status', 'dataSubjects', 'personalData', 'specialCategoriesNote', 'recipients',
  'pubAgreement', 'thirdCountries', 'transferTool', 'retention', 'securityMeasures', 'dpiaCriteria', 'dpia', 'dpiaDate', 'dpiaReason', 'objectIds',
];

const lines = (v: string) => v.split('\n').map((s) => s.trim()).filter(Boolean);

function initial(a?: ProcessingActivity): Form {
  return {
    name: a?.name ?? '', purposes: a?.purposes ?? '', legalBasis: a?.legalBasis ?? '', legalBasisNote: a?.legalBasisNote ?? '', responsible: a?.responsible ?? '',
    status: a ? (a.status === 'godkand' ? '' : a.status) : 'utkast', dataSubjects: (a?.dataSubjects ?? []).join('\n'), personalData: (a?.personalData ?? []).join('\n'),
    specialCategories: a?.specialCategories ?? false, specialCategoriesNote: a?.specialCategoriesNote ?? '', recipients: a?.recipients ?? '',
    pubAgreement: a?.pubAgreement ?? 'nej', thirdCountryTransfer: a?.thirdCountryTransfer ?? false, thirdCountries: a?.thirdCountries ?? '',
    transferTool: a?.transferTool ?? '', tiaDone: a?.tiaDone ?? false, retention: a?.retention ?? '', securityMeasures: a?.securityMeasures ?? '',
    dpiaCriteria: a?.dpiaCriteria ?? [], dpia: a?.dpia ?? 'ej_gjord', dpiaDate: a?.dpiaDate ?? '', dpiaReason: a?.dpiaReason ?? '',
    objectIds: (a?.objects ?? []).map((o) => o.id), archived: a?.archived ?? false,
  };
}

/** Register or change a processing activity, grouped as the register reads; the DSO approves it here. */
export function ActivityDialog({ org, activity, onClose, onSaved, canApprove }: Props) {
  const { t, i18n } = useTranslation('privacy');
  const qc = useQueryClient();
  const { f, setF, text, check } = useForm<Form>(() => initial(activity));

  const save = async () => {
    const { status, archived, legalBasis, transferTool, dataSubjects, personalData, dpiaDate, ...rest } = f;
    const body = {
      ...rest, legalBasis: legalBasis || null, transferTool: transferTool || null, dpiaDate: dpiaDate || null,
      dataSubjects: lines(dataSubjects), personalData: lines(personalData), ...(status ? { status } : {}),
    };
    const saved = activity
      ? await api.patch<ProcessingActivity>(`/privacy/activities/${activity.id}`, { version: activity.version, ...body, archived })
      : await api.post<ProcessingActivity>('/privacy/activities', { org: org.slug, ...body });
    await qc.invalidateQueries({ queryKey: ['privacy'] });
    return saved;
  };
  const approve = async () => {
    const saved = await api.post<ProcessingActivity>(`/privacy/activities/${activity!.id}/approve`, { version: activity!.version });
    await qc.invalidateQueries({ queryKey: ['privacy'] });
    return saved;
  };
  const submitting = useSubmit(save);
  const approving = useSubmit(approve);
  const error = submitting.error ?? approving.error;
  const fe = (k: string) => fieldError(error, k, i18n.language);
  const reload = () => void qc.invalidateQueries({ queryKey: ['privacy'] }).then(onClose);

  async function submit(e: FormEvent) {
    e.preventDefault();
    approving.reset();
    const saved = await submitting.run();
    if (saved) onSaved(saved, t(activity?.status === 'godkand' && saved.status !== 'godkand' ? 'form.savedReset' : 'form.saved', { name: saved.name }));
  }
  async function doApprove() {
    submitting.reset();
    const saved = await approving.run();
    if (saved) onSaved(saved, t('form.approved', { name: saved.name }));
  }

  const today = todayStockholm();
  const likely = f.dpiaCriteria.length >= DPIA_THRESHOLD;
  const approvedText = activity?.approvedAt
    ? t('form.approvedBy', { name: activity.approvedBy?.name || t('form.unknownPerson'), date: new Date(activity.approvedAt).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }) })
    : '';

  return (
    <Dialog opened onClose={onClose} size="xl" title={activity ? t('form.editTitle', { name: activity.name }) : t('form.createTitle', { org: org.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} fields={FIELDS} onReload={reload} staleDetail />
          {activity?.status === 'godkand' && (
            <Alert color="green" title={t('status.godkand')}>
              <Text size="sm">{approvedText}</Text>
              <Text size="sm">{t('form.changeResets')}</Text>
            </Alert>
          )}
          <Fieldset legend={t('form.activity')}>
            <Stack gap="sm">
              <TextInput label={t('form.name')} required value={f.name} onChange={text('name')} error={fe('name')} data-autofocus maxLength={200} />
              <Textarea label={t('form.purposes')} autosize minRows={2} value={f.purposes} onChange={text('purposes')} error={fe('purposes')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect label={t('form.legalBasis')} value={f.legalBasis} onChange={text('legalBasis')} error={fe('legalBasis')}
                  data={[{ value: '', label: t('legalBasis.none') }, ...LEGAL_BASES.map((b) => ({ value: b, label: t(`legalBasis.${b}`) }))]} />
                <TextInput label={t('form.responsible')} value={f.responsible} onChange={text('responsible')} error={fe('responsible')} />
              </SimpleGrid>
              <Textarea label={t('form.legalBasisNote')} autosize minRows={1} value={f.legalBasisNote} onChange={text('legalBasisNote')} error={fe('legalBasisNote')} />
              <NativeSelect label={t('form.status')} value={f.status} onChange={text('status')} error={fe('status')}
                data={[
                  ...(activity?.status === 'godkand' ? [{ value: '', label: t('status.godkand') }] : []),
                  { value: 'utkast', label: t('status.utkast') },
                  { value: 'granskas', label: t('status.granskas') },
                ]} />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('form.subjects')}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Textarea label={t('form.dataSubjects')} description={t('form.onePerLine')} autosize minRows={2} value={f.dataSubjects} onChange={text('dataSubjects')} error={fe('dataSubjects')} />
                <Textarea label={t('form.personalData')} description={t('form.onePerLine')} autosize minRows={2} value={f.personalData} onChange={text('personalData')} error={fe('personalData')} />
              </SimpleGrid>
              <Checkbox label={t('form.specialCategories')} checked={f.specialCategories} onChange={check('specialCategories')} />
              {f.specialCategories && <TextInput label={t('form.specialCategoriesNote')} value={f.specialCategoriesNote} onChange={text('specialCategoriesNote')} error={fe('specialCategoriesNote')} />}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('form.recipientsAndTransfers')}>
            <Stack gap="sm">
              <Textarea label={t('form.recipients')} autosize minRows={1} value={f.recipients} onChange={text('recipients')} error={fe('recipients')} />
              <NativeSelect label={t('form.pubAgreement')} value={f.pubAgreement} onChange={text('pubAgreement')} error={fe('pubAgreement')}
                data={PUB.map((p) => ({ value: p, label: t(`pub.${p}`) }))} />
              <Checkbox label={t('form.thirdCountryTransfer')} checked={f.thirdCountryTransfer} onChange={check('thirdCountryTransfer')} />
              {f.thirdCountryTransfer && (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput label={t('form.thirdCountries')} value={f.thirdCountries} onChange={text('thirdCountries')} error={fe('thirdCountries')} />
                  <NativeSelect label={t('form.transferTool')} value={f.transferTool} onChange={text('transferTool')} error={fe('transferTool')}
                    data={[{ value: '', label: t('transferTool.none') }, ...TRANSFER_TOOLS.map((x) => ({ value: x, label: t(`transferTool.${x}`) }))]} />
                  <Checkbox label={t('form.tiaDone')} checked={f.tiaDone} onChange={check('tiaDone')} />
                </SimpleGrid>
              )}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('form.retentionAndSecurity')}>
            <Stack gap="sm">
              <Textarea label={t('form.retention')} autosize minRows={1} value={f.retention} onChange={text('retention')} error={fe('retention')} />
              <Textarea label={t('form.securityMeasures')} autosize minRows={2} value={f.securityMeasures} onChange={text('securityMeasures')} error={fe('securityMeasures')} />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('form.threshold')}>
            <Stack gap="sm">
              <Fieldset legend={t('form.criteria')} variant="unstyled">
                <Text size="sm" c="dimmed" mb="xs">{t('form.criteriaHelp')}</Text>
                <Checkbox.Group value={f.dpiaCriteria} error={fe('dpiaCriteria')} onChange={(v) => setF((x) => ({ ...x, dpiaCriteria: CRITERIA.filter((c) => v.includes(c)) }))}>
                  <Stack gap={6}>
                    {CRITERIA.map((c) => <Checkbox key={c} value={c} label={t(`criterion.${c}`)} />)}
                  </Stack>
                </Checkbox.Group>
              </Fieldset>
              <Group gap="xs" role="status" aria-live="polite">
                <Text size="sm">{t('criteriaCount', { count: f.dpiaCriteria.length })}:</Text>
                {likely ? <Badge color="orange" variant="light" tt="none">{t('dpiaLikelyBadge')}</Badge> : <Text size="sm">{t('form.dpiaNotLikely')}</Text>}
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect label={t('form.dpia')} value={f.dpia} onChange={text('dpia')} error={fe('dpia')}
                  data={DPIA_STATES.map((s) => ({ value: s, label: t(`dpiaState.${s}`) }))} />
                {f.dpia === 'gjord' && (
                  <TextInput label={t('form.dpiaDate')} type="date" max={today} value={f.dpiaDate} onChange={text('dpiaDate')} error={fe('dpiaDate')} />
                )}
              </SimpleGrid>
              {f.dpia === 'behovs_ej' && <Textarea label={t('form.dpiaReason')} autosize minRows={1} value={f.dpiaReason} onChange={text('dpiaReason')} error={fe('dpiaReason')} />}
            </Stack>
          </Fieldset>

          <SystemsPicker ns="privacy" org={org} linked={activity?.objects ?? []} value={f.objectIds} error={fe('objectIds')} onChange={(v) => setF((x) => ({ ...x, objectIds: v }))} />

          {activity && <Checkbox label={t('form.archived')} checked={f.archived} onChange={check('archived')} />}
          {activity && canApprove && activity.status !== 'godkand' && (
            <Group>
              <Button variant="outline" color="green" loading={approving.busy} onClick={() => void doApprove()}>{t('form.approve')}</Button>
              <Text size="sm" c="dimmed">{t('form.approveHelp')}</Text>
            </Group>
          )}
          <DialogActions busy={submitting.busy} submitLabel={activity ? t('common:save') : t('form.create')} onClose={onClose} labels={{ delete: '', confirm: '', yes: '' }} />
        </Stack>
      </form>
    </Dialog>
  );
}
