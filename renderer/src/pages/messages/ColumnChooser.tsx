import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './MessagesPage.module.css';

// Which columns the Messages table shows: remembered on this computer (the customer id is hidden until
// someone asks for it). The number and the message are always there.

const STORAGE_KEY = 'relay.messages.columns';
export const OPTIONAL_COLUMNS = ['created', 'status', 'deviceId', 'sim', 'customerId'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
const DEFAULT_VISIBLE: readonly OptionalColumn[] = ['created', 'status', 'deviceId', 'sim'];

function stored(): Set<OptionalColumn> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(value))
      return new Set(value.filter((v): v is OptionalColumn => (OPTIONAL_COLUMNS as readonly unknown[]).includes(v)));
  } catch {
    // unreadable: the defaults
  }
  return new Set(DEFAULT_VISIBLE);
}

export function useVisibleColumns(): [Set<OptionalColumn>, (column: OptionalColumn, shown: boolean) => void] {
  const [visible, setVisible] = useState(stored);
  const toggle = (column: OptionalColumn, shown: boolean) => {
    const next = new Set(visible);
    if (shown) next.add(column);
    else next.delete(column);
    setVisible(next);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify([...next]));
    } catch {
      // storage refused: the choice lasts this session
    }
  };
  return [visible, toggle];
}

export function ColumnChooser({
  visible,
  toggle,
  names,
}: {
  visible: Set<OptionalColumn>;
  toggle: (column: OptionalColumn, shown: boolean) => void;
  names: Record<OptionalColumn, string>;
}) {
  const { t } = useTranslation();
  return (
    <details className={styles.columns}>
      <summary title={t('messages.columns.chooseHint')}>{t('messages.columns.choose')}</summary>
      <fieldset className={styles.columnList}>
        <legend>{t('messages.columns.chooseHint')}</legend>
        {OPTIONAL_COLUMNS.map((column) => (
          <label key={column} className={styles.check}>
            <input type="checkbox" checked={visible.has(column)} onChange={(e) => toggle(column, e.target.checked)} />
            {names[column]}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
