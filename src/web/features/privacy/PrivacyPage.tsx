import { Badge, NativeSelect, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { statusBadge } from '../../components/statusBadge';
import { useSession } from '../../auth/session';
import type { RegisterColumn } from '../../components/Register';
import { RegisterPage } from '../../components/RegisterPage';
import { RegisterFilters } from '../../components/RegisterFilters';
import { useRegisterEditing } from '../../components/useRegisterEditing';
import { useSelectedOrg } from '../../shell/org-context';
import { useSearchText } from '../../shell/search';
import { NeedOrg } from '../plans/shared';
import { activitiesQuery, STATUSES, type PrivacyFilter, type PrivacyStatus, type ProcessingActivity } from './api';
import { ActivityDialog } from './ActivityDialog';
import { CameraSection } from './CameraSection';
import { RegisterImport } from '../../components/ImportDialog';
import { useFields } from '../../components/useFields';
import { ArchivedBadge } from '../../components/ArchivedBadge';

export const StatusBadge = statusBadge<PrivacyStatus>('privacy', { utkast: 'gray', granskas: 'blue', godkand: 'green' });


/**
 * Registerförteckning: the selected organisation's processing activities with legal basis, transfers, the threshold analysis and the DSO's
 * approval; below it the register of kamerabevakning.
 */
export default function PrivacyPage() {
  const { t } = useTranslation('privacy');
  const { can } = useSession();
  const { selected } = useSelectedOrg();
  const manage = can('privacy.manage');
  // From the start page's "waiting for the DSO's review" link (?status=granskas) the list starts filtered.
  const statusLink = useSearchText('status');
  const { d: filter, set } = useFields<PrivacyFilter>({
    status: STATUSES.includes(statusLink as PrivacyStatus) ? statusLink! : '', thirdCountry: '', specialCategories: '', dpiaMissing: '', archived: '',
  });
  const edit = useRegisterEditing<ProcessingActivity>('privacy');
  const list = useQuery(activitiesQuery(selected?.slug ?? null, filter));

  if (!selected) return <NeedOrg title={t('title')} />;

  const yesNo = (v: boolean) => (v ? t('yes') : t('no'));
  const flag = [{ value: '', label: t('all') }, { value: 'true', label: t('yes') }, { value: 'false', label: t('no') }];

  const columns: RegisterColumn<ProcessingActivity>[] = [
    {
      key: 'name', header: t('column.name'), value: (r) => r.name,
      render: (r) => (
        <span>
          {r.name} <ArchivedBadge show={r.archived} label={t('archivedBadge')} />
        </span>
      ),
    },
    { key: 'org', header: t('column.org'), value: (r) => r.org.name },
    { key: 'legalBasis', header: t('column.legalBasis'), value: (r) => (r.legalBasis ? t(`legalBasisShort.${r.legalBasis}`) : t('legalBasisShort.none')) },
    { key: 'special', header: t('column.special'), value: (r) => yesNo(r.specialCategories) },
    { key: 'thirdCountry', header: t('column.thirdCountry'), value: (r) => (r.thirdCountryTransfer ? `${t('yes')}${r.transferTool ? ` (${t(`transferTool.${r.transferTool}`)})` : ''}` : t('no')) },
    {
      key: 'threshold', header: t('column.threshold'), value: (r) => (r.dpiaLikely ? t('dpiaLikelyBadge') : t('criteriaCount', { count: r.dpiaCriteria.length })),
      render: (r) => (
        <span>
          {r.dpiaLikely ? <Badge color={r.dpiaMissing ? 'red' : 'orange'} variant="light" tt="none">{t('dpiaLikelyBadge')}</Badge> : t('criteriaCount', { count: r.dpiaCriteria.length })}
          {r.dpiaLikely && <Text span size="xs" ml={4}>{t(`dpiaState.${r.dpia}`)}</Text>}
        </span>
      ),
    },
    { key: 'status', header: t('column.status'), value: (r) => t(`status.${r.status}`), render: (r) => <StatusBadge status={r.status} /> },
    { key: 'systems', header: t('column.systems'), value: (r) => r.objects.map((o) => o.name).join(', '), hidden: true },
    { key: 'responsible', header: t('column.responsible'), value: (r) => r.responsible, hidden: true },
    { key: 'pub', header: t('column.pub'), value: (r) => t(`pub.${r.pubAgreement}`), hidden: true },
  ];

  return (
    <RegisterPage<ProcessingActivity>
      ns="privacy" org={selected} exportPrefix="registerforteckning"
      filters={
        <>
        {manage && <RegisterImport ns="privacy" base="/privacy/activities" queryKey="privacy" org={selected} manage />}
        <RegisterFilters ns="privacy" archived={filter.archived} onArchived={set('archived')} allKey="filter.allActivities" onNew={manage ? edit.startNew : undefined} message={edit.message}>
              <NativeSelect label={t('filter.status')} value={filter.status} onChange={set('status')} w={170}
                data={[{ value: '', label: t('all') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]} />
              <NativeSelect label={t('filter.thirdCountry')} value={filter.thirdCountry} onChange={set('thirdCountry')} data={flag} w={130} />
              <NativeSelect label={t('filter.specialCategories')} value={filter.specialCategories} onChange={set('specialCategories')} data={flag} w={170} />
              <NativeSelect label={t('filter.dpiaMissing')} value={filter.dpiaMissing} onChange={set('dpiaMissing')} w={200}
                data={[{ value: '', label: t('all') }, { value: 'true', label: t('filter.dpiaMissingOnly') }]} />
        </RegisterFilters>
        </>
      }
      columns={columns}
      rowKey={(r) => r.id}
      data={list.data}
      loading={list.isPending}
      error={list.error}
      actions={manage ? edit.editButton : undefined}
    >
      {edit.editing && (
        <ActivityDialog org={selected} activity={edit.row} onClose={edit.close} onSaved={edit.saved}
          canApprove={can('dso.approve')} />
      )}
      <CameraSection key={selected.slug} org={selected} manage={manage} />
    </RegisterPage>
  );
}
