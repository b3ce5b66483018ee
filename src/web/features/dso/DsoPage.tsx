import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import type { RegisterColumn } from '../../components/Register';
import { RegisterPage } from '../../components/RegisterPage';
import { formatDateTime } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { NeedOrg, yearChoices } from '../plans/shared';
import { DecideModal, RecommendationModal } from './DsoForms';
import type { Recommendation, ResponseStatus, RiskLevel } from './types';

const RISK_COLOR: Record<RiskLevel, string> = { låg: 'green', medel: 'orange', hög: 'red', allvarlig: 'red' };
const STATUS_COLOR: Record<ResponseStatus, string> = { öppen: 'gray', pågår: 'blue', åtgärdad: 'green', 'ej åtgärdad': 'red' };

const latestFollowUp = (r: Recommendation) => [...r.followUps].sort((a, b) => b.year - a.year)[0];

type Dialog = { kind: 'edit'; rec?: Recommendation } | { kind: 'approve' | 'reopen'; rec: Recommendation };

/** DSO-uppföljning: the DSO's risks and recommendations per report year with the förvaltning's response. */
export default function DsoPage() {
  const { t } = useTranslation('dso');
  const { can } = useSession();
  const { selected } = useSelectedOrg();
  const edit = can('plan.manage') || can('dso.approve');
  const approve = can('dso.approve');
  const [year, setYear] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const list = useQuery({
    queryKey: ['dso', selected?.slug, year],
    queryFn: () => api.get<Recommendation[]>('/dso/recommendations', { org: selected!.slug, reportYear: year }),
    enabled: !!selected,
  });

  if (!selected) return <NeedOrg title={t('title')} />;
  const years = yearChoices((list.data ?? []).map((r) => r.reportYear));

  const columns: RegisterColumn<Recommendation>[] = [
    { key: 'reportYear', header: t('field.reportYear'), value: (r) => r.reportYear, render: (r) => String(r.reportYear) },
    { key: 'area', header: t('field.area'), value: (r) => r.area },
    { key: 'recommendation', header: t('field.recommendation'), value: (r) => r.recommendation },
    {
      key: 'riskLevel', header: t('field.riskLevel'), value: (r) => t(`risk.${r.riskLevel}`),
      render: (r) => <Badge color={RISK_COLOR[r.riskLevel]} variant={r.riskLevel === 'allvarlig' ? 'filled' : 'light'} tt="none">{t(`risk.${r.riskLevel}`)}</Badge>,
    },
    { key: 'response', header: t('field.response'), value: (r) => r.response },
    { key: 'responsible', header: t('field.responsible'), value: (r) => r.responsible },
    {
      key: 'status', header: t('field.status'), value: (r) => t(`status.${r.status}`),
      render: (r) => <Badge color={STATUS_COLOR[r.status]} variant="light" tt="none">{t(`status.${r.status}`)}</Badge>,
    },
    {
      key: 'followUp', header: t('field.followUp'),
      value: (r) => (latestFollowUp(r) ? `${latestFollowUp(r)!.year}: ${latestFollowUp(r)!.text}` : ''),
    },
    {
      key: 'approved', header: t('field.approved'), value: (r) => r.approved,
      render: (r) =>
        r.approved ? (
          <Badge color="green" variant="filled" tt="none" title={[formatDateTime(r.approvedAt), r.approvedByName].filter(Boolean).join(', ')}>
            {t('approved')}
          </Badge>
        ) : (
          <Text size="sm">{t('notApproved')}</Text>
        ),
    },
    { key: 'approvedAt', header: t('field.approvedAt'), value: (r) => (r.approvedAt ? new Date(r.approvedAt) : null), hidden: true },
    { key: 'approvedBy', header: t('field.approvedBy'), value: (r) => r.approvedByName ?? '', hidden: true },
    { key: 'org', header: t('field.org'), value: (r) => r.org.name, hidden: true },
  ];

  return (
    <RegisterPage<Recommendation>
      ns="dso" org={selected} exportPrefix="dso-uppfoljning"
      columns={columns}
      rowKey={(r) => r.id}
      data={list.data}
      loading={list.isPending}
      error={list.error}
      toolbar={
        <>
          <NativeSelect
            label={t('field.reportYear')}
            value={year}
            onChange={(e) => setYear(e.currentTarget.value)}
            data={[{ value: '', label: t('allYears') }, ...years.map((y) => ({ value: String(y), label: String(y) }))]}
            w={140}
          />
          {edit && <Button onClick={() => setDialog({ kind: 'edit' })}>{t('new')}</Button>}
        </>
      }
      actions={
        edit || approve
          ? (r) => (
              <Group gap={4} wrap="nowrap">
                {edit && (
                  <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'edit', rec: r })} aria-label={t('editOne', { text: r.recommendation.slice(0, 60) })}>
                    {t('edit')}
                  </Button>
                )}
                {approve &&
                  (r.approved ? (
                    <Button size="xs" variant="outline" onClick={() => setDialog({ kind: 'reopen', rec: r })} aria-label={t('reopenOne', { text: r.recommendation.slice(0, 60) })}>
                      {t('reopen')}
                    </Button>
                  ) : (
                    <Button size="xs" variant="outline" color="green" onClick={() => setDialog({ kind: 'approve', rec: r })} aria-label={t('approveOne', { text: r.recommendation.slice(0, 60) })}>
                      {t('approve')}
                    </Button>
                  ))}
              </Group>
            )
          : undefined
      }
    >
      {dialog?.kind === 'edit' && <RecommendationModal org={selected} rec={dialog.rec} onClose={() => setDialog(null)} />}
      {(dialog?.kind === 'approve' || dialog?.kind === 'reopen') && <DecideModal rec={dialog.rec} action={dialog.kind} onClose={() => setDialog(null)} />}
    </RegisterPage>
  );
}
