import { forwardRef, useId, type ReactNode } from 'react';
import { Input } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../format';

interface FilePickerProps {
  /** The field's label, above it. */
  label: string;
  /** The file chosen, as the caller keeps it: its name is shown (and cleared when the caller clears it). */
  file: File | null;
  accept: string;
  onChange: (file: File | null) => void;
  /** Help below the label and an error below the field, as Mantine's fields show them. */
  description?: ReactNode;
  error?: ReactNode;
  /** Ids of further texts that describe the field (help or an error shown elsewhere). */
  describedBy?: string;
  invalid?: boolean;
  id?: string;
}

/**
 * A file field in the app's words. The browser's own file input speaks the browser's language ("Choose File", "No file
 * chosen" on an English Windows) in a Swedish page. Here the native input stays, for the keyboard, screen readers and
 * dropping a file on it, transparent over a button drawn in the app's words ("Välj fil…"); the chosen file's name and size,
 * or "Ingen fil vald", stands beside it. The input is named by the field's label and the button's words (WCAG 2.5.3) and
 * described by the file's name, which is announced when it changes. The button shows the input's focus.
 */
export const FilePicker = forwardRef<HTMLInputElement, FilePickerProps>(function FilePicker(
  { label, file, accept, onChange, description, error, describedBy, invalid, id },
  ref,
) {
  const { t } = useTranslation();
  const own = useId();
  const inputId = id ?? `${own}-input`;
  return (
    <div className="file-picker">
      <label id={`${own}-label`} htmlFor={inputId} className="file-picker-label">
        {label}
      </label>
      {description && <Input.Description id={`${own}-description`}>{description}</Input.Description>}
      <div className="file-picker-row">
        {/* The input lies over the button, transparent: a click or a dropped file lands on the input itself. */}
        <span className="file-picker-control">
          <input
            id={inputId}
            ref={ref}
            type="file"
            className="file-picker-input"
            accept={accept}
            aria-labelledby={`${own}-label ${own}-button`}
            aria-describedby={[`${own}-name`, description && `${own}-description`, error && `${own}-error`, describedBy].filter(Boolean).join(' ')}
            aria-invalid={invalid || !!error || undefined}
            onChange={(e) => onChange(e.currentTarget.files?.[0] ?? null)}
          />
          <span id={`${own}-button`} className="file-picker-button" aria-hidden="true">
            {t('file.choose')}
          </span>
        </span>
        <span id={`${own}-name`} className="file-picker-name" aria-live="polite">
          {file ? `${file.name} (${formatBytes(file.size)})` : t('file.none')}
        </span>
      </div>
      {error && <Input.Error id={`${own}-error`}>{error}</Input.Error>}
    </div>
  );
});
