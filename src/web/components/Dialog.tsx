import { useEffect, useRef } from 'react';
import { Modal, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

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

  return <Modal {...props} closeButtonProps={{ 'aria-label': t('close'), ...props.closeButtonProps }} />;
}
