import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';
import { inputTitle } from './InputsSection';
import type { InputKey, Iso93Status, Review } from './types';
import { useReviewSaved } from './useReview';

const MISSING_LABEL: Record<string, string> = {
  meetingDate: 'field.meetingDate',
  chair: 'field.chair',
  'conclusion.lampligt': 'conclusion.lampligt',
  'conclusion.tillrackligt': 'conclusion.tillrackligt',
  'conclusion.verkningsfullt': 'conclusion.verkningsfullt',
};

/**
 * Sign-off (report.approve). The server refuses (409) while an input (a)–(g) is neither covered nor marked not
 * applicable, or while the meeting or the conclusion is incomplete; what is missing is listed next to the button.
 */
export function SignOff({ review, status, onReload }: { review: Review; status: Iso93Status | undefined; onReload: () => void }) {
  const { t, i18n } = useTranslation('review');
  const { can } = useSession();
  const saved = useReviewSaved();
  const { run, busy, error } = useSubmit(async () => {
    const r = await api.post<Review>(`/reviews/${review.id}/sign`, { version: review.version });
    await saved(r);
    return r;
  });

  if (review.signed) {
    return (
      <Alert color="green" title={t('sign.signedTitle')}>
        {t('sign.signedText', { at: formatDateTime(review.signedAt), by: review.signedByName ?? '–', attendees: review.attendees.join(', ') || '–' })}
      </Alert>
    );
  }
  if (!can('report.approve')) return <Text size="sm">{t('sign.noPermission')}</Text>;

  const problem = error instanceof ApiError ? error.problem : undefined;
  const uncovered = problem?.code === 'iso93_uncovered' && Array.isArray(problem.uncovered) ? (problem.uncovered as InputKey[]) : [];
  const missing = problem?.code === 'review_incomplete' && Array.isArray(problem.missing) ? (problem.missing as string[]) : [];
  const titleOf = (k: InputKey) => {
    const i = status?.inputs.find((x) => x.key === k);
    return i ? inputTitle(i, i18n.language) : '';
  };

  return (
    <Stack>
      <Text size="sm">{t('sign.intro')}</Text>
      <Group align="flex-start" wrap="wrap" gap="lg">
        <Button color="green" loading={busy} onClick={() => void run()} aria-describedby={uncovered.length || missing.length ? 'rv-sign-refused' : undefined}>
          {t('sign.button')}
        </Button>
        {uncovered.length > 0 && (
          <Alert color="red" role="alert" id="rv-sign-refused" title={t('sign.refusedInputs')} style={{ flex: '1 1 320px' }}>
            <List size="sm" spacing={2}>
              {uncovered.map((k) => (
                <List.Item key={k}>
                  ({k}) {titleOf(k)}
                </List.Item>
              ))}
            </List>
            <Text size="sm" mt="xs">
              {t('sign.refusedHelp')}
            </Text>
          </Alert>
        )}
        {missing.length > 0 && (
          <Alert color="red" role="alert" id="rv-sign-refused" title={t('sign.refusedMissing')} style={{ flex: '1 1 320px' }}>
            <List size="sm" spacing={2}>
              {missing.map((m) => (
                <List.Item key={m}>{MISSING_LABEL[m] ? t(MISSING_LABEL[m]) : m}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Group>
      {!uncovered.length && !missing.length && <ProblemAlert error={error} onReload={onReload} />}
    </Stack>
  );
}
