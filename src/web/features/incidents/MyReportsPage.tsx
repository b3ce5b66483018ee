import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Register, type RegisterColumn } from '../../components/Register';
import { numberColumn, reportedAtColumn, StatusBadge } from './badges';
import type { IncidentListItem, ListPage } from './types';
import { STATUS_KEY } from './types';

/** Mina rapporter: the incidents the signed-in person has reported (GET /api/incidents?reporter=me), newest first. */
export default function MyReportsPage() {
  const { t } = useTranslation('incidents');

  const columns: RegisterColumn<IncidentListItem>[] = [
    numberColumn(t('field.number')),
    { key: 'title', header: t('field.title'), value: (r) => r.title, render: (r) => <div className="wrap-anywhere title-in-list">{r.title}</div> },
    // The status before the date: on a phone the status, what the reporter comes to see, fits beside the title.
    { key: 'status', header: t('field.status'), value: (r) => t(`status.${STATUS_KEY[r.status]}`), render: (r) => <StatusBadge status={r.status} /> },
    reportedAtColumn(t('field.reportedAt')),
  ];

  return (
    <Stack>
      <Title order={1}>{t('mine.title')}</Title>
          <Text>{t('mine.intro')}</Text>
          <Register<IncidentListItem, string>
            label={t('mine.title')}
            columns={columns}
            rowKey={(r) => r.id}
            queryKey={['incidents', 'mine']}
            fetchPage={(cursor) => api.get<ListPage>('/incidents', { reporter: 'me', cursor, limit: 50 })}
            exportName="mina-rapporter"
            emptyText={t('mine.empty')}
            toolbar={
              <Group>
                <Button component={Link} to="/rapportera-incident" variant="default">
                  {t('mine.report')}
                </Button>
              </Group>
            }
          />
    </Stack>
  );
}
