import { useState, type FormEvent } from 'react';
import { useFields } from '../../components/useFields';
import { useFocusLater } from '../../components/useFocusLater';
import { useSubmit } from '../../components/useSubmit';

/**
 * An add form: its text values, and a submit that sends them and, once saved, clears them and reloads the incident.
 * Its button is disabled while busy (and after a comment is sent, while the box is empty): focus goes back to the
 * form's first field, ready for the next one or for correcting the refused one.
 */
export function useAddForm<D extends Record<string, string>>(initial: D, send: (d: D) => Promise<unknown>, onChange: () => void) {
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
