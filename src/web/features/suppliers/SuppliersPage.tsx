import { Badge, NativeSelect, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import type { RegisterColumn } from '../../components/Register';
import { RegisterPage } from '../../components/RegisterPage';
import { statusBadge } from '../../components/statusBadge';
import { RegisterFilters } from '../../components/RegisterFilters';
import { useRegisterEditing } from '../../components/useRegisterEditing';
import { useSelectedOrg } from '../../shell/org-context';
import { useSearchFlag } from '../../shell/search';
import { NeedOrg } from '../plans/shared';
import { suppliersQuery, type Supplier, type SupplierFilter } from './api';
import { SupplierDialog } from './SupplierDialog';
import { RegisterImport } from '../../components/ImportDialog';
import { useFields } from '../../components/useFields';
import { ArchivedBadge } from '../../components/ArchivedBadge';

type Pub = Supplier['pubAgreement'];
const PubBadge = statusBadge<Pub>('suppliers', { ja: 'green', nej: 'red', ej_tillampligt: 'gray' });

/** Leverantörer: the selected organisation's suppliers with PUB-avtal, transfers, the latest assessment and sub-suppliers without contract. */
export default function SuppliersPage() {
  const { t } = useTranslation('suppliers');
  const { can } = useSession();
  const { selected } = useSelectedOrg();
  const manage = can('object.manage');
  // From the start page's links (?pubMissing=true, ?followUpOverdue=true) the list starts filtered.
  const pubLink = useSearchFlag('pubMissing');
  const overdueLink = useSearchFlag('followUpOverdue');
  const { d: filter, set } = useFields<SupplierFilter>({ pubMissing: pubLink ? 'true' : '', thirdCountry: '', followUpOverdue: overdueLink ? 'true' : '', archived: '' });
  const edit = useRegisterEditing<Supplier>('suppliers');
  const list = useQuery(suppliersQuery(selected?.slug ?? null, filter));

  if (!selected) return <NeedOrg title={t('title')} />;

  const flag = [{ value: '', label: t('all') }, { value: 'true', label: t('yes') }, { value: 'false', label: t('no') }];

  const columns: RegisterColumn<Supplier>[] = [
    {
      key: 'name', header: t('column.name'), value: (r) => r.name,
      render: (r) => (
        <span>
          {r.name} <ArchivedBadge show={r.archived} label={t('archivedBadge')} />
        </span>
      ),
    },
    { key: 'org', header: t('column.org'), value: (r) => r.org.name },
    { key: 'services', header: t('column.services'), value: (r) => r.services },
    {
      key: 'pub', header: t('column.pub'), value: (r) => (r.processesPersonalData ? t(`pub.${r.pubAgreement}`) : t('noPersonalData')),
      render: (r) => (r.processesPersonalData ? <PubBadge status={r.pubAgreement} /> : <Text span size="sm">{t('noPersonalData')}</Text>),
    },
    { key: 'thirdCountry', header: t('column.thirdCountry'), value: (r) => (r.thirdCountryTransfer ? `${r.thirdCountries || t('yes')}${r.transferTool ? ` (${t(`transferTool.${r.transferTool}`)})` : ''}` : t('no')) },
    {
      key: 'assessed', header: t('column.assessed'), value: (r) => r.assessmentDate ?? '',
      render: (r) => (
        <span>
          {r.assessmentDate ?? t('never')} {r.followUpOverdue && <Badge color="red" variant="light" size="sm" tt="none">{t('overdue')}</Badge>}
        </span>
      ),
    },
    { key: 'withoutContract', header: t('column.withoutContract'), value: (r) => r.subSuppliersWithoutContract },
    { key: 'systems', header: t('column.systems'), value: (r) => r.objects.map((o) => o.name).join(', '), hidden: true },
    { key: 'result', header: t('column.result'), value: (r) => (r.assessmentResult ? t(`result.${r.assessmentResult}`) : ''), hidden: true },
    { key: 'followUp', header: t('column.followUp'), value: (r) => r.followUpDate ?? '', hidden: true },
  ];

  return (
    <RegisterPage<Supplier>
      ns="suppliers" org={selected} exportPrefix="leverantorer"
      filters={
        <>
        {manage && <RegisterImport ns="suppliers" base="/suppliers" queryKey="suppliers" org={selected} manage />}
        <RegisterFilters ns="suppliers" archived={filter.archived} onArchived={set('archived')} allKey="filter.allSuppliers" onNew={manage ? edit.startNew : undefined} message={edit.message}>
              <NativeSelect label={t('filter.pubMissing')} value={filter.pubMissing} onChange={set('pubMissing')} w={200}
                data={[{ value: '', label: t('all') }, { value: 'true', label: t('filter.pubMissingOnly') }]} />
              <NativeSelect label={t('filter.thirdCountry')} value={filter.thirdCountry} onChange={set('thirdCountry')} data={flag} w={130} />
              <NativeSelect label={t('filter.followUpOverdue')} value={filter.followUpOverdue} onChange={set('followUpOverdue')} w={200}
                data={[{ value: '', label: t('all') }, { value: 'true', label: t('filter.overdueOnly') }]} />
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
      {edit.editing && <SupplierDialog org={selected} supplier={edit.row} onClose={edit.close} onSaved={edit.saved} />}
    </RegisterPage>
  );
}
