import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { InvalidCode, PreflightRowView, PreflightView } from '../../../../shared/ipc';
import type { Translate } from '../../../../shared/i18n';
import { call, errorMessage } from '../../api/client';
import { channelKey, keys } from '../../api/keys';
import { formatNumber } from '../../format';
import { Button } from '../../ui';
import styles from './ContactsPage.module.css';

// One row of the import preview, opened: all of what is wrong with it in a sentence, the row's cells under the
// file's column names, and its number and name to correct in place. Main reads the corrected number as it
// reads the file's, gives the row its new status and counts again; the file itself is left as it is.

type ReadyView = Extract<PreflightView, { ok: true }>;

/** Why a row cannot be imported, as a whole sentence in the user's language, with the value the file has. */
export function reasonSentence(t: Translate, code: InvalidCode, value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return t(`contacts.reasonText.${code}`, { value: shown });
}

export function RowFix({ view, row, detail, onClose }: { view: ReadyView; row: PreflightRowView; detail: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { file, preflightId } = view;
  const [phone, setPhone] = useState(row.phone ?? row.cells[file.mapping.phone] ?? '');
  const [name, setName] = useState(row.name);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<PreflightRowView | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const complete = view.state === 'complete';

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const outcome = await call('contacts:correctRow', { preflightId, line: row.line, phone, name });
      if (!outcome.ok) {
        setProblem(reasonSentence(t, outcome.reason.code, phone));
        return;
      }
      setSaved(outcome.row);
      // The counts and every page of rows change with the row's status.
      queryClient.setQueryData<PreflightView>(channelKey('contacts:preflightStatus', { preflightId }), (old) =>
        old && old.ok ? { ...old, counts: outcome.counts } : old,
      );
      await queryClient.invalidateQueries({ queryKey: keys.contacts.preflightRows });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const header = file.header ?? [];
  return (
    <section className={styles.rowFix} aria-labelledby="row-fix-title" data-testid="row-fix">
      <div className={styles.previewHead}>
        <h3 id="row-fix-title" ref={heading} tabIndex={-1} className={styles.panelTitle}>
          {t('contacts.fix.title', { line: formatNumber(row.line, i18n.language) })}
        </h3>
        <Button variant="link" onClick={onClose}>
          {t('contacts.fix.close')}
        </Button>
      </div>
      {detail ? (
        <p className={styles.fixReason} data-testid="row-fix-reason">
          {detail}
        </p>
      ) : null}
      <dl className={styles.cells}>
        {row.cells.map((cell, index) =>
          cell.trim() === '' ? null : (
            <div key={index}>
              <dt>{header[index]?.trim() || t('contacts.mapping.column', { n: index + 1 })}</dt>
              <dd>{cell}</dd>
            </div>
          ),
        )}
      </dl>
      <form
        className={styles.grid}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label>
          {t('contacts.fix.phone')}
          <input
            type="text"
            inputMode="tel"
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            disabled={!complete || busy}
          />
        </label>
        <label>
          {t('contacts.fix.name')}
          <input type="text" maxLength={200} value={name} onChange={(event) => setName(event.target.value)} disabled={!complete || busy} />
        </label>
        <div className={styles.fixActions}>
          <Button type="submit" variant="primary" disabled={!complete || busy || phone.trim() === ''}>
            {busy ? t('contacts.fix.saving') : t('contacts.fix.save')}
          </Button>
        </div>
      </form>
      {!complete ? <p className="hint">{t('contacts.fix.waitReading')}</p> : <p className="hint">{t('contacts.fix.fileKept')}</p>}
      {problem ? (
        <p role="alert" className="error">
          {problem}
        </p>
      ) : null}
      {saved ? (
        <p role="status" className={styles.ok}>
          {t('contacts.fix.saved', { status: t(`contacts.preview.status_${saved.status}`) })}
        </p>
      ) : null}
    </section>
  );
}
