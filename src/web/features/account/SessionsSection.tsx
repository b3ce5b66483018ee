import { Badge, Button, Card, Table, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { SessionInfo } from '../../api/types';
import { ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';

export function SessionsSection() {
  const { t } = useTranslation('account');
  const qc = useQueryClient();
  const sessions = useQuery({ queryKey: ['me', 'sessions'], queryFn: () => api.get<SessionInfo[]>('/me/sessions') });
  const revoke = useSubmit(async (id: string) => {
    await api.delete(`/me/sessions/${id}`);
    await qc.invalidateQueries({ queryKey: ['me', 'sessions'] });
  });
  return (
    <Card withBorder component="section" aria-labelledby="account-sessions">
      <Title order={2} size="h4" id="account-sessions" mb="sm">
        {t('sessions.title')}
      </Title>
      <ProblemAlert error={sessions.error ?? revoke.error} />
      <TableScroll minWidth={500} label={t('sessions.tableLabel')}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sessions.created')}</Table.Th>
              <Table.Th>{t('sessions.lastSeen')}</Table.Th>
              <Table.Th>{t('sessions.ip')}</Table.Th>
              <Table.Th>{t('sessions.browser')}</Table.Th>
              <Table.Th>{t('sessions.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(sessions.data ?? []).map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
                <Table.Td>{formatDateTime(s.lastSeenAt)}</Table.Td>
                <Table.Td>{s.ip}</Table.Td>
                <Table.Td style={{ maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={s.userAgent ?? ''}>
                  {s.userAgent}
                </Table.Td>
                <Table.Td>
                  {s.current ? (
                    <Badge color="green.9" variant="filled">
                      {t('sessions.current')}
                    </Badge>
                  ) : (
                    <Button size="compact-sm" variant="default" onClick={() => void revoke.run(s.id)}>
                      {t('sessions.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Card>
  );
}
