import { useMemo, useState } from 'react';
import { Badge, Button, Checkbox, Group, NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { statusBadge } from '../../components/statusBadge';
import { apiUrl } from '../../api/client';
import { useSession } from '../../auth/session';
import type { RegisterColumn } from '../../components/Register';
import { RegisterPage } from '../../components/RegisterPage';
import { useSelectedOrg } from '../../shell/org-context';
import { ActivityModal } from './ActivityModal';
import { activitiesQuery, areasQuery, progressQuery, STATUSES, UNFINISHED, type PlanActivity, type PlanFilter, type PlanStatus } from './api';
import { CarryModal } from './CarryModal';
import { ProgressTable } from './ProgressTable';
import { CarriedBadge, day, NeedOrg, thisYear, todayStockholm, yearChoices } from './shared';
import { useSearchFlag, useSetSearch } from '../../shell/search';
import { useFields } from '../../components/useFields';

export const StatusBadge = statusBadge<PlanStatus>('plans', { planerad: 'gray', pågår: 'blue', klar: 'green', avbruten: 'red' });

/** Past its due date (a Stockholm day before today) and not finished: as the start page counts "försenade". */
const isOverdue = (a: PlanActivity, today: string) => !!a.dueDate && a.dueDate < today && UNFINISHED.includes(a.status);

/** Förbättringsplan: the selected organisation's activities by year and area, progress, carry forward, export. */
export default function PlanPage() {
  const { t } = useTranslation('plans');
  const { can } = useSession();
  const { selected } = useSelectedOrg();
  const slug = selected?.slug ?? null;
  const manage = can('plan.manage');
  const { d: filter, set } = useFields<PlanFilter>({ year: '', area: '', status: '' });
  const [editing, setEditing] = useState<PlanActivity | 'new' | null>(null);
  const [carrying, setCarrying] = useState(false);
  // From the start page's "förbättringsaktiviteter är försenade" (?forsenade=1) the list starts with those only.
  // The choice stays in the address, so a reload or Back keeps it.
  const [onlyOverdue, setOnlyOverdue] = useState(useSearchFlag('forsenade'));
  const setSearch = useSetSearch();
  const today = todayStockholm();
  const areaData = useQuery(areasQuery(slug)).data;
  const areas = useMemo(() => areaData?.areas ?? [], [areaData]);
  const list = useQuery(activitiesQuery(slug, filter));
  const progress = useQuery(progressQuery(slug, filter));

  // Grouped by year, then area (in the city's order), then position.
  const rows = useMemo(() => {
    const order = (a: string) => {
      const i = areas.indexOf(a);
      return i < 0 ? 999 : i;
    };
    return (list.data ?? []).filter((a) => !onlyOverdue || isOverdue(a, today)).sort(
      (a, b) => a.year - b.year || order(a.area) - order(b.area) || a.area.localeCompare(b.area, 'sv') || a.position - b.position,
    );
  }, [list.data, areas, onlyOverdue, today]);

  if (!selected) return <NeedOrg title={t('title')} />;

  const years = yearChoices((list.data ?? []).map((a) => a.year));
  const q = { org: selected.slug, year: filter.year, area: filter.area, status: filter.status };

  const columns: RegisterColumn<PlanActivity>[] = [
    { key: 'year', header: t('field.year'), value: (r) => r.year, render: (r) => String(r.year) },
    { key: 'area', header: t('field.area'), value: (r) => r.area },
    {
      key: 'description',
      header: t('field.description'),
      value: (r) => r.description,
      render: (r) => (
        <span>
          {r.description} {r.carried && <CarriedBadge />}
        </span>
      ),
    },
    { key: 'responsible', header: t('field.responsible'), value: (r) => r.responsible },
    { key: 'partners', header: t('field.partners'), value: (r) => r.partners },
    { key: 'status', header: t('field.status'), value: (r) => t(`status.${r.status}`), render: (r) => <StatusBadge status={r.status} /> },
    {
      key: 'dueDate',
      header: t('field.dueDate'),
      value: (r) => day(r.dueDate),
      render: (r) => (
        <span className="nowrap">
          {day(r.dueDate)}{' '}
          {isOverdue(r, today) && (
            <Badge color="red" variant="light">
              {t('overdue')}
            </Badge>
          )}
        </span>
      ),
    },
    { key: 'carried', header: t('carried'), value: (r) => r.carried, hidden: true },
    { key: 'links', header: t('field.links'), value: (r) => r.links.map((l) => `${t(`linkType.${l.linkType}`)} ${l.linkId}`).join(', '), hidden: true },
    { key: 'org', header: t('field.org'), value: (r) => r.org.name, hidden: true },
  ];

  return (
    <RegisterPage<PlanActivity>
      ns="plans" org={selected} exportPrefix="forbattringsplan"
      filters={
        <Group align="flex-end" wrap="wrap" role="group" aria-label={t('filters')}>
          <NativeSelect
            label={t('field.year')}
            value={filter.year}
            onChange={set('year')}
            data={[{ value: '', label: t('allYears') }, ...years.map((y) => ({ value: String(y), label: String(y) }))]}
            w={140}
          />
          <NativeSelect
            label={t('field.area')}
            value={filter.area}
            onChange={set('area')}
            data={[{ value: '', label: t('allAreas') }, ...areas.map((a) => ({ value: a, label: a }))]}
            w={260}
          />
          <NativeSelect
            label={t('field.status')}
            value={filter.status}
            onChange={set('status')}
            data={[{ value: '', label: t('allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
            w={160}
          />
          <Checkbox
            label={t('onlyOverdue')}
            checked={onlyOverdue}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setOnlyOverdue(on);
              setSearch({ forsenade: on ? '1' : '' });
            }}
            mb={8}
          />
          {manage && (
            <>
              <Button onClick={() => setEditing('new')}>{t('new')}</Button>
              <Button variant="outline" onClick={() => setCarrying(true)}>
                {t('carry.button')}
              </Button>
            </>
          )}
        </Group>
      }
      columns={columns}
      rowKey={(r) => r.id}
      data={rows}
      loading={list.isPending}
      error={list.error}
      serverExport={(format) => apiUrl('/plan/export', { ...q, format })}
      actions={
        manage
          ? (r) => (
              <Button size="xs" variant="default" onClick={() => setEditing(r)} aria-label={t('editOne', { text: r.description.slice(0, 60) })}>
                {t('edit')}
              </Button>
            )
          : undefined
      }
    >
      <ProgressTable rows={progress.data ?? []} />
      {editing && (
        <ActivityModal
          org={selected}
          activity={editing === 'new' ? undefined : editing}
          defaultYear={filter.year ? Number(filter.year) : thisYear()}
          onClose={() => setEditing(null)}
        />
      )}
      {carrying && <CarryModal org={selected} initialYear={filter.year ? Number(filter.year) : thisYear()} onClose={() => setCarrying(false)} />}
    </RegisterPage>
  );
}
