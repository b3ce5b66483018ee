import { Anchor, Container, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../shell/LanguageSwitch';
import { useDocumentTitle } from '../../shell/routeHeading';
import AccessibilityStatement from './AccessibilityStatement';

/** The statement for someone not signed in (App.tsx), with the way back to the login. */
export function PublicStatement() {
  const { t } = useTranslation('accessibility');
  useDocumentTitle(t('title'), t('common:product'));
  return (
    <main id="main">
      <Container py="xl">
        <Group justify="space-between" mb="md">
          <Anchor href="/">{t('backToLogin')}</Anchor>
          <LanguageSwitch />
        </Group>
        <AccessibilityStatement />
      </Container>
    </main>
  );
}
