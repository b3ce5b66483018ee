import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { AreaNav } from '../../components/AreaNav';

/** The risk area's own navigation. */
export function SubNav() {
  const { t } = useTranslation('risks');
  const { can } = useSession();
  const links = [
    { to: '/risker', label: t('sub.vor'), show: true },
    { to: '/risker/ikp', label: t('sub.ikp'), show: true },
    { to: '/risker/register', label: t('sub.register'), show: true },
    { to: '/risker/kontinuitet', label: t('sub.continuity'), show: true },
    { to: '/risker/atgarder', label: t('sub.actions'), show: true },
    { to: '/risker/skalor', label: t('sub.scales'), show: can('risk.read') },
  ];
  return <AreaNav label={t('sub.label')} links={links} />;
}
