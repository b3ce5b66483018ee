import { Card, List, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { ChangePasswordForm } from '../../auth/ChangePasswordForm';
import { SessionsSection } from './SessionsSection';
import { TokensSection } from './TokensSection';

/** Mitt konto: who I am, change password, my sessions, my API tokens. */
export default function AccountPage() {
  const { t } = useTranslation('account');
  const { me } = useSession();
  return (
    <Stack gap="lg">
      <Title order={1}>{t('title')}</Title>
      <Card withBorder component="section" aria-labelledby="account-me">
        <Title order={2} size="h4" id="account-me">
          {t('me')}
        </Title>
        <Text mt="xs">
          {me.name} ({me.email})
        </Text>
        <Text size="sm" mt="xs" fw={700}>
          {t('roles')}
        </Text>
        {me.roles.length ? (
          <List size="sm">
            {me.roles.map((r) => (
              <List.Item key={r.id}>
                {t(`common:roles.${r.role}`)} – {r.orgName ?? r.groupName ?? t('users:wholeOrganisation')}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">{t('noRoles')}</Text>
        )}
      </Card>
      <Card withBorder component="section" aria-labelledby="account-password">
        <Title order={2} size="h4" id="account-password" mb="sm">
          {t('password')}
        </Title>
        <ChangePasswordForm onDone={() => notifications.show({ color: 'green', message: t('passwordChanged') })} />
      </Card>
      <SessionsSection />
      <TokensSection />
    </Stack>
  );
}
