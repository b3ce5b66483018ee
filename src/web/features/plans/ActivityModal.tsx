import { useState, type FormEvent } from 'react';
import { ActionIcon, Button, Fieldset, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/FormActions';
import { api } from '../../api/client';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { areasQuery, LINK_TYPES, STATUSES, type LinkType, type PlanActivity, type PlanStatus } from './api';
import { numberOrUndefined, thisYear } from './shared';

interface Props {
  org: { slug: string; name: string };
  /** Editing this activity; creating when absent. */
  activity?: PlanActivity;
  defaultYear?: number;
  onClose: () => void;
}

const FIELDS = ['year', 'area', 'description', 'responsible', 'partners', 'status', 'dueDate', 'links'];

/** Create or edit a plan activity: year, area (the city's list), text, responsible, partners, status, due date, links. */
export function ActivityModal({ org, activity, defaultYear, onClose }: Props) {
  const { t, i18n } = useTranslation('plans');
  const qc = useQueryClient();
  const areas = useQuery(areasQuery(org.slug)).data?.areas ?? [];
  const [year, setYear] = useState(String(activity?.year ?? defaultYear ?? thisYear()));
  const [area, setArea] = useState(activity?.area ?? '');
  const [description, setDescription] = useState(activity?.description ?? '');
  const [responsible, setResponsible] = useState(activity?.responsible ?? '');
  const [partners, setPartners] = useState(activity?.partners ?? '');
  const [status, setStatus] = useState<PlanStatus>(activity?.status ?? 'planerad');
  const [dueDate, setDueDate] = useState(activity?.dueDate ?? '');
  const [links, setLinks] = useState<{ linkType: LinkType; linkId: string }[]>(activity?.links ?? []);
  const areaChoices = activity && !areas.includes(activity.area) ? [activity.area, ...areas] : areas;

  const save = async () => {
    const body = {
      year: numberOrUndefined(year),
      area: area || undefined,
      description,
      responsible,
      partners,
      status,
      dueDate: dueDate || null,
      links: links.filter((l) => l.linkId.trim()),
    };
    const saved = activity
      ? await api.patch<PlanActivity>(`/plan/activities/${activity.id}`, { version: activity.version, ...body })
      : await api.post<PlanActivity>('/plan/activities', { org: org.slug, ...body });
    await qc.invalidateQueries({ queryKey: ['plan'] });
    return saved;
  };
  const { run, busy, error } = useSubmit(save);
  const remove = useSubmit(async () => {
    await api.delete(`/plan/activities/${activity!.id}?version=${activity!.version}`);
    await qc.invalidateQueries({ queryKey: ['plan'] });
    return true;
  });
  const fe = (f: string) => fieldError(error, f, i18n.language);
  const reload = () => void qc.invalidateQueries({ queryKey: ['plan'] }).then(onClose);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run()) onClose();
  }

  return (
    <Dialog opened onClose={onClose} size="lg" title={activity ? t('form.editTitle') : t('form.createTitle', { org: org.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error ?? remove.error} fields={FIELDS} onReload={reload} />
          <Group grow align="flex-start">
            <TextInput label={t('field.year')} required type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(e.currentTarget.value)} error={fe('year')} data-autofocus />
            <NativeSelect
              label={t('field.area')}
              required
              value={area}
              onChange={(e) => setArea(e.currentTarget.value)}
              data={[{ value: '', label: t('form.chooseArea') }, ...areaChoices.map((a) => ({ value: a, label: a }))]}
              error={fe('area')}
            />
          </Group>
          <Textarea label={t('field.description')} required autosize minRows={3} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fe('description')} />
          <Group grow align="flex-start">
            <TextInput label={t('field.responsible')} description={t('form.responsibleHelp')} value={responsible} onChange={(e) => setResponsible(e.currentTarget.value)} error={fe('responsible')} />
            <TextInput label={t('field.partners')} description={t('form.partnersHelp')} value={partners} onChange={(e) => setPartners(e.currentTarget.value)} error={fe('partners')} />
          </Group>
          <Group grow align="flex-start">
            <NativeSelect
              label={t('field.status')}
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value as PlanStatus)}
              data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              error={fe('status')}
            />
            <TextInput label={t('field.dueDate')} type="date" value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={fe('dueDate')} />
          </Group>
          <Fieldset legend={t('field.links')} variant="unstyled">
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {t('form.linksHelp')}
              </Text>
              {links.map((l, i) => (
                <Group key={i} align="flex-end" wrap="nowrap">
                  <NativeSelect
                    label={t('form.linkType', { n: i + 1 })}
                    value={l.linkType}
                    onChange={(e) => {
                      const v = e.currentTarget.value as LinkType;
                      setLinks((ls) => ls.map((x, j) => (j === i ? { ...x, linkType: v } : x)));
                    }}
                    data={LINK_TYPES.map((k) => ({ value: k, label: t(`linkType.${k}`) }))}
                  />
                  <TextInput
                    label={t('form.linkId', { n: i + 1 })}
                    value={l.linkId}
                    style={{ flex: 1 }}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setLinks((ls) => ls.map((x, j) => (j === i ? { ...x, linkId: v } : x)));
                    }}
                    error={fe(`links.${i}.linkId`) ?? fe(`links.${i}`)}
                  />
                  <ActionIcon variant="default" size="lg" aria-label={t('form.removeLink', { n: i + 1 })} onClick={() => setLinks((ls) => ls.filter((_, j) => j !== i))}>
                    ×
                  </ActionIcon>
                </Group>
              ))}
              {fe('links') && (
                <Text size="sm" c="red.8" role="alert">
                  {fe('links')}
                </Text>
              )}
              <Group>
                <Button variant="default" size="xs" onClick={() => setLinks((ls) => [...ls, { linkType: 'risk', linkId: '' }])}>
                  {t('form.addLink')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <DialogActions
            busy={busy}
            submitLabel={activity ? t('common:save') : t('form.create')}
            onClose={onClose}
            remove={activity ? remove : undefined}
            labels={{ delete: t('form.delete'), confirm: t('form.deleteConfirm'), yes: t('form.deleteYes') }}
          />
        </Stack>
      </form>
    </Dialog>
  );
}
