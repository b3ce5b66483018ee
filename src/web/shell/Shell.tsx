import { AppShell, Anchor, Burger, Button, Group, Menu, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { logout, useSession } from '../auth/session';
import { navItems } from '../modules';
import { LanguageSwitch } from './LanguageSwitch';
import { OrgSwitcher } from './OrgSwitcher';

/** Header (product, org switcher, language, user menu), the module navigation, main content and footer. */
export function Shell() {
  const { t } = useTranslation();
  const { me, can } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const links = navItems.filter((n) => !n.permission || can(n.permission));

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        footer={{ height: 40 }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} />
              <Anchor component={Link} to="/" fw={700} fz="lg" c="dark" underline="never">
                {t('product')}
              </Anchor>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <OrgSwitcher />
              <LanguageSwitch />
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
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label={t('shell.nav')}>
          {links.map((n) => (
            <NavLink
              key={n.path}
              component={Link}
              to={n.path}
              label={t(n.labelKey)}
              variant="filled"
              active={n.path === '/' ? pathname === '/' : pathname.startsWith(n.path)}
              aria-current={(n.path === '/' ? pathname === '/' : pathname.startsWith(n.path)) ? 'page' : undefined}
              onClick={close}
            />
          ))}
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
        <AppShell.Footer px="md">
          <Group h="100%" gap="lg">
            <Text size="xs" c="dimmed">
              {t('product')} – {t('shell.tagline')}
            </Text>
            <Anchor href="/api/docs" size="xs">
              {t('shell.apiDocs')}
            </Anchor>
          </Group>
        </AppShell.Footer>
      </AppShell>
    </>
  );
}
