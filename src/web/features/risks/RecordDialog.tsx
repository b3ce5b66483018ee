import type { FormEvent, ReactNode } from 'react';
import { Button, Divider, Group, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useFields } from '../../components/useFields';
import { useSubmit } from '../../components/useSubmit';
import { ActionsEditor } from './ActionsEditor';
import type { Action, ActionParent } from './types';

/** A record dialog's text fields, its save request and the list query it refreshes once saved. */
export function useRecordForm<D extends Record<string, string>>(initial: D, queryKey: string[], send: (d: D) => Promise<unknown>) {
  const { i18n } = useTranslation();
  const qc = useQueryClient();
  const { d, set } = useFields(initial);
  const submit = useSubmit(() => send(d));
  const fe = (f: string) => fieldError(submit.error, f, i18n.language);
  const refresh = () => qc.invalidateQueries({ queryKey });
  return { d, set, submit, fe, refresh };
}

type RecordForm = Pick<ReturnType<typeof useRecordForm>, 'submit' | 'refresh'>;

/**
 * A record in a dialog: the form (problem alert, the fields, save and cancel when editable) and, for a saved
 * record, its åtgärder.
 */
export function RecordDialog({ title, label, form, fields, canEdit, onClose, parent, children }: {
  title: string;
  /** The form's accessible name. */
  label: string;
  form: RecordForm;
  /** The fields a problem may name (the alert lists the others). */
  fields: string[];
  canEdit: boolean;
  onClose: () => void;
  /** The saved record whose åtgärder are edited below the form. */
  parent?: { type: ActionParent; id: string; title: string; actions: Action[] };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  async function save(e: FormEvent) {
    e.preventDefault();
    if (await form.submit.run()) {
      await form.refresh();
      onClose();
    }
  }
  return (
    <Dialog opened onClose={onClose} size="xl" title={title}>
      <Stack>
        <form onSubmit={save} noValidate aria-label={label}>
          <Stack>
            <ProblemAlert error={form.submit.error} fields={fields} onReload={() => void form.refresh().then(onClose)} />
            {children}
            {canEdit && (
              <Group>
                <Button type="submit" loading={form.submit.busy}>
                  {t('save')}
                </Button>
                <Button variant="default" onClick={onClose}>
                  {t('cancel')}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
        {parent && (
          <>
            <Divider />
            <ActionsEditor parentType={parent.type} parentId={parent.id} actions={parent.actions} canEdit={canEdit} context={parent.title} onChanged={() => void form.refresh()} />
          </>
        )}
      </Stack>
    </Dialog>
  );
}
