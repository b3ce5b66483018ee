import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Code, Group, MultiSelect, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ApiToken, CreateApiToken, Permission } from '../../api/types';
import { useSession } from '../../auth/session';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { formatDate, formatDateTime } from '../../format';

/** API tokens for integrations: scopes are a subset of my own permissions; the token is shown once. */
export function TokensSection() {
  const { t, i18n } = useTranslation('account');
  const { me } = useSession();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: ['me', 'tokens'], queryFn: () => api.get<ApiToken[]>('/me/tokens') });
  const refresh = () => qc.invalidateQueries({ queryKey: ['me', 'tokens'] });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState<number>(90);
  const [shown, setShown] = useState<string | null>(null);
  // A permission in words; the code beside it in the picker, as integrations name it.
  const scopeWord = (p: string) => t(`permissions.${p}`, { defaultValue: p });
  const create = useSubmit(async (body: CreateApiToken) => {
    const r = await api.post<{ token: string; apiToken: ApiToken }>('/me/tokens', body);
    await refresh();
    return r;
  });
  const revoke = useSubmit(async (id: string) => {
    await api.delete(`/me/tokens/${id}`);
    await refresh();
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await create.run({ name, scopes: scopes as Permission[], expiresInDays: days });
    if (r) {
      setShown(r.token);
      setName('');
      setScopes([]);
    }
  }
  const lang = i18n.language;
  const active = (tokens.data ?? []).filter((tk) => !tk.revokedAt);

  return (
    <Card withBorder component="section" aria-labelledby="account-tokens">
      <Title order={2} size="h4" id="account-tokens" mb="sm">
        {t('tokens.title')}
      </Title>
      <Stack>
        <Text size="sm">{t('tokens.intro')}</Text>
        {shown && (
          <Alert color="orange" title={t('tokens.shownTitle')}>
            <Text size="sm">{t('tokens.shownText')}</Text>
            <Code block mt="xs" data-testid="api-token">
              {shown}
            </Code>
          </Alert>
        )}
        <ProblemAlert error={tokens.error ?? revoke.error} />
        {active.length > 0 && (
          <TableScroll minWidth={500} label={t('tokens.tableLabel')}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tokens.name')}</Table.Th>
                  <Table.Th>{t('tokens.prefix')}</Table.Th>
                  <Table.Th>{t('tokens.scopes')}</Table.Th>
                  <Table.Th>{t('tokens.expires')}</Table.Th>
                  <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                  <Table.Th>{t('tokens.action')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {active.map((tk) => (
                  <Table.Tr key={tk.id}>
                    <Table.Td>{tk.name}</Table.Td>
                    <Table.Td>
                      <Code>{tk.prefix}</Code>
                    </Table.Td>
                    <Table.Td>{tk.scopes.map(scopeWord).join(', ')}</Table.Td>
                    <Table.Td>{formatDate(tk.expiresAt)}</Table.Td>
                    <Table.Td>{formatDateTime(tk.lastUsedAt) || '–'}</Table.Td>
                    <Table.Td>
                      <Button size="compact-sm" variant="default" onClick={() => void revoke.run(tk.id)} aria-label={t('tokens.revokeNamed', { name: tk.name })}>
                        {t('tokens.revoke')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        <form onSubmit={submit} noValidate>
          <Stack gap="xs" maw={520}>
            <Title order={3} size="h5">
              {t('tokens.create')}
            </Title>
            <ProblemAlert error={create.error} fields={['name', 'scopes', 'expiresInDays']} />
            <TextInput label={t('tokens.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(create.error, 'name', lang)} />
            <MultiSelect
              label={t('tokens.scopes')}
              value={scopes}
              onChange={setScopes}
              data={me.permissions.map((p) => ({ value: p, label: `${scopeWord(p)} (${p})` }))}
              error={fieldError(create.error, 'scopes', lang)}
              searchable
            />
            <NumberInput label={t('tokens.days')} min={1} max={366} value={days} onChange={(v) => setDays(typeof v === 'number' ? v : Number(v) || 90)} error={fieldError(create.error, 'expiresInDays', lang)} />
            <Group>
              <Button type="submit" loading={create.busy}>
                {t('tokens.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
