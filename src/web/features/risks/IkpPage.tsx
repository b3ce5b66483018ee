import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Checkbox, Group, NativeSelect, Radio, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage, fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { useOwnVors, vorQuery } from './api';
import { DecisionText, IkpBadge, RiskValue } from './badges';
import { SubNav } from './SubNav';
import type { Vor, VorEvent } from './types';
import { FormActions } from '../../components/FormActions';

type Row = VorEvent & { arbetssatt: string };

/** Ledningens IKP-beslut: the proposed risks of one year's VoR, a decision per risk, approve or reopen the VoR. */
export default function IkpPage() {
  const { t, i18n } = useTranslation('risks');
  const { can } = useSession();
  const { selected } = useSelectedOrg();
  const list = useOwnVors(selected);
  const [vorId, setVorId] = useState<string | null>(null);
  useEffect(() => {
    if (!list.own.some((v) => v.id === vorId)) setVorId(list.own[0]?.id ?? null);
  }, [list.own, vorId]);
  const vor = useQuery(vorQuery(vorId));
  const [all, setAll] = useState(false);
  const [deciding, setDeciding] = useState<string | null>(null);
  const decide = can('risk.decide');
  const rows: Row[] = (vor.data?.processes ?? []).flatMap((p) => p.arbetssatt.flatMap((a) => a.events.map((e) => ({ ...e, arbetssatt: a.name }))));
  const shown = rows.filter((r) => all || r.ikpProposed || r.ikpDecision?.inIkp).sort((a, b) => b.riskvarde - a.riskvarde);
  const current = rows.find((r) => r.id === deciding);

  return (
    <Stack>
      <Title order={1}>{t('ikp.title')}</Title>
      <SubNav />
      {!selected ? (
        <Alert color="orange">{t('needOrg')}</Alert>
      ) : (
        <>
          <Text>{t('ikp.intro', { org: selected.name })}</Text>
          {list.isSuccess && list.own.length === 0 && <Text>{t('vor.none')}</Text>}
          {list.own.length > 0 && (
            <Group align="flex-end">
              <NativeSelect
                label={t('vor.year')}
                value={vorId ?? ''}
                onChange={(e) => setVorId(e.currentTarget.value)}
                data={list.own.map((v) => ({ value: v.id, label: `${v.year} (${t(`vor.status.${v.status}`)})` }))}
              />
              <Checkbox label={t('ikp.showAll')} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} mb={8} />
            </Group>
          )}
          {vor.isError && (
            <Alert color="red" role="alert">
              {errorMessage(vor.error, i18n.language)}
            </Alert>
          )}
          {vor.data && (
            <>
              <Group gap="sm">
                <Title order={2} size="h3">
                  {t('ikp.heading', { year: vor.data.year })}
                </Title>
                <Badge color={vor.data.status === 'godkand' ? 'green.9' : 'gray.8'} variant={vor.data.status === 'godkand' ? 'filled' : 'outline'} tt="none">
                  {t(`vor.status.${vor.data.status}`)}
                </Badge>
              </Group>
              <Text size="sm">
                {t('vor.threshold', { threshold: vor.data.threshold })} · {t('ikp.counts', { proposed: rows.filter((r) => r.ikpProposed).length, decided: rows.filter((r) => r.ikpDecision).length, total: rows.length })}
              </Text>
              {shown.length === 0 ? (
                <Text>{t('ikp.noneProposed')}</Text>
              ) : (
                <TableScroll minWidth={800}>
                  <Table className="risk-table" striped aria-label={t('ikp.tableLabel', { year: vor.data.year })}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('event.field.arbetssatt')}</Table.Th>
                        <Table.Th>{t('event.field.title')}</Table.Th>
                        <Table.Th className="num">{t('event.riskvarde')}</Table.Th>
                        <Table.Th>{t('event.field.motivation')}</Table.Th>
                        <Table.Th>{t('event.field.proposal')}</Table.Th>
                        <Table.Th>{t('event.field.decision')}</Table.Th>
                        {decide && <Table.Th>{t('ikp.decide')}</Table.Th>}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {shown.map((r) => (
                        <Table.Tr key={r.id}>
                          <Table.Td>{r.arbetssatt}</Table.Td>
                          <Table.Td>{r.title}</Table.Td>
                          <Table.Td className="num">
                            <RiskValue value={r.riskvarde} band={r.band} />
                          </Table.Td>
                          <Table.Td style={{ maxWidth: '24rem' }}>
                            <Text size="sm">{r.motivation}</Text>
                          </Table.Td>
                          <Table.Td className="nowrap">
                            <IkpBadge proposed={r.ikpProposed} />
                          </Table.Td>
                          <Table.Td>
                            <DecisionText decision={r.ikpDecision} />
                            {r.ikpDecision && (
                              <Text size="xs">
                                {t('ikp.decidedBy', { who: r.ikpDecision.decidedByName, when: formatDateTime(r.ikpDecision.decidedAt) })}
                                {r.ikpDecision.comment && <> – {r.ikpDecision.comment}</>}
                              </Text>
                            )}
                          </Table.Td>
                          {decide && (
                            <Table.Td>
                              <Button size="compact-sm" onClick={() => setDeciding(r.id)} aria-label={t('ikp.decideOne', { title: r.title })}>
                                {t('ikp.decide')}
                              </Button>
                            </Table.Td>
                          )}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </TableScroll>
              )}
              {decide && <ApproveControls vor={vor.data} />}
            </>
          )}
        </>
      )}
      {current && <DecisionDialog event={current} onClose={() => setDeciding(null)} />}
    </Stack>
  );
}

function DecisionDialog({ event, onClose }: { event: Row; onClose: () => void }) {
  const { t, i18n } = useTranslation('risks');
  const qc = useQueryClient();
  const [choice, setChoice] = useState(event.ikpDecision ? (event.ikpDecision.inIkp ? 'in' : 'out') : event.ikpProposed ? 'in' : 'out');
  const [comment, setComment] = useState(event.ikpDecision?.comment ?? '');
  const submit = useSubmit(() => api.post<VorEvent>(`/risks/vor-events/${event.id}/ikp-decision`, { version: event.version, inIkp: choice === 'in', comment }));
  const reload = () => void qc.invalidateQueries({ queryKey: ['risks'] }).then(onClose);
  async function save(e: FormEvent) {
    e.preventDefault();
    if (await submit.run()) reload();
  }
  return (
    <Dialog opened onClose={onClose} title={t('ikp.dialogTitle')} size="lg">
      <form onSubmit={save} noValidate>
        <Stack>
          <Text>
            <strong>{event.title}</strong> – {t('event.riskvarde')} {event.riskvarde}. <IkpBadge proposed={event.ikpProposed} />
          </Text>
          {event.motivation && <Text size="sm">{event.motivation}</Text>}
          <ProblemAlert error={submit.error} fields={['inIkp', 'comment']} onReload={reload} />
          <Radio.Group label={t('ikp.decision')} value={choice} onChange={setChoice} required error={fieldError(submit.error, 'inIkp', i18n.language)}>
            <Stack gap={6} mt={6}>
              <Radio value="in" label={t('ikp.in')} data-autofocus />
              <Radio value="out" label={t('ikp.out')} />
            </Stack>
          </Radio.Group>
          <Textarea label={t('ikp.comment')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={fieldError(submit.error, 'comment', i18n.language)} />
          <FormActions busy={submit.busy} submitLabel={t('ikp.save')} onCancel={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}

function ApproveControls({ vor }: { vor: Vor }) {
  const { t, i18n } = useTranslation('risks');
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const approved = vor.status === 'godkand';
  // Proposed to the IKP without management's decision: said before approving, which locks the assessment.
  const undecided = vor.processes.flatMap((p) => p.arbetssatt.flatMap((a) => a.events)).filter((e) => e.ikpProposed && e.ikpDecision === null).length;
  const submit = useSubmit(() => api.post<Vor>(`/risks/vor/${vor.id}/${approved ? 'reopen' : 'approve'}`, { version: vor.version, comment }));
  const reload = () => void qc.invalidateQueries({ queryKey: ['risks'] }).then(() => setOpen(false));
  async function save(e: FormEvent) {
    e.preventDefault();
    if (await submit.run()) {
      setComment('');
      reload();
    }
  }
  return (
    <>
      <Group>
        {approved && vor.approvedAt && <Text size="sm">{t('ikp.approvedBy', { who: vor.approvedBy ?? '', when: formatDateTime(vor.approvedAt) })}</Text>}
        <Button variant={approved ? 'default' : 'filled'} onClick={() => setOpen(true)}>
          {approved ? t('ikp.reopen') : t('ikp.approve')}
        </Button>
      </Group>
      {open && (
        <Dialog opened onClose={() => setOpen(false)} title={approved ? t('ikp.reopenTitle', { year: vor.year }) : t('ikp.approveTitle', { year: vor.year })}>
          <form onSubmit={save} noValidate>
            <Stack>
              <Text size="sm">{approved ? t('ikp.reopenHelp') : t('ikp.approveHelp')}</Text>
              {!approved && undecided > 0 && <Alert color="orange">{t('ikp.undecided', { count: undecided })}</Alert>}
              <ProblemAlert error={submit.error} fields={['comment']} onReload={reload} />
              <Textarea label={t('ikp.comment')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={fieldError(submit.error, 'comment', i18n.language)} data-autofocus />
              <FormActions busy={submit.busy} submitLabel={approved ? t('ikp.reopen') : t('ikp.approve')} onCancel={() => setOpen(false)} />
            </Stack>
          </form>
        </Dialog>
      )}
    </>
  );
}
