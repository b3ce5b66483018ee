import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { actorText, formatDateTime } from '../../format';
import { fetchDocument, saveBlob, useIso93, useVersions } from './api';
import { STATUS_COLOR, type Report } from './types';
import { earlierYears } from './years';

type Step = 'submit' | 'return' | 'approve' | 'new-draft';

export function StatusBadge({ report }: { report: Report }) {
  const { t } = useTranslation('reports');
  return <Badge color={STATUS_COLOR[report.status]} variant={report.status === 'godkand' ? 'filled' : 'light'} tt="none">{t(`status.${report.status}`)} · {t('revision', { n: report.revision })}</Badge>;
}

/** Who approved the report's current version, and when (as the approved documents say it). */
export function ApprovedBy({ report }: { report: Report }) {
  const { t } = useTranslation('reports');
  const versions = useVersions(report.id);
  const v = report.status === 'godkand' ? versions.data?.find((x) => x.revision === report.revision) : undefined;
  if (!v) return null;
  return <Text size="sm">{t('approvedBy', { who: actorText(v.approvedBy, t), when: formatDateTime(v.approvedAt) })}</Text>;
}

/** The page's status line (StatusBadge and ApprovedBy): where focus goes after a workflow step that leaves no button. */
export const STATUS_LINE_ID = 'report-status-line';

/**
 * Set by a workflow step, read when the bar is drawn next: the report that comes back may be drawn anew (a new
 * version), so the step's own component may not be the one that moves focus.
 */
let focusAfterStep = false;

/** Workflow buttons (Utkast → Under granskning → Godkänd → ny version). Approval refused for missing ISO 9.3 inputs lists them here. */
export function WorkflowBar({ report, onChanged, onReload }: { report: Report; onChanged: (r: Report) => void; onReload: () => void }) {
  const { t, i18n } = useTranslation('reports');
  const { can } = useSession();
  const [last, setLast] = useState<Step | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  const step = useSubmit(async (s: Step) => {
    setLast(s);
    const next = await api.post<Report>(`/reports/${report.id}/${s}`, { version: report.version });
    focusAfterStep = true;
    onChanged(next);
  });
  // After a step its button is gone: focus the next step's button, else the status line (WCAG 2.4.3).
  useEffect(() => {
    if (!focusAfterStep) return;
    focusAfterStep = false;
    (bar.current?.querySelector<HTMLElement>('button:not([disabled])') ?? document.getElementById(STATUS_LINE_ID))?.focus();
  }, [report.status, report.revision]);
  // Headings carried forward that name an earlier year ("… 2025" in the 2026 report): the ISAM sees them marked in the
  // outline; here both the ISAM and the approver see them, and approval asks that they have been checked.
  const stale = report.status === 'godkand' ? [] : report.outline.filter((s) => !s.hidden && earlierYears(s.title, report.year).length > 0);
  const [checked, setChecked] = useState(false);
  const mustCheck = report.status === 'under_granskning' && stale.length > 0 && can('report.approve');
  const err = step.error;
  const uncovered = err instanceof ApiError && err.code === 'iso93_uncovered' ? ((err.problem.uncovered as string[] | undefined) ?? []) : null;
  const btn = (s: Step, label: string, perm: 'report.edit' | 'report.approve', variant = 'filled', held = false) =>
    can(perm) && (
      <Button key={s} variant={variant} onClick={() => void step.run(s)} loading={step.busy && last === s} disabled={step.busy || held}>
        {label}
      </Button>
    );
  return (
    <Stack gap="xs">
      {stale.length > 0 && (
        <Alert color="orange" title={t('workflow.staleTitle', { year: report.year })}>
          <List size="sm">
            {stale.map((s) => (
              <List.Item key={s.id}>{`${s.number ? `${s.number} ` : ''}${s.title}`}</List.Item>
            ))}
          </List>
          {mustCheck && (
            <Checkbox mt="xs" label={t('workflow.staleChecked', { year: report.year })} checked={checked} onChange={(e) => setChecked(e.currentTarget.checked)} />
          )}
        </Alert>
      )}
      <Group gap="xs" align="flex-start" ref={bar}>
        {report.status === 'utkast' && btn('submit', t('workflow.submit'), 'report.edit')}
        {report.status === 'under_granskning' && btn('approve', t('workflow.approve'), 'report.approve', 'filled', mustCheck && !checked)}
        {report.status === 'under_granskning' && btn('return', t('workflow.return'), 'report.edit', 'default')}
        {report.status === 'godkand' && btn('new-draft', t('workflow.newDraft'), 'report.edit')}
        {uncovered && (
          <Alert color="red" role="alert" title={t('workflow.uncoveredTitle')} className="uncovered-alert">
            <Text size="sm">{t('workflow.uncoveredText')}</Text>
            <List size="sm" mt={4}>
              {uncovered.map((k) => <List.Item key={k}>({k}) {t(`iso.inputs.${k}`)}</List.Item>)}
            </List>
            <Anchor component={Link} to="/ledningens-genomgang" size="sm" c="inherit" underline="always">{t('workflow.toReview')}</Anchor>
          </Alert>
        )}
      </Group>
      {!uncovered && err ? <ProblemAlert error={err} onReload={onReload} /> : null}
      {!uncovered && err && !(err instanceof ApiError) ? <Text size="sm">{errorMessage(err, i18n.language)}</Text> : null}
    </Stack>
  );
}

/** DOCX/PDF/HTML downloads: fetched as a blob so a spinner shows while the server renders. */
export function Downloads({ path, query = {}, label }: { path: string; query?: Record<string, string | number | undefined>; label?: string }) {
  const { t, i18n } = useTranslation('reports');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const get = async (format: 'docx' | 'pdf' | 'html') => {
    setBusy(format);
    setError(null);
    try {
      const { blob, fileName } = await fetchDocument(path, { ...query, format });
      saveBlob(blob, fileName);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap={4}>
      <Group gap="xs" role="group" aria-label={label ?? t('download.group')}>
        {(['docx', 'pdf', 'html'] as const).map((f) => (
          <Button key={f} size="xs" variant="light" onClick={() => void get(f)} loading={busy === f} disabled={!!busy && busy !== f}>
            {t(`download.${f}`)}
          </Button>
        ))}
      </Group>
      <div role="status" aria-live="polite">
        {busy && (
          <Group gap={6}>
            <Loader size="xs" aria-hidden />
            <Text size="sm">{t('download.rendering', { format: busy.toUpperCase() })}</Text>
          </Group>
        )}
      </div>
      {error ? <Alert color="red" role="alert">{errorMessage(error, i18n.language)}</Alert> : null}
    </Stack>
  );
}

/** ISO 27001 9.3.2 (a)–(g): which inputs the report covers and which are still missing. */
export function Iso93Panel({ report }: { report: Report }) {
  const { t, i18n } = useTranslation('reports');
  const q = useIso93(report.id, report.version);
  return (
    <Card withBorder component="section" aria-labelledby="iso93-title">
      <Title order={2} size="h4" id="iso93-title" mb="xs">{t('iso.title')}</Title>
      {q.isPending && <Loader size="xs" aria-label={t('iso.loading')} />}
      {q.isError && <Alert color="red" role="alert">{errorMessage(q.error, i18n.language)}</Alert>}
      {q.data && (
        <>
          <Text size="sm" mb={4}>{q.data.complete ? t('iso.complete') : t('iso.incomplete', { n: q.data.uncovered.length })}</Text>
          <ul className="iso-list">
            {q.data.inputs.map((i) => (
              <li key={i.key} className={i.covered || i.notApplicable ? 'ok' : 'missing'}>
                <Text size="sm" span fw={600}>({i.key}) </Text>
                <Text size="sm" span>{i18n.language.startsWith('en') ? i.title_en : i.title_sv}: </Text>
                <Text size="sm" span fw={600} c={i.covered || i.notApplicable ? undefined : 'red.9'}>
                  {i.covered ? `✓ ${t('iso.covered')}` : i.notApplicable ? `✓ ${t('iso.notApplicable', { reason: i.reason })}` : `✗ ${t('iso.missing')}`}
                </Text>
                {!i.covered && !i.notApplicable && i.reportSections.length > 0 && (
                  <Text size="xs" c="dimmed">{t('iso.fillIn', { sections: i.reportSections.map((s) => `${s.number ?? ''} ${s.title}`.trim()).join(', ') })}</Text>
                )}
              </li>
            ))}
          </ul>
          <Anchor component={Link} to="/ledningens-genomgang" size="sm">{t('iso.toReview')}</Anchor>
        </>
      )}
    </Card>
  );
}
