import { Fragment, useEffect, useRef, useState, type FormEvent } from 'react';
import { Anchor, Badge, Button, Group, List, NativeSelect, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { FormActions } from '../../components/FormActions';
import { focusFirstInvalid } from '../../components/focusInvalid';
import { fieldError, ProblemAlert } from '../../components/problem';
import { Section } from '../../components/Section';
import { useFields } from '../../components/useFields';
import { useFocusLater } from '../../components/useFocusLater';
import { useSubmit } from '../../components/useSubmit';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { uploadFile } from './api';
import type { IncidentAction, IncidentAttachment, IncidentComment, IncidentDetail } from './types';
import { COLORS } from './util';

const ACTION_COLOR: Record<string, string> = { planerad: COLORS.gray, pagar: COLORS.blue, klar: COLORS.green };
const ACTION_STATUSES = ['planerad', 'pagar', 'klar'] as const;
type Option = { value: string; label: string };
const ACTION_NAMES = {
  edit: ['actions.editOne', 'actions.editHidden'],
  complete: ['actions.completeOne', 'actions.completeHidden'],
  saved: ['actions.savedOne', 'actions.savedHidden'],
} as const;

/** One part of the incident page: a bordered section named by its heading. */
/**
 * An add form: its text values, and a submit that sends them and, once saved, clears them and reloads the incident.
 * Its button is disabled while busy (and after a comment is sent, while the box is empty): focus goes back to the
 * form's first field, ready for the next one or for correcting the refused one.
 */
function useAddForm<D extends Record<string, string>>(initial: D, send: (d: D) => Promise<unknown>, onChange: () => void) {
  const { d, set, reset } = useFields(initial);
  const add = useSubmit(() => send(d));
  const focusLater = useFocusLater();
  // Whether the last submit was saved: for a status message, since the saved text leaves the field for the list.
  const [saved, setSaved] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setSaved(false);
    if (await add.run()) {
      reset();
      setSaved(true);
      onChange();
    }
    focusLater(() => form.querySelector<HTMLElement>('input, textarea'));
  }
  return { d, set, add, submit, saved };
}

/** Part of a section's words given in place of its own (the reporter's "Komplettera rapporten" names its parts so). */
type Words<K extends string> = Partial<Record<K, string>>;

/**
 * Changing one action in place (its row's "Ändra"): title, owner, due date and status, reopening one marked done
 * by mistake included. Sends only what changed, with the version read: a stale version is said with the server's
 * message and a reload. The title of a protected record's action is hidden from those without access: the form
 * then leaves it out (the server refuses a change to it).
 */
function ActionEditForm({ incidentId, action, name, handlers, onSaved, onCancel, onReload }: {
  incidentId: string;
  action: IncidentAction;
  /** The form's accessible name ("Ändra åtgärden …"). */
  name: string;
  handlers: Option[];
  onSaved: (updated: IncidentAction) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation('incidents');
  const initial = { title: action.title ?? '', ownerId: action.owner?.id ?? '', dueDate: action.dueDate ?? '', status: action.status };
  const [d, setD] = useState(initial);
  const [titleMissing, setTitleMissing] = useState(false);
  const save = useSubmit((body: Record<string, unknown>) => api.patch<IncidentAction>(`/incidents/${incidentId}/actions/${action.id}`, body));
  const form = useRef<HTMLFormElement>(null);
  // Bumped on every refused save: focus then goes to the first field with an error.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) focusFirstInvalid(form.current);
  }, [refusals]);
  const hidden = action.title === null;
  // An owner no longer among the people offered (their access changed) stays a choice: an unrelated change keeps them.
  const owners: Option[] = [{ value: '', label: t('none') }, ...handlers];
  if (action.owner && !handlers.some((h) => h.value === action.owner!.id)) owners.push({ value: action.owner.id, label: action.owner.name || action.owner.id });
  const fe = (f: string) => (f === 'title' && titleMissing ? t('actions.titleRequired') : fieldError(save.error, f, i18n.language));
  const set = (k: keyof typeof initial) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setD((x) => ({ ...x, [k]: v }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = !hidden && !d.title.trim();
    setTitleMissing(missing);
    if (missing) {
      save.reset();
      setRefusals((n) => n + 1);
      return;
    }
    const body: Record<string, unknown> = { version: action.version };
    if (!hidden && d.title.trim() !== action.title) body.title = d.title.trim();
    if (d.ownerId !== initial.ownerId) body.ownerId = d.ownerId || null;
    if (d.dueDate !== initial.dueDate) body.dueDate = d.dueDate || null;
    if (d.status !== initial.status) body.status = d.status;
    // Nothing changed: as Avbryt (no request, no new version).
    if (Object.keys(body).length === 1) return onCancel();
    const updated = await save.run(body);
    if (updated) onSaved(updated);
    else setRefusals((n) => n + 1);
  }

  return (
    <form ref={form} onSubmit={submit} aria-label={name} noValidate>
      <Group align="flex-start" wrap="wrap">
        {hidden ? (
          <Text size="sm" fs="italic" w={280} mt="xl">
            {t('actions.titleHiddenEdit')}
          </Text>
        ) : (
          <TextInput label={t('actions.action')} value={d.title} onChange={set('title')} required maxLength={300} error={fe('title')} w={280} />
        )}
        <NativeSelect label={t('actions.owner')} value={d.ownerId} onChange={set('ownerId')} data={owners} error={fe('ownerId')} w={180} />
        <TextInput type="date" label={t('actions.due')} value={d.dueDate} onChange={set('dueDate')} error={fe('dueDate')} w={160} />
        <NativeSelect
          label={t('actions.status')}
          value={d.status}
          onChange={set('status')}
          data={ACTION_STATUSES.map((v) => ({ value: v, label: t(`actionStatus.${v}`) }))}
          error={fe('status')}
          w={140}
        />
      </Group>
      <Stack gap="xs" mt="xs">
        <ProblemAlert error={save.error} fields={['title', 'ownerId', 'dueDate', 'status']} onReload={onReload} staleDetail />
        <FormActions busy={save.busy} submitLabel={t('common:save')} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** Åtgärder: list, add, change, mark done. */
export function ActionsSection({ incident, handlers, onChange }: { incident: IncidentDetail; handlers: Option[]; onChange: () => void }) {
  const { t, i18n } = useTranslation('incidents');
  const { can } = useSession();
  const manage = can('incident.manage') && incident.allowedStatuses.length > 0;
  const { d, set, add, submit } = useAddForm(
    { title: '', dueDate: '', ownerId: '' },
    (v) => api.post<IncidentAction>(`/incidents/${incident.id}/actions`, { title: v.title.trim(), dueDate: v.dueDate || null, ownerId: v.ownerId || null }),
    onChange,
  );
  const focusLater = useFocusLater();
  const heading = useRef<HTMLHeadingElement>(null);
  const done = useSubmit((a: IncidentAction) => api.patch<IncidentAction>(`/incidents/${incident.id}/actions/${a.id}`, { version: a.version, status: 'klar' }));
  const ownerName = (a: IncidentAction) => (a.owner ? (a.owner.name || handlers.find((h) => h.value === a.owner!.id)?.label || '') : '');
  // The action whose row shows the change form, and the last one saved (said in the live region below the table).
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  // A row's controls and its form are named by the action's title, or by its number when the title is hidden.
  const nameOf = (a: IncidentAction, what: 'edit' | 'complete' | 'saved') => {
    const [named, numbered] = ACTION_NAMES[what];
    return a.title === null ? t(numbered, { n: incident.actions.findIndex((x) => x.id === a.id) + 1 }) : t(named, { title: a.title });
  };
  const startEditing = (a: IncidentAction) => {
    done.reset();
    setSaved(null);
    setEditing(a.id);
    focusLater(() => document.getElementById(`action-edit-${a.id}`)?.querySelector<HTMLElement>('input, select'));
  };
  // Closing the form gives the focus back to the row's "Ändra", which the form replaced.
  const stopEditing = (a: IncidentAction) => {
    setEditing(null);
    focusLater(() => editButtons.current.get(a.id));
  };
  const columns = manage ? 5 : 4;

  return (
    <Section id="actions-title" title={t('actions.title')} headingRef={heading}>
      {incident.actions.length === 0 ? (
        <Text size="sm">{t('actions.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('actions.action')}</Table.Th>
                <Table.Th>{t('actions.owner')}</Table.Th>
                <Table.Th>{t('actions.due')}</Table.Th>
                <Table.Th>{t('actions.status')}</Table.Th>
                {manage && <Table.Th>{t('actions.change')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {incident.actions.map((a) => (
                <Fragment key={a.id}>
                  <Table.Tr>
                    <Table.Td>{a.title ?? <Text span fs="italic">{t('actions.hidden')}</Text>}</Table.Td>
                    <Table.Td>{ownerName(a)}</Table.Td>
                    <Table.Td className="nowrap">
                      {formatDate(a.dueDate)}
                      {a.overdue && (
                        <Badge color={COLORS.red} variant="filled" tt="none" ml={4}>
                          {t('overdue')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={ACTION_COLOR[a.status] ?? COLORS.gray} variant="filled" tt="none">
                        {t(`actionStatus.${a.status}`, { defaultValue: a.status })}
                      </Badge>
                    </Table.Td>
                    {manage && (
                      <Table.Td>
                        {editing !== a.id && (
                          <Group gap="xs" wrap="nowrap">
                            <Button
                              size="compact-sm"
                              variant="outline"
                              ref={(el) => {
                                if (el) editButtons.current.set(a.id, el);
                                else editButtons.current.delete(a.id);
                              }}
                              aria-label={nameOf(a, 'edit')}
                              onClick={() => startEditing(a)}
                            >
                              {t('actions.edit')}
                            </Button>
                            {a.status !== 'klar' && (
                              <Button
                                size="compact-sm"
                                variant="outline"
                                aria-label={nameOf(a, 'complete')}
                                onClick={async () => {
                                  setSaved(null);
                                  if (await done.run(a)) onChange();
                                  // The row's button is gone once it is done (and disabled while busy): to the section.
                                  focusLater(() => heading.current);
                                }}
                              >
                                {t('actions.complete')}
                              </Button>
                            )}
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                  {manage && editing === a.id && (
                    <Table.Tr>
                      <Table.Td colSpan={columns} id={`action-edit-${a.id}`}>
                        <ActionEditForm
                          incidentId={incident.id}
                          action={a}
                          name={nameOf(a, 'edit')}
                          handlers={handlers}
                          onSaved={(updated) => {
                            setSaved(nameOf({ ...a, title: updated.title }, 'saved'));
                            onChange();
                            stopEditing(a);
                          }}
                          onCancel={() => stopEditing(a)}
                          onReload={() => {
                            onChange();
                            stopEditing(a);
                          }}
                        />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="sm" role="status" mt={saved ? 'xs' : 0}>
        {saved}
      </Text>
      <ProblemAlert error={done.error} onReload={onChange} />
      {manage && (
        <form onSubmit={submit} aria-label={t('actions.add')}>
          <Group align="flex-end" mt="sm" wrap="wrap">
            <TextInput label={t('actions.newTitle')} value={d.title} onChange={set('title')} required error={fieldError(add.error, 'title', i18n.language)} w={280} />
            <NativeSelect label={t('actions.owner')} value={d.ownerId} onChange={set('ownerId')} data={[{ value: '', label: t('none') }, ...handlers]} w={180} />
            <TextInput type="date" label={t('actions.due')} value={d.dueDate} onChange={set('dueDate')} error={fieldError(add.error, 'dueDate', i18n.language)} w={160} />
            <Button type="submit" loading={add.busy}>
              {t('actions.add')}
            </Button>
          </Group>
          <ProblemAlert error={add.error} fields={['title', 'dueDate']} />
        </form>
      )}
    </Section>
  );
}

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
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
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
              ({formatNumber(Math.ceil(a.size / 1024))} kB, {formatDateTime(a.createdAt)})
            </List.Item>
          ))}
        </List>
      )}
      {can('incident.report') && (
        <form onSubmit={submit}>
          <Group align="flex-end" mt="sm">
            <div>
              <label htmlFor="attachment-file" style={{ display: 'block', fontSize: 14, fontWeight: 500 }}>
                {t('attachments.file')}
              </label>
              <input
                id="attachment-file"
                ref={input}
                type="file"
                accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt,.msg,.eml"
                aria-describedby={tooLarge ? 'attachment-help attachment-size-error' : 'attachment-help'}
                aria-invalid={tooLarge || undefined}
                onChange={(e) => {
                  const f = e.currentTarget.files?.[0] ?? null;
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
