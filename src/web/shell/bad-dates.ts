/**
 * A date the browser cannot read is not sent as no date. A native date field where one types a day the month does
 * not have (2027-02-31) keeps what was typed on screen but gives the page an empty value, and the form then saved the
 * record without the date, silently. The forms validate on the server (noValidate), so the browser's own check does
 * not run: this one stops the submit of a form holding such a field, says why on the field and moves focus there.
 * One listener on the window, before React's own (capture phase), for every form of the app.
 */
export function installBadDateGuard(message: () => string): () => void {
  const onSubmit = (e: Event) => {
    if (!(e.target instanceof HTMLFormElement)) return;
    const bad = [...e.target.querySelectorAll<HTMLInputElement>('input[type="date"], input[type="datetime-local"], input[type="time"]')]
      .find((i) => i.validity.badInput);
    if (!bad) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    bad.setCustomValidity(message());
    bad.addEventListener('input', () => bad.setCustomValidity(''), { once: true });
    bad.focus();
    bad.reportValidity();
  };
  window.addEventListener('submit', onSubmit, true);
  return () => window.removeEventListener('submit', onSubmit, true);
}
