import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldChoiceView } from '../../../../shared/ipc';
import { Button } from '../../ui';
import styles from './ContactsPage.module.css';

// The other columns of the file (city, birthday, order number…): each one ticked is kept with every contact and
// offered to campaigns to the tag as its placeholder ({cidade}). Every column with a value is ticked at first.

/** The user's ticks over the defaults, kept while the file is read again with other columns. */
export function useKeptFields() {
  const [choice, setChoice] = useState<ReadonlyMap<number, boolean>>(new Map());
  const kept = (fields: readonly FieldChoiceView[]): number[] => fields.filter((f) => choice.get(f.column) ?? f.keep).map((f) => f.column);
  const set = (columns: readonly number[], keep: boolean) =>
    setChoice((current) => {
      const next = new Map(current);
      for (const column of columns) next.set(column, keep);
      return next;
    });
  return { kept, set };
}

export function FieldsChecklist({
  fields,
  kept,
  onChange,
}: {
  fields: readonly FieldChoiceView[];
  kept: readonly number[];
  onChange: (columns: readonly number[], keep: boolean) => void;
}) {
  const { t } = useTranslation();
  const keeping = new Set(kept);
  const example = fields.find((f) => keeping.has(f.column)) ?? fields[0];
  return (
    <section className={styles.panel} aria-labelledby="fields-title" data-testid="fields">
      <div className={styles.panelHead}>
        <h3 id="fields-title" className={styles.panelTitle}>
          {t('contacts.fields.title')}
        </h3>
        {fields.length > 0 ? (
          <span className="muted small" data-testid="fields-kept">
            {t('contacts.fields.kept', { count: keeping.size, total: fields.length })}
          </span>
        ) : null}
      </div>
      {fields.length === 0 ? (
        <p className="hint">{t('contacts.fields.none')}</p>
      ) : (
        <>
          <p className="hint">{t('contacts.fields.hint', { example: example ? `{${example.key}}` : '{cidade}' })}</p>
          <ul className={styles.fieldList}>
            {fields.map((field) => (
              <li key={field.column}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={keeping.has(field.column)}
                    onChange={(event) => onChange([field.column], event.target.checked)}
                    aria-label={t('contacts.fields.keep', { header: field.header, placeholder: `{${field.key}}` })}
                  />
                  <span className={styles.fieldName}>{field.header}</span>
                  <code className={styles.fieldKey}>{`{${field.key}}`}</code>
                  <span className={styles.fieldSample}>
                    {field.sample ? t('contacts.fields.sample', { sample: field.sample }) : t('contacts.fields.empty')}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <div className={styles.row}>
            <Button
              variant="link"
              onClick={() =>
                onChange(
                  fields.map((f) => f.column),
                  true,
                )
              }
            >
              {t('contacts.fields.all')}
            </Button>
            <Button
              variant="link"
              onClick={() =>
                onChange(
                  fields.map((f) => f.column),
                  false,
                )
              }
            >
              {t('contacts.fields.noneButton')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
