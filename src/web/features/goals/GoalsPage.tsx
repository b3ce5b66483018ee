import { useState } from 'react';
import { Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import type { RegisterColumn } from '../../components/Register';
import { RegisterPage } from '../../components/RegisterPage';
import { useSelectedOrg } from '../../shell/org-context';
import { NeedOrg, thisYear, yearChoices } from '../plans/shared';
import { GoalModal, IndicatorModal, StatusModal } from './GoalForms';
import type { Goal, GoalStatus, GoalStatusValue, Indicator } from './types';

const COLOR: Record<GoalStatusValue, string> = { uppfyllt: 'green', 'delvis uppfyllt': 'orange', 'ej uppfyllt': 'red', pågår: 'blue' };

export function GoalStatusBadge({ status }: { status?: GoalStatus }) {
  const { t } = useTranslation('goals');
  if (!status) return <Text size="sm">{t('noStatus')}</Text>;
  return (
    <Badge color={COLOR[status.status]} variant="light" tt="none">
      {t(`status.${status.status}`)}
    </Badge>
  );
}

type Dialog =
  | { kind: 'goal'; goal?: Goal }
  | { kind: 'indicator'; goal: Goal; indicator?: Indicator }
  | { kind: 'status'; goal: Goal; indicator?: Indicator };

const statusOf = (list: GoalStatus[], year: number) => list.find((s) => s.year === year);

/** Mål: the nämnd's goals with indicators, and the year's status and comment for each. */
export default function GoalsPage() {
  const { t } = useTranslation('goals');
  const { can } = useSession();
  const { selected } = useSelectedOrg();
  const manage = can('plan.manage');
  const [year, setYear] = useState(thisYear());
  const [openId, setOpenId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const goals = useQuery({
    queryKey: ['goals', selected?.slug],
    queryFn: () => api.get<Goal[]>('/goals', { org: selected!.slug }),
    enabled: !!selected,
  });

  if (!selected) return <NeedOrg title={t('title')} />;
  const open = goals.data?.find((g) => g.id === openId) ?? null;
  const years = yearChoices((goals.data ?? []).flatMap((g) => [...g.statuses, ...g.indicators.flatMap((i) => i.statuses)].map((s) => s.year)));

  const columns: RegisterColumn<Goal>[] = [
    { key: 'code', header: t('field.code'), value: (g) => g.code },
    { key: 'title', header: t('field.title'), value: (g) => g.title },
    { key: 'indicators', header: t('field.indicators'), value: (g) => g.indicators.length },
    { key: 'status', header: t('statusYear', { year }), value: (g) => (statusOf(g.statuses, year) ? t(`status.${statusOf(g.statuses, year)!.status}`) : ''), render: (g) => <GoalStatusBadge status={statusOf(g.statuses, year)} /> },
    { key: 'comment', header: t('field.comment'), value: (g) => statusOf(g.statuses, year)?.comment ?? '' },
    { key: 'org', header: t('field.org'), value: (g) => g.org.name, hidden: true },
  ];

  return (
    <RegisterPage<Goal>
      ns="goals" org={selected} exportPrefix="mal" exportSuffix={year}
      columns={columns}
      rowKey={(g) => g.id}
      data={goals.data}
      loading={goals.isPending}
      error={goals.error}
      toolbar={
        <>
          <NativeSelect label={t('year')} value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))} data={years.map(String)} w={120} />
          {manage && <Button onClick={() => setDialog({ kind: 'goal' })}>{t('new')}</Button>}
        </>
      }
      actions={(g) => (
        <Button size="xs" variant={openId === g.id ? 'filled' : 'default'} aria-pressed={openId === g.id} onClick={() => setOpenId(openId === g.id ? null : g.id)} aria-label={t('showOne', { code: g.code })}>
          {t('show')}
        </Button>
      )}
    >
      {open && (
        <Card withBorder component="section" aria-labelledby="goal-detail-title">
          <Stack>
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={2} size="h3" id="goal-detail-title">
                  {open.code} {open.title}
                </Title>
                {open.description && <Text mt={4}>{open.description}</Text>}
              </div>
              {manage && (
                <Group gap="xs">
                  <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'goal', goal: open })}>
                    {t('editGoal')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'indicator', goal: open })}>
                    {t('newIndicator')}
                  </Button>
                </Group>
              )}
            </Group>
            <TableScroll minWidth={500}>
              <Table verticalSpacing="xs">
                <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{t('detailCaption', { year })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('field.what')}</Table.Th>
                    <Table.Th scope="col">{t('statusYear', { year })}</Table.Th>
                    <Table.Th scope="col">{t('field.comment')}</Table.Th>
                    {manage && <Table.Th scope="col">{t('actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th scope="row">{t('wholeGoal')}</Table.Th>
                    <Table.Td>
                      <GoalStatusBadge status={statusOf(open.statuses, year)} />
                    </Table.Td>
                    <Table.Td>{statusOf(open.statuses, year)?.comment}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'status', goal: open })} aria-label={t('setStatusFor', { what: t('wholeGoal') })}>
                          {t('setStatus')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                  {open.indicators.map((ind) => (
                    <Table.Tr key={ind.id}>
                      <Table.Th scope="row" fw={400}>
                        {ind.text}
                      </Table.Th>
                      <Table.Td>
                        <GoalStatusBadge status={statusOf(ind.statuses, year)} />
                      </Table.Td>
                      <Table.Td>{statusOf(ind.statuses, year)?.comment}</Table.Td>
                      {manage && (
                        <Table.Td className="nowrap">
                          <Button size="xs" variant="default" mr={4} onClick={() => setDialog({ kind: 'status', goal: open, indicator: ind })} aria-label={t('setStatusFor', { what: ind.text.slice(0, 60) })}>
                            {t('setStatus')}
                          </Button>
                          <Button size="xs" variant="subtle" onClick={() => setDialog({ kind: 'indicator', goal: open, indicator: ind })} aria-label={t('editIndicatorOne', { what: ind.text.slice(0, 60) })}>
                            {t('editIndicator')}
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
      )}
      {dialog?.kind === 'goal' && (
        <GoalModal org={selected} goal={dialog.goal} onClose={() => setDialog(null)} onSaved={(g) => setOpenId(g.id)} />
      )}
      {dialog?.kind === 'indicator' && <IndicatorModal goal={dialog.goal} indicator={dialog.indicator} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'status' && (
        <StatusModal
          goal={dialog.goal}
          indicator={dialog.indicator}
          year={year}
          current={statusOf(dialog.indicator ? dialog.indicator.statuses : dialog.goal.statuses, year)}
          onClose={() => setDialog(null)}
        />
      )}
    </RegisterPage>
  );
}
