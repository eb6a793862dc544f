import { useTranslation } from 'react-i18next';
import { Button } from '../ui';
import page from './sending.module.css';

/**
 * The columns a message may use, each a button that inserts its placeholder. A tag's kept fields say the
 * header they came from beside their placeholder ({cidade} · Cidade), so people recognise their own column.
 */
export function PlaceholderButtons({
  columns,
  labels,
  onInsert,
}: {
  columns: readonly string[];
  labels?: Readonly<Record<string, string>> | undefined;
  onInsert: (column: string) => void;
}) {
  const { t } = useTranslation();
  if (columns.length === 0) return null;
  return (
    <div className={page.insert} role="group" aria-label={t('campaigns.bulk.insertLabel')} data-testid="placeholders">
      <span className="muted small">{t('campaigns.bulk.insertLabel')}:</span>
      {columns.map((column) => {
        const header = labels?.[column];
        return (
          <Button
            key={column}
            aria-label={
              header ? t('campaigns.bulk.insertField', { column: `{${column}}`, header }) : t('campaigns.bulk.insert', { column })
            }
            onClick={() => onInsert(column)}
            {...(header ? { title: header } : {})}
          >
            {`{${column}}`}
            {header && header !== column ? <span className={page.fieldHeader}> · {header}</span> : null}
          </Button>
        );
      })}
    </div>
  );
}
