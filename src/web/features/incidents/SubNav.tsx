import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { AreaNav } from '../../components/AreaNav';

/** The incident area's own navigation (list, deadlines, statistics, import, categories). */
export function SubNav() {
  const { t } = useTranslation('incidents');
  const { can } = useSession();
  const links = [
    { to: '/incidenter', label: t('sub.list'), show: can('incident.read') },
    { to: '/incidenter/tidsfrister', label: t('sub.deadlines'), show: can('incident.read') },
    { to: '/incidenter/statistik', label: t('sub.stats'), show: can('incident.read') },
    { to: '/incidenter/import', label: t('sub.import'), show: can('incident.manage') },
    { to: '/incidenter/kategorier', label: t('sub.categories'), show: can('incident.manage') },
    { to: '/rapportera-incident', label: t('sub.report'), show: can('incident.report') },
  ];
  return <AreaNav label={t('sub.label')} links={links} />;
}
