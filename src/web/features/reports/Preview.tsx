import { useEffect, useRef } from 'react';
import { Alert, Group, Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/problem';
import { fetchDocument } from './api';

const DROP = 'script, iframe, object, embed, link, meta, base, form, input, button, textarea, select';

/**
 * The server's HTML rendering turned into preview content: its stylesheet and body, with anything active
 * removed (the renderer emits none — this is defence in depth) and the document landmarks (header, main)
 * turned into plain blocks, since the preview sits inside the page's own main landmark.
 */
export function previewContent(html: string): { css: string; body: DocumentFragment } {
  // The <style> is taken out before parsing: a parsed document inherits the page's CSP, which would refuse it.
  const styles: string[] = [];
  const markup = html.replace(/<style[^>]*>([\s\S]*?)<\/style>/gi, (_, css: string) => (styles.push(css), ''));
  const doc = new DOMParser().parseFromString(markup, 'text/html');
  // The document's selectors for :root/body/header/main apply to the blocks that stand in for them here.
  const css = styles.join('\n')
    .replace(/@media print\s*\{[\s\S]*$/, '')
    .replace(/:root|\bbody\b/g, '.report-body')
    .replace(/\bheader\./g, '.report-header.')
    .replace(/\bmain\b/g, '.report-main');
  doc.querySelectorAll(DROP).forEach((e) => e.remove());
  doc.querySelectorAll('*').forEach((e) => {
    for (const a of [...e.attributes]) if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) e.removeAttribute(a.name);
  });
  doc.querySelectorAll('main, header').forEach((e) => {
    const div = doc.createElement('div');
    div.className = `report-${e.tagName.toLowerCase()} ${e.className}`.trim();
    div.append(...e.childNodes);
    e.replaceWith(div);
  });
  const body = document.createDocumentFragment();
  const wrap = document.createElement('div');
  wrap.className = 'report-body';
  wrap.append(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
  body.append(wrap);
  return { css, body };
}

/**
 * Live preview: the server's HTML rendering of the saved report, shown in a shadow root (its styles stay
 * inside, the page's stay out; no script runs — the CSP forbids it and none is there). Reloaded on every save.
 * (A sandboxed srcdoc frame was the first choice, but a frame without scripts cannot be checked by axe.)
 */
export function Preview({ reportId, version, title }: { reportId: string; version: number; title: string }) {
  const { t, i18n } = useTranslation('reports');
  const host = useRef<HTMLDivElement>(null);
  const q = useQuery({
    queryKey: ['reports', 'preview', reportId, version],
    queryFn: async () => (await fetchDocument(`/reports/${reportId}/render`, { format: 'html' })).blob.text(),
    placeholderData: (prev) => prev,
  });
  useEffect(() => {
    const el = host.current;
    if (!el || q.data === undefined) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const { css, body } = previewContent(q.data);
    // A constructed stylesheet: scoped to the preview, and not an inline <style> the CSP would have to allow.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`:host{display:block}\n${css}`);
    root.adoptedStyleSheets = [sheet];
    root.replaceChildren(body);
    // Table-of-contents links scroll within the preview instead of changing the page's address.
    const onClick = (e: Event) => {
      const a = (e.target as Element).closest?.('a[href^="#"]');
      if (!a) return;
      e.preventDefault();
      root.getElementById(decodeURIComponent(a.getAttribute('href')!.slice(1)))?.scrollIntoView({ block: 'start' });
    };
    root.addEventListener('click', onClick);
    return () => root.removeEventListener('click', onClick);
  }, [q.data]);
  return (
    <div className="report-preview">
      <Group gap="xs" mb={4} role="status" aria-live="polite">
        {q.isFetching && <Loader size="xs" aria-hidden />}
        <Text size="xs" c="dimmed">{q.isFetching ? t('preview.updating') : t('preview.upToDate')}</Text>
      </Group>
      {q.isError && <Alert color="red" role="alert">{errorMessage(q.error, i18n.language)}</Alert>}
      <div ref={host} className="report-preview-doc" role="region" aria-label={title} tabIndex={0} />
    </div>
  );
}
