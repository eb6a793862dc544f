import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { importableCount, MAX_DROPPED_BYTES, type FileProblem, type InputOf, type PreflightView } from '../../../../shared/ipc';
import { call, errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { channelKey } from '../../api/keys';
import { Button } from '../../ui';
import { type ContactsParams, type SetContactsParams, type StatusFilter } from './params';
import { Preview } from './PreflightPreview';
import { ColumnMapping, Counts, ReadingOptions } from './PreflightSettings';
import { TargetChooser, targetProblem, useTarget, type Target } from './TargetChooser';
import styles from './ContactsPage.module.css';

type PreflightInput = InputOf<'contacts:preflight'>;
type ReadyView = Extract<PreflightView, { ok: true }>;

/** The file size as people read it (12 KB, 3.4 MB). */
function fileSize(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(language, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 }).format(value);
}

/**
 * The import flow: choose a file, see how it was read (with overrides), the counts and the preview, pick
 * the tag, import. Nothing is sent before the Import button; the preflight lives in main behind an id.
 */
export function ImportFlow({ params, setParams }: { params: ContactsParams; setParams: SetContactsParams }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const pick = useAction('contacts:pickFile');
  const [problem, setProblem] = useState<{ name: string; problem: FileProblem } | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  /** Runs a preflight and shows it (or why the file cannot be imported). */
  const runPreflight = async (input: PreflightInput, name: string) => {
    setFailure(null);
    setReading(name);
    try {
      const view = await call('contacts:preflight', input);
      if (!view.ok) {
        setProblem({ name, problem: view.problem });
        setParams({ file: undefined, preflight: undefined });
        return;
      }
      setProblem(null);
      queryClient.setQueryData(channelKey('contacts:preflightStatus', { preflightId: view.preflightId }), view);
      if (params.preflight && params.preflight !== view.preflightId) void call('contacts:closePreflight', { preflightId: params.preflight }).catch(() => {});
      setParams({ file: input.fileId, preflight: view.preflightId });
    } catch (error) {
      setFailure(error);
    } finally {
      setReading(null);
    }
  };

  // A CSV dropped on the page: its bytes go to main (the user chose to give them), which keeps them behind an id.
  const [dragging, setDragging] = useState(false);
  const dropped = async (file: File) => {
    setFailure(null);
    if (file.size > MAX_DROPPED_BYTES) {
      setFailure(new Error(t('contacts.flow.dropTooLarge')));
      return;
    }
    setReading(file.name);
    try {
      const picked = await call('contacts:dropFile', { name: file.name, data: toBase64(new Uint8Array(await file.arrayBuffer())) });
      await runPreflight({ fileId: picked.fileId }, picked.name);
    } catch (error) {
      setFailure(error);
      setReading(null);
    }
  };
  const dropZone = {
    onDragOver: (event: React.DragEvent) => {
      if (!event.dataTransfer.types.includes('Files')) return;
      event.preventDefault();
      setDragging(true);
    },
    onDragLeave: () => setDragging(false),
    onDrop: (event: React.DragEvent) => {
      event.preventDefault();
      setDragging(false);
      const file = event.dataTransfer.files[0];
      if (file) void dropped(file);
    },
  };

  const choose = () =>
    pick.mutate(undefined, {
      onSuccess: (file) => {
        if (file) void runPreflight({ fileId: file.fileId }, file.name);
      },
    });
  const close = () => {
    if (params.preflight) void call('contacts:closePreflight', { preflightId: params.preflight }).catch(() => {});
    setParams({ view: 'registry', file: undefined, preflight: undefined, show: 'all' });
  };

  const chooser = (
    <Button variant={params.preflight ? 'secondary' : 'primary'} onClick={choose} disabled={pick.isPending || reading !== null}>
      {pick.isPending ? t('contacts.flow.choosing') : params.preflight || problem ? t('contacts.flow.chooseAnother') : t('contacts.flow.choose')}
    </Button>
  );

  return (
    <>
      <header className="page-header">
        <h1 id="page-title">{t('contacts.flow.title')}</h1>
        <Button onClick={close}>{t('contacts.flow.close')}</Button>
      </header>
      {!params.preflight && !problem ? (
        <div className={dragging ? `${styles.pick} ${styles.dragging}` : styles.pick} data-testid="drop-zone" {...dropZone}>
          <p>{t('contacts.flow.intro')}</p>
          {chooser}
          <p className="muted small">{t('contacts.flow.dropHint')}</p>
          <SampleLink />
        </div>
      ) : null}
      {reading ? (
        <p role="status" className="muted">
          {t('contacts.flow.reading', { name: reading })}
        </p>
      ) : null}
      {pick.error || failure ? (
        <p role="alert" className="error">
          {errorMessage(pick.error ?? failure)}
        </p>
      ) : null}
      {problem ? <FileProblemMessage name={problem.name} problem={problem.problem} action={chooser} /> : null}
      {params.preflight && params.file && !problem ? (
        <Preflight key={params.file} fileId={params.file} preflightId={params.preflight} show={params.show} setParams={setParams} rerun={runPreflight} chooser={chooser} busy={reading !== null} />
      ) : null}
    </>
  );
}

function FileProblemMessage({ name, problem, action }: { name: string; problem: FileProblem; action: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className={styles.problem} data-testid="file-problem">
      <h2 className={styles.panelTitle}>{t('contacts.flow.problemTitle')}</h2>
      <p>
        {name ? <strong>{name}: </strong> : null}
        {t(`contacts.fileProblems.${problem.code}`)}
      </p>
      <p className="muted">{t('contacts.flow.nothingChanged')}</p>
      {action}
    </div>
  );
}

function Preflight({
  fileId,
  preflightId,
  show,
  setParams,
  rerun,
  chooser,
  busy,
}: {
  fileId: string;
  preflightId: string;
  show: StatusFilter;
  setParams: SetContactsParams;
  rerun: (input: PreflightInput, name: string) => Promise<void>;
  chooser: React.ReactNode;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const status = useInvoke('contacts:preflightStatus', { preflightId });
  const [headerChosen, setHeaderChosen] = useState<boolean | undefined>(undefined);
  const target = useTarget();
  const view = status.data;

  if (status.error) {
    return (
      <div role="alert" className={styles.problem}>
        <p>{errorMessage(status.error)}</p>
        {chooser}
      </div>
    );
  }
  if (!view) return <p className="muted">{t('common.loading')}</p>;
  if (!view.ok) return <FileProblemMessage name="" problem={view.problem} action={chooser} />;
  const { file } = view;

  /** The same file again with the user's choices so far, plus this change. */
  const again = (change: Partial<PreflightInput>) => {
    const input: PreflightInput = {
      fileId,
      country: file.country,
      ...(file.encodingSource === 'chosen' ? { encoding: file.encoding } : {}),
      ...(file.delimiterSource === 'chosen' ? { delimiter: file.delimiter } : {}),
      ...(headerChosen !== undefined ? { header: headerChosen } : {}),
      ...(file.mappingSource.phone === 'chosen' ? { phoneColumn: file.mapping.phones ?? file.mapping.phone } : {}),
      ...(file.mappingSource.name === 'chosen' ? { nameColumn: file.mapping.names?.length ? file.mapping.names : file.mapping.name } : {}),
      ...(file.sheet !== undefined ? { sheet: file.sheet } : {}),
      ...(view.tagId !== null ? { tagId: view.tagId } : {}),
      ...change,
    };
    void rerun(input, file.name);
  };

  return (
    <div className={styles.flow} data-testid="preflight" data-state={view.state}>
      <div className={styles.fileBar}>
        <p className={styles.fileName}>
          <strong>{file.name}</strong> <span className="muted">· {fileSize(file.size, i18n.language)}</span>
        </p>
        {chooser}
      </div>
      <Counts view={view} show={show} onShow={(next) => setParams({ show: next })} />
      {view.problem ? (
        <p role="alert" className="error">
          {t(`contacts.fileProblems.${view.problem.code}`)}
        </p>
      ) : null}
      <div className={styles.settings}>
        <ReadingOptions view={view} busy={busy} again={again} onHeader={(header) => (setHeaderChosen(header), again({ header }))} />
        <ColumnMapping view={view} busy={busy} again={again} />
      </div>
      <Preview view={view} show={show} />
      <TargetChooser
        target={target}
        view={view}
        busy={busy}
        onTagChange={(tagId) => {
          if (tagId !== view.tagId) again(tagId === null ? { tagId: undefined } : { tagId });
        }}
      />
      <StartImport view={view} target={target.value} setParams={setParams} />
    </div>
  );
}

function StartImport({ view, target, setParams }: { view: ReadyView; target: Target; setParams: SetContactsParams }) {
  const { t } = useTranslation();
  const start = useAction('contacts:import', { writes: 'jobs:changed' });
  const addTag = useAction('contacts:addTag');
  const [shownProblem, setShownProblem] = useState<string | null>(null);
  // What will be imported: no-consent landlines only when landlines are included too (as main's plan does).
  const count = importableCount(view.counts, target);
  const reading = view.state !== 'complete';
  const go = async () => {
    const problem = targetProblem(target, t);
    setShownProblem(problem);
    if (problem) return;
    try {
      let tagId: number | null = null;
      if (target.mode === 'existing') tagId = target.tagId;
      if (target.mode === 'byId') tagId = (await addTag.mutateAsync({ id: Number(target.byId), title: target.byIdTitle.trim() })).id;
      const job = await start.mutateAsync({
        preflightId: view.preflightId,
        target: tagId !== null ? { tagId } : { newTag: target.newTitle.trim() },
        includeLandlines: target.includeLandlines,
        includeNoConsent: target.includeNoConsent,
      });
      setParams({ job: job.id, file: undefined, preflight: undefined, show: 'all' });
    } catch {
      // shown below from the mutation's error
    }
  };
  const error = addTag.error ?? start.error;
  return (
    <div className={styles.start}>
      {shownProblem ? (
        <p role="alert" className="error">
          {shownProblem}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      ) : null}
      {count === 0 && !reading ? <p className="muted">{t('contacts.start.nothing')}</p> : null}
      <Button variant="primary" className={styles.startButton} onClick={() => void go()} disabled={reading || count === 0 || start.isPending || addTag.isPending}>
        {start.isPending ? t('contacts.start.starting') : t('contacts.start.button', { count })}
      </Button>
      {reading ? <p className="hint">{t('contacts.start.waitReading')}</p> : null}
    </div>
  );
}

/** Bytes as base64, in slices (a spread of millions of arguments would overflow the stack). */
function toBase64(bytes: Uint8Array): string {
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
      {sample.error ? <span role="alert" className="error"> {errorMessage(sample.error)}</span> : null}
    </p>
  );
}
