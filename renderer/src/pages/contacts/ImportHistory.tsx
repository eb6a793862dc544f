import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportView } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { formatDateTime } from '../../format';
import { Button, DataTable, type DataColumn } from '../../ui';
import { JobStatePill } from './ImportJob';
import styles from './ContactsPage.module.css';

/** Every import, newest first: when, which file, into which tag, what came of it. */
export function ImportHistory({ onOpenJob }: { onOpenJob: (jobId: number) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const imports = useInvoke('contacts:imports');
  const settings = useInvoke('settings:get');
  const timeZone = settings.data?.settings.timeZone ?? null;
  // What the last "Save the report…" came to (set by the row's button; the setter is stable, so the columns are).
  const [saved, setSaved] = useState<SaveOutcome | null>(null);
  const columns = useMemo<DataColumn<ImportView>[]>(
    () => [
      {
        id: 'when',
        header: t('contacts.history.when'),
        value: (row) => row.createdAt,
        cell: (row) => formatDateTime(new Date(row.createdAt).toISOString(), lang, timeZone),
      },
      { id: 'file', header: t('contacts.history.file'), value: (row) => row.fileName },
      { id: 'tag', header: t('contacts.history.tag'), value: (row) => row.tag.title },
      {
        id: 'counts',
        header: t('contacts.history.counts'),
        value: (row) => row.counts.imported,
        cell: (row) => (
          <span
            title={
              row.counts.failed + row.counts.unknown > 0
                ? t('contacts.history.notAll', { failed: row.counts.failed, unknown: row.counts.unknown })
                : undefined
            }
          >
            {t('contacts.history.imported', { done: row.counts.imported, total: row.counts.valid })}
          </span>
        ),
      },
      {
        id: 'state',
        header: t('contacts.history.state'),
        value: (row) => row.state ?? '',
        cell: (row) => (row.state ? <JobStatePill state={row.state} /> : null),
      },
      {
        id: 'report',
        header: t('contacts.history.report'),
        value: (row) => row.reportRows ?? -1,
        sortable: false,
        cell: (row) => {
          if (row.reportRows === null) return <span className="muted">{t('contacts.history.noReport')}</span>;
          if (row.reportRows === 0) return <span className="muted">{t('contacts.history.nothingLeftOut')}</span>;
          return <SaveReportButton record={row} onDone={setSaved} />;
        },
      },
    ],
    [t, lang, timeZone],
  );
  return (
    <section aria-labelledby="history-title" className={styles.history}>
      <h2 id="history-title">{t('contacts.history.title')}</h2>
      {imports.error ? (
        <p role="alert" className="error">
          {errorMessage(imports.error)}
        </p>
      ) : null}
      {imports.data ? (
        <DataTable
          label={t('contacts.history.title')}
          rows={imports.data}
          columns={columns}
          rowId={(row) => String(row.id)}
          empty={t('contacts.history.empty')}
          onOpen={(row) => onOpenJob(row.jobId)}
          initialSort={[{ id: 'when', desc: true }]}
        />
      ) : null}
      {saved && 'name' in saved ? (
        <p role="status" className={styles.ok}>
          {t('contacts.history.reportSaved', { file: saved.file, name: saved.name, count: saved.rows })}
        </p>
      ) : null}
      {saved && 'error' in saved ? (
        <p role="alert" className="error">
          {errorMessage(saved.error)}
        </p>
      ) : null}
      {imports.data && imports.data.length > 0 ? <p className="hint">{t('contacts.history.openHint')}</p> : null}
    </section>
  );
}

type SaveOutcome = { file: string; name: string; rows: number } | { error: unknown };

/** "Save the report…" of one import: main asks where (the OS dialog) and writes the CSV. */
function SaveReportButton({ record, onDone }: { record: ImportView; onDone: (outcome: SaveOutcome | null) => void }) {
  const { t } = useTranslation();
  const save = useAction('contacts:saveImportReport');
  return (
    // The row opens its import on click or Enter: the button's own click and key stay here.
    <span onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
      <Button
        variant="link"
        aria-label={t('contacts.history.saveReportLabel', { file: record.fileName })}
        disabled={save.isPending}
        onClick={() =>
          save.mutate(
            { importId: record.id },
            {
              onSuccess: (result) =>
                onDone(result.saved && result.name ? { file: record.fileName, name: result.name, rows: result.rows } : null),
              onError: (error) => onDone({ error }),
            },
          )
        }
      >
        {t('contacts.history.saveReport')}
      </Button>
    </span>
  );
}
