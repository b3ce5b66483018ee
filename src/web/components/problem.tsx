import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The message of any error in the user's language. */
export function errorMessage(error: unknown, lang: string): string {
  if (error instanceof ApiError) return error.message_(lang);
  return lang.startsWith('en') ? 'Something went wrong.' : 'Något gick fel.';
}

/** The message for one form field, when the server named that field. */
export function fieldError(error: unknown, field: string, lang: string): string | undefined {
  return error instanceof ApiError ? error.fieldMessages(lang)[field] : undefined;
}

/**
 * Shows an API error as an alert. A stale version (409 stale_version: someone else saved first) gets its own
 * message and a reload action. Errors already shown next to one of `fields` are not repeated.
 */
export function ProblemAlert({ error, onReload, fields = [] }: { error: unknown; onReload?: () => void; fields?: string[] }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError && error.isStale) {
    return (
      <Alert color="orange" title={t('errors.staleTitle')} role="alert">
        <Text size="sm">{t('errors.staleText')}</Text>
        {onReload && (
          <Group mt="xs">
            <Button size="xs" variant="outline" color="orange.9" onClick={onReload}>
              {t('errors.reload')}
            </Button>
          </Group>
        )}
      </Alert>
    );
  }
  if (error instanceof ApiError && error.field && fields.includes(error.field)) return null;
  return (
    <Alert color="red" title={t('errors.title')} role="alert">
      {errorMessage(error, i18n.language)}
    </Alert>
  );
}
