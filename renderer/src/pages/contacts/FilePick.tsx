import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DROPPED_BYTES, type FileProblem } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../ui';
import styles from './ContactsPage.module.css';

// Step 1 of the import before a file is read: choose it or drop it, or save a sample to start from; and, when a
// file cannot be imported, why (in the user's words), with nothing changed.

/** The file size as people read it (12 KB, 3.4 MB). */
export function fileSize(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

/** The drop zone with the chooser; a dropped file's bytes go to `onDrop` (the user chose to give them). */
export function DropZone({
  chooser,
  onDrop,
  onTooLarge,
}: {
  chooser: React.ReactNode;
  onDrop: (file: File) => void;
  onTooLarge: () => void;
}) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  return (
    <div
      className={dragging ? `${styles.pick} ${styles.dragging}` : styles.pick}
      data-testid="drop-zone"
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (!file) return;
        if (file.size > MAX_DROPPED_BYTES) onTooLarge();
        else onDrop(file);
      }}
    >
      <p>{t('contacts.flow.intro')}</p>
      {chooser}
      <p className="muted small">{t('contacts.flow.dropHint')}</p>
      <SampleLink />
    </div>
  );
}

export function FileProblemMessage({ name, problem, action }: { name: string; problem: FileProblem; action: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className={styles.problem} data-testid="file-problem">
      <h3 className={styles.panelTitle}>{t('contacts.flow.problemTitle')}</h3>
      <p>
        {name ? <strong>{name}: </strong> : null}
        {t(`contacts.fileProblems.${problem.code}`)}
      </p>
      <p className="muted">{t('contacts.flow.nothingChanged')}</p>
      {action}
    </div>
  );
}

/** Bytes as base64, in slices (a spread of millions of arguments would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A sample file to start a list from, saved where the user says. */
function SampleLink() {
  const { t } = useTranslation();
  const sample = useAction('contacts:saveSample');
  return (
    <p className="small">
      <Button variant="link" onClick={() => sample.mutate(undefined)} disabled={sample.isPending}>
        {t('contacts.flow.sample')}
      </Button>
      {sample.data?.saved ? <span role="status"> {t('contacts.flow.sampleSaved', { name: sample.data.name })}</span> : null}
      {sample.error ? (
        <span role="alert" className="error">
          {' '}
          {errorMessage(sample.error)}
        </span>
      ) : null}
    </p>
  );
}
