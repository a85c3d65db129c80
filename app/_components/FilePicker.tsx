'use client';

import { useId, useState, type InputHTMLAttributes, type Ref } from 'react';
import { useTranslations } from '@/lib/browser/i18n';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'children'> & {
  ref?: Ref<HTMLInputElement>;
  'data-testid'?: string;
  /** The chosen files' names when the form keeps them (and clears them after sending); else the picker tracks them. */
  chosen?: readonly string[];
};

/**
 * A file picker whose visible text is the page's language, not the browser's ("Choose File" / "No file chosen"): the
 * native input stays in the page, focusable and announced (visually hidden), with a button-like text and the chosen
 * file's name beside it. Put it inside a `<label>` (the field's name): a click anywhere on the label opens the
 * browser's file dialog, Space or Enter on the focused input too.
 */
export function FilePicker({ chosen, onChange, multiple, className, ...input }: Props) {
  const t = useTranslations('filePicker');
  const nameId = useId();
  const [picked, setPicked] = useState<string[]>([]);
  const names = chosen ?? picked;
  return (
    <span className={`file-picker${className ? ` ${className}` : ''}`}>
      <input
        {...input}
        type="file"
        multiple={multiple}
        className="file-picker-input"
        aria-describedby={[input['aria-describedby'], nameId].filter(Boolean).join(' ')}
        onChange={(event) => {
          setPicked(Array.from(event.target.files ?? [], (file) => file.name));
          onChange?.(event);
        }}
      />
      <span className="file-picker-button" data-testid="file-picker-button">
        {t(multiple ? 'chooseMany' : 'choose')}
      </span>
      <span className="file-picker-name muted small" id={nameId} data-testid="file-picker-name">
        {names.length === 0
          ? t(multiple ? 'noneMany' : 'none')
          : names.length === 1
            ? names[0]
            : t('many', { count: names.length, names: names.join(', ') })}
      </span>
    </span>
  );
}
