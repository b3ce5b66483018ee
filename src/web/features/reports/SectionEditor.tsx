import { useState, type FormEvent } from 'react';
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

/** One section: its narrative (rich text), its manual tables and the reviewers' comments. */
export function SectionEditor({ report, section, editable, canComment, onSaved, onReload }: {
  report: Report;
  section: OutlineEntry;
  editable: boolean;
  canComment: boolean;
  onSaved: (r: Report) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation('reports');
  const [html, setHtml] = useState<string | null>(null);
  const [tables, setTables] = useState<ManualTable[] | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const path = `/reports/${report.id}/sections/${section.id}`;
  const saveText = useSubmit(async () => {
    const r = await api.patch<Report>(path, { version: report.version, narrativeHtml: html ?? '' });
    setHtml(null);
    setSaved(t('section.textSaved'));
    onSaved(r);
  });
  const saveTables = useSubmit(async () => {
    const r = await api.patch<Report>(path, { version: report.version, tables: tables ?? section.tables });
    setTables(null);
    setSaved(t('section.tablesSaved'));
    onSaved(r);
  });
  const heading = `${section.number ? `${section.number} ` : ''}${section.title}`;

  return (
    <Card withBorder component="section" aria-labelledby="section-editor-title">
      <Title order={2} size="h3" id="section-editor-title" mb="xs">
        {heading}
      </Title>
      {section.hidden && <Text size="sm" c="dimmed" mb="xs">{t('section.hiddenNote')}</Text>}
      {section.provider && <Text size="sm" c="dimmed" mb="xs">{t('section.providerNote')}</Text>}
      <Tabs defaultValue="text" keepMounted={false}>
        <Tabs.List aria-label={t('section.tabsLabel')}>
          <Tabs.Tab value="text">{t('section.text')}</Tabs.Tab>
          <Tabs.Tab value="tables">{t('section.tables', { n: section.tables.length })}</Tabs.Tab>
          <Tabs.Tab value="comments">{t('section.comments')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="text" pt="sm">
          <Stack gap="xs">
            <RichTextEditor key={section.id} label={t('section.narrative', { title: section.title })} html={docToHtml(section.narrative)} onChange={setHtml} readOnly={!editable} />
            {editable && (
              <Group>
                <Button onClick={() => void saveText.run()} loading={saveText.busy} disabled={html === null}>{t('section.saveText')}</Button>
                {html !== null && <Text size="xs" c="dimmed">{t('section.unsaved')}</Text>}
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
                <Button onClick={() => void saveTables.run()} loading={saveTables.busy} disabled={tables === null}>{t('section.saveTables')}</Button>
              </Group>
            )}
            <ProblemAlert error={saveTables.error} onReload={onReload} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="comments" pt="sm">
          <Comments reportId={report.id} sectionId={section.id} canComment={canComment} />
        </Tabs.Panel>
      </Tabs>
      <div role="status" aria-live="polite" className="sr-status">
        {saved && <Text size="sm" fw={600} mt="xs">{saved}</Text>}
      </div>
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
