import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView, TagFieldView } from '../../../../shared/ipc';
import { call, errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { keys } from '../../api/keys';
import { Button, DataTable, EmptyState, type DataColumn } from '../../ui';
import { ContactDialog, ContactRowButtons, type ContactStep } from './ContactActions';
import { PAGE_SIZE, usePaged } from './paged';
import styles from './ContactsPage.module.css';

/** The contacts of one tag, searchable by name or number, in a virtualised table. */
export function ContactsList({ tagId, search, onSearch }: { tagId: number | undefined; search: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const tags = useInvoke('contacts:tags');
  const tag = tags.data?.find((candidate) => candidate.id === tagId);
  const query = search.trim();
  const [action, setAction] = useState<{ step: ContactStep; contact: ContactView } | null>(null);
  const [opened, setOpened] = useState<ContactView | null>(null);
  const list = usePaged<ContactView>(
    [...keys.contacts.all, 'list', { tagId, search: query }],
    (offset) => call('contacts:list', { tagId: tagId ?? 1, offset, limit: PAGE_SIZE, ...(query ? { search: query } : {}) }),
    tagId !== undefined,
  );
  // The fields its contacts were imported with ({cidade}…), said by the list's first page.
  const tagFields = (list.data?.pages[0] as { fields?: TagFieldView[] } | undefined)?.fields ?? [];
  const columns: DataColumn<ContactView>[] = [
    {
      id: 'name',
      header: t('contacts.list.name'),
      value: (row) => row.name,
      cell: (row) => row.name || <span className="muted">{t('contacts.list.unnamed')}</span>,
    },
    {
      id: 'phone',
      header: t('contacts.list.phone'),
      value: (row) => row.phone,
      cell: (row) => (
        <>
          <span className={styles.number}>{row.phone}</span>
          {row.optedOut ? <span className={`${styles.pill} ${styles.warn}`}> {t('contacts.manage.optedOut')}</span> : null}
        </>
      ),
    },
    // A few fields: a column each, under its header; many: one column with them all.
    ...(tagFields.length > 0 && tagFields.length <= 3
      ? tagFields.map((f): DataColumn<ContactView> => ({
          id: `field:${f.key}`,
          header: f.header,
          value: (row) => row.fields?.[f.key] ?? '',
          title: (row) => row.fields?.[f.key] ?? '',
        }))
      : []),
    ...(tagFields.length > 3
      ? [
          {
            id: 'fields',
            header: t('contacts.manage.fields'),
            sortable: false,
            grow: 2,
            value: (row: ContactView) =>
              tagFields.flatMap((f) => (row.fields?.[f.key] ? [`${f.header}: ${row.fields[f.key]}`] : [])).join(' · '),
          } satisfies DataColumn<ContactView>,
        ]
      : []),
  ];
  const exportTag = useAction('contacts:exportTag');

  if (tagId === undefined) {
    return (
      <section className={styles.contacts} aria-label={t('contacts.list.pick')}>
        <EmptyState>{t('contacts.list.pick')}</EmptyState>
      </section>
    );
  }
  const title = tag?.title ?? `#${tagId}`;
  return (
    <section className={styles.contacts} aria-labelledby="contacts-title" data-testid="tag-contacts">
      <div className={styles.contactsHead}>
        <h2 id="contacts-title" className={styles.panelTitle}>
          {t('contacts.list.title', { title })}
        </h2>
        {tag ? <span className={styles.bigCount}>{t('contacts.tags.count', { count: tag.contacts })}</span> : null}
        <Button onClick={() => exportTag.mutate({ tagId })} disabled={exportTag.isPending || !tag || tag.contacts === 0}>
          {t('contacts.manage.export')}
        </Button>
      </div>
      {exportTag.data?.saved ? (
        <p role="status" className={styles.ok}>
          {t('contacts.manage.exported', { count: exportTag.data.rows, name: exportTag.data.name })}
        </p>
      ) : null}
      {exportTag.error ? (
        <p role="alert" className="error">
          {errorMessage(exportTag.error)}
        </p>
      ) : null}
      <SearchBox key={tagId} search={search} onSearch={onSearch} />
      {list.error ? (
        <p role="alert" className="error">
          {errorMessage(list.error)}
        </p>
      ) : null}
      {list.isPending && !list.error ? <p className="muted">{t('common.loading')}</p> : null}
      {list.data ? (
        <DataTable
          label={t('contacts.list.title', { title })}
          rows={list.rows}
          columns={columns}
          rowId={(row) => row.phone}
          onOpen={(row) => setOpened(row)}
          empty={query ? t('contacts.list.noMatch', { search: query }) : t('contacts.list.empty')}
        />
      ) : null}
      {list.data && list.rows.length > 0 ? <p className="hint">{t('contacts.manage.hint')}</p> : null}
      {opened ? (
        <div className={styles.contactPanel} data-testid="contact-panel">
          <strong>{opened.name || t('contacts.list.unnamed')}</strong> <span className={styles.number}>{opened.phone}</span>
          <ContactRowButtons
            contact={list.rows.find((row) => row.phone === opened.phone) ?? opened}
            onStep={(step) => setAction({ step, contact: opened })}
          />
          <Button variant="link" onClick={() => setOpened(null)}>
            {t('contacts.fix.close')}
          </Button>
        </div>
      ) : null}
      {action ? (
        <ContactDialog
          key={`${action.step}:${action.contact.phone}`}
          tagId={tagId}
          tagTitle={title}
          contact={action.contact}
          fields={tagFields}
          step={action.step}
          onClose={() => setAction(null)}
        />
      ) : null}
      {list.hasNextPage ? (
        <p className={styles.more}>
          {t('contacts.list.showing', { shown: list.rows.length, total: list.total })}{' '}
          <Button variant="link" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {t('contacts.more', { count: Math.min(PAGE_SIZE, list.total - list.rows.length) })}
          </Button>
        </p>
      ) : null}
    </section>
  );
}

/** Typing updates the box at once; the URL (and the query) follow a moment later. */
function SearchBox({ search, onSearch }: { search: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState(search);
  useEffect(() => {
    if (typed === search) return;
    const timer = setTimeout(() => onSearch(typed), 250);
    return () => clearTimeout(timer);
  }, [typed, search, onSearch]);
  return (
    <label className={styles.search}>
      <span className={styles.srOnly}>{t('contacts.list.search')}</span>
      <input
        type="search"
        placeholder={t('contacts.list.search')}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        maxLength={100}
      />
    </label>
  );
}
