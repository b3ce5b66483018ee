import { useState, type FormEvent } from 'react';
import { Alert, Button, Code, Divider, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import type { UpdateUser, User } from '../../api/types';
import { useSession } from '../../auth/session';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';
import { generatePassword } from './password';
import { RolesSection } from './RolesSection';

/** One user: details, status (deactivate, unlock, reset password) and role assignments. */
export function UserModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t, i18n } = useTranslation('users');
  const { can, me } = useSession();
  const manage = can('user.manage');
  const qc = useQueryClient();
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  const [newPassword, setNewPassword] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });
  const patch = useSubmit(async (body: Omit<UpdateUser, 'version'>) => {
    const u = await api.patch<User>(`/users/${user.id}`, { version: user.version, ...body });
    await refresh();
    return u;
  });
  const lang = i18n.language;
  const locked = !!user.lockedUntil && new Date(user.lockedUntil) > new Date();

  async function saveDetails(e: FormEvent) {
    e.preventDefault();
    await patch.run({ ...(name !== user.name ? { name } : {}), ...(email !== user.email ? { email } : {}) });
  }
  async function resetPassword() {
    const pw = generatePassword();
    if (await patch.run({ password: pw })) setNewPassword(pw);
  }

  return (
    <Dialog opened onClose={onClose} size="lg" title={user.name}>
      <Stack>
        <ProblemAlert error={patch.error} fields={['name', 'email']} onReload={() => void refresh()} />
        <form onSubmit={saveDetails} noValidate>
          <Stack gap="xs">
            <TextInput label={t('fields.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} readOnly={!manage} error={fieldError(patch.error, 'name', lang)} />
            <TextInput label={t('fields.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} readOnly={!manage} error={fieldError(patch.error, 'email', lang)} />
            <Text size="sm" c="dimmed">
              {t('fields.lastLogin')}: {formatDateTime(user.lastLoginAt) || '–'}
            </Text>
            {manage && (
              <Group>
                <Button type="submit" size="sm" loading={patch.busy} disabled={name === user.name && email === user.email}>
                  {t('common:save')}
                </Button>
              </Group>
            )}
          </Stack>
        </form>

        {manage && (
          <>
            <Divider />
            <Title order={3} size="h5">
              {t('account')}
            </Title>
            <Group gap="xs">
              {user.id !== me.id && (
                <Button size="sm" variant="default" onClick={() => void patch.run({ active: !user.active })}>
                  {user.active ? t('deactivate') : t('activate')}
                </Button>
              )}
              {locked && (
                <Button size="sm" variant="default" onClick={() => void patch.run({ unlock: true })}>
                  {t('unlock')}
                </Button>
              )}
              <Button size="sm" variant="default" onClick={() => void resetPassword()}>
                {t('resetPassword')}
              </Button>
            </Group>
            {newPassword && (
              <Alert color="orange" title={t('create.oneTimeTitle')}>
                <Text size="sm">{t('resetDone')}</Text>
                <Code block mt="xs" data-testid="reset-password">
                  {newPassword}
                </Code>
              </Alert>
            )}
          </>
        )}

        <Divider />
        <RolesSection user={user} />

        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:close')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

