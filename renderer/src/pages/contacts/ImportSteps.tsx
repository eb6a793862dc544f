import { useTranslation } from 'react-i18next';
import type { InputOf, PreflightView } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useInvoke } from '../../api/hooks';
import { formatNumber } from '../../format';
import { FieldsChecklist, useKeptFields } from './FieldsChecklist';
import { FileProblemMessage, fileSize } from './FilePick';
import { Preview } from './PreflightPreview';
import { ColumnMapping, Counts, ReadingOptions } from './PreflightSettings';
import { StartImport } from './StartImport';
import { StepBar, StepHeading, StepNav } from './StepBar';
import { TargetChooser, useTarget } from './TargetChooser';
import type { ImportStep, SetContactsParams, StatusFilter } from './params';
import styles from './ContactsPage.module.css';

// A read file's steps: 1 how it is read (the file), 2 which column is which and which others to keep, 3 the rows
// with problems (counts that filter the rows, each row opened to read or correct), 4 the tag and the Import
// button. Each fits a 1024×640 window; the choices made in one step stay while the user moves between them.

type PreflightInput = InputOf<'contacts:preflight'>;
type ReadyView = Extract<PreflightView, { ok: true }>;

export function ImportSteps({
  fileId,
  preflightId,
  step,
  show,
  setParams,
  onStep,
  rerun,
  chooser,
  busy,
}: {
  fileId: string;
  preflightId: string;
  step: ImportStep;
  show: StatusFilter;
  setParams: SetContactsParams;
  onStep: (step: ImportStep) => void;
  rerun: (input: PreflightInput, name: string) => Promise<void>;
  chooser: React.ReactNode;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const status = useInvoke('contacts:preflightStatus', { preflightId });
  const target = useTarget();
  const keep = useKeptFields();
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
  // A file without a header: its columns named by position in the user's language (main says "Column 3").
  const fields = (file.fields ?? []).map((f) =>
    file.header === null ? { ...f, header: t('contacts.mapping.column', { n: f.column + 1 }) } : f,
  );
  const kept = keep.kept(fields);

  /** The same file again with the user's choices so far, plus this change. */
  const again = (change: Partial<PreflightInput>) => {
    const input: PreflightInput = {
      fileId,
      country: file.country,
      ...(file.encodingSource === 'chosen' ? { encoding: file.encoding } : {}),
      ...(file.delimiterSource === 'chosen' ? { delimiter: file.delimiter } : {}),
      ...(file.headerSource === 'chosen' ? { header: file.header !== null } : {}),
      ...(file.mappingSource.phone === 'chosen' ? { phoneColumn: file.mapping.phones ?? file.mapping.phone } : {}),
      ...(file.mappingSource.name === 'chosen' ? { nameColumn: file.mapping.names?.length ? file.mapping.names : file.mapping.name } : {}),
      ...(file.sheet !== undefined ? { sheet: file.sheet } : {}),
      ...(view.tagId !== null ? { tagId: view.tagId } : {}),
      ...change,
    };
    void rerun(input, file.name);
  };

  const stateProblem = view.problem ? (
    <p role="alert" className="error">
      {t(`contacts.fileProblems.${view.problem.code}`)}
    </p>
  ) : null;

  return (
    <div className={styles.flow} data-testid="preflight" data-state={view.state}>
      <StepBar current={step} reachable onStep={onStep} fileName={file.name} />
      {step === 'file' ? (
        <>
          <StepHeading step="file" />
          <div className={styles.fileBar}>
            <p className={styles.fileName}>
              <strong>{file.name}</strong> <span className="muted">· {fileSize(file.size, i18n.language)}</span>
            </p>
            {chooser}
          </div>
          <FileSummary view={view} />
          {stateProblem}
          <ReadingOptions view={view} busy={busy} again={again} onHeader={(header) => again({ header })} />
          <StepNav next="columns" onStep={onStep} />
        </>
      ) : null}
      {step === 'columns' ? (
        <>
          <StepHeading step="columns">
            <FileSummary view={view} />
          </StepHeading>
          {stateProblem}
          <div className={styles.settings}>
            <ColumnMapping view={view} busy={busy} again={again} />
            <FieldsChecklist fields={fields} kept={kept} onChange={keep.set} />
          </div>
          <StepNav back="file" next="rows" onStep={onStep} />
        </>
      ) : null}
      {step === 'rows' ? (
        <>
          <StepHeading step="rows" />
          {stateProblem}
          <Counts view={view} show={show} onShow={(next) => setParams({ show: next })} />
          <Preview view={view} show={show} />
          <StepNav back="columns" next="tag" onStep={onStep} />
        </>
      ) : null}
      {step === 'tag' ? (
        <>
          <StepHeading step="tag">
            <FileSummary view={view} />
          </StepHeading>
          {stateProblem}
          <TargetChooser
            target={target}
            view={view}
            busy={busy}
            onTagChange={(tagId) => {
              if (tagId !== view.tagId) again(tagId === null ? { tagId: undefined } : { tagId });
            }}
          />
          <StepNav back="rows" onStep={onStep}>
            <StartImport view={view} target={target.value} keepFields={kept} fields={fields} setParams={setParams} />
          </StepNav>
        </>
      ) : null}
    </div>
  );
}

/** One line: the rows read, what is ready, what has problems; and "still reading" while it is. */
function FileSummary({ view }: { view: ReadyView }) {
  const { t, i18n } = useTranslation();
  const { counts } = view;
  const problems = counts.invalid + counts.duplicates;
  return (
    <p className={styles.fileSummary} data-testid="file-summary">
      <span>{t('contacts.counts.rows', { count: counts.rows })}</span>
      {view.state === 'reading' ? <span className="muted"> · {t('contacts.counts.stillReading')}</span> : null}
      {view.state !== 'reading' ? (
        <span className="muted">
          {' '}
          ·{' '}
          {t('contacts.steps.rowsSummary', {
            ready: formatNumber(counts.ready, i18n.language),
            problems: formatNumber(problems, i18n.language),
          })}
        </span>
      ) : null}
    </p>
  );
}
