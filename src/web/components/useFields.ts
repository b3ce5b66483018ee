import { useState } from 'react';

/**
 * A form's or a filter row's text values: `set(k)` is an input's onChange, `reset()` goes back to the initial values.
 */
export function useFields<D extends { [K in keyof D]: string }>(initial: D) {
  const [d, setD] = useState(initial);
  const set = (k: keyof D) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setD((x) => ({ ...x, [k]: v }));
  };
  return { d, set, reset: () => setD(initial) };
}

/**
 * A dialog's form of text and checkbox values: `text(k)` is a text input's or select's onChange, `check(k)` a
 * checkbox's; `setF` for anything else (a checkbox group's list).
 */
export function useForm<F extends Record<string, unknown>>(initial: () => F) {
  const [f, setF] = useState<F>(initial);
  const text = (k: keyof F) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setF((x) => ({ ...x, [k]: v }));
  };
  const check = (k: keyof F) => (e: { currentTarget: { checked: boolean } }) => {
    const v = e.currentTarget.checked;
    setF((x) => ({ ...x, [k]: v }));
  };
  return { f, setF, text, check };
}
