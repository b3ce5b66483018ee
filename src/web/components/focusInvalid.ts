import { useEffect, useRef, useState } from 'react';

/**
 * After a refused submit: keyboard focus to the first field with an error, so the user lands where the problem
 * is and a screen reader reads the field with its message (WCAG 3.3.1). A field is one Mantine marks
 * aria-invalid, or a radio or checkbox group whose description includes its error message (Mantine marks
 * neither the group nor its inputs invalid); a group gets focus on its chosen or first input. When no field has an
 * error (a refusal about the whole record, such as 409 stale_version), focus goes to `message` if given: the form's
 * own message (focusable with tabIndex -1), which would otherwise be out of sight above the form. Runs after the
 * errors have been rendered.
 */
export function focusFirstInvalid(root: HTMLElement | null, message?: HTMLElement | null): void {
  if (!root) return;
  requestAnimationFrame(() => {
    const hasError = (el: Element) =>
      (el.getAttribute('aria-describedby') ?? '').split(/\s+/).some((id) => id && document.getElementById(id)?.matches('[class*="-error"]'));
    const first = [...root.querySelectorAll<HTMLElement>('[aria-invalid="true"], [role="radiogroup"], [role="group"]')].find(
      (el) => el.getAttribute('aria-invalid') === 'true' || hasError(el),
    );
    if (!first) {
      message?.focus();
      return;
    }
    const target = first.matches('input, select, textarea, [contenteditable="true"]')
      ? first
      : (first.querySelector<HTMLElement>('input:checked') ?? first.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea'));
    (target ?? first).focus();
    // Focus scrolls the input into view; its label and error go with it, clear of the fixed header (app.css
    // scroll-padding-top), also where the label stands above the input (WCAG 2.4.11).
    (target ?? first).closest('.mantine-InputWrapper-root, fieldset, [role="radiogroup"], [role="group"]')?.scrollIntoView({ block: 'nearest' });
  });
}

/**
 * A form's focus after a refused submit: `refused()` once it is refused (its errors then render), and focus goes to
 * the first field with an error, or else to the form's message (`message`, given to ProblemAlert as its ref).
 */
export function useRefusalFocus() {
  const form = useRef<HTMLFormElement>(null);
  const message = useRef<HTMLDivElement>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) focusFirstInvalid(form.current, message.current);
  }, [refusals]);
  return { form, message, refused: () => setRefusals((n) => n + 1) };
}
