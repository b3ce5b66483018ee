import './reports.css';
import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { Alert, Anchor, Button, Card, Checkbox, Grid, Group, Loader, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useSearchValues, useSearchYear } from '../../shell/search';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage, ProblemAlert } from '../../components/problem';
import { useUnsavedChanges } from '../../components/UnsavedChanges';
import { useSubmit } from '../../components/useSubmit';
import { leaveThen } from '../../shell/leaveGuard';
import { useSelectedOrg } from '../../shell/org-context';
import { rememberReport, useReportForYear } from './api';
import { OutlineEditor, type DraftSection } from './OutlineEditor';
import { Preview } from './Preview';
import { SECTION_HEADING_ID, SectionEditor, type SectionEditorHandle } from './SectionEditor';
import { useFocusLater } from '../../components/useFocusLater';
import { TemplatePanel } from './TemplatePanel';
import type { Report } from './types';
import { ApprovedBy, Downloads, Iso93Panel, STATUS_LINE_ID, StatusBadge, WorkflowBar } from './Workflow';

const ReportCharts = lazy(() => import('./ReportCharts'));

const thisYear = () => Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date()));

/** Ledningens genomgång – the report: pick a year for the selected organisation, edit, preview, approve, download. */
export default function ReportPage() {
  const { t } = useTranslation('reports');
  const { selected } = useSelectedOrg();
  const now = thisYear();
  const years = Array.from({ length: 6 }, (_, i) => now + 1 - i);
  // /rapport?ar=2025 opens that year's report (the ISO 9.3 page links here).
  const asked = useSearchYear('ar');
  const [year, setYear] = useState(() => (asked !== undefined && years.includes(asked) ? asked : now));
  // A year in the address that the page does not offer is said, not passed over in silence.
  const raw = useSearchValues().ar;
  const refused = raw !== undefined && raw !== '' && !(asked !== undefined && years.includes(asked)) ? String(raw) : null;
  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      {!selected ? (
        <Alert color="blue">{t('needOrg')}</Alert>
      ) : (
        <>
          <Group align="flex-end">
            <Text>{t('intro', { org: selected.name })}</Text>
            <NativeSelect
              label={t('year')}
              value={String(year)}
              onChange={(e) => {
                // Another year replaces the editor: unsaved text there is asked about first.
                const next = Number(e.currentTarget.value);
                leaveThen(() => setYear(next));
              }}
              data={years.map(String)}
              w={120}
            />
          </Group>
          {refused !== null && (
            <Alert color="orange" role="status">{t('yearNotOffered', { value: refused, first: years[years.length - 1], last: years[0], year })}</Alert>
          )}
          <YearReport key={`${selected.slug}:${year}`} org={selected.slug} orgName={selected.name} year={year} />
        </>
      )}
    </Stack>
  );
}

function YearReport({ org, orgName, year }: { org: string; orgName: string; year: number }) {
  const { t, i18n } = useTranslation('reports');
  const { can } = useSession();
  const qc = useQueryClient();
  const q = useReportForYear(org, year);
  // Carrying forward needs last year's approved report: offered only when there is one.
  const previous = useReportForYear(org, year - 1);
  const canCarry = previous.data?.status === 'godkand';
  const [carry, setCarry] = useState(true);
  const create = useSubmit(async () => {
    const r = await api.post<Report>('/reports', { org, year, carryForward: carry && canCarry });
    rememberReport(qc, r);
  });
  if (q.isPending) return <Loader aria-label={t('common:loading')} />;
  if (q.isError) return <Alert color="red" role="alert">{errorMessage(q.error, i18n.language)}</Alert>;
  if (!q.data) {
    return (
      <Card withBorder>
        <Stack gap="xs">
          <Text>{t('missing', { org: orgName, year })}</Text>
          {can('report.edit') ? (
            <>
              {canCarry && <Checkbox label={t('carryForward', { prev: year - 1 })} checked={carry} onChange={(e) => setCarry(e.currentTarget.checked)} />}
              <Group>
                <Button onClick={() => void create.run()} loading={create.busy}>{t('create', { year })}</Button>
              </Group>
              <ProblemAlert error={create.error} />
            </>
          ) : (
            <Text size="sm" c="dimmed">{t('missingNoRights')}</Text>
          )}
        </Stack>
      </Card>
    );
  }
  return <ReportEditor report={q.data} />;
}

function ReportEditor({ report }: { report: Report }) {
  const { t } = useTranslation('reports');
  const { can } = useSession();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<string | null>(() => report.outline[0]?.id ?? null);
  const [generation, setGeneration] = useState(0);
  const editable = can('report.edit') && report.status !== 'godkand';
  const onSaved = (r: Report) => {
    rememberReport(qc, r);
    void qc.invalidateQueries({ queryKey: ['reports', 'versions', r.id] });
  };
  const reload = () => void qc.invalidateQueries({ queryKey: ['reports'] }).then(() => setGeneration((g) => g + 1));
  const saveOutline = useSubmit(async (draft: DraftSection[]) => {
    const outline = draft.map(({ id, level, title, provider, hidden }) => ({ id, level, title, provider: provider ?? null, hidden }));
    onSaved(await api.patch<Report>(`/reports/${report.id}`, { version: report.version, outline }));
    return true;
  });
  const section = report.outline.find((s) => s.id === selected) ?? report.outline[0];
  const frozen = report.status === 'godkand';
  // Unsaved text or tables in the open section: never dropped silently (another section, year, organisation or
  // page asks first; closing the tab warns). Saved messages live here, so they outlast the section they were about.
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const editor = useRef<SectionEditorHandle>(null);
  const sectionName = section ? `${section.number ? `${section.number} ` : ''}${section.title}` : '';
  const unsaved = useUnsavedChanges({
    dirty,
    save: async () => (editor.current ? editor.current.save() : true),
    what: t('section.unsavedWhat', { section: sectionName }),
  });
  const onDirtyChange = useCallback((d: boolean) => setDirty(d), []);
  const focusLater = useFocusLater();
  const select = (id: string) => {
    if (id === section?.id) return;
    // An old "saved" message goes with the section; one from saving on the way here stays.
    if (!dirty) setStatus(null);
    unsaved.guard(() => {
      setSelected(id);
      focusLater(() => document.getElementById(SECTION_HEADING_ID));
    });
  };

  return (
    <Stack key={generation}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs" id={STATUS_LINE_ID} tabIndex={-1}>
            <StatusBadge report={report} />
            <ApprovedBy report={report} />
            {report.carriedFromVersionId && <Text size="sm" c="dimmed">{t('carried')}</Text>}
          </Group>
          {frozen && <Text size="sm">{t('frozenNote')}</Text>}
          <Anchor component={Link} to={`/rapport/${report.id}/versioner`} size="sm">{t('versions.link')}</Anchor>
        </Stack>
        <Downloads path={`/reports/${report.id}/render`} label={t('download.group')} />
      </Group>
      <WorkflowBar report={report} onChanged={onSaved} onReload={reload} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
          <Stack>
            <Card withBorder component="section" aria-labelledby="outline-title">
              <Title order={2} size="h4" id="outline-title" mb="xs">{t('outline.title')}</Title>
              <OutlineEditor
                outline={report.outline}
                year={report.year}
                selected={section?.id ?? null}
                onSelect={select}
                onSave={async (d) => !!(await saveOutline.run(d))}
                saving={saveOutline.busy}
                editable={editable}
              />
              <ProblemAlert error={saveOutline.error} onReload={reload} />
              {saveOutline.error instanceof ApiError && saveOutline.error.status === 400 && <Text size="xs" c="dimmed">{t('outline.levelHint')}</Text>}
            </Card>
            <Iso93Panel report={report} />
            <Card withBorder component="section" aria-labelledby="template-title">
              <Title order={2} size="h4" id="template-title" mb="xs">{t('template.title')}</Title>
              <TemplatePanel report={report} editable={editable} onSaved={onSaved} onReload={reload} />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, xl: 4 }}>
          <Stack gap="xs">
            <div role="status" aria-live="polite">
              {status && <Text size="sm" fw={600}>{status}</Text>}
            </div>
            {section && (
              <SectionEditor
                key={section.id}
                report={report}
                section={section}
                editable={editable}
                canComment={can('report.edit') || can('report.approve')}
                onSaved={onSaved}
                onReload={reload}
                onDirtyChange={onDirtyChange}
                onStatus={setStatus}
                handle={editor}
              />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 5 }}>
          <Card withBorder component="section" aria-labelledby="preview-title">
            <Title order={2} size="h4" id="preview-title" mb="xs">{t('preview.title')}</Title>
            <Preview reportId={report.id} version={report.version} title={t('preview.frameTitle', { org: report.org.name, year: report.year })} />
          </Card>
        </Grid.Col>
      </Grid>
      {unsaved.dialog}
      <Card withBorder component="section" aria-labelledby="charts-title">
        <Title order={2} size="h4" id="charts-title" mb="xs">{t('charts.title')}</Title>
        <Suspense fallback={<Loader size="sm" aria-label={t('charts.loading')} />}>
          <ReportCharts reportId={report.id} version={report.version} />
        </Suspense>
      </Card>
    </Stack>
  );
}
