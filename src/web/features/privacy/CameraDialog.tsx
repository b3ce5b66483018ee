import type { FormEvent } from 'react';
import { Alert, Checkbox, Fieldset, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/FormActions';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useForm } from '../../components/useFields';
import { useSubmit } from '../../components/useSubmit';
import { todayStockholm } from '../plans/shared';
import { activityChoicesQuery, type CameraSite } from './api';

interface Props {
  org: { slug: string; name: string };
  /** Editing this site; registering one in `org` when absent. */
  site?: CameraSite;
  onClose: () => void;
  onSaved: (saved: CameraSite, message: string) => void;
}

type Form = {
  name: string; location: string; purpose: string; area: string; cameras: number | string; sound: boolean; storageDays: number | string;
  startedOn: string; endedOn: string; balancing: string; balancingDate: string; balancingBy: string; signs: boolean; activityId: string; archived: boolean;
};

const FIELDS = ['name', 'location', 'purpose', 'area', 'cameras', 'storageDays', 'startedOn', 'endedOn', 'balancing', 'balancingDate', 'balancingBy', 'activityId'];
/** From this day a site is running only with its intresseavvägning (the server's rule, said in the form). */
const RULES_FROM = '2025-04-01';

function initial(s?: CameraSite): Form {
  return {
    name: s?.name ?? '', location: s?.location ?? '', purpose: s?.purpose ?? '', area: s?.area ?? '', cameras: s?.cameras ?? 1, sound: s?.sound ?? false,
    storageDays: s?.storageDays ?? 14, startedOn: s?.startedOn ?? '', endedOn: s?.endedOn ?? '', balancing: s?.balancing ?? '',
    balancingDate: s?.balancingDate ?? '', balancingBy: s?.balancingBy ?? '', signs: s?.signs ?? false, activityId: s?.activity?.id ?? '', archived: s?.archived ?? false,
  };
}

/** Register or change a camera surveillance site with its intresseavvägning. */
export function CameraDialog({ org, site, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation('privacy');
  const qc = useQueryClient();
  const { f, setF, text, check } = useForm<Form>(() => initial(site));
  const activities = useQuery(activityChoicesQuery(org.slug));

  const save = async () => {
    const { archived, startedOn, endedOn, balancingDate, activityId, cameras, storageDays, ...rest } = f;
    const body = {
      ...rest, startedOn: startedOn || null, endedOn: endedOn || null, balancingDate: balancingDate || null, activityId: activityId || null,
      cameras: Number(cameras), storageDays: Number(storageDays),
    };
    const saved = site
      ? await api.patch<CameraSite>(`/privacy/camera-sites/${site.id}`, { version: site.version, ...body, archived })
      : await api.post<CameraSite>('/privacy/camera-sites', { org: org.slug, ...body });
    await qc.invalidateQueries({ queryKey: ['privacy', 'camera'] });
    return saved;
  };
  const submitting = useSubmit(save);
  const fe = (k: string) => fieldError(submitting.error, k, i18n.language);
  const reload = () => void qc.invalidateQueries({ queryKey: ['privacy', 'camera'] }).then(onClose);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await submitting.run();
    if (saved) onSaved(saved, t('camera.form.saved', { name: saved.name }));
  }

  const today = todayStockholm();
  const needsBalancing = !!f.startedOn && f.startedOn >= RULES_FROM;
  const choices = (activities.data ?? []).filter((a) => !a.archived || a.id === f.activityId);
  const linkedElsewhere = site?.activity && !choices.some((a) => a.id === site.activity!.id) ? [site.activity] : [];

  return (
    <Dialog opened onClose={onClose} size="xl" title={site ? t('camera.form.editTitle', { name: site.name }) : t('camera.form.createTitle', { org: org.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={submitting.error} fields={FIELDS} onReload={reload} staleDetail />
          <Fieldset legend={t('camera.form.site')}>
            <Stack gap="sm">
              <TextInput label={t('camera.form.name')} description={t('camera.form.nameHelp')} required value={f.name} onChange={text('name')} error={fe('name')} data-autofocus maxLength={200} />
              <TextInput label={t('camera.form.location')} value={f.location} onChange={text('location')} error={fe('location')} maxLength={400} />
              <Textarea label={t('camera.form.purpose')} autosize minRows={2} value={f.purpose} onChange={text('purpose')} error={fe('purpose')} />
              <Textarea label={t('camera.form.area')} autosize minRows={1} value={f.area} onChange={text('area')} error={fe('area')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput label={t('camera.form.cameras')} min={0} allowDecimal={false} value={f.cameras} onChange={(v) => setF((x) => ({ ...x, cameras: v }))} error={fe('cameras')} />
                <NumberInput label={t('camera.form.storageDays')} description={t('camera.form.storageDaysHelp')} min={1} allowDecimal={false} value={f.storageDays}
                  onChange={(v) => setF((x) => ({ ...x, storageDays: v }))} error={fe('storageDays')} />
              </SimpleGrid>
              <Checkbox label={t('camera.form.sound')} checked={f.sound} onChange={check('sound')} />
              <Checkbox label={t('camera.form.signs')} checked={f.signs} onChange={check('signs')} />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('camera.form.period')}>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">{t('camera.form.periodHelp')}</Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('camera.form.startedOn')} type="date" max={today} value={f.startedOn} onChange={text('startedOn')} error={fe('startedOn')} />
                <TextInput label={t('camera.form.endedOn')} type="date" max={today} value={f.endedOn} onChange={text('endedOn')} error={fe('endedOn')} />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('camera.form.balancingLegend')}>
            <Stack gap="sm">
              {needsBalancing && <Alert color="blue" p="xs"><Text size="sm">{t('camera.form.balancingRequired')}</Text></Alert>}
              <Textarea label={t('camera.form.balancing')} description={t('camera.form.balancingHelp')} autosize minRows={3} value={f.balancing} onChange={text('balancing')} error={fe('balancing')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('camera.form.balancingDate')} type="date" max={today} value={f.balancingDate} onChange={text('balancingDate')} error={fe('balancingDate')} />
                <TextInput label={t('camera.form.balancingBy')} value={f.balancingBy} onChange={text('balancingBy')} error={fe('balancingBy')} maxLength={200} />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <NativeSelect label={t('camera.form.activity')} description={t('camera.form.activityHelp', { org: org.name })} value={f.activityId} onChange={text('activityId')} error={fe('activityId')}
            data={[
              { value: '', label: t('camera.form.noActivity') },
              ...[...choices, ...linkedElsewhere].map((a) => ({ value: a.id, label: a.archived ? t('form.archivedObject', { name: a.name }) : a.name })),
            ]} />
          {site && <Checkbox label={t('camera.form.archived')} checked={f.archived} onChange={check('archived')} />}
          <DialogActions busy={submitting.busy} submitLabel={site ? t('common:save') : t('camera.form.create')} onClose={onClose} labels={{ delete: '', confirm: '', yes: '' }} />
        </Stack>
      </form>
    </Dialog>
  );
}
