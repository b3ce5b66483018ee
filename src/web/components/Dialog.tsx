import { useEffect, useRef } from 'react';
import { Modal, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { focusFirstInvalid } from './focusInvalid';

/** How long after a submit a field newly marked invalid (the server's answer) still takes focus. */
const ANSWER_MS = 15_000;

/**
 * After a submit in the dialog, focus goes to the first field marked invalid, whether the form refused it at once or
 * the server did: a screen reader then reads the field with its message (WCAG 3.3.1, 4.1.3). Before, only the
 * incident forms did this; elsewhere a refused submit left focus where it was and nothing was announced.
 */
function focusInvalidAfterSubmit(root: HTMLElement | null): void {
  if (!root) return;
  let done = false;
  const focus = () => {
    if (done || !root.isConnected || !root.querySelector('[aria-invalid="true"], [class*="-error"]')) return;
    done = true;
    observer.disconnect();
    focusFirstInvalid(root);
  };
  const observer = new MutationObserver(focus);
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-invalid'] });
  setTimeout(() => observer.disconnect(), ANSWER_MS);
  // Errors the form shows at once, without asking the server (rendered after this event).
  setTimeout(focus, 0);
}

/**
 * Mantine's Modal with a named close button (axe: button-name) in the user's language, and keyboard focus
 * back on the element that opened it when it closes (WCAG 2.4.3). Dialogs in Tillit are mounted while open
 * (`{open && <XDialog opened … />}`), so Modal's own returnFocus never runs: the dialog is gone before its
 * close transition. This remembers the focused element when the dialog opens and focuses it again after
 * the dialog closes or unmounts, unless something else has taken focus meanwhile.
 */
export function Dialog(props: ModalProps) {
  const { t } = useTranslation();
  const opener = useRef<HTMLElement | null>(null);
  const mounted = useRef(false);
  // Read during the render that opens the dialog, before the focus trap moves focus into it.
  if (props.opened && opener.current === null && typeof document !== 'undefined') {
    const active = document.activeElement;
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
  }

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      const el = opener.current;
      // After the commit that removed the dialog (StrictMode re-mounts at once: then do nothing).
      setTimeout(() => {
        if (mounted.current || !el || !el.isConnected) return;
        const now = document.activeElement;
        if (!now || now === document.body) el.focus();
      }, 0);
    };
  }, []);

  useEffect(() => {
    if (props.opened) return;
    // Closed while staying mounted: Modal's returnFocus does it; only forget the opener for the next time.
    opener.current = null;
  }, [props.opened]);

  return (
    <Modal
      {...props}
      closeButtonProps={{ 'aria-label': t('close'), ...props.closeButtonProps }}
      onSubmitCapture={(e) => focusInvalidAfterSubmit(e.currentTarget as HTMLElement)}
    />
  );
}
