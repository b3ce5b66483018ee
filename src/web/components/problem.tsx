import type { Ref } from 'react';
import { Alert, Button, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, stripField } from '../api/client';

/**
 * The message of any error in the user's language. `missing`: what a page says when the record it shows is not
 * there (404: never existed, or the user may not see it), instead of the API's message naming the record's id.
 */
export function errorMessage(error: unknown, lang: string, missing?: string): string {
  if (missing !== undefined && error instanceof ApiError && error.status === 404) return missing;
  if (error instanceof ApiError) return error.message_(lang);
  return lang.startsWith('en') ? 'Something went wrong.' : 'Något gick fel.';
}

/** The message for one form field, when the server named that field (without the API's field key). */
export function fieldError(error: unknown, field: string, lang: string): string | undefined {
  return error instanceof ApiError ? error.fieldMessages(lang)[field] : undefined;
}

/**
 * Shows an API error as an alert. A stale version (409 stale_version: someone else saved first) gets its own
 * message and a reload action; with `staleDetail`, the server's message in the user's language (which record,
 * your version and the current one) instead of the general one. Errors already shown next to one of `fields` are
 * not repeated; validation errors about other fields are listed by the field's label from `labels` (never by the
 * API's field key when a label is known). `ref`: the alert shown, focusable from script (tabIndex -1), for a form to move
 * focus to when its refusal names no field (focusFirstInvalid).
 */
export function ProblemAlert({
  error,
  onReload,
  fields = [],
  labels = {},
  staleDetail = false,
  ref,
}: {
  error: unknown;
  onReload?: () => void;
  fields?: string[];
  labels?: Record<string, string>;
  staleDetail?: boolean;
  ref?: Ref<HTMLDivElement>;
}) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError && error.isStale) {
    return (
      <Alert ref={ref} tabIndex={-1} color="orange" title={t('errors.staleTitle')} role="alert">
        <Text size="sm">{staleDetail ? errorMessage(error, i18n.language) : t('errors.staleText')}</Text>
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
  const en = i18n.language.startsWith('en');
  const listed = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  if (error instanceof ApiError && listed.length > 0) {
    // A validation problem: what is not shown next to its field is listed here, by label.
    const rest = listed.filter((e) => !fields.includes(e.field));
    if (rest.length === 0) return null;
    return (
      <Alert ref={ref} tabIndex={-1} color="red" title={t('errors.invalid')} role="alert">
        <List size="sm">
          {rest.map((e, i) => (
            <List.Item key={i}>
              {labels[e.field] ? `${labels[e.field]}: ` : ''}
              {labels[e.field] ? stripField(en ? e.message_en : e.message_sv, e.field) : en ? e.message_en : e.message_sv}
            </List.Item>
          ))}
        </List>
      </Alert>
    );
  }
  if (error instanceof ApiError && error.field && fields.includes(error.field)) return null;
  return (
    <Alert ref={ref} tabIndex={-1} color="red" title={t('errors.title')} role="alert">
      {errorMessage(error, i18n.language)}
    </Alert>
  );
}
