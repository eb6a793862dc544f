import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactsContract } from '../../../../shared/ipc';
import { useAction, useInvoke } from '../../api/hooks';
import { errorMessage } from '../../api/client';
import { showServerError, useContractForm } from '../../forms/contract-form';
import { formatNumber } from '../../format';
import { Button, EmptyState, Field } from '../../ui';
import styles from './ContactsPage.module.css';

const addTagSchema = contactsContract.invoke['contacts:addTag'].input;
const numberOrUndefined = (value: unknown) => (value === '' || value === null || value === undefined ? undefined : Number(value));

/** The registry's tags with their contact counts; choosing one shows its contacts. */
export function TagsPanel({ selected, onSelect }: { selected: number | undefined; onSelect: (tagId: number) => void }) {
  const { t, i18n } = useTranslation();
  const tags = useInvoke('contacts:tags');
  return (
    <aside className={styles.tags} aria-labelledby="tags-title">
      <h2 id="tags-title" className={styles.panelTitle}>
        {t('contacts.tags.title')}
      </h2>
      {tags.error ? (
        <p role="alert" className="error">
          {errorMessage(tags.error)}
        </p>
      ) : null}
      {!tags.data && !tags.error ? <p className="muted">{t('common.loading')}</p> : null}
      {tags.data && tags.data.length === 0 ? <EmptyState>{t('contacts.tags.empty')}</EmptyState> : null}
      {tags.data && tags.data.length > 0 ? (
        <ul className={styles.tagList} data-testid="tag-list">
          {tags.data.map((tag) => (
            <li key={tag.id}>
              <button
                type="button"
                className={styles.tagButton}
                aria-current={tag.id === selected ? 'true' : undefined}
                onClick={() => onSelect(tag.id)}
                data-testid={`tag-${tag.id}`}
              >
                <span className={styles.tagTitle}>{tag.title}</span>
                <span className={styles.tagCount}>
                  {/* The number at a glance; assistive technology hears it with its word. */}
                  <span aria-hidden="true">{formatNumber(tag.contacts, i18n.language)}</span>
                  <span className={styles.srOnly}> {t('contacts.tags.count', { count: tag.contacts })}</span>
                </span>
                <span className={styles.tagMeta}>
                  #{tag.id}
                  {tag.createdHere ? '' : ` · ${t('contacts.tags.createdElsewhere')}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <AddTagForm onAdded={onSelect} />
    </aside>
  );
}

/** "Add a tag created elsewhere": its id (shown on the gateway's site) and the name to show here. */
function AddTagForm({ onAdded }: { onAdded: (tagId: number) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const add = useAction('contacts:addTag');
  const form = useContractForm(addTagSchema, { defaultValues: { title: '' } });
  const { errors } = form.formState;
  const submit = form.handleSubmit((input) => {
    add.mutate(input, {
      onSuccess: (tag) => {
        setAdded(tag.title);
        form.reset({ title: '' });
        onAdded(tag.id);
      },
      onError: (error) => showServerError(form, error, ['id', 'title']),
    });
  });
  return (
    <details className={styles.addTag} open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('contacts.tags.addElsewhere')}</summary>
      <form onSubmit={(event) => void submit(event)} noValidate className={styles.addTagForm}>
        <p className="hint">{t('contacts.tags.addElsewhereHint')}</p>
        <Field label={t('contacts.tags.id')} error={errors.id?.message}>
          {(control) => (
            <input type="number" inputMode="numeric" min={1} {...control} {...form.register('id', { setValueAs: numberOrUndefined })} />
          )}
        </Field>
        <Field label={t('contacts.tags.name')} error={errors.title?.message}>
          {(control) => <input type="text" maxLength={100} {...control} {...form.register('title')} />}
        </Field>
        {errors.root?.server ? (
          <p role="alert" className="error">
            {errors.root.server.message}
          </p>
        ) : null}
        {added ? (
          <p role="status" className={styles.ok}>
            {t('contacts.tags.added', { title: added })}
          </p>
        ) : null}
        <div>
          <Button type="submit" disabled={add.isPending}>
            {add.isPending ? t('contacts.tags.adding') : t('contacts.tags.add')}
          </Button>
        </div>
      </form>
    </details>
  );
}
