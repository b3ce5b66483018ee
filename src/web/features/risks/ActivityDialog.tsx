import { useState, type FormEvent } from 'react';
import { Button, Divider, Fieldset, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { ActionsEditor } from './ActionsEditor';
import { CAPABILITIES, DEPENDENCY_TYPES, type Rsa, type RsaActivity } from './types';
import { FormActions } from '../../components/FormActions';
import { useSelectedOrg } from '../../shell/org-context';
import { SystemsPicker } from '../objects/SystemsPicker';

type Dep = { type: string; name: string; note: string };
type Threat = { title: string; description: string };

/**
 * A critical process (samhällsviktig verksamhet): owner unit and owner, maximal tolerable downtime, systems (objects),
 * other dependencies (el, personal, lokaler, leverantör …), threats, capability, åtgärder.
 */
export function ActivityDialog({ rsa, activity, canEdit, onClose }: { rsa: Rsa; activity?: RsaActivity; canEdit: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation('risks');
  const qc = useQueryClient();
  const [name, setName] = useState(activity?.name ?? '');
  const [description, setDescription] = useState(activity?.description ?? '');
  const [deps, setDeps] = useState<Dep[]>(activity?.dependencies ?? []);
  const [threats, setThreats] = useState<Threat[]>(activity?.threats ?? []);
  const [capability, setCapability] = useState<string>(activity?.capability ?? '');
  const [capabilityNote, setCapabilityNote] = useState(activity?.capabilityNote ?? '');
  const [ownerOrg, setOwnerOrg] = useState(activity?.ownerOrg?.slug ?? '');
  const [owner, setOwner] = useState(activity?.owner ?? '');
  const [downtime, setDowntime] = useState<string>(activity?.maxDowntimeHours === null || activity?.maxDowntimeHours === undefined ? '' : String(activity.maxDowntimeHours));
  const [objectIds, setObjectIds] = useState<string[]>((activity?.objects ?? []).map((o) => o.id));
  const { orgs } = useSelectedOrg();
  const units = orgs.filter((o) => o.path.startsWith(rsaPath(orgs, rsa.org.id)));
  const submit = useSubmit(() => {
    const body = {
      name, description, capability: capability || null, capabilityNote, ownerOrg: ownerOrg || null, owner,
      maxDowntimeHours: downtime === '' ? null : Number(downtime), objectIds,
      dependencies: deps.filter((d) => d.name.trim()).map((d) => ({ ...d, type: d.type as (typeof DEPENDENCY_TYPES)[number] })),
      threats: threats.filter((h) => h.title.trim()),
    };
    return activity ? api.patch<RsaActivity>(`/risks/rsa-activities/${activity.id}`, { version: activity.version, ...body }) : api.post<RsaActivity>(`/risks/rsa/${rsa.id}/activities`, body);
  });
  const fe = (f: string) => fieldError(submit.error, f, i18n.language);
  const refresh = () => qc.invalidateQueries({ queryKey: ['risks', 'rsa'] });
  async function save(e: FormEvent) {
    e.preventDefault();
    if (await submit.run()) {
      await refresh();
      onClose();
    }
  }
  const setDep = (i: number, patch: Partial<Dep>) => setDeps((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const setThreat = (i: number, patch: Partial<Threat>) => setThreats((ts) => ts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const dis = !canEdit;

  return (
    <Dialog opened onClose={onClose} size="xl" title={activity ? activity.name : t('rsa.addActivity')}>
      <Stack>
        <form onSubmit={save} noValidate aria-label={activity ? t('rsa.editActivity', { name: activity.name }) : t('rsa.addActivity')}>
          <Stack>
            <ProblemAlert error={submit.error} fields={['name', 'description', 'ownerOrg', 'owner', 'maxDowntimeHours', 'objectIds', 'capability', 'capabilityNote']} onReload={() => void refresh().then(onClose)} />
            <TextInput label={t('rsa.field.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fe('name')} disabled={dis} data-autofocus />
            <Textarea label={t('rsa.field.description')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fe('description')} disabled={dis} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect label={t('rsa.field.ownerOrg')} value={ownerOrg} onChange={(e) => setOwnerOrg(e.currentTarget.value)} data={[{ value: '', label: t('rsa.noOwnerOrg') }, ...units.map((o) => ({ value: o.slug, label: o.name }))]} error={fe('ownerOrg')} disabled={dis} />
              <TextInput label={t('rsa.field.owner')} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} error={fe('owner')} disabled={dis} />
              <NumberInput label={t('rsa.field.maxDowntimeHours')} min={0} max={8760} allowDecimal={false} value={downtime} onChange={(v) => setDowntime(v === '' ? '' : String(v))} error={fe('maxDowntimeHours')} disabled={dis} />
            </SimpleGrid>
            {canEdit ? (
              <SystemsPicker ns="risks" org={rsa.org} linked={activity?.objects ?? []} value={objectIds} onChange={setObjectIds} error={fe('objectIds')} />
            ) : (
              <Fieldset legend={t('form.systems')}>
                <Text size="sm">{(activity?.objects ?? []).map((o) => o.name).join(', ') || t('form.noSystems')}</Text>
              </Fieldset>
            )}
            <Fieldset legend={t('rsa.field.dependencies')}>
              <Stack gap="xs">
                {deps.map((d, i) => (
                  <Group key={i} align="flex-end" wrap="wrap">
                    <NativeSelect label={t('rsa.dep.type', { n: i + 1 })} value={d.type} onChange={(e) => setDep(i, { type: e.currentTarget.value })} data={DEPENDENCY_TYPES.map((x) => ({ value: x, label: t(`dependency.${x}`) }))} disabled={dis} error={fe(`dependencies.${i}.type`)} />
                    <TextInput label={t('rsa.dep.name', { n: i + 1 })} value={d.name} onChange={(e) => setDep(i, { name: e.currentTarget.value })} disabled={dis} error={fe(`dependencies.${i}.name`)} />
                    <TextInput label={t('rsa.dep.note', { n: i + 1 })} value={d.note} onChange={(e) => setDep(i, { note: e.currentTarget.value })} disabled={dis} error={fe(`dependencies.${i}.note`)} />
                    {canEdit && (
                      <Button variant="default" size="sm" onClick={() => setDeps((ds) => ds.filter((_, j) => j !== i))} aria-label={t('rsa.dep.remove', { n: i + 1 })}>
                        {t('remove')}
                      </Button>
                    )}
                  </Group>
                ))}
                {canEdit && (
                  <Group>
                    <Button size="compact-sm" variant="light" onClick={() => setDeps((ds) => [...ds, { type: 'system', name: '', note: '' }])}>
                      {t('rsa.dep.add')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Fieldset>
            <Fieldset legend={t('rsa.field.threats')}>
              <Stack gap="xs">
                {threats.map((h, i) => (
                  <Group key={i} align="flex-end" wrap="wrap">
                    <TextInput label={t('rsa.threat.title', { n: i + 1 })} value={h.title} onChange={(e) => setThreat(i, { title: e.currentTarget.value })} disabled={dis} error={fe(`threats.${i}.title`)} />
                    <TextInput label={t('rsa.threat.description', { n: i + 1 })} value={h.description} onChange={(e) => setThreat(i, { description: e.currentTarget.value })} disabled={dis} style={{ flex: 1 }} error={fe(`threats.${i}.description`)} />
                    {canEdit && (
                      <Button variant="default" size="sm" onClick={() => setThreats((ts) => ts.filter((_, j) => j !== i))} aria-label={t('rsa.threat.remove', { n: i + 1 })}>
                        {t('remove')}
                      </Button>
                    )}
                  </Group>
                ))}
                {canEdit && (
                  <Group>
                    <Button size="compact-sm" variant="light" onClick={() => setThreats((ts) => [...ts, { title: '', description: '' }])}>
                      {t('rsa.threat.add')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Fieldset>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect label={t('rsa.field.capability')} value={capability} onChange={(e) => setCapability(e.currentTarget.value)} data={[{ value: '', label: t('capability.none') }, ...CAPABILITIES.map((c) => ({ value: c, label: t(`capability.${c}`) }))]} error={fe('capability')} disabled={dis} />
              <TextInput label={t('rsa.field.capabilityNote')} value={capabilityNote} onChange={(e) => setCapabilityNote(e.currentTarget.value)} error={fe('capabilityNote')} disabled={dis} />
            </SimpleGrid>
            {canEdit && (
              <FormActions busy={submit.busy} submitLabel={t('common:save')} onCancel={onClose} />
            )}
          </Stack>
        </form>
        {activity && (
          <>
            <Divider />
            <ActionsEditor parentType="rsa_activity" parentId={activity.id} actions={activity.actions} canEdit={canEdit} context={activity.name} onChanged={() => void refresh()} />
          </>
        )}
      </Stack>
    </Dialog>
  );
}

/** The path of the RSA's organisation among the orgs the person may see ('' when not among them: then every org is offered). */
function rsaPath(orgs: { id: string; path: string }[], id: string): string {
  return orgs.find((o) => o.id === id)?.path ?? '';
}
