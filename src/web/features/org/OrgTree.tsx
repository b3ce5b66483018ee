import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Org } from '../../api/types';

interface Props {
  orgs: Org[];
  selectedId: string | null;
  onSelect: (org: Org) => void;
  label: string;
}

/**
 * The organisation tree as an ARIA tree (WAI-ARIA APG "tree view"): one tab stop, arrow keys move,
 * Right/Left expand/collapse or go to child/parent, Home/End, Enter/Space selects.
 * Orgs whose parent the user cannot see are shown as roots.
 */
export function OrgTree({ orgs, selectedId, onSelect, label }: Props) {
  const { t } = useTranslation('org');
  const { roots, children, parentOf } = useMemo(() => {
    const ids = new Set(orgs.map((o) => o.id));
    const children = new Map<string, Org[]>();
    const parentOf = new Map<string, string>();
    const roots: Org[] = [];
    for (const o of orgs) {
      if (o.parentId && ids.has(o.parentId)) {
        children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
        parentOf.set(o.id, o.parentId);
      } else roots.push(o);
    }
    return { roots, children, parentOf };
  }, [orgs]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [focusId, setFocusId] = useState<string | null>(null);
  const refs = useRef(new Map<string, HTMLLIElement>());

  // Visible items in order, for arrow-key movement.
  const visible: Org[] = [];
  const walk = (list: Org[]) => {
    for (const o of list) {
      visible.push(o);
      if (!collapsed.has(o.id)) walk(children.get(o.id) ?? []);
    }
  };
  walk(roots);
  const current = visible.find((o) => o.id === focusId) ?? visible.find((o) => o.id === selectedId) ?? visible[0];

  const focus = (o: Org | undefined) => {
    if (!o) return;
    setFocusId(o.id);
    refs.current.get(o.id)?.focus();
  };
  const setOpen = (id: string, open: boolean) =>
    setCollapsed((s) => {
      const n = new Set(s);
      if (open) n.delete(id);
      else n.add(id);
      return n;
    });

  function onKeyDown(e: KeyboardEvent, o: Org) {
    const i = visible.findIndex((v) => v.id === o.id);
    const kids = children.get(o.id) ?? [];
    const open = kids.length > 0 && !collapsed.has(o.id);
    const keys: Record<string, () => void> = {
      ArrowDown: () => focus(visible[i + 1]),
      ArrowUp: () => focus(visible[i - 1]),
      Home: () => focus(visible[0]),
      End: () => focus(visible[visible.length - 1]),
      ArrowRight: () => (kids.length === 0 ? undefined : open ? focus(kids[0]) : setOpen(o.id, true)),
      ArrowLeft: () => (open ? setOpen(o.id, false) : focus(visible.find((v) => v.id === parentOf.get(o.id)))),
      Enter: () => onSelect(o),
      ' ': () => onSelect(o),
    };
    const fn = keys[e.key];
    if (fn) {
      e.preventDefault();
      e.stopPropagation();
      fn();
    }
  }

  const render = (list: Org[], level: number) =>
    list.map((o) => {
      const kids = children.get(o.id) ?? [];
      const open = !collapsed.has(o.id);
      const labelId = `org-tree-${o.id}`;
      return (
        <li
          key={o.id}
          role="treeitem"
          aria-level={level}
          aria-labelledby={labelId}
          aria-selected={o.id === selectedId}
          aria-expanded={kids.length ? open : undefined}
          tabIndex={current?.id === o.id ? 0 : -1}
          ref={(el) => {
            if (el) refs.current.set(o.id, el);
            else refs.current.delete(o.id);
          }}
          onKeyDown={(e) => onKeyDown(e, o)}
          onFocus={(e) => {
            if (e.target === e.currentTarget) setFocusId(o.id);
          }}
        >
          <div
            className="org-tree-row"
            style={{ paddingLeft: `${(level - 1) * 1.25 + 0.5}rem` }}
            onClick={() => {
              focus(o);
              onSelect(o);
            }}
          >
            <span
              className="org-tree-toggle"
              aria-hidden="true"
              onClick={(e) => {
                if (!kids.length) return;
                e.stopPropagation();
                setOpen(o.id, !open);
              }}
            >
              {kids.length ? (open ? '▾' : '▸') : ''}
            </span>
            <Text span id={labelId} fw={o.id === selectedId ? 700 : 400} td={o.archivedAt ? 'line-through' : undefined}>
              {o.name}
            </Text>
            <Text span size="xs" c="dimmed">
              {t(`common:orgTypes.${o.type}`)}
            </Text>
            {o.archivedAt && (
              <Badge size="xs" color="gray.8" variant="filled">
                {t('archived')}
              </Badge>
            )}
          </div>
          {kids.length > 0 && open && (
            <ul role="group">{render(kids, level + 1)}</ul>
          )}
        </li>
      );
    });

  return (
    <ul role="tree" aria-label={label} className="org-tree">
      {render(roots, 1)}
    </ul>
  );
}
