import { useState } from 'react';
import { Badge, Button, Group, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { useSession } from '../../auth/session';
import { Register, type RegisterColumn } from '../../components/Register';
import { formatDateTime } from '../../format';
import { CreateUserModal } from './CreateUserModal';
import { UserModal } from './UserModal';

export const usersQuery = { queryKey: ['users'] as const, queryFn: () => api.get<User[]>('/users') };

/** Användare och roller: the register of accounts, create, edit, roles. */
export default function UsersPage() {
  const { t } = useTranslation('users');
  const { can } = useSession();
  const users = useQuery(usersQuery);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = users.data?.find((u) => u.id === openId) ?? null;

  const roleText = (u: User) =>
    u.roles.map((r) => `${t(`common:roles.${r.role}`)} (${r.orgName ?? r.groupName ?? t('wholeOrganisation')})`).join(', ');
  const columns: RegisterColumn<User>[] = [
    { key: 'name', header: t('fields.name'), value: (u) => u.name },
    { key: 'email', header: t('fields.email'), value: (u) => u.email },
    { key: 'roles', header: t('fields.roles'), value: roleText },
    {
      key: 'status',
      header: t('fields.status'),
      value: (u) => statusText(u),
      render: (u) => (
        <Group gap={4}>
          {!u.active && <Badge color="gray.8" variant="filled">{t('status.inactive')}</Badge>}
          {u.lockedUntil && new Date(u.lockedUntil) > new Date() && <Badge color="red.9" variant="filled">{t('status.locked')}</Badge>}
          {u.active && !(u.lockedUntil && new Date(u.lockedUntil) > new Date()) && <Badge color="green.9" variant="filled">{t('status.active')}</Badge>}
        </Group>
      ),
    },
    { key: 'lastLogin', header: t('fields.lastLogin'), value: (u) => (u.lastLoginAt ? new Date(u.lastLoginAt) : null), render: (u) => formatDateTime(u.lastLoginAt) },
    { key: 'locale', header: t('fields.locale'), value: (u) => u.locale, hidden: true },
  ];
  function statusText(u: User) {
    if (!u.active) return t('status.inactive');
    if (u.lockedUntil && new Date(u.lockedUntil) > new Date()) return t('status.locked');
    return t('status.active');
  }

  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      <Register
        label={t('title')}
        columns={columns}
        rowKey={(u) => u.id}
        data={users.data}
        loading={users.isPending}
        error={users.error}
        exportName="anvandare"
        toolbar={can('user.manage') && <Button onClick={() => setCreating(true)}>{t('create.open')}</Button>}
        actions={(u) => (
          <Button size="compact-sm" variant="default" onClick={() => setOpenId(u.id)} aria-label={t('openNamed', { name: u.name })}>
            {can('user.manage') ? t('edit') : t('show')}
          </Button>
        )}
      />
      {creating && <CreateUserModal onClose={() => setCreating(false)} onCreated={(u) => setOpenId(u.id)} />}
      {open && <UserModal user={open} onClose={() => setOpenId(null)} />}
    </Stack>
  );
}
