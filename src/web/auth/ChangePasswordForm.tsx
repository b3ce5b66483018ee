import { useState, type FormEvent } from 'react';
import { Button, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { fieldError, ProblemAlert } from '../components/problem';

/** Change own password (POST /api/me/password). Other sessions end; this one stays. */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation('auth');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (next !== repeat) {
      setError(
        new ApiError({ status: 400, field: 'repeat', detail_sv: t('mismatch', { lng: 'sv' }), detail_en: t('mismatch', { lng: 'en' }) }),
      );
      return;
    }
    setBusy(true);
    try {
      await api.post('/me/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fields = ['currentPassword', 'newPassword', 'repeat'];
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={420}>
        <ProblemAlert error={error} fields={fields} />
        <TextInput
          label={t('currentPassword')}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={fieldError(error, 'currentPassword', i18n.language)}
        />
        <TextInput
          label={t('newPassword')}
          description={t('passwordRules')}
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          error={fieldError(error, 'newPassword', i18n.language)}
        />
        <TextInput
          label={t('repeatPassword')}
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
          error={fieldError(error, 'repeat', i18n.language)}
        />
        <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
          {t('changePassword')}
        </Button>
      </Stack>
    </form>
  );
}
