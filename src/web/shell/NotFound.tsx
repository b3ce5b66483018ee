import { Alert, Button, Title } from '@mantine/core';
import { errorMessage } from '../components/problem';
import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <Title order={1}>{t('notFound.title')}</Title>
      <Alert color="gray" mt="md">
        {t('notFound.text')}
      </Alert>
    </>
  );
}

export function NoAccess() {
  const { t } = useTranslation();
  return (
    <>
      <Title order={1}>{t('noAccess.title')}</Title>
      <Alert color="gray" mt="md">
        {t('noAccess.text')}
      </Alert>
    </>
  );
}

/** Shown in place of a page that failed to render or load (the shell stays usable). */
export function RouteError({ error, reset }: { error: unknown; reset: () => void }) {
  const { t, i18n } = useTranslation();
  // After an upgrade the old page's code chunks are gone: only a reload helps.
  const stale = error instanceof Error && /dynamically imported module|module script failed|preload/i.test(error.message);
  return (
    <>
      <Title order={1}>{t('errors.title')}</Title>
      <Alert color="red" mt="md" role="alert">
        {stale ? t('errors.chunk') : errorMessage(error, i18n.language)}
      </Alert>
      <Button mt="md" onClick={stale ? () => window.location.reload() : reset}>
        {t('errors.retry')}
      </Button>
    </>
  );
}
