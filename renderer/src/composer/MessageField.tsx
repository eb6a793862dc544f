import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { withPlainPunctuation, type SmsCount } from '../../../shared/sms';
import { Field } from '../ui';
import { PlaceholderButtons } from './PlaceholderButtons';
import { SmsCounter } from './SmsCounter';
import styles from './composer.module.css';

// The one message-body field of the composers: the text, its length in SMS under it (never on a WhatsApp
// channel, which has no SMS limit), and buttons that put a list's column in as a {placeholder} at the caret.

export interface MessageFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** False on a WhatsApp channel: no SMS counter, a sentence instead. */
  sms?: boolean;
  /** What is counted when it is not the text itself (the text with its footer, the longest personalised row). */
  counted?: { text: string; count?: SmsCount; label?: string };
  /** A list's columns, offered as {placeholder} buttons (a tag's kept fields with the header they came from). */
  columns?: readonly string[];
  columnLabels?: Readonly<Record<string, string>> | undefined;
  hint?: string;
  error?: string | undefined;
}

export function MessageField({ label, value, onChange, sms = true, counted, columns = [], columnLabels, hint, error }: MessageFieldProps) {
  const { t } = useTranslation();
  const area = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once the text with the inserted placeholder is on screen: set in the same commit
  // (a layout effect), so typing or clicking right after an insert never finds the caret at the end.
  const caretAfterInsert = useRef<number | null>(null);
  useLayoutEffect(() => {
    const at = caretAfterInsert.current;
    if (at === null || !area.current) return;
    caretAfterInsert.current = null;
    area.current.focus();
    area.current.setSelectionRange(at, at);
  }, [value]);

  function insert(column: string) {
    const placeholder = `{${column}}`;
    const at = area.current ? area.current.selectionStart : value.length;
    const end = area.current ? area.current.selectionEnd : value.length;
    caretAfterInsert.current = at + placeholder.length;
    onChange(value.slice(0, at) + placeholder + value.slice(end));
  }

  const counter = !sms ? (
    t('sending.whatsApp.noCounter')
  ) : (
    // The fix applies to what was typed (a footer or a column's value is not the user's text to rewrite).
    <SmsCounter
      text={counted?.text ?? value}
      {...(counted?.count ? { count: counted.count } : {})}
      {...(counted?.label ? { prefix: counted.label } : {})}
      onPlainPunctuation={() => onChange(withPlainPunctuation(value))}
    />
  );
  return (
    <div className={styles.messageField}>
      <Field
        label={label}
        error={error}
        hint={
          hint ? (
            <>
              {hint}
              <br />
              {counter}
            </>
          ) : (
            counter
          )
        }
      >
        {(control) => (
          <textarea
            {...control}
            ref={area}
            className={styles.textarea}
            value={value}
            maxLength={5000}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
      </Field>
      <PlaceholderButtons columns={columns} labels={columnLabels} onInsert={insert} />
    </div>
  );
}
