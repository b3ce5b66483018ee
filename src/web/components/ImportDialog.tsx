import { useState, type ReactNode } from 'react';
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
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
export function ImportDialogButton({ button, title, intro, before, flowKey, onOpen, ...flow }: Omit<ImportFlowProps, 'headingOrder'> & {
  button: string;
  title: string;
  intro: string;
  before?: ReactNode;
  /** A new key starts the steps over (e.g. when the VoR's year changes). */
  flowKey?: string;
  /** Called as the dialog opens (e.g. to take the page's year as the import's). */
  onOpen?: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => {
        onOpen?.();
        setOpen(true);
      }}>
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

/**
 * A register page's "Importera från Excel" (for those who may edit: `manage`) and "Ladda ned mall": the import at
 * `/api{base}/import` and its template at `/api{base}/template`, into the selected organisation; the words are the
 * namespace's `import.*` keys (given `org` and the `query`'s fields); a finished import refreshes the page's queries
 * (`queryKey`). `query` adds the import's own fields (e.g. the year) to both addresses; a change starts the steps over.
 */
export function RegisterImport({ ns, base, queryKey, org, manage, query: extra }: {
  ns: string;
  base: string;
  queryKey: string;
  org: { slug: string; name: string };
  manage: boolean;
  query?: Record<string, string | number>;
}) {
  const { t } = useTranslation(ns);
  const qc = useQueryClient();
  const query = { ...extra, org: org.slug };
  const words = { ...extra, org: org.name };
  const template = <TemplateLink path={`${base}/template`} query={query} label={t('import.template')} help={t('import.templateHelp', words)} />;
  return (
    <Group gap="md" align="center">
      {manage && (
        <ImportDialogButton
          button={t('import.button')}
          title={t('import.title', words)}
          intro={t('import.intro', words)}
          before={template}
          flowKey={JSON.stringify(query)}
          path={`${base}/import`}
          query={query}
          fileLabel={t('import.file')}
          help={t('import.help', words)}
          doneTitle={t('import.doneTitle')}
          doneText={t('import.doneText')}
          onImported={(r) => {
            if (r.status === 200) void qc.invalidateQueries({ queryKey: [queryKey] });
          }}
        />
      )}
      {template}
    </Group>
  );
}
