import { useState } from 'react';
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFocusLater } from './useFocusLater';

/**
 * Editing one row of a register page in a dialog: which row is open ('new' for a new one), the status message after a
 * save, and each row's "Ändra" button (its own id, so that focus returns to it after the save: WCAG 2.4.3; to the
 * page's h1 when a filter now hides the row). `ns`'s `edit` and `editOne` ({{name}}) name the button.
 */
export function useRegisterEditing<T extends { id: string; name: string }>(ns: string) {
  const { t } = useTranslation(ns);
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [saved, setSaved] = useState('');
  const focusLater = useFocusLater();
  const editId = (id: string) => `${ns}-edit-${id}`;
  return {
    editing,
    /** The dialog's row, or undefined for a new one. */
    row: editing === 'new' ? undefined : (editing ?? undefined),
    startNew: () => setEditing('new'),
    close: () => setEditing(null),
    /** Closes the dialog, says `message` in the page's status region and moves focus back to the row's button. */
    saved: (r: T, message: string) => {
      setEditing(null);
      setSaved(message);
      focusLater(() => document.getElementById(editId(r.id)) ?? document.querySelector<HTMLElement>('h1'));
    },
    message: saved,
    editButton: (r: T) => (
      <Button id={editId(r.id)} size="xs" variant="default" onClick={() => setEditing(r)} aria-label={t('editOne', { name: r.name })}>
        {t('edit')}
      </Button>
    ),
  };
}
