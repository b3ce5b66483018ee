import { useState, type FormEvent } from 'react';
import { Alert, Button, Code, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import type { CreateUser, User } from '../../api/types';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';

/** Create an account; without a password the server makes a one-time password, shown here once. */
export function CreateUserModal({ onClose, onCreated }: { onClose: () => void; onCreated: (u: User) => void }) {
  const { t, i18n } = useTranslation('users');
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [locale, setLocale] = useState<'sv' | 'en'>('sv');
  const [created, setCreated] = useState<{ user: User; oneTimePassword?: string } | null>(null);
  const save = useSubmit(async (body: CreateUser) => {
    const r = await api.post<{ user: User; oneTimePassword?: string }>('/users', body);
    await qc.invalidateQueries({ queryKey: ['users'] });
    return r;
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await save.run({ email, name, locale, ...(password ? { password } : {}) });
    if (r) setCreated(r);
  }
  const lang = i18n.language;

  if (created) {
    return (
      <Dialog opened onClose={onClose} title={t('create.doneTitle')}>
        <Stack>
          <Text>{t('create.done', { name: created.user.name })}</Text>
          {created.oneTimePassword && (
            <Alert color="orange" title={t('create.oneTimeTitle')}>
              <Text size="sm">{t('create.oneTimeText')}</Text>
              <Code block mt="xs" data-testid="one-time-password">
                {created.oneTimePassword}
              </Code>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:close')}
            </Button>
            <Button
              data-autofocus
              onClick={() => {
                onClose();
                onCreated(created.user);
              }}
            >
              {t('create.giveRoles')}
            </Button>
          </Group>
        </Stack>
      </Dialog>
    );
  }

  return (
    <Dialog opened onClose={onClose} title={t('create.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={save.error} fields={['email', 'name', 'password', 'locale']} />
          <TextInput label={t('fields.name')} required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(save.error, 'name', lang)} />
          <TextInput label={t('fields.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError(save.error, 'email', lang)} />
          <TextInput
            label={t('fields.password')}
            description={t('create.passwordHelp')}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(save.error, 'password', lang)}
          />
          <NativeSelect
            label={t('fields.locale')}
            value={locale}
            onChange={(e) => setLocale(e.currentTarget.value === 'en' ? 'en' : 'sv')}
            data={[
              { value: 'sv', label: 'Svenska' },
              { value: 'en', label: 'English' },
            ]}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={save.busy}>
              {t('create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
