import { useCallback, useEffect, useRef, useState } from 'react';

type Find = () => HTMLElement | null | undefined;

/**
 * Moves focus after the next render, to an element that render brings or keeps. For a control that disappears
 * when used ("Ändra uppgifter" replaced by the form, a status button no longer allowed, a button disabled while
 * busy): without it focus falls to <body> and a keyboard or screen reader user starts over from the top (WCAG 2.4.3).
 */
export function useFocusLater(): (find: Find) => void {
  const pending = useRef<Find | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const find = pending.current;
    pending.current = null;
    find?.()?.focus();
  }, [tick]);
  return useCallback((find: Find) => {
    pending.current = find;
    setTick((n) => n + 1);
  }, []);
}
