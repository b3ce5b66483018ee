import { useMemo, useState } from 'react';
import { Alert, Button, Card, Group, Loader, NativeSelect, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { RegisterImport } from '../../components/ImportDialog';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { formatNumber } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { NeedOrg, thisYear, yearChoices } from '../plans/shared';
import { CompletionForm, SessionForm } from './TrainingForms';
import { completionPercent, courseOrder, formatPercent, type TrainingCompletion, type TrainingSession } from './types';

type Dialog = { kind: 'session'; session?: TrainingSession } | { kind: 'completion'; completion?: TrainingCompletion };

const caption = { captionSide: 'top', textAlign: 'left' } as const;
/** Bar colour by share: the seeds want every employee through the mandatory courses. */
const colorOf = (p: number) => (p >= 90 ? 'teal' : p >= 75 ? 'yellow' : 'red');

/** A share as a bar beside its number; the bar is named for screen readers, the number is what all read. */
function Share({ percent, label }: { percent: number; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={Math.min(100, percent)} color={colorOf(percent)} w={90} size="md" aria-label={label} />
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {formatPercent(percent)}
      </Text>
    </Group>
  );
}

/** Per course: sums of employees and completed over the units, and their share. */
function totalsOf(list: TrainingCompletion[]) {
  const sums = new Map<string, { employees: number; completed: number }>();
  for (const c of list) {
    const s = sums.get(c.course) ?? { employees: 0, completed: 0 };
    sums.set(c.course, { employees: s.employees + c.employees, completed: s.completed + c.completed });
  }
  return [...sums].sort(([a], [b]) => courseOrder(a, b))
    .map(([course, s]) => ({ course, ...s, percent: completionPercent(s.completed, s.employees) ?? 0 }));
}

/** Utbildning: the year's trainings held and the e-course completion per unit, for the chosen organisation and below. */
export default function TrainingPage() {
  const { t } = useTranslation('training');
  const { can } = useSession();
  const { orgs, selected } = useSelectedOrg();
  const manage = can('plan.manage');
  const [year, setYear] = useState(thisYear());
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const query = { org: selected?.slug, year, subtree: 'true' };
  const sessions = useQuery({
    queryKey: ['training', 'sessions', selected?.slug, year],
    queryFn: () => api.get<TrainingSession[]>('/training/sessions', query),
    enabled: !!selected,
  });
  const completions = useQuery({
    queryKey: ['training', 'completions', selected?.slug, year],
    queryFn: () => api.get<TrainingCompletion[]>('/training/completions', query),
    enabled: !!selected,
  });
  const done = useMemo(() => completions.data ?? [], [completions.data]);
  const totals = useMemo(() => totalsOf(done), [done]);

  if (!selected) return <NeedOrg title={t('title')} />;
  const held = sessions.data ?? [];

  return (
    <Stack>
      <PageHeader title={t('title')} intro={t('intro', { org: selected.name })}>
        <NativeSelect label={t('field.year')} value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))} data={yearChoices([year], 3, 1).map(String)} w={120} />
      </PageHeader>

      <Card withBorder component="section" aria-labelledby="training-sessions">
        <Group justify="space-between" align="flex-start" mb="sm">
          <Title order={2} size="h3" id="training-sessions">
            {t('session.heading', { year })}
          </Title>
          {manage && <Button onClick={() => setDialog({ kind: 'session' })}>{t('session.new')}</Button>}
        </Group>
        <ProblemAlert error={sessions.error} />
        {sessions.isPending && <Loader aria-label={t('common:loading')} />}
        {sessions.data && held.length === 0 && <Alert color="gray">{t('session.empty', { year })}</Alert>}
        {held.length > 0 && (
          <TableScroll minWidth={700}>
            <Table verticalSpacing="xs">
              <Table.Caption style={caption}>{t('session.caption', { year, org: selected.name })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('field.heldOn')}</Table.Th>
                  <Table.Th scope="col">{t('field.title')}</Table.Th>
                  <Table.Th scope="col">{t('field.kind')}</Table.Th>
                  <Table.Th scope="col">{t('field.audience')}</Table.Th>
                  <Table.Th scope="col">{t('field.givenBy')}</Table.Th>
                  <Table.Th scope="col" ta="right">{t('field.participants')}</Table.Th>
                  <Table.Th scope="col">{t('field.org')}</Table.Th>
                  {manage && <Table.Th scope="col">{t('actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {held.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.heldOn}</Table.Td>
                    <Table.Th scope="row" fw={500}>
                      {s.title}
                      {s.comment && (
                        <Text size="xs" c="dimmed" fw={400}>
                          {s.comment}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td>{t(`kind.${s.kind}`)}</Table.Td>
                    <Table.Td>{s.audience}</Table.Td>
                    <Table.Td>{s.givenBy}</Table.Td>
                    <Table.Td ta="right">{s.participants === null ? '' : formatNumber(s.participants)}</Table.Td>
                    <Table.Td>{s.org.name}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'session', session: s })} aria-label={t('session.editOne', { title: s.title })}>
                          {t('edit')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="training-completions">
        <Group justify="space-between" align="flex-start" mb="sm">
          <div>
            <Title order={2} size="h3" id="training-completions">
              {t('completion.heading', { year })}
            </Title>
            <Text size="sm" c="dimmed">
              {t('completion.intro')}
            </Text>
          </div>
          {manage && (
            <Group gap="md" align="center">
              <RegisterImport ns="training" base="/training/completions" queryKey="training" org={selected} manage query={{ year }} />
              <Button onClick={() => setDialog({ kind: 'completion' })}>{t('completion.new')}</Button>
            </Group>
          )}
        </Group>
        <ProblemAlert error={completions.error} />
        {completions.isPending && <Loader aria-label={t('common:loading')} />}
        {completions.data && done.length === 0 && <Alert color="gray">{t('completion.empty', { year })}</Alert>}
        {done.length > 0 && (
          <TableScroll minWidth={700}>
            <Table verticalSpacing="xs">
              <Table.Caption style={caption}>{t('completion.caption', { year, org: selected.name })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('field.unit')}</Table.Th>
                  <Table.Th scope="col">{t('field.course')}</Table.Th>
                  <Table.Th scope="col" ta="right">{t('field.employees')}</Table.Th>
                  <Table.Th scope="col" ta="right">{t('field.completed')}</Table.Th>
                  <Table.Th scope="col">{t('field.share')}</Table.Th>
                  <Table.Th scope="col">{t('field.comment')}</Table.Th>
                  {manage && <Table.Th scope="col">{t('actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {done.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Th scope="row" fw={500}>{c.org.name}</Table.Th>
                    <Table.Td>{c.course}</Table.Td>
                    <Table.Td ta="right">{formatNumber(c.employees)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(c.completed)}</Table.Td>
                    <Table.Td>
                      <Share percent={c.percent} label={t('completion.shareOf', { unit: c.org.name, course: c.course })} />
                    </Table.Td>
                    <Table.Td>{c.comment}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setDialog({ kind: 'completion', completion: c })}
                          aria-label={t('completion.editOne', { unit: c.org.name, course: c.course })}
                        >
                          {t('edit')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                {totals.map((x) => (
                  <Table.Tr key={x.course}>
                    <Table.Th scope="row">{t('completion.total')}</Table.Th>
                    <Table.Td fw={700}>{x.course}</Table.Td>
                    <Table.Td ta="right" fw={700}>{formatNumber(x.employees)}</Table.Td>
                    <Table.Td ta="right" fw={700}>{formatNumber(x.completed)}</Table.Td>
                    <Table.Td>
                      <Share percent={x.percent} label={t('completion.shareTotal', { course: x.course })} />
                    </Table.Td>
                    <Table.Td />
                    {manage && <Table.Td />}
                  </Table.Tr>
                ))}
              </Table.Tfoot>
            </Table>
          </TableScroll>
        )}
      </Card>

      {dialog?.kind === 'session' && <SessionForm orgs={orgs} top={selected} year={year} session={dialog.session} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'completion' && (
        <CompletionForm orgs={orgs} top={selected} year={year} courses={done.map((c) => c.course)} completion={dialog.completion} onClose={() => setDialog(null)} />
      )}
    </Stack>
  );
}
