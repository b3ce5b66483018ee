import { useRef, useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Center, Divider, Paper, Stack, TextInput, Title, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
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
  // Sign-in through the organisation's provider, when one is set up (TILLIT_OIDC_*), and why the last try came back.
  const methods = useQuery({ queryKey: ['auth', 'methods'], queryFn: () => api.get<{ password: boolean; oidc: { label: string | null } | null }>('/auth/methods'), staleTime: Infinity });
  const oidc = methods.data?.oidc;
  const [oidcError] = useState(() => new URLSearchParams(window.location.search).get('loginError'));
  const returnTo = window.location.pathname === '/' ? '' : `?returnTo=${encodeURIComponent(window.location.pathname + window.location.search)}`;

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
              {oidcError && (
                <Alert color="red" role="alert" title={t('oidcErrorTitle')}>
                  {t(`oidcErrors.${oidcError}`, { defaultValue: t('oidcErrors.oidc_provider') })}
                </Alert>
              )}
              {oidc && (
                <>
                  <Button component="a" href={`/api/auth/oidc/login${returnTo}`} variant="filled">
                    {oidc.label ?? t('oidcButton')}
                  </Button>
                  <Divider label={t('orPassword')} labelPosition="center" />
                </>
              )}
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
              <Button type="submit" loading={busy} variant={oidc ? 'default' : 'filled'}>
                {t('submit')}
              </Button>
              <LanguageSwitch />
            </Stack>
          </form>
          <Anchor href="/tillganglighet" size="sm" display="block" mt="md">
            {t('accessibility:title')}
          </Anchor>
        </Paper>
      </Center>
    </main>
  );
}
