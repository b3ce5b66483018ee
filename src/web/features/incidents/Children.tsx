import { useRef, useState, type FormEvent } from 'react';
import { Anchor, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { fieldError, ProblemAlert } from '../../components/problem';
import { Section } from '../../components/Section';
import { useFocusLater } from '../../components/useFocusLater';
import { useSubmit } from '../../components/useSubmit';
import { formatBytes, formatDateTime, formatNumber } from '../../format';
import { uploadFile } from './api';
import type { IncidentAttachment, IncidentComment, IncidentDetail } from './types';
import { useAddForm } from './useAddForm';
import { FilePicker } from '../../components/FilePicker';

// The incident page's comments, attachments and the reporter's supplement (its actions: ActionsSection.tsx).

/** Part of a section's words given in place of its own (the reporter's "Komplettera rapporten" names its parts so). */
type Words<K extends string> = Partial<Record<K, string>>;

/**
 * Comments (not shown for protected records to staff without access; the reporter's view holds their own). `words`
 * and `order` let another section hold it as a part of its own.
 */
export function CommentsSection({ incident, onChange, words, order }: {
  incident: IncidentDetail; onChange: () => void; words?: Words<'title' | 'none' | 'new' | 'add' | 'saved'>; order?: 2 | 3;
}) {
  const { t, i18n } = useTranslation('incidents');
  const { can } = useSession();
  const { d, set, add, submit, saved } = useAddForm({ body: '' }, (v) => api.post<IncidentComment>(`/incidents/${incident.id}/comments`, { body: v.body.trim() }), onChange);
  if (incident.comments === null) return null;
  const w = { title: t('comments.title'), none: t('comments.none'), new: t('comments.new'), add: t('comments.add'), saved: t('comments.saved'), ...words };
  return (
    <Section id="comments-title" title={w.title} order={order}>
      {incident.comments.length === 0 ? (
        <Text size="sm">{w.none}</Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {incident.comments.map((c) => (
            <li key={c.id}>
              <Text size="sm" fw={700}>
                {c.author} – {formatDateTime(c.createdAt)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {c.body}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {can('incident.report') && (
        <form onSubmit={submit}>
          <Stack mt="sm" gap="xs">
            <Textarea label={w.new} value={d.body} onChange={set('body')} autosize minRows={2} error={fieldError(add.error, 'body', i18n.language)} />
            <ProblemAlert error={add.error} fields={['body']} />
            <Group>
              <Button type="submit" loading={add.busy} disabled={!d.body.trim()}>
                {w.add}
              </Button>
            </Group>
            <Text size="sm" role="status">
              {saved && w.saved}
            </Text>
          </Stack>
        </form>
      )}
    </Section>
  );
}

/** The largest attachment the server takes (equal to MAX_ATTACHMENT_BYTES in domains/incidents/attachments.ts). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * Attachments: download links and an upload (size checked here first; size and type checked by the server). `words`
 * and `order` let another section hold it as a part of its own.
 */
export function AttachmentsSection({ incident, onChange, words, order }: {
  incident: IncidentDetail; onChange: () => void; words?: Words<'title' | 'none'>; order?: 2 | 3;
}) {
  const { t } = useTranslation('incidents');
  const { me, can } = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  // The name of the file just uploaded, said in a status message (the link to it appears in the list above).
  const [uploaded, setUploaded] = useState<string | null>(null);
  const focusLater = useFocusLater();
  const upload = useSubmit((f: File) =>
    uploadFile<IncidentAttachment>(`/api/incidents/${incident.id}/attachments?filename=${encodeURIComponent(f.name)}`, f, me.csrfToken ?? ''),
  );
  if (incident.attachments === null) return null;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file || tooLarge) return;
    setUploaded(null);
    if (await upload.run(file)) {
      setUploaded(file.name);
      setFile(null);
      if (input.current) input.current.value = '';
      onChange();
    }
    // The upload button is disabled while busy and then until a new file is chosen.
    focusLater(() => input.current);
  }
  return (
    <Section id="attachments-title" title={words?.title ?? t('attachments.title')} order={order}>
      {incident.attachments.length === 0 ? (
        <Text size="sm">{words?.none ?? t('attachments.none')}</Text>
      ) : (
        <List size="sm">
          {incident.attachments.map((a) => (
            <List.Item key={a.id}>
              <Anchor href={`/api/incidents/${incident.id}/attachments/${a.id}`} download={a.filename}>
                {a.filename}
              </Anchor>{' '}
              ({formatBytes(a.size)}, {formatDateTime(a.createdAt)})
            </List.Item>
          ))}
        </List>
      )}
      {can('incident.report') && (
        <form onSubmit={submit}>
          <Group align="flex-end" mt="sm">
            <div>
              <FilePicker
                id="attachment-file"
                ref={input}
                label={t('attachments.file')}
                file={file}
                accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt,.msg,.eml"
                describedBy={tooLarge ? 'attachment-help attachment-size-error' : 'attachment-help'}
                invalid={tooLarge}
                onChange={(f) => {
                  upload.reset();
                  setTooLarge(!!f && f.size > MAX_ATTACHMENT_BYTES);
                  setFile(f);
                }}
              />
              <Text size="xs" id="attachment-help" c="dimmed">
                {t('attachments.help')}
              </Text>
            </div>
            <Button type="submit" loading={upload.busy} disabled={!file || tooLarge}>
              {t('attachments.upload')}
            </Button>
          </Group>
          {tooLarge && (
            <Text size="sm" c="var(--mantine-color-error)" id="attachment-size-error" role="alert" mt="xs">
              {t('attachments.tooLarge', { max: formatNumber(MAX_ATTACHMENT_BYTES / 1024 / 1024) })}
            </Text>
          )}
          <ProblemAlert error={upload.error} />
          <Text size="sm" role="status" mt={uploaded ? 'xs' : 0}>
            {uploaded && t('attachments.uploaded', { name: uploaded })}
          </Text>
        </form>
      )}
    </Section>
  );
}

/**
 * Komplettera rapporten: in the reporter's view of their own report, what they add afterwards (a detail they forgot,
 * a screenshot) and what they have added. The server gives them their own comments and files only, never the
 * handlers'; without incident.report (any more) they see what they added, and add nothing.
 */
export function SupplementSection({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const { t } = useTranslation('incidents');
  const { can } = useSession();
  return (
    <Section id="supplement-title" title={t('supplement.title')} help={can('incident.report') ? t('supplement.help') : t('supplement.helpReadOnly')}>
      <CommentsSection
        incident={incident}
        onChange={onChange}
        order={3}
        words={{ title: t('supplement.comments'), none: t('supplement.noComments'), new: t('supplement.newComment'), add: t('supplement.addComment'), saved: t('supplement.commentSaved') }}
      />
      <AttachmentsSection incident={incident} onChange={onChange} order={3} words={{ title: t('supplement.files'), none: t('supplement.noFiles') }} />
    </Section>
  );
}
