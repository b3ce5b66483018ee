import type { FormEvent } from 'react';
import { Alert, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/FormActions';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useForm } from '../../components/useFields';
import { useSubmit } from '../../components/useSubmit';
import { todayStockholm } from '../plans/shared';
import { ObjectContinuity } from './ObjectContinuity';
import { ASPECTS, MANAGEMENTS, PUB, STATUSES, type Aspect, type ClassificationStatus, type DigitalObject } from './api';

interface Props {
  org: { slug: string; name: string };
  /** Editing this object; creating one in `org` when absent. */
  object?: DigitalObject;
  onClose: () => void;
  onSaved: (saved: DigitalObject) => void;
}

type Form = {
  name: string; description: string; management: DigitalObject['management']; owner: string; manager: string; specialist: string;
  managementPlan: boolean; continuityPlan: boolean; nis: boolean;
  normerandeStatus: ClassificationStatus; normerandeDate: string; lokalStatus: ClassificationStatus; lokalDate: string;
  supplier: string; pubAgreement: DigitalObject['pubAgreement']; thirdCountryTransfer: boolean; thirdCountryNote: string; aiFunctions: boolean; aiNote: string;
  archived: boolean;
} & Record<Aspect, string>;

const FIELDS = [
  'name', 'description', 'management', 'owner', 'manager', 'specialist', 'nis', 'normerandeStatus', 'normerandeDate', 'lokalStatus', 'lokalDate',
  ...ASPECTS, 'supplier', 'pubAgreement', 'thirdCountryNote', 'aiNote',
];

function initial(o?: DigitalObject): Form {
  const level = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    name: o?.name ?? '', description: o?.description ?? '', management: o?.management ?? 'lokal', owner: o?.owner ?? '', manager: o?.manager ?? '',
    specialist: o?.specialist ?? '', managementPlan: o?.managementPlan ?? false, continuityPlan: o?.continuityPlan ?? false, nis: o?.nis ?? false,
    normerandeStatus: o?.normerandeStatus ?? 'saknas', normerandeDate: o?.normerandeDate ?? '', lokalStatus: o?.lokalStatus ?? 'saknas', lokalDate: o?.lokalDate ?? '',
    konfidentialitet: level(o?.konfidentialitet), riktighet: level(o?.riktighet), tillganglighet: level(o?.tillganglighet), sparbarhet: level(o?.sparbarhet),
    supplier: o?.supplier ?? '', pubAgreement: o?.pubAgreement ?? 'nej', thirdCountryTransfer: o?.thirdCountryTransfer ?? false,
    thirdCountryNote: o?.thirdCountryNote ?? '', aiFunctions: o?.aiFunctions ?? false, aiNote: o?.aiNote ?? '', archived: o?.archived ?? false,
  };
}

/** Register or change a digital object: grunduppgifter, informationsklassning (KLASSA) and avtal och leverantör. */
export function ObjectDialog({ org, object, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation('objects');
  const qc = useQueryClient();
  const { f, text, check } = useForm<Form>(() => initial(object));

  const save = async () => {
    const { konfidentialitet, riktighet, tillganglighet, sparbarhet, archived, ...rest } = f;
    const level = (v: string) => (v === '' ? null : Number(v));
    const body = {
      ...rest,
      normerandeDate: f.normerandeDate || null,
      lokalDate: f.lokalDate || null,
      konfidentialitet: level(konfidentialitet), riktighet: level(riktighet), tillganglighet: level(tillganglighet), sparbarhet: level(sparbarhet),
    };
    const saved = object
      ? await api.patch<DigitalObject>(`/objects/${object.id}`, { version: object.version, ...body, archived })
      : await api.post<DigitalObject>('/objects', { org: org.slug, ...body });
    await qc.invalidateQueries({ queryKey: ['objects'] });
    return saved;
  };
  const { run, busy, error } = useSubmit(save);
  const fe = (k: string) => fieldError(error, k, i18n.language);
  const reload = () => void qc.invalidateQueries({ queryKey: ['objects'] }).then(onClose);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await run();
    if (saved) onSaved(saved);
  }

  const security = ASPECTS.some((a) => f[a] === '4');
  const today = todayStockholm();
  const levelChoices = [{ value: '', label: t('level.none') }, ...['0', '1', '2', '3', '4'].map((l) => ({ value: l, label: t(`level.${l}`) }))];
  const statusChoices = STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }));

  return (
    <Dialog opened onClose={onClose} size="xl" title={object ? t('form.editTitle', { name: object.name }) : t('form.createTitle', { org: org.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} fields={FIELDS} onReload={reload} staleDetail />
          <Fieldset legend={t('form.basics')}>
            <Stack gap="sm">
              <TextInput label={t('form.name')} required value={f.name} onChange={text('name')} error={fe('name')} data-autofocus maxLength={200} />
              <Textarea label={t('form.description')} autosize minRows={2} value={f.description} onChange={text('description')} error={fe('description')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect label={t('form.management')} value={f.management} onChange={text('management')} error={fe('management')}
                  data={MANAGEMENTS.map((m) => ({ value: m, label: t(`management.${m}`) }))} />
                <TextInput label={t('form.owner')} value={f.owner} onChange={text('owner')} error={fe('owner')} />
                <TextInput label={t('form.manager')} value={f.manager} onChange={text('manager')} error={fe('manager')} />
                <TextInput label={t('form.specialist')} value={f.specialist} onChange={text('specialist')} error={fe('specialist')} />
              </SimpleGrid>
              <Group>
                <Checkbox label={t('form.nis')} checked={f.nis} onChange={check('nis')} />
                <Checkbox label={t('form.managementPlan')} checked={f.managementPlan} onChange={check('managementPlan')} />
                <Checkbox label={t('form.continuityPlan')} checked={f.continuityPlan} onChange={check('continuityPlan')} />
              </Group>
              {object && <ObjectContinuity objectId={object.id} />}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('form.classification')}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect label={t('form.normerandeStatus')} value={f.normerandeStatus} onChange={text('normerandeStatus')} error={fe('normerandeStatus')} data={statusChoices} />
                <TextInput label={t('form.normerandeDate')} description={t('form.dateHelp')} type="date" max={today} value={f.normerandeDate} onChange={text('normerandeDate')} error={fe('normerandeDate')} />
                <NativeSelect label={t('form.lokalStatus')} value={f.lokalStatus} onChange={text('lokalStatus')} error={fe('lokalStatus')} data={statusChoices} />
                <TextInput label={t('form.lokalDate')} description={t('form.dateHelp')} type="date" max={today} value={f.lokalDate} onChange={text('lokalDate')} error={fe('lokalDate')} />
              </SimpleGrid>
              {object?.nextReclassification && (
                <Text size="sm" c={object.reclassificationOverdue ? 'red.8' : undefined}>
                  {t(object.reclassificationOverdue ? 'form.nextOverdue' : 'form.nextReclassification', { date: object.nextReclassification })}
                </Text>
              )}
              <Text size="sm" c="dimmed">{t('form.levelsHelp')}</Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {ASPECTS.map((a) => (
                  <NativeSelect key={a} label={t(`aspect.${a}`)} value={f[a]} onChange={text(a)} error={fe(a)} data={levelChoices} />
                ))}
              </SimpleGrid>
              {security && (
                <Alert color="orange" title={t('form.securityTitle')} role="status">
                  {t('form.securityText')}
                </Alert>
              )}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('form.agreements')}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('form.supplier')} value={f.supplier} onChange={text('supplier')} error={fe('supplier')} />
                <NativeSelect label={t('form.pubAgreement')} value={f.pubAgreement} onChange={text('pubAgreement')} error={fe('pubAgreement')}
                  data={PUB.map((p) => ({ value: p, label: t(`pub.${p}`) }))} />
              </SimpleGrid>
              <Checkbox label={t('form.thirdCountryTransfer')} checked={f.thirdCountryTransfer} onChange={check('thirdCountryTransfer')} />
              {f.thirdCountryTransfer && <Textarea label={t('form.thirdCountryNote')} autosize minRows={2} value={f.thirdCountryNote} onChange={text('thirdCountryNote')} error={fe('thirdCountryNote')} />}
              <Checkbox label={t('form.aiFunctions')} checked={f.aiFunctions} onChange={check('aiFunctions')} />
              {f.aiFunctions && <Textarea label={t('form.aiNote')} autosize minRows={2} value={f.aiNote} onChange={text('aiNote')} error={fe('aiNote')} />}
            </Stack>
          </Fieldset>
          {object && <Checkbox label={t('form.archived')} checked={f.archived} onChange={check('archived')} />}
          <DialogActions busy={busy} submitLabel={object ? t('common:save') : t('form.create')} onClose={onClose} labels={{ delete: '', confirm: '', yes: '' }} />
        </Stack>
      </form>
    </Dialog>
  );
}
