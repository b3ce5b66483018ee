import { useState, type FormEvent } from 'react';
import { ActionIcon, Badge, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutlineEntry, Section } from './types';
import { earlierYears } from './years';

export type DraftSection = Pick<Section, 'id' | 'level' | 'title' | 'provider' | 'hidden'> & { isNew?: boolean };

const toDraft = (o: OutlineEntry[]): DraftSection[] => o.map(({ id, level, title, provider, hidden }) => ({ id, level, title, provider, hidden }));

/**
 * The outline: select a section to edit it; reorder with move up/down buttons, change level, rename, hide and
 * add sections. Changes are kept as a draft until "Spara disposition" sends the whole outline (narrative and
 * tables stay on the server untouched).
 */
export function OutlineEditor({ outline, year, selected, onSelect, onSave, saving, editable }: {
  outline: OutlineEntry[];
  /** The report's year: a heading naming an earlier one is pointed out while the report can be edited. */
  year: number;
  selected: string | null;
  onSelect: (id: string) => void;
  onSave: (draft: DraftSection[]) => Promise<boolean>;
  saving: boolean;
  editable: boolean;
}) {
  const { t } = useTranslation('reports');
  const [draft, setDraft] = useState<DraftSection[] | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [newLevel, setNewLevel] = useState('1');
  const list = draft ?? toDraft(outline);
  const numbers = new Map(outline.map((s) => [s.id, s.number]));
  const change = (next: DraftSection[]) => setDraft(next);
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= list.length) return;
    const next = [...list];
    [next[i], next[j]] = [next[j], next[i]];
    change(next);
  };
  const patch = (i: number, p: Partial<DraftSection>) => change(list.map((s, k) => (k === i ? { ...s, ...p } : s)));
  const add = (e: FormEvent) => {
    e.preventDefault();
    const title = newTitle.trim();
    if (!title) return;
    const at = selected ? list.findIndex((s) => s.id === selected) + 1 : list.length;
    const id = `s-${Date.now().toString(36)}`;
    const next = [...list];
    next.splice(at > 0 ? at : list.length, 0, { id, level: Number(newLevel) as 1 | 2 | 3, title, hidden: false, isNew: true });
    change(next);
    setNewTitle('');
  };
  const save = async () => {
    if (await onSave(list)) setDraft(null);
  };

  return (
    <Stack gap="xs">
      <ol className="outline-list" aria-label={t('outline.listLabel')}>
        {list.map((s, i) => {
          const active = s.id === selected;
          const number = draft ? null : numbers.get(s.id);
          const earlier = editable ? earlierYears(s.title, year).join(', ') : '';
          return (
            <li key={s.id} className={`outline-item level-${s.level}${s.hidden ? ' is-hidden' : ''}${active ? ' is-active' : ''}`}>
              <Group gap={4} wrap="nowrap" align="flex-start">
                <UnstyledButton className="outline-select" onClick={() => onSelect(s.id)} aria-current={active ? 'true' : undefined} disabled={!!s.isNew}>
                  <Text size="sm" fw={active ? 700 : 400}>
                    {number ? `${number} ` : ''}
                    {s.title}
                  </Text>
                </UnstyledButton>
                {s.provider && <Badge size="xs" variant="light" tt="none">{t('outline.figures')}</Badge>}
                {s.hidden && <Badge size="xs" color="gray" tt="none">{t('outline.hiddenBadge')}</Badge>}
                {earlier && <Badge size="xs" color="orange" variant="light" tt="none">{t('outline.earlierYear', { years: earlier })}</Badge>}
              </Group>
              {editable && active && (
                <Stack gap={4} mt={4} className="outline-tools">
                  <TextInput size="xs" label={t('outline.rename')} description={earlier ? t('outline.earlierYearHint', { years: earlier, year }) : undefined} value={s.title} onChange={(e) => patch(i, { title: e.currentTarget.value })} />
                  <Group gap={4}>
                    <ActionIcon variant="default" aria-label={t('outline.moveUp', { title: s.title })} disabled={i === 0} onClick={() => move(i, -1)}>↑</ActionIcon>
                    <ActionIcon variant="default" aria-label={t('outline.moveDown', { title: s.title })} disabled={i === list.length - 1} onClick={() => move(i, 1)}>↓</ActionIcon>
                    <ActionIcon variant="default" aria-label={t('outline.outdent', { title: s.title })} disabled={s.level === 1} onClick={() => patch(i, { level: (s.level - 1) as 1 | 2 })}>←</ActionIcon>
                    <ActionIcon variant="default" aria-label={t('outline.indent', { title: s.title })} disabled={s.level === 3} onClick={() => patch(i, { level: (s.level + 1) as 2 | 3 })}>→</ActionIcon>
                    <Checkbox size="xs" label={t('outline.hide')} checked={s.hidden} onChange={(e) => patch(i, { hidden: e.currentTarget.checked })} />
                  </Group>
                </Stack>
              )}
            </li>
          );
        })}
      </ol>
      {editable && (
        <>
          <form onSubmit={add}>
            <Group gap={4} align="flex-end" wrap="nowrap">
              <TextInput size="xs" label={t('outline.newTitle')} value={newTitle} onChange={(e) => setNewTitle(e.currentTarget.value)} style={{ flex: 1 }} maxLength={300} />
              <NativeSelect size="xs" label={t('outline.level')} value={newLevel} onChange={(e) => setNewLevel(e.currentTarget.value)} data={['1', '2', '3']} />
              <Button size="xs" type="submit" variant="light">{t('outline.add')}</Button>
            </Group>
          </form>
          <Group gap="xs">
            <Button size="xs" onClick={save} loading={saving} disabled={!draft}>{t('outline.save')}</Button>
            {draft && <Button size="xs" variant="subtle" onClick={() => setDraft(null)}>{t('outline.discard')}</Button>}
            {draft && <Text size="xs" c="dimmed" role="status">{t('outline.unsaved')}</Text>}
          </Group>
        </>
      )}
    </Stack>
  );
}
