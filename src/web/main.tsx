import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import i18n, { i18nReady } from './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { setNonce } from 'get-nonce';
import { Notifications } from '@mantine/notifications';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api/client';
import { cssVariablesResolver, theme } from './theme';
import { App } from './App';
import { installFocusRescue } from './shell/focus-rescue';
import { installBadDateGuard } from './shell/bad-dates';

// Mantine injects <style> elements; the CSP allows them only with the per-request nonce the server puts here.
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
const getStyleNonce = () => nonce;
// Modals lock scrolling with react-remove-scroll, whose <style> element takes its nonce from get-nonce.
setNonce(nonce);

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      // A session that ended (idle timeout, logout elsewhere): ask who we are again, which shows the login.
      if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== 'me') {
        void queryClient.invalidateQueries({ queryKey: ['me'] });
      }
    },
  }),
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      staleTime: 30_000,
      refetchOnWindowFocus: false,
    },
  },
});

installFocusRescue();
installBadDateGuard(() => i18n.t('common:date.badInput'));

void i18nReady.then(() => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} getStyleNonce={getStyleNonce} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
));
