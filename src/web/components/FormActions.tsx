import { useState, type ReactNode } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A form's submit button (busy while saving) and its cancel button. */
export function FormActions({ busy, submitLabel, onCancel }: { busy: boolean; submitLabel: ReactNode; onCancel: () => void }) {
  const { t } = useTranslation('common');
  return (
    <Group>
      <Button type="submit" loading={busy}>
        {submitLabel}
      </Button>
      <Button variant="default" onClick={onCancel}>
        {t('cancel')}
      </Button>
    </Group>
  );
}

/**
 * A dialog's footer: cancel and submit on the right and, for an existing record, a delete on the left that asks
 * first (the question, then "yes" and cancel). Labels are the caller's, so each dialog names what it deletes.
 */
export function DialogActions({ busy, submitLabel, onClose, remove, labels }: {
  busy: boolean;
  submitLabel: ReactNode;
  onClose: () => void;
  /** The delete, when the record exists: resolves truthy when it was deleted (the dialog then closes). */
  remove?: { run: () => Promise<unknown>; busy: boolean };
  labels: { delete: string; confirm: string; yes: string };
}) {
  const { t } = useTranslation('common');
  const [confirm, setConfirm] = useState(false);
  return (
    <Group justify="space-between">
      <div>
        {remove &&
          (confirm ? (
            <Group gap="xs">
              <Text size="sm">{labels.confirm}</Text>
              <Button color="red" size="xs" loading={remove.busy} onClick={() => void remove.run().then((ok) => ok && onClose())}>
                {labels.yes}
              </Button>
              <Button variant="default" size="xs" onClick={() => setConfirm(false)}>
                {t('cancel')}
              </Button>
            </Group>
          ) : (
            <Button variant="subtle" color="red" onClick={() => setConfirm(true)}>
              {labels.delete}
            </Button>
          ))}
      </div>
      <Group>
        <Button variant="default" onClick={onClose}>
          {t('cancel')}
        </Button>
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
      </Group>
    </Group>
  );
}
