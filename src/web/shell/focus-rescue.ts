/**
 * Keeps the keyboard's place when a control is disabled while it works. Mantine disables a button with `loading`
 * while its request runs, and a browser drops the focus of a disabled element to <body>: a keyboard or screen reader
 * user then starts over from the top of the page (WCAG 2.4.3). When the control that had the focus is disabled and
 * nothing else takes the focus, it gets it back the moment it is enabled again. Where the page moves the focus
 * somewhere more useful itself (components/useFocusLater), that wins: only a focus still on <body> is given back.
 */
export function installFocusRescue(root: Node = document.body): () => void {
  let last: HTMLElement | null = null;
  let waiting: HTMLElement | null = null;
  const onFocusIn = (e: FocusEvent) => {
    last = e.target instanceof HTMLElement ? e.target : null;
    waiting = null;
  };
  const lost = () => !document.activeElement || document.activeElement === document.body;
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target as HTMLElement;
      const disabled = el.hasAttribute('disabled');
      // The browser may drop the focus only when it next renders: remember the control now, decide when it is enabled.
      if (disabled && el === last) waiting = el;
      else if (!disabled && el === waiting) {
        waiting = null;
        if (el.isConnected && lost()) el.focus();
      }
    }
  });
  document.addEventListener('focusin', onFocusIn);
  observer.observe(root, { subtree: true, attributes: true, attributeFilter: ['disabled'] });
  return () => {
    document.removeEventListener('focusin', onFocusIn);
    observer.disconnect();
  };
}
