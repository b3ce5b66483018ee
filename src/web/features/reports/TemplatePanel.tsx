import { useState, type FormEvent } from 'react';
import { Alert, Button, FileInput, Group, List, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { uploadTemplate, useTemplates } from './api';
import type { Report } from './types';

/** The DOCX template of the report (the city's standard or an own one) and, for template.manage, uploading one. */
export function TemplatePanel({ report, editable, onSaved, onReload }: { report: Report; editable: boolean; onSaved: (r: Report) => void; onReload: () => void }) {
  const { t, i18n } = useTranslation('reports');
  const { can, me } = useSession();
  const qc = useQueryClient();
  const list = useTemplates(report.org.slug);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [ok, setOk] = useState<string | null>(null);
  const choose = useSubmit(async (templateId: string | null) => onSaved(await api.patch<Report>(`/reports/${report.id}`, { version: report.version, templateId })));
  const upload = useSubmit(async () => {
    const tpl = await uploadTemplate(report.org.slug, name.trim(), file!, me.csrfToken);
    setOk(t('template.uploaded', { name: tpl.name }));
    setFile(null);
    setName('');
    await qc.invalidateQueries({ queryKey: ['reports', 'templates', report.org.slug] });
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setOk(null);
    if (file && name.trim()) void upload.run();
  };
  const err = upload.error;
  const broken = err instanceof ApiError && err.status === 422 ? (err.problem.errors ?? []) : null;
  const lang = i18n.language.startsWith('en') ? 'en' : 'sv';

  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('template.choose')}
        value={report.templateId ?? ''}
        disabled={!editable || choose.busy}
        onChange={(e) => void choose.run(e.currentTarget.value || null)}
        data={[{ value: '', label: t('template.standard') }, ...(list.data ?? []).map((x) => ({ value: x.id, label: x.name }))]}
      />
      <ProblemAlert error={choose.error} onReload={onReload} />
      {can('template.manage') && (
        <form onSubmit={submit}>
          <Stack gap={6}>
            <Text size="sm" fw={600}>{t('template.uploadTitle')}</Text>
            <Text size="xs" c="dimmed">{t('template.help')}</Text>
            <TextInput label={t('template.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} required />
            <FileInput label={t('template.file')} value={file} onChange={setFile} accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" clearable required />
            <Group>
              <Button type="submit" size="xs" loading={upload.busy} disabled={!file || !name.trim()}>{t('template.upload')}</Button>
            </Group>
            <div role="status" aria-live="polite">{ok && <Text size="sm" fw={600}>{ok}</Text>}</div>
            {broken ? (
              <Alert color="red" role="alert" title={t('template.brokenTitle', { n: broken.length })}>
                <List size="sm">
                  {broken.map((b, i) => <List.Item key={i}>{lang === 'en' ? b.message_en : b.message_sv}</List.Item>)}
                </List>
              </Alert>
            ) : (
              <ProblemAlert error={err} />
            )}
          </Stack>
        </form>
      )}
    </Stack>
  );
}
