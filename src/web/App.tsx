import { useQuery } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api/client';
import { fetchMe, SessionProvider } from './auth/session';
import { LoginPage } from './auth/LoginPage';
import { ChangePasswordPage } from './auth/ChangePasswordPage';
import { OrgProvider } from './shell/org-context';
import { errorMessage } from './components/problem';
import { router } from './router';
import { PublicStatement } from './features/accessibility/PublicStatement';

/** Who is signed in decides what is shown: the login, the forced password change, or the app. */
export function App() {
  const { t, i18n } = useTranslation();
  const me = useQuery({ queryKey: ['me'], queryFn: fetchMe, retry: false, staleTime: Infinity });

  if (me.isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label={t('loading')} />
      </Center>
    );
  }
  // The accessibility statement is public: readable before signing in (its link is on the login page).
  if (me.data === null || (me.error instanceof ApiError && me.error.status === 401)) {
    return window.location.pathname === '/tillganglighet' ? <PublicStatement /> : <LoginPage />;
  }
  if (me.isError) {
    return (
      <main id="main">
        <Center mih="100vh">
          <Stack>
            <Alert color="red" title={t('errors.title')} role="alert">
              {errorMessage(me.error, i18n.language)}
            </Alert>
            <Button onClick={() => void me.refetch()}>{t('errors.retry')}</Button>
          </Stack>
        </Center>
      </main>
    );
  }
  if (me.data.mustChangePassword) return <ChangePasswordPage />;
  return (
    <SessionProvider me={me.data}>
      <OrgProvider>
        <RouterProvider router={router} />
      </OrgProvider>
    </SessionProvider>
  );
}
