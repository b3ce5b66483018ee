import { useRef, type FormEvent } from 'react';
import { Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/FormActions';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useForm } from '../../components/useFields';
import { useFocusLater } from '../../components/useFocusLater';
import { useSubmit } from '../../components/useSubmit';
import { todayStockholm } from '../plans/shared';
import { SystemsPicker } from '../objects/SystemsPicker';
import { PUB, RESULTS, TRANSFER_TOOLS, type SubSupplier, type Supplier } from './api';

interface Props {
  org: { slug: string; name: string };
  /** Editing this supplier; registering one in `org` when absent. */
  supplier?: Supplier;
  onClose: () => void;
  onSaved: (saved: Supplier, message: string) => void;
}

type Form = {
  name: string; orgNumber: string; services: string; contact: string;
  processesPersonalData: boolean; pubAgreement: string; pubSignedDate: string; pubReviewDate: string; exitPlan: boolean; exitPlanNote: string;
  thirdCountryTransfer: boolean; thirdCountries: string; transferTool: string; tiaDone: boolean; tiaDate: string;
  subSuppliers: SubSupplier[];
  assessmentDate: string; assessmentResult: string; assessmentNote: string; followUpDate: string;
  objectIds: string[]; archived: boolean;
};

const FIELDS = [
  'name', 'orgNumber', 'services', 'contact', 'pubAgreement', 'pubSignedDate', 'pubReviewDate', 'exitPlanNote', 'thirdCountries', 'transferTool', 'tiaDate',
  'assessmentDate', 'assessmentResult', 'assessmentNote', 'followUpDate', 'objectIds',
];

function initial(s?: Supplier): Form {
  return {
    name: s?.name ?? '', orgNumber: s?.orgNumber ?? '', services: s?.services ?? '', contact: s?.contact ?? '',
    processesPersonalData: s?.processesPersonalData ?? false, pubAgreement: s?.pubAgreement ?? 'nej', pubSignedDate: s?.pubSignedDate ?? '', pubReviewDate: s?.pubReviewDate ?? '',
    exitPlan: s?.exitPlan ?? false, exitPlanNote: s?.exitPlanNote ?? '',
    thirdCountryTransfer: s?.thirdCountryTransfer ?? false, thirdCountries: s?.thirdCountries ?? '', transferTool: s?.transferTool ?? '', tiaDone: s?.tiaDone ?? false, tiaDate: s?.tiaDate ?? '',
    subSuppliers: s?.subSuppliers ?? [],
    assessmentDate: s?.assessmentDate ?? '', assessmentResult: s?.assessmentResult ?? '', assessmentNote: s?.assessmentNote ?? '', followUpDate: s?.followUpDate ?? '',
    objectIds: (s?.objects ?? []).map((o) => o.id), archived: s?.archived ?? false,
  };
}

/** Register or change a supplier, grouped as the register reads: the supplier, agreement, transfers, sub-suppliers, assessment, systems. */
export function SupplierDialog({ org, supplier, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation('suppliers');
  const qc = useQueryClient();
  const { f, setF, text, check } = useForm<Form>(() => initial(supplier));
  const focusLater = useFocusLater();
  const addRef = useRef<HTMLButtonElement>(null);

  const save = async () => {
    const { archived, orgNumber, transferTool, assessmentResult, pubSignedDate, pubReviewDate, tiaDate, assessmentDate, followUpDate, ...rest } = f;
    const body = {
      ...rest, orgNumber: orgNumber.trim() || null, transferTool: transferTool || null, assessmentResult: assessmentResult || null,
      pubSignedDate: pubSignedDate || null, pubReviewDate: pubReviewDate || null, tiaDate: tiaDate || null, assessmentDate: assessmentDate || null, followUpDate: followUpDate || null,
    };
    const saved = supplier
      ? await api.patch<Supplier>(`/suppliers/${supplier.id}`, { version: supplier.version, ...body, archived })
      : await api.post<Supplier>('/suppliers', { org: org.slug, ...body });
    await qc.invalidateQueries({ queryKey: ['suppliers'] });
    return saved;
  };
  const submitting = useSubmit(save);
  const error = submitting.error;
  const fe = (k: string) => fieldError(error, k, i18n.language);
  const reload = () => void qc.invalidateQueries({ queryKey: ['suppliers'] }).then(onClose);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await submitting.run();
    if (saved) onSaved(saved, t('form.saved', { name: saved.name }));
  }

  const setSub = (i: number, patch: Partial<SubSupplier>) =>
    setF((x) => ({ ...x, subSuppliers: x.subSuppliers.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const addSub = () => {
    const i = f.subSuppliers.length;
    setF((x) => ({ ...x, subSuppliers: [...x.subSuppliers, { name: '', service: '', country: '', withoutContract: false }] }));
    focusLater(() => document.getElementById(`sub-${i}-name`));
  };
  const removeSub = (i: number) => {
    setF((x) => ({ ...x, subSuppliers: x.subSuppliers.filter((_, j) => j !== i) }));
    focusLater(() => addRef.current);
  };

  const today = todayStockholm();
  const subFields = f.subSuppliers.flatMap((_, i) => [`subSuppliers.${i}.name`, `subSuppliers.${i}.service`, `subSuppliers.${i}.country`]);

  return (
    <Dialog opened onClose={onClose} size="xl" title={supplier ? t('form.editTitle', { name: supplier.name }) : t('form.createTitle', { org: org.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} fields={[...FIELDS, ...subFields]} onReload={reload} staleDetail />
          <Fieldset legend={t('form.supplier')}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('form.name')} required value={f.name} onChange={text('name')} error={fe('name')} data-autofocus maxLength={200} />
                <TextInput label={t('form.orgNumber')} description={t('form.orgNumberHelp')} value={f.orgNumber} onChange={text('orgNumber')} error={fe('orgNumber')} maxLength={11} />
              </SimpleGrid>
              <Textarea label={t('form.services')} autosize minRows={2} value={f.services} onChange={text('services')} error={fe('services')} />
              <TextInput label={t('form.contact')} value={f.contact} onChange={text('contact')} error={fe('contact')} />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('form.agreement')}>
            <Stack gap="sm">
              <Checkbox label={t('form.processesPersonalData')} checked={f.processesPersonalData} onChange={check('processesPersonalData')} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NativeSelect label={t('form.pubAgreement')} value={f.pubAgreement} onChange={text('pubAgreement')} error={fe('pubAgreement')}
                  data={PUB.map((p) => ({ value: p, label: t(`pub.${p}`) }))} />
                <TextInput label={t('form.pubSignedDate')} type="date" max={today} value={f.pubSignedDate} onChange={text('pubSignedDate')} error={fe('pubSignedDate')} />
                <TextInput label={t('form.pubReviewDate')} type="date" value={f.pubReviewDate} onChange={text('pubReviewDate')} error={fe('pubReviewDate')} />
              </SimpleGrid>
              <Checkbox label={t('form.exitPlan')} checked={f.exitPlan} onChange={check('exitPlan')} />
              {f.exitPlan && <Textarea label={t('form.exitPlanNote')} autosize minRows={1} value={f.exitPlanNote} onChange={text('exitPlanNote')} error={fe('exitPlanNote')} />}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('form.transfer')}>
            <Stack gap="sm">
              <Checkbox label={t('form.thirdCountryTransfer')} checked={f.thirdCountryTransfer} onChange={check('thirdCountryTransfer')} />
              {f.thirdCountryTransfer && (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput label={t('form.thirdCountries')} value={f.thirdCountries} onChange={text('thirdCountries')} error={fe('thirdCountries')} />
                  <NativeSelect label={t('form.transferTool')} value={f.transferTool} onChange={text('transferTool')} error={fe('transferTool')}
                    data={[{ value: '', label: t('transferTool.none') }, ...TRANSFER_TOOLS.map((x) => ({ value: x, label: t(`transferTool.${x}`) }))]} />
                  <Checkbox label={t('form.tiaDone')} checked={f.tiaDone} onChange={check('tiaDone')} />
                  {f.tiaDone && <TextInput label={t('form.tiaDate')} type="date" max={today} value={f.tiaDate} onChange={text('tiaDate')} error={fe('tiaDate')} />}
                </SimpleGrid>
              )}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('form.subSuppliers')}>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">{t('form.subSuppliersHelp')}</Text>
              {f.subSuppliers.length === 0 && <Text size="sm">{t('form.noSubSuppliers')}</Text>}
              {f.subSuppliers.map((s, i) => (
                <Fieldset key={i} legend={t('form.subSupplierN', { n: i + 1 })} variant="filled">
                  <Stack gap="xs">
                    <SimpleGrid cols={{ base: 1, sm: 3 }}>
                      <TextInput id={`sub-${i}-name`} label={t('form.subName')} required value={s.name} error={fe(`subSuppliers.${i}.name`)}
                        onChange={(e) => setSub(i, { name: e.currentTarget.value })} maxLength={200} />
                      <TextInput label={t('form.subService')} value={s.service} error={fe(`subSuppliers.${i}.service`)} onChange={(e) => setSub(i, { service: e.currentTarget.value })} />
                      <TextInput label={t('form.subCountry')} value={s.country} error={fe(`subSuppliers.${i}.country`)} onChange={(e) => setSub(i, { country: e.currentTarget.value })} />
                    </SimpleGrid>
                    <Group justify="space-between">
                      <Checkbox label={t('form.withoutContract')} checked={s.withoutContract} onChange={(e) => setSub(i, { withoutContract: e.currentTarget.checked })} />
                      <Button variant="subtle" color="red" size="xs" onClick={() => removeSub(i)} aria-label={t('form.removeSubN', { n: i + 1, name: s.name || t('form.subSupplierN', { n: i + 1 }) })}>
                        {t('form.removeSub')}
                      </Button>
                    </Group>
                  </Stack>
                </Fieldset>
              ))}
              <Group>
                <Button ref={addRef} variant="default" onClick={addSub}>{t('form.addSub')}</Button>
              </Group>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('form.assessment')}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label={t('form.assessmentDate')} type="date" max={today} value={f.assessmentDate} onChange={text('assessmentDate')} error={fe('assessmentDate')} />
                <NativeSelect label={t('form.assessmentResult')} value={f.assessmentResult} onChange={text('assessmentResult')} error={fe('assessmentResult')}
                  data={[{ value: '', label: t('result.none') }, ...RESULTS.map((r) => ({ value: r, label: t(`result.${r}`) }))]} />
                <TextInput label={t('form.followUpDate')} description={t('form.followUpHelp')} type="date" value={f.followUpDate} onChange={text('followUpDate')} error={fe('followUpDate')} />
              </SimpleGrid>
              <Textarea label={t('form.assessmentNote')} autosize minRows={1} value={f.assessmentNote} onChange={text('assessmentNote')} error={fe('assessmentNote')} />
            </Stack>
          </Fieldset>

          <SystemsPicker ns="suppliers" org={org} linked={supplier?.objects ?? []} value={f.objectIds} error={fe('objectIds')} onChange={(v) => setF((x) => ({ ...x, objectIds: v }))} />

          {supplier && <Checkbox label={t('form.archived')} checked={f.archived} onChange={check('archived')} />}
          <DialogActions busy={submitting.busy} submitLabel={supplier ? t('common:save') : t('form.create')} onClose={onClose} labels={{ delete: '', confirm: '', yes: '' }} />
        </Stack>
      </form>
    </Dialog>
  );
}
