import { useState, type ReactNode } from 'react';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { apiUrl } from '../api/client';
import { Dialog } from './Dialog';
import { ImportFlow, type ImportFlowProps } from './ImportFlow';

/** "Ladda ned mall": an import's XLSX template (the header row and what is there now, so it round-trips). */
export function TemplateLink({ path, query, label, help }: { path: string; query: Record<string, string | number>; label: string; help: string }) {
  return (
    <Anchor href={apiUrl(path, query)} download title={help}>
      {label}
    </Anchor>
  );
}

/**
 * "Importera från Excel": a button that opens a dialog with the import's intro, its own fields (`before`, e.g. the
 * VoR's year and the template link) and the import's steps (ImportFlow, headings at level 3 under the dialog's title).
 */
export function ImportDialogButton({ button, title, intro, before, flowKey, ...flow }: Omit<ImportFlowProps, 'headingOrder'> & {
  button: string;
  title: string;
  intro: string;
  before?: ReactNode;
  /** A new key starts the steps over (e.g. when the VoR's year changes). */
  flowKey?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {button}
      </Button>
      {open && (
        <Dialog opened onClose={() => setOpen(false)} title={title} size="xl">
          <Stack>
            <Text size="sm">{intro}</Text>
            {before}
            <ImportFlow key={flowKey} {...flow} headingOrder={3} />
          </Stack>
        </Dialog>
      )}
    </>
  );
}
