import { useEffect, useId, useRef } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A small rich-text editor: a contenteditable region (role textbox, labelled) and a toolbar of labelled
 * buttons for headings, paragraphs, bold, italic, lists, links and a table. Ctrl+B / Ctrl+I work too. The
 * HTML it produces is sent as `narrativeHtml`; the server keeps only the safe subset.
 */
export function RichTextEditor({ label, html, onChange, readOnly = false }: { label: string; html: string; onChange: (html: string) => void; readOnly?: boolean }) {
  const { t } = useTranslation('reports');
  const ref = useRef<HTMLDivElement>(null);
  const labelId = useId();
  const hintId = useId();

  // The initial content is set once per section (the parent remounts with a key); typing does not re-render it.
  useEffect(() => {
    if (ref.current) ref.current.innerHTML = html;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const emit = () => ref.current && onChange(ref.current.innerHTML);
  const exec = (command: string, value?: string) => {
    ref.current?.focus();
    document.execCommand(command, false, value);
    emit();
  };
  const link = () => {
    const url = window.prompt(t('editor.linkPrompt'), 'https://');
    if (!url) return;
    if (!/^(https?:\/\/|mailto:)/i.test(url)) {
      window.alert(t('editor.linkInvalid'));
      return;
    }
    exec('createLink', url);
  };
  const table = () => {
    const cell = (tag: string, text: string) => `<${tag}>${text}</${tag}>`;
    exec('insertHTML', `<table><tbody><tr>${cell('th', t('editor.tableHead'))}${cell('th', t('editor.tableHead'))}</tr><tr>${cell('td', '&nbsp;')}${cell('td', '&nbsp;')}</tr></tbody></table><p><br></p>`);
  };
  // Buttons keep the selection in the text (mousedown would move focus away before the command runs).
  const keep = (e: React.MouseEvent) => e.preventDefault();
  const tools: [string, () => void][] = [
    ['editor.heading', () => exec('formatBlock', 'h2')],
    ['editor.subheading', () => exec('formatBlock', 'h3')],
    ['editor.paragraph', () => exec('formatBlock', 'p')],
    ['editor.bold', () => exec('bold')],
    ['editor.italic', () => exec('italic')],
    ['editor.bullets', () => exec('insertUnorderedList')],
    ['editor.numbers', () => exec('insertOrderedList')],
    ['editor.link', link],
    ['editor.table', table],
  ];

  return (
    <div className="rt-editor">
      <Text id={labelId} fw={600} size="sm" mb={4}>
        {label}
      </Text>
      {!readOnly && (
        <Group gap={4} role="toolbar" aria-label={t('editor.toolbar', { label })} mb={4} wrap="wrap">
          {tools.map(([key, fn]) => (
            <Button key={key} size="compact-sm" variant="default" onMouseDown={keep} onClick={fn}>
              {t(key)}
            </Button>
          ))}
        </Group>
      )}
      <div
        ref={ref}
        className="rt-content"
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelId}
        aria-describedby={hintId}
        aria-readonly={readOnly || undefined}
        contentEditable={!readOnly}
        suppressContentEditableWarning
        tabIndex={0}
        onInput={emit}
        onBlur={emit}
      />
      <Text id={hintId} size="xs" c="dimmed" mt={4}>
        {t('editor.hint')}
      </Text>
    </div>
  );
}
