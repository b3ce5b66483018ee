import { useRef, useState } from 'react';
import { Alert, Anchor, Badge, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage, ProblemAlert } from '../../components/problem';
import { useFocusLater } from '../../components/useFocusLater';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';
import { categoriesQuery, incidentQuery, useHandlerOptions } from './api';
import { StatusBadge } from './badges';
import { ActionsSection } from './ActionsSection';
import { BreachSection } from './BreachSection';
import { AttachmentsSection, CommentsSection, SupplementSection } from './Children';
import { ClocksPanel } from './ClocksPanel';
import { EditForm } from './EditForm';
import { Fact } from './Fact';
import { LinksPanel } from './LinksPanel';
import type { IncidentDetail, Status } from './types';
import { KIND_KEY, STATUS_KEY } from './types';
import { COLORS } from './util';

/** One incident: facts, status changes, legal clocks, a personal data breach's documentation, åtgärder, comments, attachments, links (kopplingar), history. */
export default function DetailPage() {
  const { t, i18n } = useTranslation('incidents');
  const { id } = useParams({ strict: false }) as { id: string };
  const { can } = useSession();
  const qc = useQueryClient();
  const query = useQuery({ ...incidentQuery(id), staleTime: 0 });
  const incident = query.data;
  const [editing, setEditing] = useState(false);
  // The status a move led to (on this incident), said in a live region; focus goes to the section's heading (the button is gone).
  const [movedTo, setMoved] = useState<{ id: string; status: Status } | null>(null);
  const moved = movedTo?.id === id ? movedTo.status : null;
  const focusLater = useFocusLater();
  const editButton = useRef<HTMLButtonElement>(null);
  const editArea = useRef<HTMLDivElement>(null);
  const statusHeading = useRef<HTMLHeadingElement>(null);
  const confirmQuestion = useRef<HTMLParagraphElement>(null);
  const lapseButton = useRef<HTMLButtonElement>(null);
  // The status waiting for a yes (only Förfallen asks).
  const [confirming, setConfirming] = useState<Status | null>(null);
  const stopEditing = () => {
    setEditing(false);
    focusLater(() => editButton.current);
  };
  const manage = can('incident.manage') && (incident?.allowedStatuses.length ?? 0) > 0;
  // Only people who may read this incident can be its handler or an action owner (the server refuses others).
  const handlers = useHandlerOptions(
    incident?.org.slug ?? null,
    incident ? { orgIds: [incident.org.id], orgSlugs: [incident.org.slug], protectedIdentity: incident.protectedIdentity } : undefined,
  );
  const categories = useQuery({ ...categoriesQuery(incident?.org.slug ?? null), enabled: !!incident && manage }).data ?? [];
  // Without incident.read the register is closed to the user (a reporter opening their own report): back to their reports.
  const back = can('incident.read')
    ? { to: '/incidenter', label: t('detail.back') }
    : can('incident.report')
      ? { to: '/mina-rapporter', label: t('detail.backToMine') }
      : { to: '/', label: t('detail.backToStart') };
  const move = useSubmit((to: Status) => api.patch<IncidentDetail>(`/incidents/${id}`, { version: incident!.version, status: to }));

  // No (Avbryt or Escape): the question goes and focus returns to the button that asked it.
  const cancelConfirm = () => {
    setConfirming(null);
    focusLater(() => lapseButton.current);
  };
  const moveTo = async (to: Status) => {
    setMoved(null);
    const r = await move.run(to);
    setConfirming(null);
    if (r) {
      saved(r);
      setMoved({ id, status: r.status });
    }
    focusLater(() => statusHeading.current);
  };
  const reload = () => {
    move.reset();
    void query.refetch();
  };
  const saved = (i: IncidentDetail) => {
    qc.setQueryData(incidentQuery(id).queryKey, i);
    void qc.invalidateQueries({ queryKey: ['register', 'incidents'] });
  };

  if (query.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label={t('common:loading')} />
      </Center>
    );
  }
  if (query.isError || !incident) {
    return (
      <Stack>
        <Title order={1}>{t('detail.notFound')}</Title>
        <Alert color="red" role="alert">
          {errorMessage(query.error, i18n.language, t('detail.missing'))}
        </Alert>
        <Anchor component={Link} to={back.to}>
          {back.label}
        </Anchor>
      </Stack>
    );
  }

  const fact = (label: string, value: string | null | undefined) => <Fact label={label} value={value} />;
  const yes = (b: boolean | null) => (b === null ? null : b ? t('yes') : t('no'));

  return (
    <Stack>
      <Anchor component={Link} to={back.to} size="sm">
        {back.label}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={700}>
            {incident.number}
            {incident.externalId ? ` · ${incident.externalId}` : ''}
          </Text>
          <Title order={1}>{incident.title}</Title>
          <Group gap="xs" mt={4}>
            <StatusBadge status={incident.status} />
            {incident.overdue && (
              <Badge color={COLORS.red} variant="filled" tt="none">
                {t('overdue')}
              </Badge>
            )}
            {incident.protectedIdentity && (
              <Badge color={COLORS.violet} variant="filled" tt="none">
                {t('protected.badge')}
              </Badge>
            )}
          </Group>
        </div>
      </Group>

      {incident.protected && (
        <Alert color="violet" title={t('protected.title')} role="note">
          {t('protected.notice')}
        </Alert>
      )}

      {manage && (
        <Paper withBorder p="md" component="section" aria-labelledby="status-title">
          <Title order={2} size="h3" id="status-title" mb="xs" ref={statusHeading} tabIndex={-1}>
            {t('detail.changeStatus')}
          </Title>
          {confirming ? (
            <Group gap="xs" onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                cancelConfirm();
              }
            }}>
              <Text size="sm" id="lapse-question" ref={confirmQuestion} tabIndex={-1}>
                {t('detail.lapseConfirm')}
              </Text>
              <Button color="red" loading={move.busy} aria-describedby="lapse-question" onClick={() => void moveTo(confirming)}>
                {t('detail.lapseYes')}
              </Button>
              <Button variant="default" onClick={cancelConfirm}>
                {t('common:cancel')}
              </Button>
            </Group>
          ) : (
            <Group gap="xs">
              {incident.allowedStatuses.map((s) => (
                <Button key={s} variant="outline" loading={move.busy} ref={s === 'Förfallen' ? lapseButton : undefined} onClick={() => {
                  // Förfallen ends the case without a result: asked first, so a slip of the hand does not close it.
                  if (s === 'Förfallen') {
                    setMoved(null);
                    setConfirming(s);
                    focusLater(() => confirmQuestion.current);
                  } else void moveTo(s);
                }}>
                  {t('detail.moveTo', { status: t(`status.${STATUS_KEY[s]}`) })}
                </Button>
              ))}
            </Group>
          )}
          <Text size="sm" role="status" mt={moved ? 'xs' : 0}>
            {moved && t('detail.moved', { status: t(`status.${STATUS_KEY[moved]}`) })}
          </Text>
          <ProblemAlert error={move.error} onReload={reload} />
        </Paper>
      )}

      {!incident.reporterView && <ClocksPanel incident={incident} />}

      <Paper withBorder p="md" component="section" aria-labelledby="facts-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h3" id="facts-title">
            {editing ? t('detail.editTitle') : t('detail.facts')}
          </Title>
          {manage && !editing && (
            <Button variant="default" ref={editButton} onClick={() => {
              setEditing(true);
              focusLater(() => editArea.current?.querySelector<HTMLElement>('input, textarea, select'));
            }}>
              {t('detail.edit')}
            </Button>
          )}
        </Group>
        {editing ? (
          <div ref={editArea}>
            <EditForm
              key={incident.version}
              incident={incident}
              handlers={handlers}
              categories={categories}
              onSaved={(i) => {
                saved(i);
                stopEditing();
              }}
              onCancel={stopEditing}
              onReload={reload}
            />
          </div>
        ) : (
          <Stack>
            {incident.protected ? (
              <Text size="sm" fs="italic">
                {t('protected.description')}
              </Text>
            ) : (
              <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{incident.description || t('detail.noDescription')}</Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" m={0}>
              {fact(t('field.org'), incident.org.name + (incident.unitText ? ` (${incident.unitText})` : ''))}
              {fact(t('field.kind'), incident.kind ? t(`kind.${KIND_KEY[incident.kind] ?? 'x'}`, { defaultValue: incident.kind }) : null)}
              {fact(t('field.category'), incident.category)}
              {fact(t('field.personalData'), t(`pd.${incident.personalData}`))}
              {fact(t('field.occurredAt'), formatDateTime(incident.occurredAt))}
              {fact(t('field.discoveredAt'), formatDateTime(incident.discoveredAt))}
              {fact(t('field.reportedAt'), formatDateTime(incident.reportedAt))}
              {fact(t('field.handler'), incident.handler?.name)}
              {/* The reporter's view carries no assessment (the handlers' own): "Ej bedömd" there would be untrue. */}
              {!incident.reporterView && fact(t('field.riskAssessment'), incident.riskAssessment ? t(`risk.${incident.riskAssessment}`) : t('notAssessed'))}
              {fact(t('field.reportedToImy'), yes(incident.reportedToImy))}
              {fact(t('field.imyReportedAt'), formatDateTime(incident.imyReportedAt))}
              {fact(t('field.imyReference'), incident.imyReference)}
              {/* The handlers' judgements (high risk, NIS2 significance) and their deadlines are not the reporter's. */}
              {!incident.reporterView && (
                <>
                  {fact(t('field.subjectsInformedAt'), formatDateTime(incident.subjectsInformedAt))}
                  {fact(t('field.nis2Significant'), yes(incident.nis2Significant))}
                  {fact(t('field.reportedToCsirt'), yes(incident.reportedToCsirt))}
                  {fact(t('field.csirtEarlyWarningAt'), formatDateTime(incident.csirtEarlyWarningAt))}
                  {fact(t('field.csirtNotificationAt'), formatDateTime(incident.csirtNotificationAt))}
                  {fact(t('field.csirtFinalReportAt'), formatDateTime(incident.csirtFinalReportAt))}
                </>
              )}
            </SimpleGrid>
            {/* Its own list: a dt/dd pair outside a <dl> is invalid (axe dlitem). */}
            {incident.assessmentText && (
              <dl style={{ margin: 0 }}>
                {fact(t('field.assessmentText'), incident.assessmentText)}
              </dl>
            )}
          </Stack>
        )}
      </Paper>

      {incident.reporterView ? (
        <>
          <Alert color="gray" role="note" title={t('reporterView.title')}>
            {t('reporterView.text')}
          </Alert>
          <SupplementSection incident={incident} onChange={reload} />
        </>
      ) : (
        <>
          <BreachSection incident={incident} />
          <ActionsSection incident={incident} handlers={handlers} onChange={reload} />
          <CommentsSection incident={incident} onChange={reload} />
          <AttachmentsSection incident={incident} onChange={reload} />
          <LinksPanel incident={incident} onChange={reload} />
        </>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="history-title">
        <Title order={2} size="h3" id="history-title" mb="xs">
          {t('history.title')}
        </Title>
        <ol className="incident-history">
          {incident.history.map((h, i) => (
            <li key={i}>
              <Text size="sm">
                <strong>{formatDateTime(h.at)}</strong> –{' '}
                {h.from
                  ? t('history.changed', { from: t(`status.${STATUS_KEY[h.from as Status]}`, { defaultValue: h.from }), to: t(`status.${STATUS_KEY[h.to as Status]}`, { defaultValue: h.to }) })
                  : t('history.created', { to: t(`status.${STATUS_KEY[h.to as Status]}`, { defaultValue: h.to }) })}
                {h.actor ? ` (${h.actor})` : ''} · {t(`history.source.${h.source}`, { defaultValue: h.source })}
              </Text>
            </li>
          ))}
        </ol>
      </Paper>
    </Stack>
  );
}
