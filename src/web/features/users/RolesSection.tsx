import { useState, type FormEvent } from 'react';
import { Button, Group, List, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AssignRole, OrgGroup, Role, User } from '../../api/types';
import { ROLES } from '../../../server/platform/permissions';
import { useSession } from '../../auth/session';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { orgsQuery } from '../../shell/org-context';

type Scope = 'org' | 'group' | 'global';

/** A user's role assignments: each role on an organisation subtree, a samverkansgrupp, or globally. */
export function RolesSection({ user }: { user: User }) {
  const { t, i18n } = useTranslation('users');
  const { can } = useSession();
  const manage = can('user.manage');
  const qc = useQueryClient();
  const orgs = useQuery({ ...orgsQuery(false), enabled: manage });
  const groups = useQuery({ queryKey: ['org-groups'], queryFn: () => api.get<OrgGroup[]>('/org-groups'), enabled: manage });
  const [role, setRole] = useState<Role>('lasare');
  const [scope, setScope] = useState<Scope>('org');
  const [org, setOrg] = useState('');
  const [group, setGroup] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });
  const assign = useSubmit(async (body: AssignRole) => {
    await api.post<User>(`/users/${user.id}/roles`, body);
    await refresh();
    return true;
  });
  const remove = useSubmit(async (assignmentId: string) => {
    await api.delete<User>(`/users/${user.id}/roles/${assignmentId}`);
    await refresh();
    return true;
  });
  const orgList = orgs.data ?? [];
  const minDepth = orgList.length ? Math.min(...orgList.map((o) => o.depth)) : 0;
  const orgValue = org || orgList[0]?.slug || '';
  const groupValue = group || groups.data?.[0]?.slug || '';
  const lang = i18n.language;

  async function submit(e: FormEvent) {
    e.preventDefault();
    await assign.run({ role, ...(scope === 'org' ? { org: orgValue } : scope === 'group' ? { group: groupValue } : {}) });
  }

  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('roles.title')}
      </Title>
      {user.roles.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('roles.none')}
        </Text>
      ) : (
        <List spacing={4} listStyleType="none" ml={0} pl={0}>
          {user.roles.map((r) => {
            const text = `${t(`common:roles.${r.role}`)} – ${r.orgName ?? (r.groupName ? `${t('roles.group')} ${r.groupName}` : t('wholeOrganisation'))}`;
            return (
              <List.Item key={r.id}>
                <Group gap="xs">
                  <Text size="sm">{text}</Text>
                  {manage && (
                    <Button size="compact-xs" variant="subtle" color="red.9" onClick={() => void remove.run(r.id)} aria-label={t('roles.removeNamed', { role: text })}>
                      {t('roles.remove')}
                    </Button>
                  )}
                </Group>
              </List.Item>
            );
          })}
        </List>
      )}
      <ProblemAlert error={remove.error} />
      {manage && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <ProblemAlert error={assign.error} fields={['role', 'org', 'group']} />
            <Group align="flex-end" wrap="wrap">
              <NativeSelect
                label={t('roles.role')}
                value={role}
                onChange={(e) => setRole(e.currentTarget.value as Role)}
                data={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
                error={fieldError(assign.error, 'role', lang)}
              />
              <NativeSelect
                label={t('roles.scope')}
                value={scope}
                onChange={(e) => setScope(e.currentTarget.value as Scope)}
                data={[
                  { value: 'org', label: t('roles.scopeOrg') },
                  { value: 'group', label: t('roles.scopeGroup') },
                  { value: 'global', label: t('roles.scopeGlobal') },
                ]}
              />
              {scope === 'org' && (
                <NativeSelect
                  label={t('roles.org')}
                  value={orgValue}
                  onChange={(e) => setOrg(e.currentTarget.value)}
                  data={orgList.map((o) => ({ value: o.slug, label: `${'\u00a0\u00a0'.repeat(o.depth - minDepth)}${o.name}` }))}
                  error={fieldError(assign.error, 'org', lang)}
                />
              )}
              {scope === 'group' && (
                <NativeSelect
                  label={t('roles.groupLabel')}
                  value={groupValue}
                  onChange={(e) => setGroup(e.currentTarget.value)}
                  data={(groups.data ?? []).map((g) => ({ value: g.slug, label: g.name }))}
                  error={fieldError(assign.error, 'group', lang)}
                />
              )}
              <Button type="submit" loading={assign.busy}>
                {t('roles.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
