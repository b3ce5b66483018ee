import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';

/** Where to report problems: TILLIT_ACCESSIBILITY_CONTACT, or the fallback text when the installation has not set it. */
function useContact() {
  return useQuery({ queryKey: ['accessibility'], queryFn: () => api.get<{ contact: string | null }>('/accessibility'), staleTime: Infinity });
}

/**
 * Tillgänglighetsredogörelse after Digg's model: how accessible the service is, what is not, how to report a problem
 * or ask for another format, supervision, and how it was tested. A public sector digital service must publish one
 * (lagen 2018:1937). Shown in the app and, before signing in, on its own (App.tsx).
 */
export default function AccessibilityStatement() {
  const { t } = useTranslation('accessibility');
  const contact = useContact();
  const gaps = t('gaps.items', { returnObjects: true }) as string[];
  return (
    <Stack maw={760}>
      <Title order={1}>{t('title')}</Title>
      <Text>{t('intro')}</Text>
      <Title order={2} size="h3">{t('status.title')}</Title>
      <Text>{t('status.text')}</Text>
      <Title order={2} size="h3">{t('gaps.title')}</Title>
      <List spacing="xs">
        {gaps.map((g) => (
          <List.Item key={g}>{g}</List.Item>
        ))}
      </List>
      <Title order={2} size="h3">{t('report.title')}</Title>
      <Text>{t('report.text')}</Text>
      {contact.data?.contact ? (
        <Text>
          {t('report.contact')}{' '}
          {contact.data.contact.includes('@') && !/\s/.test(contact.data.contact) ? (
            <Anchor href={`mailto:${contact.data.contact}`}>{contact.data.contact}</Anchor>
          ) : (
            contact.data.contact
          )}
        </Text>
      ) : (
        <Text>{t('report.fallback')}</Text>
      )}
      <Title order={2} size="h3">{t('supervision.title')}</Title>
      <Text>
        {t('supervision.text')}{' '}
        <Anchor href="https://www.digg.se/tdosanmalan" rel="noreferrer">
          {t('supervision.link')}
        </Anchor>
      </Text>
      <Title order={2} size="h3">{t('tested.title')}</Title>
      <Text>{t('tested.text')}</Text>
      <Text size="sm" c="dimmed">
        {t('updated', { date: '2026-12-06' })}
      </Text>
    </Stack>
  );
}
