import { useState } from 'react';
import { Alert, Anchor, Checkbox, Stack, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Register, type RegisterColumn } from '../../components/Register';
import { formatDate } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { exercisesQuery, plansQuery, rsaListQuery, useSearchFlag, vorListQuery, vorQuery } from './api';
import { ActionStatusBadge } from './badges';
import { SubNav } from './SubNav';
import type { Action, RiskList } from './types';

interface Row {
  action: Action;
  source: string;
  parent: string;
  link: string;
}

/**
 * Åtgärder across the risk area of the selected organisation and its subtree: VoR (each organisation's latest
 * year), the register, RSA activities, continuity plans and exercises. The start page links here for overdue ones.
 */
export default function ActionsPage() {
  const { t } = useTranslation('risks');
  const { selected, selectedSlug } = useSelectedOrg();
  const overdueFromLink = useSearchFlag('forsenade');
  const [onlyOverdue, setOnlyOverdue] = useState(overdueFromLink);
  const [onlyOpen, setOnlyOpen] = useState(true);
  const vorList = useQuery(vorListQuery(selectedSlug)).data ?? [];
  const latest = [...new Map([...vorList].sort((a, b) => a.year - b.year).map((v) => [v.orgId, v])).values()];
  const vors = useQueries({ queries: latest.map((v) => vorQuery(v.id)) });
  const risks = useQuery({ queryKey: ['risks', 'register', 'actions', selectedSlug], queryFn: () => api.get<RiskList>('/risks/register', { org: selectedSlug!, status: 'alla', limit: 1000 }), enabled: !!selectedSlug });
  const rsa = useQuery(rsaListQuery(selectedSlug));
  const plans = useQuery(plansQuery(selectedSlug));
  const exercises = useQuery(exercisesQuery(selectedSlug));
  const loading = risks.isPending || rsa.isPending || plans.isPending || exercises.isPending || vors.some((v) => v.isPending);

  const rows: Row[] = [
    ...vors.flatMap((q) =>
      (q.data?.processes ?? []).flatMap((p) => p.arbetssatt.flatMap((a) => a.events.flatMap((e) => e.actions.map((action) => ({ action, source: `VoR ${q.data!.year} – ${q.data!.org.name}`, parent: `${a.name}: ${e.title}`, link: '/risker' }))))),
    ),
    ...(risks.data?.items ?? []).flatMap((r) => r.actions.map((action) => ({ action, source: t('sub.register'), parent: r.title, link: '/risker/register' }))),
    ...(rsa.data ?? []).flatMap((r) => r.activities.flatMap((a) => a.actions.map((action) => ({ action, source: `RSA ${r.cycle}`, parent: a.name, link: '/risker/rsa' })))),
    ...(plans.data ?? []).flatMap((p) => p.actions.map((action) => ({ action, source: t('continuity.plans'), parent: p.title, link: '/risker/kontinuitet' }))),
    ...(exercises.data ?? []).flatMap((x) => x.actions.map((action) => ({ action, source: t('continuity.exercises'), parent: x.title, link: '/risker/kontinuitet' }))),
  ].filter((r) => (!onlyOverdue || r.action.overdue) && (!onlyOpen || r.action.status === 'planerad' || r.action.status === 'pagar'));

  const columns: RegisterColumn<Row>[] = [
    { key: 'title', header: t('actions.field.title'), value: (r) => r.action.title },
    { key: 'owner', header: t('actions.field.owner'), value: (r) => r.action.owner },
    { key: 'due', header: t('actions.field.dueDate'), value: (r) => r.action.dueDate ?? '', render: (r) => <span className="nowrap">{formatDate(r.action.dueDate)}</span> },
    { key: 'status', header: t('actions.field.status'), value: (r) => t(`actionStatus.${r.action.status}`) + (r.action.overdue ? ` (${t('overdue')})` : ''), render: (r) => <ActionStatusBadge action={r.action} /> },
    { key: 'source', header: t('actions.source'), value: (r) => r.source, render: (r) => <Anchor component={Link} to={r.link}>{r.source}</Anchor> },
    { key: 'parent', header: t('actions.parent'), value: (r) => r.parent },
  ];

  return (
    <Stack>
      <Title order={1}>{t('actions.pageTitle')}</Title>
      <SubNav />
      {!selected ? (
        <Alert color="orange">{t('needOrg')}</Alert>
      ) : (
        <>
          <Text>{t('actions.intro', { org: selected.name })}</Text>
          <Register<Row>
            label={t('actions.pageTitle')}
            columns={columns}
            rowKey={(r) => r.action.id}
            data={rows}
            loading={loading}
            exportName="riskatgarder"
            emptyText={t('actions.noneFound')}
            toolbar={
              <>
                <Checkbox label={t('actions.onlyOverdue')} checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.currentTarget.checked)} mb={8} />
                <Checkbox label={t('actions.onlyOpen')} checked={onlyOpen} onChange={(e) => setOnlyOpen(e.currentTarget.checked)} mb={8} />
              </>
            }
          />
        </>
      )}
    </Stack>
  );
}
