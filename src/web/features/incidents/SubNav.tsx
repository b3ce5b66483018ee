import { Anchor, Group } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';

/** The incident area's own navigation (list, deadlines, statistics, import, categories). */
export function SubNav() {
  const { t } = useTranslation('incidents');
  const { can } = useSession();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const links = [
    { to: '/incidenter', label: t('sub.list'), show: can('incident.read') },
    { to: '/incidenter/tidsfrister', label: t('sub.deadlines'), show: can('incident.read') },
    { to: '/incidenter/statistik', label: t('sub.stats'), show: can('incident.read') },
    { to: '/incidenter/import', label: t('sub.import'), show: can('incident.manage') },
    { to: '/incidenter/kategorier', label: t('sub.categories'), show: can('incident.manage') },
    { to: '/rapportera-incident', label: t('sub.report'), show: can('incident.report') },
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
