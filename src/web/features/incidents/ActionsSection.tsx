import { Fragment, useRef, useState, type FormEvent } from 'react';
import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { FormActions } from '../../components/FormActions';
import { useRefusalFocus } from '../../components/focusInvalid';
import { fieldError, ProblemAlert } from '../../components/problem';
import { Section } from '../../components/Section';
import { useFocusLater } from '../../components/useFocusLater';
import { useSubmit } from '../../components/useSubmit';
import { formatDate, todayStockholm } from '../../format';
import type { IncidentAction, IncidentDetail } from './types';
import { useAddForm } from './useAddForm';
import { COLORS } from './util';

const ACTION_COLOR: Record<string, string> = { planerad: COLORS.gray, pagar: COLORS.blue, klar: COLORS.green };
const ACTION_STATUSES = ['planerad', 'pagar', 'klar'] as const;
type Option = { value: string; label: string };
const ACTION_NAMES = {
  edit: ['actions.editOne', 'actions.editHidden'],
  complete: ['actions.completeOne', 'actions.completeHidden'],
  saved: ['actions.savedOne', 'actions.savedHidden'],
} as const;

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
  const duePassed = useDuePassed();
  const initial = { title: action.title ?? '', ownerId: action.owner?.id ?? '', dueDate: action.dueDate ?? '', status: action.status };
  const [d, setD] = useState(initial);
  const [titleMissing, setTitleMissing] = useState(false);
  const save = useSubmit((body: Record<string, unknown>) => api.patch<IncidentAction>(`/incidents/${incidentId}/actions/${action.id}`, body));
  // After a refused save, focus to the first field with an error, or else to the message above the fields.
  const { form, message, refused } = useRefusalFocus();
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
      refused();
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
    else refused();
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
        <TextInput type="date" label={t('actions.due')} value={d.dueDate} onChange={set('dueDate')} error={fe('dueDate')} w={160} description={d.dueDate !== initial.dueDate ? duePassed(d.dueDate) : undefined} />
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
        <ProblemAlert ref={message} error={save.error} fields={['title', 'ownerId', 'dueDate', 'status']} onReload={onReload} staleDetail />
        <FormActions busy={save.busy} submitLabel={t('common:save')} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** Åtgärder: list, add, change, mark done. */
/** A due date chosen in the past is allowed (an action recorded late), but said: the action is overdue at once. */
function useDuePassed() {
  const { t } = useTranslation('incidents');
  return (due: string) => (due && due < todayStockholm() ? t('actions.duePassed') : undefined);
}

export function ActionsSection({ incident, handlers, onChange }: { incident: IncidentDetail; handlers: Option[]; onChange: () => void }) {
  const { t, i18n } = useTranslation('incidents');
  const duePassed = useDuePassed();
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
        <TableScroll minWidth={480} label={t('actions.tableLabel')}>
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
        </TableScroll>
      )}
      <Text size="sm" role="status" mt={saved ? 'xs' : 0}>
        {saved}
      </Text>
      <ProblemAlert error={done.error} onReload={onChange} />
      {manage && (
        <form onSubmit={submit} aria-label={t('actions.add')} noValidate>
          <Group align="flex-end" mt="sm" wrap="wrap">
            <TextInput label={t('actions.newTitle')} value={d.title} onChange={set('title')} required error={fieldError(add.error, 'title', i18n.language)} w={280} />
            <NativeSelect label={t('actions.owner')} value={d.ownerId} onChange={set('ownerId')} data={[{ value: '', label: t('none') }, ...handlers]} w={180} />
            <TextInput type="date" label={t('actions.due')} value={d.dueDate} onChange={set('dueDate')} error={fieldError(add.error, 'dueDate', i18n.language)} w={160} description={duePassed(d.dueDate)} />
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
