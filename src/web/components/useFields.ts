import { useState } from 'react';

/** A form's text values: `set(k)` is an input's onChange, `reset()` goes back to the initial values. */
export function useFields<D extends Record<string, string>>(initial: D) {
  const [d, setD] = useState(initial);
  const set = (k: keyof D) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setD((x) => ({ ...x, [k]: v }));
  };
  return { d, set, reset: () => setD(initial) };
}
