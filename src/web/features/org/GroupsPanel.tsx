import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, MultiSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import type { CreateOrgGroup, OrgGroup, UpdateOrgGroup } from '../../api/types';
import { useSession } from '../../auth/session';
import { Register, type RegisterColumn } from '../../components/Register';
import { fieldError, ProblemAlert } from '../../components/problem';
import { slugify, useSubmit } from '../../components/useSubmit';
import { orgsQuery } from '../../shell/org-context';

/** Samverkansgrupper: groups of organisations across förvaltningar (e.g. three sharing one DSO). */
export function GroupsPanel() {
  const { t } = useTranslation('org');
  const { can } = useSession();
  const groups = useQuery({ queryKey: ['org-groups'], queryFn: () => api.get<OrgGroup[]>('/org-groups') });
  const [editing, setEditing] = useState<OrgGroup | 'new' | null>(null);

  const columns: RegisterColumn<OrgGroup>[] = [
    { key: 'name', header: t('fields.name'), value: (g) => g.name },
    { key: 'slug', header: t('fields.slug'), value: (g) => g.slug },
    { key: 'members', header: t('groups.members'), value: (g) => g.members.map((m) => m.name).join(', ') },
    { key: 'description', header: t('groups.description'), value: (g) => g.description, hidden: true },
    { key: 'archived', header: t('archived'), value: (g) => !!g.archivedAt },
  ];

  return (
    <>
      <Register
        label={t('tabs.groups')}
        columns={columns}
        rowKey={(g) => g.id}
        data={groups.data}
        loading={groups.isPending}
        error={groups.error}
        exportName="samverkansgrupper"
        emptyText={t('groups.empty')}
        toolbar={
          can('org.manage') && (
            <Button onClick={() => setEditing('new')}>{t('groups.create')}</Button>
          )
        }
        actions={
          can('org.manage')
            ? (g) => (
                <Button size="compact-sm" variant="default" onClick={() => setEditing(g)} aria-label={t('groups.editNamed', { name: g.name })}>
                  {t('groups.edit')}
                </Button>
              )
            : undefined
        }
      />
      {editing && <GroupModal group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function GroupModal({ group, onClose }: { group: OrgGroup | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('org');
  const qc = useQueryClient();
  const orgs = useQuery(orgsQuery(false));
  const [name, setName] = useState(group?.name ?? '');
  const [slug, setSlug] = useState(group?.slug ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [members, setMembers] = useState<string[]>(group?.members.map((m) => m.slug) ?? []);
  const [archived, setArchived] = useState(!!group?.archivedAt);
  const refresh = () => qc.invalidateQueries({ queryKey: ['org-groups'] });
  const save = useSubmit(async () => {
    if (group) {
      const body: UpdateOrgGroup = { version: group.version, name, description, members, archived };
      await api.patch<OrgGroup>(`/org-groups/${encodeURIComponent(group.slug)}`, body);
    } else {
      const body: CreateOrgGroup = { slug, name, description, members };
      await api.post<OrgGroup>('/org-groups', body);
    }
    await refresh();
    return true;
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await save.run()) onClose();
  }
  const lang = i18n.language;
  return (
    <Dialog opened onClose={onClose} title={group ? t('groups.editTitle', { name: group.name }) : t('groups.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={save.error} fields={['name', 'slug', 'members', 'description']} onReload={() => void refresh().then(onClose)} />
          <TextInput
            label={t('fields.name')}
            required
            data-autofocus
            value={name}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setName(v);
              if (!group) setSlug(slugify(v));
            }}
            error={fieldError(save.error, 'name', lang)}
          />
          {!group && (
            <TextInput label={t('fields.slug')} required value={slug} onChange={(e) => setSlug(e.currentTarget.value)} error={fieldError(save.error, 'slug', lang)} />
          )}
          <Textarea label={t('groups.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fieldError(save.error, 'description', lang)} />
          <MultiSelect
            label={t('groups.members')}
            searchable
            value={members}
            onChange={setMembers}
            data={(orgs.data ?? []).map((o) => ({ value: o.slug, label: o.name }))}
            error={fieldError(save.error, 'members', lang)}
            comboboxProps={{ withinPortal: true }}
          />
          {group && <Checkbox label={t('archived')} checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={save.busy}>
              {t('common:save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
