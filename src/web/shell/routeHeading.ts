import { useEffect, useRef, type RefObject } from 'react';
import { useRouter } from '@tanstack/react-router';

/** The browser title of a page: "<h1 or nav label> – Tillit" (WCAG 2.4.2); the product alone while nothing is known. */
export function pageTitle(heading: string | null | undefined, product: string): string {
  const h = heading?.replace(/\s+/g, ' ').trim();
  return h ? `${h} – ${product}` : product;
}

/** Sets document.title for pages outside the shell (login, forced password change). */
export function useDocumentTitle(heading: string, product: string) {
  useEffect(() => {
    document.title = pageTitle(heading, product);
  }, [heading, product]);
}

// How long after a route change the new page's h1 is waited for (a lazily loaded page, its data).
const WAIT_MS = 10_000;
// A page whose h1 element is reused (same component, other id) gets focus this long after the route rendered.
const SAME_HEADING_MS = 300;
// When the router has not said it rendered the new route after this long, a new h1 is taken anyway.
const UNRENDERED_MS = 3_000;

interface Pending {
  /** The h1 shown before the navigation (the new page's h1 is another element, or this one after a while). */
  old: Element | null;
  /** What had focus when the navigation started (usually the link that was followed). */
  active: Element | null;
  since: number;
  /** When the router rendered the new route (before that, the old page may still be shown). */
  rendered?: number;
}

/**
 * Keeps the browser title equal to the page's h1 (or, while the page loads, its navigation label), in the
 * UI language since both are translated; and after a route change (not the first load) moves keyboard focus
 * to the new page's h1 (tabIndex -1), so a screen reader announces the page and Tab continues from its top
 * (WCAG 2.4.3). Focus is not taken when the user has already moved it into the new page meanwhile.
 */
export function useRouteHeading(main: RefObject<HTMLElement | null>, fallback: string | undefined, product: string) {
  const router = useRouter();
  const pending = useRef<Pending | null>(null);
  const fallbackRef = useRef(fallback);
  fallbackRef.current = fallback;

  const check = useRef<() => void>(() => {});

  useEffect(() => {
    const offBefore = router.subscribe('onBeforeNavigate', (e) => {
      if (!e.fromLocation || !e.pathChanged) return;
      pending.current = { old: main.current?.querySelector('h1') ?? null, active: document.activeElement, since: Date.now() };
    });
    const offRendered = router.subscribe('onRendered', () => {
      if (!pending.current || pending.current.rendered) return;
      pending.current.rendered = Date.now();
      check.current();
    });
    return () => {
      offBefore();
      offRendered();
    };
  }, [router, main]);

  useEffect(() => {
    const el = main.current;
    if (!el) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const h1 = el.querySelector('h1');
      const title = pageTitle(h1?.textContent || fallbackRef.current, product);
      if (document.title !== title) document.title = title;
      const p = pending.current;
      if (!p) return;
      if (Date.now() - p.since > WAIT_MS) {
        pending.current = null;
        return;
      }
      // Until the router has rendered the new route, an h1 is the old page's (even one that only just appeared, as
      // a start page still loading when a link was followed). After it, the old page's h1 element counts only when
      // the route kept it (same page component, another record). Without the router's word, any new h1 after a while.
      const sinceRendered = p.rendered ? Date.now() - p.rendered : -1;
      const waiting =
        !h1 ||
        (sinceRendered < 0 && Date.now() - p.since < UNRENDERED_MS) ||
        (h1 === p.old && sinceRendered < SAME_HEADING_MS);
      if (waiting) {
        // Look again shortly (nothing may change in the DOM while a page settles).
        clearTimeout(timer);
        timer = setTimeout(run, 150);
        return;
      }
      pending.current = null;
      const active = document.activeElement;
      // Not taken from where the user has put it in the new page; from the link followed, the navigation or a closing dialog it is.
      const untouched = !active || active === document.body || active === el || active === p.active || !el.contains(active);
      if (!untouched) return;
      if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
      (h1 as HTMLElement).focus({ preventScroll: false });
    };
    check.current = run;
    const observer = new MutationObserver(run);
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    run();
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [main, product]);

  // The language or the fallback changed without the DOM changing under main: update the title now.
  useEffect(() => {
    const h1 = main.current?.querySelector('h1');
    document.title = pageTitle(h1?.textContent || fallback, product);
  }, [fallback, product, main]);
}
