import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { AttentionItem } from '../../api/types';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../components/problem';
import { formatNumber } from '../../format';

const SEVERITY_COLOR = { critical: 'red.9', warning: 'orange.9', info: 'blue.9' } as const;

/** Översikt: what needs the user's attention (GET /api/attention). */
export default function StartPage() {
  const { t, i18n } = useTranslation('start');
  const { me, can } = useSession();
  const attention = useQuery({
    queryKey: ['attention'],
    queryFn: async () => {
      try {
        return (await api.get<{ items: AttentionItem[] }>('/attention')).items;
      } catch (e) {
        // Until the attention endpoint exists there is simply nothing to show.
        if (e instanceof ApiError && e.status === 404 && e.code === 'no_route') return [];
        throw e;
      }
    },
  });
  const en = i18n.language.startsWith('en');
  // The server words each title in both languages (singular or plural, the number as the badge writes it).
  const title = (item: AttentionItem) => (en ? item.title_en : item.title_sv);
  // In the server's order: legal deadlines first, then the most severe (platform/attention.ts attentionFor).
  const items = (attention.data ?? []).filter((i) => i.count > 0);

  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      <Text>{t('welcome', { name: me.name })}</Text>
      {can('incident.report') && (
        <Group>
          {/* The one thing every employee comes for: reporting an incident, in under a minute. */}
          <Button component={Link} to="/rapportera-incident" color="red.9">
            {t('reportIncident')}
          </Button>
        </Group>
      )}
      {me.mustChangePassword && (
        <Alert color="orange" title={t('mustChangeTitle')}>
          <Anchor component={Link} to="/mitt-konto">
            {t('mustChangeLink')}
          </Anchor>
        </Alert>
      )}
      <Title order={2} size="h3">
        {t('attention')}
      </Title>
      {attention.isPending && <Loader size="sm" aria-label={t('common:loading')} />}
      {attention.isError && (
        <Alert color="red" role="alert">
          {errorMessage(attention.error, i18n.language)}
        </Alert>
      )}
      {attention.isSuccess && items.length === 0 && <Text c="dimmed">{t('nothing')}</Text>}
      {items.length > 0 && (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((item) => (
            <Card key={item.key} component="li" withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap">
                <Group gap="sm" wrap="wrap" style={{ minWidth: 0 }}>
                  <Badge color={SEVERITY_COLOR[item.severity]} variant="filled">
                    {t(`severity.${item.severity}`)}
                  </Badge>
                  {item.link.startsWith('/') && !item.link.startsWith('//') ? (
                    <Anchor component={Link} to={item.link.split('?')[0]} search={Object.fromEntries(new URLSearchParams(item.link.split('?')[1] ?? '')) as never}>
                      {title(item)}
                    </Anchor>
                  ) : (
                    <Text>{title(item)}</Text>
                  )}
                </Group>
                <Text fw={700} aria-label={t('count', { count: item.count })}>
                  {formatNumber(item.count)}
                </Text>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
