import { useId, useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { formatBytes, formatDateTime } from '../../format';
import { fileErrorOf, putFile } from '../plans/shared';
import { ACCEPT, DOC_TYPES, EXTENSIONS, MAX_BYTES, type Doc, type DocType } from './types';
import { FilePicker } from '../../components/FilePicker';

const FIELDS = ['type', 'title', 'description', 'owner', 'docVersion', 'adoptedOn', 'decisionRef', 'nextReviewOn', 'file'];

/** Register a styrdokument or edit its metadata, and upload its file (pdf, docx, xlsx or txt, at most 20 MiB). */
export function DocumentModal({ org, doc: initial, onClose }: { org: { slug: string; name: string }; doc?: Doc; onClose: () => void }) {
  const { t, i18n } = useTranslation('documents');
  const { me } = useSession();
  const qc = useQueryClient();
  const fileId = useId();
  const [doc, setDoc] = useState<Doc | undefined>(initial);
  const [type, setType] = useState<DocType>(initial?.type ?? 'rutin');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [owner, setOwner] = useState(initial?.owner ?? '');
  const [docVersion, setDocVersion] = useState(initial?.docVersion ?? '');
  const [adoptedOn, setAdoptedOn] = useState(initial?.adoptedOn ?? '');
  const [decisionRef, setDecisionRef] = useState(initial?.decisionRef ?? '');
  const [nextReviewOn, setNextReviewOn] = useState(initial?.nextReviewOn ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | undefined>();
  const refresh = () => qc.invalidateQueries({ queryKey: ['documents'] });

  function pick(f: File | null) {
    setFile(f);
    setFileProblem(undefined);
    if (!f) return;
    const ext = /\.([a-z0-9]+)$/i.exec(f.name)?.[1]?.toLowerCase() ?? '';
    if (!EXTENSIONS.includes(ext)) setFileProblem(t('file.wrongType', { name: f.name }));
    else if (f.size > MAX_BYTES) setFileProblem(t('file.tooLarge', { size: formatBytes(f.size), max: formatBytes(MAX_BYTES) }));
    else if (f.size === 0) setFileProblem(t('file.empty'));
  }

  const { run, busy, error } = useSubmit(async () => {
    const meta = {
      type, title, description, owner, docVersion, decisionRef,
      adoptedOn: adoptedOn || null,
      nextReviewOn: nextReviewOn || null,
    };
    let saved = doc
      ? await api.patch<Doc>(`/documents/${doc.id}`, { version: doc.version, ...meta })
      : await api.post<Doc>('/documents', { org: org.slug, ...meta });
    setDoc(saved);
    await refresh();
    if (file) {
      saved = await putFile<Doc>(`/documents/${saved.id}/file`, file, me.csrfToken, { name: file.name, version: saved.version });
      setDoc(saved);
      await refresh();
    }
    return saved;
  });
  const fe = (f: string) => fieldError(error, f, i18n.language);
  const fileError = fileProblem ?? fileErrorOf(error, i18n.language);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (fileProblem) return;
    if (await run()) onClose();
  }

  return (
    <Dialog opened onClose={onClose} size="lg" title={doc ? t('form.editTitle', { title: doc.title }) : t('form.createTitle', { org: org.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {!fileErrorOf(error, i18n.language) && <ProblemAlert error={error} fields={FIELDS} onReload={() => void refresh().then(onClose)} />}
          <Group grow align="flex-start">
            <NativeSelect
              label={t('field.type')}
              required
              value={type}
              onChange={(e) => setType(e.currentTarget.value as DocType)}
              data={DOC_TYPES.map((d) => ({ value: d, label: t(`type.${d}`) }))}
              error={fe('type')}
            />
            <TextInput label={t('field.docVersion')} value={docVersion} onChange={(e) => setDocVersion(e.currentTarget.value)} error={fe('docVersion')} />
          </Group>
          <TextInput label={t('field.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fe('title')} data-autofocus />
          <Textarea label={t('field.description')} description={t('form.descriptionHelp')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fe('description')} />
          <Group grow align="flex-start">
            <TextInput label={t('field.owner')} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} error={fe('owner')} />
            <TextInput label={t('field.decisionRef')} description={t('form.decisionHelp')} value={decisionRef} onChange={(e) => setDecisionRef(e.currentTarget.value)} error={fe('decisionRef')} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('field.adoptedOn')} type="date" value={adoptedOn} onChange={(e) => setAdoptedOn(e.currentTarget.value)} error={fe('adoptedOn')} />
            <TextInput label={t('field.nextReviewOn')} type="date" value={nextReviewOn} onChange={(e) => setNextReviewOn(e.currentTarget.value)} error={fe('nextReviewOn')} />
          </Group>
          <FilePicker
            id={fileId}
            label={t('field.file')}
            file={file}
            accept={ACCEPT}
            description={doc?.file ? t('file.current', { name: doc.file.name, size: formatBytes(doc.file.size), at: formatDateTime(doc.file.uploadedAt) }) : t('file.help')}
            error={fileError}
            onChange={pick}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {doc ? t('common:save') : t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
