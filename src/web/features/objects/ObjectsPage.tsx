import { useEffect, useState } from 'react';
import { Badge, Button, Group, NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { statusBadge } from '../../components/statusBadge';
import { useSession } from '../../auth/session';
import type { RegisterColumn } from '../../components/Register';
import { RegisterPage } from '../../components/RegisterPage';
import { RegisterFilters } from '../../components/RegisterFilters';
import { useFocusLater } from '../../components/useFocusLater';
import { useRegisterEditing } from '../../components/useRegisterEditing';
import { useSelectedOrg } from '../../shell/org-context';
import { useSearchFlag, useSearchText } from '../../shell/search';
import { NeedOrg, thisYear } from '../plans/shared';
import { objectsQuery, STATUSES, type ClassificationStatus, type DigitalObject, type ObjectFilter } from './api';
import { FollowUpDialog } from './FollowUpDialog';
import { ObjectDialog } from './ObjectDialog';
import { RegisterImport } from '../../components/ImportDialog';
import { useFields } from '../../components/useFields';
import { ArchivedBadge } from '../../components/ArchivedBadge';
import { objectListColumns } from '../../../domains/objects/list-columns';

/** The follow-up filter's values (ObjectQuery.followUp). */
const FOLLOW_UP_FILTERS = ['missing', 'done', 'deviations'];

const StatusBadge = statusBadge<ClassificationStatus>('objects', { saknas: 'gray', pagar: 'blue', klar: 'green', ej_aktuell: 'gray' });


/** Objekt: the selected organisation's objektlista with classification status, yearly reclassification, NIS and PUB-avtal. */
export default function ObjectsPage() {
  const { t } = useTranslation('objects');
  const { can } = useSession();
  const { selected } = useSelectedOrg();
  const manage = can('object.manage');
  // From the start page's "past the yearly reclassification" link (?overdue=true) the list starts filtered.
  const overdueLink = useSearchFlag('overdue');
  // … and from "objects lack this year's follow-up" / "deviations remain" (?followUp=missing|deviations).
  const followUpLink = useSearchText('followUp');
  const { d: filter, set } = useFields<ObjectFilter>({
    lokalStatus: '', normerandeStatus: '', nis: '', overdue: overdueLink ? 'true' : '',
    followUp: FOLLOW_UP_FILTERS.includes(followUpLink ?? '') ? followUpLink! : '', archived: '',
  });
  const edit = useRegisterEditing<DigitalObject>('objects');
  const list = useQuery(objectsQuery(selected?.slug ?? null, filter));
  const [followUpOf, setFollowUpOf] = useState<DigitalObject | null>(null);
  const [followUpSaved, setFollowUpSaved] = useState('');
  const focusLater = useFocusLater();
  // The page's status region says the latest save: a follow-up's until an object is edited.
  useEffect(() => {
    if (edit.editing) setFollowUpSaved('');
  }, [edit.editing]);

  if (!selected) return <NeedOrg title={t('title')} />;

  const year = thisYear();
  const statusChoices = [{ value: '', label: t('all') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))];

  // Headers, values (sorted, searched, exported) and what is shown at first are shared with the export's round-trip
  // test (domains/objects/list-columns.ts); the page adds how a cell looks.
  const renders: Record<string, RegisterColumn<DigitalObject>['render']> = {
    name: (r) => (
      <span>
        {r.name} {r.securityProtection && <Badge color="orange" variant="light" size="sm" tt="none">{t('securityBadge')}</Badge>}
        <ArchivedBadge show={r.archived} label={t('archivedBadge')} />
      </span>
    ),
    normerande: (r) => <StatusBadge status={r.normerandeStatus} />,
    normerandeClassified: (r) => <span className="nowrap">{r.normerandeDate ?? ''}</span>,
    lokal: (r) => <StatusBadge status={r.lokalStatus} />,
    classified: (r) => <span className="nowrap">{r.lokalDate ?? ''}</span>,
    next: (r) => (
      <span className="nowrap">
        {r.nextReclassification ?? ''} {r.reclassificationOverdue && <Badge color="red" variant="light" size="sm" tt="none">{t('overdue')}</Badge>}
      </span>
    ),
    followUp: (r) => (
      <Group gap={4} wrap="nowrap">
        <Badge color={r.followUp.done ? 'green' : 'gray'} variant="light" size="sm" tt="none">{t(r.followUp.done ? 'followUp.doneBadge' : 'followUp.missingBadge')}</Badge>
        {r.followUp.deviationsRemaining && <Badge color="red" variant="light" size="sm" tt="none">{t('followUp.deviationsBadge')}</Badge>}
      </Group>
    ),
  };
  const columns: RegisterColumn<DigitalObject>[] = objectListColumns((key, options) => t(key, options), year).map((c) => ({ ...c, render: renders[c.key] }));

  const onSaved = (o: DigitalObject) => edit.saved(o, t('form.saved', { name: o.name }));
  const followUpButton = (r: DigitalObject) => (
    <Button id={`objects-follow-up-${r.id}`} size="xs" variant="default" onClick={() => setFollowUpOf(r)} aria-label={t('followUp.openOne', { name: r.name })}>
      {t('followUp.open')}
    </Button>
  );
  const actions = (r: DigitalObject) => (
    <Group gap={4} wrap="nowrap">
      {manage && edit.editButton(r)}
      {followUpButton(r)}
    </Group>
  );

  return (
    <RegisterPage<DigitalObject>
      ns="objects" org={selected} exportPrefix="objektlista"
      filters={
        <>
        <RegisterImport ns="objects" base="/objects" queryKey="objects" org={selected} manage={manage} />
        <RegisterFilters ns="objects" archived={filter.archived} onArchived={set('archived')} allKey="filter.allObjects" onNew={manage ? edit.startNew : undefined} message={followUpSaved || edit.message}>
              <NativeSelect label={t('filter.lokalStatus')} value={filter.lokalStatus} onChange={set('lokalStatus')} data={statusChoices} w={170} />
              <NativeSelect label={t('filter.normerandeStatus')} value={filter.normerandeStatus} onChange={set('normerandeStatus')} data={statusChoices} w={190} />
              <NativeSelect label={t('filter.nis')} value={filter.nis} onChange={set('nis')} w={110}
                data={[{ value: '', label: t('all') }, { value: 'true', label: t('yes') }, { value: 'false', label: t('no') }]} />
              <NativeSelect label={t('filter.overdue')} value={filter.overdue} onChange={set('overdue')} w={170}
                data={[{ value: '', label: t('all') }, { value: 'true', label: t('filter.overdueOnly') }]} />
              <NativeSelect label={t('filter.followUp', { year })} value={filter.followUp} onChange={set('followUp')} w={200}
                data={[{ value: '', label: t('all') }, ...FOLLOW_UP_FILTERS.map((v) => ({ value: v, label: t(`filter.followUp_${v}`) }))]} />
        </RegisterFilters>
        </>
      }
      columns={columns}
      rowKey={(r) => r.id}
      data={list.data}
      loading={list.isPending}
      error={list.error}
      actions={actions}
    >
      {edit.editing && <ObjectDialog org={selected} object={edit.row} onClose={edit.close} onSaved={onSaved} />}
      {followUpOf && (
        <FollowUpDialog object={followUpOf} manage={manage} onClose={() => setFollowUpOf(null)}
          onSaved={(message) => {
            const id = followUpOf.id;
            setFollowUpOf(null);
            setFollowUpSaved(message);
            // Back to the row's button (WCAG 2.4.3); to the h1 when a filter now hides the row.
            focusLater(() => document.getElementById(`objects-follow-up-${id}`) ?? document.querySelector<HTMLElement>('h1'));
          }} />
      )}
    </RegisterPage>
  );
}
