import { useRef, useState, type FormEvent } from 'react';
import { useFocusLater } from '../../components/useFocusLater';
import { Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { formatDate } from '../../format';
import { ActionStatusBadge } from './badges';
import { ACTION_STATUSES, type Action, type ActionParent, type ActionStatus } from './types';

interface Props {
  parentType: ActionParent;
  parentId: string;
  actions: Action[];
  canEdit: boolean;
  /** Called after a save (the caller reloads its record). */
  onChanged: () => void;
  /** Heading level of "Åtgärder" (default 3). */
  headingOrder?: 2 | 3 | 4;
  /** Context for accessible names, e.g. the event's title. */
  context: string;
}

/** Åtgärder of one record: list with owner, due date and status; add and edit inline. */
export function ActionsEditor({ parentType, parentId, actions, canEdit, onChanged, headingOrder = 3, context }: Props) {
  const { t } = useTranslation('risks');
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  // The form opens in place: focus goes into it, and back to the row's (or Ny åtgärd's) button when it closes, not to
  // the page (WCAG 2.4.3).
  const root = useRef<HTMLDivElement>(null);
  const focusLater = useFocusLater();
  const open = (id: string | 'new') => {
    setEditing(id);
    focusLater(() => root.current?.querySelector<HTMLElement>('form input'));
  };
  return (
    <Stack gap="xs" ref={root}>
      <Title order={headingOrder} size="h4">
        {t('actions.title')}
      </Title>
      {actions.length === 0 ? (
        <Text size="sm">{t('actions.none')}</Text>
      ) : (
        <Table className="risk-table" aria-label={t('actions.tableLabel', { context })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('actions.field.title')}</Table.Th>
              <Table.Th>{t('actions.field.owner')}</Table.Th>
              <Table.Th>{t('actions.field.dueDate')}</Table.Th>
              <Table.Th>{t('actions.field.status')}</Table.Th>
              {canEdit && <Table.Th>{t('edit')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {actions.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {a.title}
                  {a.note && (
                    <Text size="xs" c="dimmed">
                      {a.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{a.owner}</Table.Td>
                <Table.Td className="nowrap">{formatDate(a.dueDate)}</Table.Td>
                <Table.Td>
                  <ActionStatusBadge action={a} />
                </Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Button size="compact-sm" variant="default" onClick={() => open(a.id)} aria-label={t('actions.editOne', { title: a.title })} data-action-edit={a.id}>
                      {t('edit')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canEdit && editing === null && (
        <Group>
          <Button size="sm" variant="light" onClick={() => open('new')} data-action-add>
            {t('actions.add')}
          </Button>
        </Group>
      )}
      {canEdit && editing !== null && (
        <ActionForm
          key={editing}
          action={actions.find((a) => a.id === editing)}
          parentType={parentType}
          parentId={parentId}
          onDone={(changed) => {
            const was = editing;
            setEditing(null);
            if (changed) onChanged();
            focusLater(() => (was !== 'new' ? root.current?.querySelector<HTMLElement>(`[data-action-edit="${was}"]`) : null) ?? root.current?.querySelector<HTMLElement>('[data-action-add]'));
          }}
        />
      )}
    </Stack>
  );
}

const FIELDS = ['title', 'owner', 'dueDate', 'status', 'note'];

function ActionForm({ action, parentType, parentId, onDone }: { action?: Action; parentType: ActionParent; parentId: string; onDone: (changed: boolean) => void }) {
  const { t, i18n } = useTranslation('risks');
  const [title, setTitle] = useState(action?.title ?? '');
  const [owner, setOwner] = useState(action?.owner ?? '');
  const [dueDate, setDueDate] = useState(action?.dueDate ?? '');
  const [status, setStatus] = useState<ActionStatus>(action?.status ?? 'planerad');
  const [note, setNote] = useState(action?.note ?? '');
  const submit = useSubmit(async () => {
    const body = { title, owner, dueDate: dueDate || null, status, note };
    return action
      ? api.patch<Action>(`/risks/actions/${action.id}`, { version: action.version, ...body })
      : api.post<Action>('/risks/actions', { parentType, parentId, ...body });
  });
  const fe = (f: string) => fieldError(submit.error, f, i18n.language);
  async function save(e: FormEvent) {
    e.preventDefault();
    e.stopPropagation();
    if (await submit.run()) onDone(true);
  }
  return (
    <form onSubmit={save} noValidate aria-label={action ? t('actions.editOne', { title: action.title }) : t('actions.add')}>
      <Stack gap="xs">
        <ProblemAlert error={submit.error} fields={FIELDS} onReload={() => onDone(true)} />
        <TextInput label={t('actions.field.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fe('title')} data-autofocus />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('actions.field.owner')} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} error={fe('owner')} />
          <TextInput label={t('actions.field.dueDate')} type="date" value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={fe('dueDate')} />
          <NativeSelect
            label={t('actions.field.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as ActionStatus)}
            data={ACTION_STATUSES.map((s) => ({ value: s, label: t(`actionStatus.${s}`) }))}
            error={fe('status')}
          />
        </SimpleGrid>
        <TextInput label={t('actions.field.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fe('note')} />
        <Group>
          <Button type="submit" size="sm" loading={submit.busy}>
            {t('actions.save')}
          </Button>
          <Button size="sm" variant="default" onClick={() => onDone(false)}>
            {t('common:cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
