import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useBlocker } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { registerLeaveGuard } from '../shell/leaveGuard';
import { Dialog } from './Dialog';

interface Pending {
  proceed: () => void;
  /** A blocked route change must be told it stays. */
  stay?: () => void;
}

/**
 * No silent loss of unsaved work. While `dirty`:
 * - `guard(action)` runs an in-page action that would drop the changes (another section, another year) only
 *   after asking;
 * - a route change (a link, Back) and a change of organisation in the header ask first;
 * - closing or reloading the tab gets the browser's own warning (beforeunload).
 * The question is a dialog (focus trapped, named by its title, Escape = stay): "Spara" saves and then goes on
 * (stays when the save fails: its error shows where the work is), "Släng ändringarna" goes on without saving,
 * "Avbryt" stays. `what` names the unsaved work in the dialog's text.
 */
export function useUnsavedChanges({ dirty, save, what }: { dirty: boolean; save: () => Promise<boolean>; what: string }): {
  guard: (action: () => void) => void;
  dialog: ReactNode;
} {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending | null>(null);
  const [saving, setSaving] = useState(false);
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);

  const blocker = useBlocker({
    shouldBlockFn: () => dirtyRef.current,
    enableBeforeUnload: () => dirtyRef.current,
    withResolver: true,
  });

  useEffect(
    () =>
      registerLeaveGuard((proceed) => {
        if (!dirtyRef.current) return false;
        setPending({ proceed });
        return true;
      }),
    [],
  );

  const guard = useCallback((action: () => void) => {
    if (dirtyRef.current) setPending({ proceed: action });
    else action();
  }, []);

  const open: Pending | null = pending ?? (blocker.status === 'blocked' ? { proceed: blocker.proceed, stay: blocker.reset } : null);

  const stay = () => {
    open?.stay?.();
    setPending(null);
  };
  const discard = () => {
    const p = open;
    setPending(null);
    dirtyRef.current = false;
    p?.proceed();
  };
  const saveThenGo = async () => {
    const p = open;
    setSaving(true);
    const ok = await save().catch(() => false);
    setSaving(false);
    setPending(null);
    if (ok) {
      dirtyRef.current = false;
      p?.proceed();
    } else p?.stay?.();
  };

  const dialog = open && (
    <Dialog opened onClose={stay} title={t('unsaved.title')} closeOnClickOutside={!saving} closeOnEscape={!saving}>
      <Stack>
        <Text size="sm">{t('unsaved.text', { what })}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={stay} disabled={saving}>
            {t('cancel')}
          </Button>
          <Button variant="outline" color="red" onClick={discard} disabled={saving}>
            {t('unsaved.discard')}
          </Button>
          <Button onClick={() => void saveThenGo()} loading={saving} data-autofocus>
            {t('unsaved.save')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
  return { guard, dialog };
}
