import { useRef, useState, type FormEvent } from 'react';
import { Button, Center, Paper, Stack, TextInput, Title, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { login } from './session';
import { fieldError, ProblemAlert } from '../components/problem';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { useDocumentTitle } from '../shell/routeHeading';

export function LoginPage() {
  const { t, i18n } = useTranslation('auth');
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Empty fields are said at the field before anything is sent (the server would only say "wrong e-mail or password").
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  useDocumentTitle(t('title'), t('common:product'));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const m = { email: email.trim() ? undefined : t('emailRequired'), password: password ? undefined : t('passwordRequired') };
    setMissing(m);
    if (m.email || m.password) {
      setError(null);
      (m.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(qc, email, password);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <main id="main">
      <Center mih="100vh" p="md">
        <Paper withBorder shadow="sm" p="xl" w={400} maw="100%">
          <form onSubmit={submit} noValidate>
            <Stack>
              <div>
                <Title order={1} size="h2">
                  {t('common:product')}
                </Title>
                <Text c="dimmed" size="sm">
                  {t('subtitle')}
                </Text>
              </div>
              <Title order={2} size="h4">
                {t('title')}
              </Title>
              <ProblemAlert error={error} fields={['email', 'password']} />
              <TextInput
                label={t('email')}
                type="email"
                autoComplete="username"
                required
                ref={emailRef}
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={missing.email ?? fieldError(error, 'email', i18n.language)}
              />
              <TextInput
                label={t('password')}
                type="password"
                autoComplete="current-password"
                required
                ref={passwordRef}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={missing.password ?? fieldError(error, 'password', i18n.language)}
              />
              <Button type="submit" loading={busy}>
                {t('submit')}
              </Button>
              <LanguageSwitch />
            </Stack>
          </form>
        </Paper>
      </Center>
    </main>
  );
}
