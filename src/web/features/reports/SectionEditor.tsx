import { useEffect, useImperativeHandle, useMemo, useState, type FormEvent, type Ref } from 'react';
import { Alert, Button, Card, Group, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';
import { useComments } from './api';
import { RichTextEditor } from './RichTextEditor';
import { docToHtml } from './richtext';
import { TablesEditor } from './TablesEditor';
import type { ManualTable, OutlineEntry, Report, ReportComment } from './types';

/** What the report page may ask of the open section: save its unsaved text and tables (true when saved or nothing to save). */
export interface SectionEditorHandle {
  save: () => Promise<boolean>;
}

/** HTML as the browser serialises it, so the editor's content compares equal to the saved narrative when unchanged. */
function normalizeHtml(html: string): string {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div.innerHTML;
}

/**
 * One section: its narrative (rich text), its manual tables and the reviewers' comments. Unsaved text or
 * tables are reported with `onDirtyChange` (the page then asks before anything drops them) and can be saved
 * from outside through `handle`. Messages ("saved") go to the page's `onStatus`, which outlives the section.
 */
/** The open section's heading: where focus goes when a section is chosen in the outline (not 50 tab stops away). */
export const SECTION_HEADING_ID = 'section-editor-heading';

export function SectionEditor({ report, section, editable, canComment, onSaved, onReload, onDirtyChange, onStatus, handle }: {
  report: Report;
  section: OutlineEntry;
  editable: boolean;
  canComment: boolean;
  onSaved: (r: Report) => void;
  onReload: () => void;
  onDirtyChange?: (dirty: boolean) => void;
  onStatus?: (message: string) => void;
  handle?: Ref<SectionEditorHandle>;
}) {
  const { t } = useTranslation('reports');
  const [html, setHtml] = useState<string | null>(null);
  const [tables, setTables] = useState<ManualTable[] | null>(null);
  const path = `/reports/${report.id}/sections/${section.id}`;
  const savedHtml = useMemo(() => normalizeHtml(docToHtml(section.narrative)), [section.narrative]);
  const textDirty = html !== null && html !== savedHtml;
  const tablesDirty = tables !== null && JSON.stringify(tables) !== JSON.stringify(section.tables);
  const heading = `${section.number ? `${section.number} ` : ''}${section.title}`;

  useEffect(() => {
    onDirtyChange?.(textDirty || tablesDirty);
  }, [textDirty, tablesDirty, onDirtyChange]);
  // Leaving (another section chosen): nothing of this section is pending any more.
  useEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);

  const saveText = useSubmit(async () => {
    const r = await api.patch<Report>(path, { version: report.version, narrativeHtml: html ?? '' });
    setHtml(null);
    onStatus?.(t('section.textSaved'));
    onSaved(r);
  });
  const saveTables = useSubmit(async () => {
    const r = await api.patch<Report>(path, { version: report.version, tables: tables ?? section.tables });
    setTables(null);
    onStatus?.(t('section.tablesSaved'));
    onSaved(r);
  });
  // Both at once, when the page asks (before another section, year or page is shown).
  const saveAll = useSubmit(async () => {
    if (!textDirty && !tablesDirty) return true;
    const body: Record<string, unknown> = { version: report.version };
    if (textDirty) body.narrativeHtml = html ?? '';
    if (tablesDirty) body.tables = tables;
    const r = await api.patch<Report>(path, body);
    setHtml(null);
    setTables(null);
    onStatus?.(t('section.allSaved', { section: heading }));
    onSaved(r);
    return true;
  });
  useImperativeHandle(handle, () => ({ save: async () => (await saveAll.run()) === true }), [saveAll]);

  return (
    // Named "Redigera avsnitt: …": the preview has a region named by the section's own heading (axe landmark-unique).
    <Card withBorder component="section" aria-label={t('section.editorLabel', { section: heading })}>
      <Title order={2} size="h3" mb="xs" id={SECTION_HEADING_ID} tabIndex={-1}>
        {heading}
      </Title>
      {section.hidden && <Text size="sm" c="dimmed" mb="xs">{t('section.hiddenNote')}</Text>}
      {section.provider && <Text size="sm" c="dimmed" mb="xs">{t('section.providerNote')}</Text>}
      <ProblemAlert error={saveAll.error} onReload={onReload} />
      <Tabs defaultValue="text" keepMounted={false}>
        <Tabs.List aria-label={t('section.tabsLabel')}>
          <Tabs.Tab value="text">{t('section.text')}</Tabs.Tab>
          <Tabs.Tab value="tables">{t('section.tables', { n: (tables ?? section.tables).length })}</Tabs.Tab>
          <Tabs.Tab value="comments">{t('section.comments')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="text" pt="sm">
          <Stack gap="xs">
            {/* Back from another tab the editor shows what was typed, not the saved text (it was lost from view before). */}
            <RichTextEditor key={section.id} label={t('section.narrative', { title: section.title })} html={html ?? docToHtml(section.narrative)} onChange={setHtml} readOnly={!editable} />
            {editable && (
              <Group>
                <Button onClick={() => void saveText.run()} loading={saveText.busy} disabled={!textDirty}>{t('section.saveText')}</Button>
                {textDirty && <Text size="xs" c="dimmed">{t('section.unsaved')}</Text>}
              </Group>
            )}
            <ProblemAlert error={saveText.error} onReload={onReload} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="tables" pt="sm">
          <Stack gap="xs">
            <TablesEditor tables={tables ?? section.tables} onChange={setTables} readOnly={!editable} />
            {editable && (
              <Group>
                <Button onClick={() => void saveTables.run()} loading={saveTables.busy} disabled={!tablesDirty}>{t('section.saveTables')}</Button>
                {tablesDirty && <Text size="xs" c="dimmed">{t('section.unsaved')}</Text>}
              </Group>
            )}
            <ProblemAlert error={saveTables.error} onReload={onReload} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="comments" pt="sm">
          <Comments reportId={report.id} sectionId={section.id} canComment={canComment} />
        </Tabs.Panel>
      </Tabs>
    </Card>
  );
}

function Comments({ reportId, sectionId, canComment }: { reportId: string; sectionId: string; canComment: boolean }) {
  const { t } = useTranslation('reports');
  const qc = useQueryClient();
  const list = useComments(reportId);
  const [body, setBody] = useState('');
  const add = useSubmit(async () => {
    await api.post<ReportComment>(`/reports/${reportId}/comments`, { sectionId, body });
    setBody('');
    await qc.invalidateQueries({ queryKey: ['reports', 'comments', reportId] });
  });
  const mine = (list.data ?? []).filter((c) => c.sectionId === sectionId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) void add.run();
  };
  return (
    <Stack gap="xs">
      {list.isError && <Alert color="red" role="alert">{t('comments.loadError')}</Alert>}
      {mine.length === 0 ? (
        <Text size="sm" c="dimmed">{t('comments.none')}</Text>
      ) : (
        <ul className="comment-list">
          {mine.map((c) => (
            <li key={c.id}>
              <Text size="sm">{c.body}</Text>
              <Text size="xs" c="dimmed">{t('comments.by', { author: c.author, at: formatDateTime(c.createdAt) })}</Text>
            </li>
          ))}
        </ul>
      )}
      {canComment && (
        <form onSubmit={submit}>
          <Stack gap={4}>
            <Textarea label={t('comments.new')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={2} maxLength={4000} />
            <Group>
              <Button type="submit" size="xs" loading={add.busy} disabled={!body.trim()}>{t('comments.add')}</Button>
            </Group>
            <ProblemAlert error={add.error} />
          </Stack>
        </form>
      )}
    </Stack>
  );
}
