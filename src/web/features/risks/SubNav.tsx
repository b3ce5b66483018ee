import { Anchor, Group } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';

/** The risk area's own navigation. */
export function SubNav() {
  const { t } = useTranslation('risks');
  const { can } = useSession();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const links = [
    { to: '/risker', label: t('sub.vor'), show: true },
    { to: '/risker/ikp', label: t('sub.ikp'), show: true },
    { to: '/risker/register', label: t('sub.register'), show: true },
    { to: '/risker/rsa', label: t('sub.rsa'), show: true },
    { to: '/risker/kontinuitet', label: t('sub.continuity'), show: true },
    { to: '/risker/atgarder', label: t('sub.actions'), show: true },
    { to: '/risker/skalor', label: t('sub.scales'), show: can('risk.read') },
  ].filter((l) => l.show);
  return (
    <nav aria-label={t('sub.label')}>
      <Group gap="lg" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {links.map((l) => (
          <li key={l.to}>
            <Anchor component={Link} to={l.to} fw={pathname === l.to ? 700 : 400} aria-current={pathname === l.to ? 'page' : undefined}>
              {l.label}
            </Anchor>
          </li>
        ))}
      </Group>
    </nav>
  );
}
