import { AppShell, Anchor, Box, Burger, Button, Divider, Group, Menu, NavLink, Stack, Text } from '@mantine/core';
import { useRef } from 'react';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { logout, useSession } from '../auth/session';
import { navItems } from '../modules';
import { navGroups } from './nav-groups';
import { LanguageSwitch } from './LanguageSwitch';
import { OrgSwitcher } from './OrgSwitcher';
import { useOrgFromAddress } from './org-context';
import { useRouteHeading } from './routeHeading';
import { useNarrow } from './narrow';

/** A navigation item is the current page for its own path and the pages under it ('/rapport' is not '/rapportera-incident'). */
const isCurrent = (path: string, pathname: string) =>
  path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);

/**
 * Header (product, org switcher, language, user menu), the module navigation, main content and footer.
 * On narrow screens (below `sm`) the language switch and the account links move into the burger's
 * navigation drawer, so a phone can still change language and log out (WCAG 1.4.10 reflow). The footer
 * follows the content instead of being fixed over it.
 */
export function Shell() {
  const { t } = useTranslation();
  const { me, can } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  // Below `sm` the closed drawer sits off-screen: inert, so Tab does not walk through links no one can see (WCAG 2.4.7).
  const hidden = useNarrow() && !opened;
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const links = navItems.filter((n) => !n.permission || can(n.permission));
  // The most specific navigation item of the page names it in the browser title until its h1 is there.
  const current = links.filter((n) => isCurrent(n.path, pathname)).sort((a, b) => b.path.length - a.path.length)[0];
  const main = useRef<HTMLElement>(null);
  useOrgFromAddress();
  useRouteHeading(main, current ? t(current.labelKey) : undefined, t('product'));

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header>
          <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="xs" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} aria-expanded={opened} />
              <Anchor component={Link} to="/" fw={700} fz="lg" c="dark" underline="never">
                {t('product')}
              </Anchor>
            </Group>
            <Group gap="sm" wrap="nowrap" miw={0}>
              <OrgSwitcher />
              <Box visibleFrom="sm">
                <LanguageSwitch />
              </Box>
              <Box visibleFrom="sm">
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <Button variant="default" size="compact-sm" aria-label={t('shell.userMenu', { name: me.name })}>
                      {me.name}
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Label>{me.email}</Menu.Label>
                    <Menu.Item component={Link} to="/mitt-konto">
                      {t('shell.myAccount')}
                    </Menu.Item>
                    <Menu.Item onClick={() => void logout()}>{t('logout')}</Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Box>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label={t('shell.nav')} style={{ overflowY: 'auto' }} inert={hidden}>
          {/* The links in labelled groups (shell/nav-groups.ts): with twenty-odd modules one long list was hard to scan. */}
          {navGroups(links).map((g, i) => (
            <div key={g.key} role="group" aria-labelledby={`nav-group-${g.key}`}>
              <Text id={`nav-group-${g.key}`} size="xs" fw={700} c="gray.7" tt="uppercase" px="xs" pt={i === 0 ? 0 : 'sm'} pb={4}>
                {t(`shell.groups.${g.key}`)}
              </Text>
              {g.links.map((n) => (
                <NavLink
                  key={n.path}
                  component={Link}
                  to={n.path}
                  // The router marks only its exact page; which link is current is decided above (the longest match).
                  activeOptions={{ exact: true }}
                  label={t(n.labelKey)}
                  variant="filled"
                  active={n === current}
                  aria-current={n === current ? 'page' : undefined}
                  onClick={close}
                />
              ))}
            </div>
          ))}
          {/* The header's language switch and user menu, in the drawer on narrow screens ("Mitt konto" is in the list above). */}
          <Box hiddenFrom="sm" mt="sm">
            <Divider mb="sm" />
            <Stack gap="xs" px="xs">
              <Text size="sm" fw={700} style={{ overflowWrap: 'anywhere' }}>
                {me.name}
              </Text>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {me.email}
              </Text>
            </Stack>
            <Stack gap="xs" align="flex-start" px="xs" mt="sm">
              <LanguageSwitch />
              <Button variant="default" size="compact-sm" onClick={() => void logout()}>
                {t('logout')}
              </Button>
            </Stack>
          </Box>
        </AppShell.Navbar>
        <AppShell.Main ref={main} id="main" tabIndex={-1} style={{ minHeight: 'calc(100dvh - 2.5rem)' }}>
          <Outlet />
        </AppShell.Main>
        <Box
          component="footer"
          py={8}
          style={{
            // Not Mantine's px: its padding-inline would override the start padding that clears the navbar.
            paddingInlineStart: 'calc(var(--app-shell-navbar-offset, 0rem) + var(--mantine-spacing-md))',
            paddingInlineEnd: 'var(--mantine-spacing-md)',
            borderTop: '1px solid var(--mantine-color-gray-3)',
            background: 'var(--mantine-color-body)',
          }}
        >
          <Group gap="lg" wrap="wrap">
            <Text size="xs" c="dimmed">
              {t('product')} – {t('shell.tagline')}
            </Text>
            <Anchor href="/api/docs" size="xs">
              {t('shell.apiDocs')}
            </Anchor>
            <Anchor component={Link} to="/tillganglighet" size="xs">
              {t('accessibility:title')}
            </Anchor>
          </Group>
        </Box>
      </AppShell>
    </>
  );
}
