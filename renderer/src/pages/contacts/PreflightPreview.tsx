import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreflightRowView, PreflightView, RowStatus } from '../../../../shared/ipc';
import { call, errorMessage } from '../../api/client';
import { useAction } from '../../api/hooks';
import { keys } from '../../api/keys';
import { formatNumber } from '../../format';
import { Button, DataTable, type DataColumn } from '../../ui';
import { PAGE_SIZE, usePaged } from './paged';
import type { StatusFilter } from './params';
import { RowFix, reasonSentence } from './RowFix';
import styles from './ContactsPage.module.css';

type ReadyView = Extract<PreflightView, { ok: true }>;

const TONE: Record<RowStatus, 'good' | 'bad' | 'warn'> = {
  ready: 'good',
  landline: 'warn',
  invalid: 'bad',
  duplicate: 'bad',
  'in-tag': 'warn',
  'opted-out': 'warn',
  'no-consent': 'warn',
};

/** The rows with their status and line, filtered by the counts above; problem rows can be saved as CSV. */
export function Preview({ view, show }: { view: ReadyView; show: StatusFilter }) {
  const { t, i18n } = useTranslation();
  const { preflightId, file } = view;
  const save = useAction('contacts:saveProblemReport');
  const rows = usePaged<PreflightRowView>([...keys.contacts.preflightRows, { preflightId, status: show }], (offset) =>
    call('contacts:preflightRows', { preflightId, offset, limit: PAGE_SIZE, ...(show === 'all' ? {} : { status: show }) }),
  );
  const [open, setOpen] = useState<PreflightRowView | null>(null);
  /** The whole detail of a row, in the user's language (the cell wraps to two lines; hover or open the row for all of it). */
  const detail = (row: PreflightRowView): string => {
    const parts: string[] = [];
    if (row.corrected) parts.push(t('contacts.fix.correctedMark'));
    const raw = row.cells[file.mapping.phone] ?? '';
    if (row.reason) parts.push(reasonSentence(t, row.reason.code, raw));
    else if (row.duplicateOf !== null) parts.push(t('contacts.preview.duplicateOf', { line: row.duplicateOf }));
    else if (row.status === 'no-consent') parts.push(t('contacts.preview.noConsent'));
    if (row.others) parts.push(t('contacts.preview.others', { numbers: row.others.join(', ') }));
    if (parts.length === 0 && row.phone && raw && raw !== row.phone && !row.corrected)
      parts.push(t('contacts.preview.original', { value: raw }));
    return parts.join(' ');
  };
  const columns = useMemo<DataColumn<PreflightRowView>[]>(
    () => [
      // The number whole at 1024 px (E.164 is up to 16 characters); the line number needs little.
      {
        id: 'line',
        header: t('contacts.preview.line'),
        grow: 0.55,
        value: (row) => row.line,
        cell: (row) => <span className={styles.line}>{formatNumber(row.line, i18n.language)}</span>,
      },
      { id: 'name', header: t('contacts.preview.name'), grow: 1.35, value: (row) => row.name },
      {
        id: 'phone',
        header: t('contacts.preview.phone'),
        grow: 1.5,
        value: (row) => row.phone ?? row.cells[file.mapping.phone] ?? '',
        cell: (row) => <span className={styles.number}>{row.phone ?? row.cells[file.mapping.phone] ?? ''}</span>,
      },
      {
        id: 'status',
        header: t('contacts.preview.status'),
        value: (row) => row.status,
        cell: (row) => <span className={`${styles.pill} ${styles[TONE[row.status]]}`}>{t(`contacts.preview.status_${row.status}`)}</span>,
      },
      {
        id: 'detail',
        header: t('contacts.preview.detail'),
        value: (row) => detail(row),
        sortable: false,
        grow: 2.6,
        twoLines: true,
        title: (row) => detail(row),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- detail() reads only t and the mapping
    [t, i18n, file.mapping.phone],
  );
  const problems = view.counts.invalid + view.counts.duplicates;
  return (
    <section className={styles.preview} aria-labelledby="preview-title">
      <div className={styles.previewHead}>
        <h3 id="preview-title" className={styles.panelTitle}>
          {t('contacts.preview.title')}
        </h3>
        {problems > 0 ? (
          <Button
            onClick={() => save.mutate({ preflightId })}
            disabled={save.isPending || view.state === 'reading'}
            title={t('contacts.preview.exportHint')}
          >
            {t('contacts.preview.exportProblems', { count: problems })}
          </Button>
        ) : null}
      </div>
      {save.data?.saved && save.data.name ? (
        <p role="status" className={styles.ok}>
          {t('contacts.preview.exported', { name: save.data.name, count: save.data.rows })}
        </p>
      ) : null}
      {save.error || rows.error ? (
        <p role="alert" className="error">
          {errorMessage(save.error ?? rows.error)}
        </p>
      ) : null}
      {rows.data ? (
        <>
          <p className="hint">{t('contacts.fix.hint')}</p>
          <DataTable
            label={t('contacts.preview.label')}
            rows={rows.rows}
            columns={columns}
            rowId={(row) => String(row.line)}
            empty={t('contacts.preview.empty')}
            rowHeight={52}
            // The rows step fits a 1024×640 window with the counts above and the buttons below.
            maxHeight="max(160px, calc(100vh - 432px))"
            onOpen={(row) => setOpen(row)}
          />
        </>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
      {open ? <RowFix key={open.line} view={view} row={open} detail={detail(open)} onClose={() => setOpen(null)} /> : null}
      {rows.hasNextPage ? (
        <p className={styles.more}>
          {t('contacts.preview.more', { shown: rows.rows.length, total: rows.total })}{' '}
          <Button variant="link" onClick={() => void rows.fetchNextPage()} disabled={rows.isFetchingNextPage}>
            {t('contacts.more', { count: Math.min(PAGE_SIZE, rows.total - rows.rows.length) })}
          </Button>
        </p>
      ) : null}
    </section>
  );
}
