import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './ChangePasswordForm';
import { logout, useRefreshMe } from './session';
import { useDocumentTitle } from '../shell/routeHeading';

/** Shown instead of the app while the account must change its (one-time) password. */
export function ChangePasswordPage() {
  const { t } = useTranslation('auth');
  const refresh = useRefreshMe();
  useDocumentTitle(t('mustChangeTitle'), t('common:product'));
  return (
    <main id="main">
      <Center mih="100vh" p="md">
        <Paper withBorder shadow="sm" p="xl" w={480} maw="100%">
          <Stack>
            <Title order={1} size="h3">
              {t('mustChangeTitle')}
            </Title>
            <Text size="sm">{t('mustChangeText')}</Text>
            <ChangePasswordForm onDone={() => void refresh()} />
            <Button variant="subtle" onClick={() => void logout()} style={{ alignSelf: 'flex-start' }}>
              {t('common:logout')}
            </Button>
          </Stack>
        </Paper>
      </Center>
    </main>
  );
}
