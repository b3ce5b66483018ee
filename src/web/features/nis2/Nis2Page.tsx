import { useState } from 'react';
import { Alert, Button, Card, NativeSelect, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { statusBadge } from '../../components/statusBadge';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { useFocusLater } from '../../components/useFocusLater';
import { useSubmit } from '../../components/useSubmit';
import { formatDate } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { NeedOrg, thisYear, yearChoices } from '../plans/shared';
import { AreaDialog } from './AreaDialog';
import { assessmentsQuery, type AreaStatus, type Nis2Area, type Nis2Assessment } from './api';
import { OverviewCard } from './OverviewCard';
import { ScopeCard } from './ScopeCard';
import { SupplyChain } from './SupplyChain';
import { TrainingCard } from './TrainingCard';
import { useYearInAddress } from '../../shell/search';

export const StatusBadge = statusBadge<AreaStatus>('nis2', { ej_paborjad: 'red', delvis: 'blue', genomford: 'green', ej_tillamplig: 'gray' });

const editId = (area: string) => `nis2-area-edit-${area}`;

/** NIS2-åtgärder: the chosen organisation's scope under cybersäkerhetslagen and its yearly assessment of the ten areas. */
export default function Nis2Page() {
  const { t } = useTranslation('nis2');
  const { can } = useSession();
  const { selected } = useSelectedOrg();
  const qc = useQueryClient();
  const focusLater = useFocusLater();
  // From the start page (?year=2026) the page opens that year; the year chosen stays in the address.
  const [year, setYear] = useYearInAddress('year', thisYear());
  const [editing, setEditing] = useState<Nis2Area | null>(null);
  const [saved, setSaved] = useState('');
  const list = useQuery(assessmentsQuery(selected?.slug ?? null));
  const manage = can('risk.manage');
  const decide = can('risk.decide');
  const a = list.data?.find((x) => x.year === year);

  const setData = (next: Nis2Assessment) => qc.setQueryData<Nis2Assessment[]>(['nis2', 'assessments', selected?.slug ?? null], (old) =>
    old ? (old.some((x) => x.id === next.id) ? old.map((x) => (x.id === next.id ? next : x)) : [next, ...old].sort((p, q) => q.year - p.year)) : [next]);
  const start = useSubmit(async () => setData(await api.post<Nis2Assessment>('/nis2/assessments', { org: selected!.slug, year })));
  const approval = useSubmit(async (kind: 'approve' | 'reopen') => {
    const next = await api.post<Nis2Assessment>(`/nis2/assessments/${a!.id}/${kind}`, { version: a!.version });
    setData(next);
    setSaved(t(kind === 'approve' ? 'approval.approvedNow' : 'approval.reopenedNow', { year }));
    focusLater(() => document.getElementById(kind === 'approve' ? 'nis2-reopen' : 'nis2-approve') ?? document.getElementById('nis2-approval'));
    return next;
  });

  if (!selected) return <NeedOrg title={t('title')} />;
  const years = yearChoices([...(list.data?.map((x) => x.year) ?? []), year], 3, 1);
  const locked = !!a?.approved;
  const reload = () => void qc.invalidateQueries({ queryKey: ['nis2'] });

  const onSaved = (next: Nis2Assessment, area: string) => {
    setData(next);
    setEditing(null);
    setSaved(t('area.saved', { area: `(${area})` }));
    focusLater(() => document.getElementById(editId(area)));
  };

  return (
    <Stack>
      <PageHeader title={t('title')} intro={t('intro', { org: selected.name })}>
        <NativeSelect label={t('year')} value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))} data={years.map(String)} w={120} />
      </PageHeader>
      <ScopeCard org={selected} />
      <OverviewCard org={selected} year={year} />
      <Text size="sm" role="status" aria-live="polite">{saved}</Text>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.data && !a && (
        <Card withBorder component="section" aria-labelledby="nis2-none">
          <Title order={2} size="h3" id="nis2-none">{t('assessment.title', { year })}</Title>
          <Text mt="xs">{t('assessment.none', { year })}</Text>
          {manage && (
            <Stack gap="xs" mt="sm" align="flex-start">
              <Text size="sm" c="dimmed">{t('assessment.carryNote')}</Text>
              <ProblemAlert error={start.error} />
              <Button onClick={() => void start.run()} loading={start.busy}>{t('assessment.start', { year })}</Button>
            </Stack>
          )}
        </Card>
      )}
      {a && (
        <>
          <Card withBorder component="section" aria-labelledby="nis2-areas">
            <Stack gap="xs">
              <Title order={2} size="h3" id="nis2-areas">{t('assessment.title', { year })}</Title>
              {a.carriedFrom && <Text size="sm" c="dimmed">{t('assessment.carried', { from: a.carriedFrom })}</Text>}
              <Text size="sm">{t('assessment.counts', { genomford: a.counts.genomford, delvis: a.counts.delvis, ej_paborjad: a.counts.ej_paborjad, ej_tillamplig: a.counts.ej_tillamplig })}</Text>
              <TableScroll minWidth={800}>
                <Table striped>
                  <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{t('area.caption', { year })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('area.column.area')}</Table.Th>
                      <Table.Th scope="col">{t('area.column.status')}</Table.Th>
                      <Table.Th scope="col">{t('area.column.gaps')}</Table.Th>
                      <Table.Th scope="col">{t('area.column.measure')}</Table.Th>
                      <Table.Th scope="col">{t('area.column.owner')}</Table.Th>
                      <Table.Th scope="col">{t('area.column.due')}</Table.Th>
                      {manage && !locked && <Table.Th scope="col"><VisuallyHidden>{t('actions')}</VisuallyHidden></Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {a.areas.map((r) => (
                      <Table.Tr key={r.area}>
                        <Table.Th scope="row" fw="normal">({r.area}) {t(`areas.${r.area}`)}</Table.Th>
                        <Table.Td>
                          <StatusBadge status={r.status} />
                          {r.reason && <Text size="xs" c="dimmed">{t('area.reasonShort', { reason: r.reason })}</Text>}
                        </Table.Td>
                        <Table.Td>{r.gaps}</Table.Td>
                        <Table.Td>{r.measure}</Table.Td>
                        <Table.Td>{r.measureOwner}</Table.Td>
                        <Table.Td className="nowrap">{r.dueDate ?? ''}</Table.Td>
                        {manage && !locked && (
                          <Table.Td>
                            <Button id={editId(r.area)} size="xs" variant="default" onClick={() => setEditing(r)} aria-label={t('area.editOne', { area: `(${r.area}) ${t(`areas.${r.area}`)}` })}>
                              {t('edit')}
                            </Button>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            </Stack>
          </Card>
          <SupplyChain assessment={a} manage={manage && !locked} onChange={setData} />
          <TrainingCard assessment={a} manage={manage && !locked} onChange={setData} />
          <Card withBorder component="section" aria-labelledby="nis2-approval">
            <Stack gap="xs" align="flex-start">
              <Title order={2} size="h3" id="nis2-approval" tabIndex={-1}>{t('approval.title')}</Title>
              <Text size="sm" c="dimmed">{t('approval.intro')}</Text>
              {a.approved ? (
                <Alert color="green" title={t('approval.approved')}>{t('approval.approvedBy', { by: a.approved.by || t('approval.someone'), date: formatDate(a.approved.at) })}</Alert>
              ) : (
                <Text>{a.blocking.length ? t('approval.blocked', { areas: a.blocking.map((k) => `(${k})`).join(', ') }) : t('approval.ready')}</Text>
              )}
              <ProblemAlert error={approval.error} onReload={reload} staleDetail />
              {decide && !a.approved && (
                <Button id="nis2-approve" onClick={() => void approval.run('approve')} loading={approval.busy}>{t('approval.approve', { year })}</Button>
              )}
              {decide && a.approved && (
                <Button id="nis2-reopen" variant="default" onClick={() => void approval.run('reopen')} loading={approval.busy}>{t('approval.reopen')}</Button>
              )}
              {locked && manage && !decide && <Text size="sm">{t('approval.lockedNote')}</Text>}
            </Stack>
          </Card>
        </>
      )}
      {editing && a && <AreaDialog assessment={a} area={editing} onClose={() => setEditing(null)} onSaved={(next) => onSaved(next, editing.area)} />}
    </Stack>
  );
}
