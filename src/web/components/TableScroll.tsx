import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Table, type ScrollAreaProps, type TableScrollContainerProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The accessible name of the scrolling area: the table's own (its caption, aria-label or aria-labelledby). */
type Name = { 'aria-label': string } | { 'aria-labelledby': string };

function tableName(viewport: HTMLElement, captionId: string, inSection: (name: string) => string): Name | undefined {
  const table = viewport.querySelector('table');
  if (!table) return undefined;
  const label = table.getAttribute('aria-label');
  if (label) return { 'aria-label': label };
  const by = table.getAttribute('aria-labelledby');
  if (by) {
    // A section named by the same heading is a region of that name already: the area is told apart from it.
    if (viewport.parentElement?.closest(`[aria-labelledby="${CSS.escape(by)}"]`)) {
      const text = by.split(/\s+/).map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ').trim();
      return text ? { 'aria-label': inSection(text) } : undefined;
    }
    return { 'aria-labelledby': by };
  }
  const caption = table.querySelector(':scope > caption');
  if (caption?.textContent?.trim()) {
    if (!caption.id) caption.id = captionId;
    return { 'aria-labelledby': caption.id };
  }
  return undefined;
}

const sameName = (a: Name | undefined, b: Name | undefined) => JSON.stringify(a) === JSON.stringify(b);

export interface TableScrollProps extends Omit<TableScrollContainerProps, 'children'> {
  children: ReactNode;
  /** The area's name when its table has none of its own (no caption, aria-label or aria-labelledby). */
  label?: string;
}

/**
 * Every table that may be wider (or taller) than its space: Mantine's Table.ScrollContainer, whose scrolling area a
 * keyboard user can reach and scroll while it overflows (WCAG 2.1.1, axe scrollable-region-focusable; technique
 * SCR29 / ARIA region). While the table overflows, the area is a tab stop, a region named as its table is (or by
 * `label`), with a visible focus ring (app.css .table-scroll); while it fits, it is neither, so that a table that
 * fits adds no empty stop to the tab order.
 */
export function TableScroll({ label, children, scrollAreaProps, className, ...rest }: TableScrollProps) {
  const { t } = useTranslation();
  const captionId = useId();
  const [viewport, setViewport] = useState<HTMLDivElement | null>(null);
  const [overflows, setOverflows] = useState(false);
  const [name, setName] = useState<Name | undefined>(undefined);
  const ref = useRef<HTMLDivElement | null>(null);

  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    setOverflows(el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
    const found = label ? { 'aria-label': label } : tableName(el, captionId, (name) => t('tableScroll', { name }));
    setName((cur) => (sameName(cur, found) ? cur : found));
  }, [label, captionId, t]);

  useEffect(() => {
    if (!viewport) return;
    const ro = new ResizeObserver(measure);
    ro.observe(viewport);
    if (viewport.firstElementChild) ro.observe(viewport.firstElementChild);
    measure();
    return () => ro.disconnect();
  }, [viewport, measure]);

  const viewportRef = useCallback((el: HTMLDivElement | null) => {
    ref.current = el;
    setViewport(el);
  }, []);

  const area: ScrollAreaProps = {
    ...scrollAreaProps,
    viewportRef,
    viewportProps: {
      ...scrollAreaProps?.viewportProps,
      ...(overflows ? { tabIndex: 0, ...(name ? { role: 'region', ...name } : {}) } : {}),
    },
  };
  return (
    <Table.ScrollContainer {...rest} className={className ? `table-scroll ${className}` : 'table-scroll'} scrollAreaProps={area}>
      {children}
    </Table.ScrollContainer>
  );
}
