import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { MAX_DROPPED_BYTES, type Delimiter, type Encoding, type FileProblem, type InputOf, type PreflightRowView, type PreflightView, type RowStatus } from '../../../../shared/ipc';
import { call, errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { channelKey, keys } from '../../api/keys';
import { formatNumber } from '../../format';
import { Button, DataTable, type DataColumn } from '../../ui';
import { PAGE_SIZE, usePaged } from './paged';
import { STATUS_FILTERS, type ContactsParams, type SetContactsParams, type StatusFilter } from './params';
import { TargetChooser, targetProblem, useTarget, type Target } from './TargetChooser';
import styles from './ContactsPage.module.css';

type PreflightInput = InputOf<'contacts:preflight'>;
type ReadyView = Extract<PreflightView, { ok: true }>;

const ENCODINGS: readonly Encoding[] = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'];
const DELIMITERS: readonly { value: Delimiter; key: 'comma' | 'semicolon' | 'tab' | 'pipe' }[] = [
  { value: ',', key: 'comma' },
  { value: ';', key: 'semicolon' },
  { value: '\t', key: 'tab' },
  { value: '|', key: 'pipe' },
];

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
      ...(file.mappingSource.phone === 'chosen' ? { phoneColumn: file.mapping.phone } : {}),
      ...(file.mappingSource.name === 'chosen' ? { nameColumn: file.mapping.name } : {}),
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

/** The counts at the top, which double as the preview's filter (each is a radio button). */
function Counts({ view, show, onShow }: { view: ReadyView; show: StatusFilter; onShow: (show: StatusFilter) => void }) {
  const { t, i18n } = useTranslation();
  const { counts } = view;
  const lang = i18n.language;
  const numbers: Record<StatusFilter, number> = {
    all: counts.rows,
    ready: counts.ready,
    landline: counts.landlines,
    invalid: counts.invalid,
    duplicate: counts.duplicates,
    'in-tag': counts.inTag,
    'opted-out': counts.optedOut,
    'no-consent': counts.noConsent,
  };
  return (
    <fieldset className={styles.counts} data-testid="preflight-counts">
      <legend className={styles.countsLegend}>
        {t('contacts.counts.rows', { count: counts.rows })}
        {view.state === 'reading' ? <span className="muted"> · {t('contacts.counts.stillReading')}</span> : null}
      </legend>
      {STATUS_FILTERS.filter((status) => status !== 'no-consent' || counts.noConsent > 0 || view.file.mapping.consent).map((status) => {
        const tone = status === 'ready' ? 'good' : status === 'invalid' || status === 'duplicate' ? 'bad' : status === 'all' ? 'neutral' : 'warn';
        const label = status === 'all' ? t('contacts.preview.all') : t(`contacts.counts.${status}`);
        const hint = status === 'all' ? t('contacts.counts.allHint') : t(`contacts.counts.${status}Hint`);
        return (
          <label key={status} className={`${styles.count} ${styles[tone]} ${numbers[status] === 0 && status !== 'all' ? styles.zero : ''}`} data-testid={`count-${status}`}>
            <input type="radio" name="preflight-show" value={status} checked={show === status} onChange={() => onShow(status)} />
            <span className={styles.countBox}>
              <span className={styles.countNumber}>{formatNumber(numbers[status], lang)}</span>
              <span className={styles.countLabel}>{label}</span>
              <span className={styles.countHint}>{hint}</span>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

function ReadingOptions({ view, busy, again, onHeader }: { view: ReadyView; busy: boolean; again: (change: Partial<PreflightInput>) => void; onHeader: (header: boolean) => void }) {
  const { t } = useTranslation();
  const { file, counts } = view;
  const [country, setCountry] = useState(file.country);
  const source = (value: string) =>
    value === 'bom' ? t('contacts.detected.fromBom') : value === 'sep-line' ? t('contacts.detected.fromSepLine') : value === 'chosen' ? t('contacts.detected.chosen') : t('contacts.detected.fromBytes');
  const commitCountry = () => {
    const code = country.trim().toUpperCase();
    if (/^[A-Z]{2}$/.test(code) && code !== file.country) again({ country: code });
    else setCountry(file.country);
  };
  return (
    <section className={styles.panel} aria-labelledby="reading-title">
      <h2 id="reading-title" className={styles.panelTitle}>
        {t('contacts.detected.title')}
      </h2>
      <div className={styles.grid}>
        <label>
          {t('contacts.detected.encoding')}
          <select value={file.encoding} disabled={busy} onChange={(event) => again({ encoding: event.target.value as Encoding })}>
            {ENCODINGS.map((encoding) => (
              <option key={encoding} value={encoding}>
                {t(`contacts.detected.encodings.${encoding}`)}
              </option>
            ))}
          </select>
          <span className="hint">{source(file.encodingSource)}</span>
        </label>
        <label>
          {t('contacts.detected.delimiter')}
          <select value={file.delimiter} disabled={busy} onChange={(event) => again({ delimiter: event.target.value as Delimiter })}>
            {DELIMITERS.map(({ value, key }) => (
              <option key={key} value={value}>
                {t(`contacts.detected.delimiters.${key}`)}
              </option>
            ))}
          </select>
          <span className="hint">{source(file.delimiterSource)}</span>
        </label>
        <label>
          {t('contacts.detected.country')}
          <input
            type="text"
            value={country}
            maxLength={2}
            disabled={busy}
            className={styles.country}
            onChange={(event) => setCountry(event.target.value)}
            onBlur={commitCountry}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commitCountry();
            }}
          />
          <span className="hint">{t('contacts.detected.countryHint')}</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={file.header !== null} disabled={busy} onChange={(event) => onHeader(event.target.checked)} />
          {t('contacts.detected.header')}
        </label>
      </div>
      {counts.undecodable > 0 ? (
        <p className="notice" role="note">
          {t('contacts.detected.undecodable', { count: counts.undecodable })}
        </p>
      ) : null}
    </section>
  );
}

function ColumnMapping({ view, busy, again }: { view: ReadyView; busy: boolean; again: (change: Partial<PreflightInput>) => void }) {
  const { t } = useTranslation();
  const { file } = view;
  const columnLabel = (index: number) => {
    const name = file.header?.[index]?.trim();
    return name ? t('contacts.mapping.columnNamed', { n: index + 1, name }) : t('contacts.mapping.column', { n: index + 1 });
  };
  const indexes = Array.from({ length: Math.min(file.columns, 200) }, (_, index) => index);
  // Either column chosen by the user makes the mapping theirs (not "guessed").
  const source = file.mappingSource.phone === 'chosen' || file.mappingSource.name === 'chosen' ? 'chosen' : file.mappingSource.phone;
  return (
    <section className={styles.panel} aria-labelledby="mapping-title">
      <h2 id="mapping-title" className={styles.panelTitle}>
        {t('contacts.mapping.title')}
      </h2>
      <div className={styles.grid}>
        <label>
          {t('contacts.mapping.phone')}
          <select value={file.mapping.phone} disabled={busy} onChange={(event) => again({ phoneColumn: Number(event.target.value) })} data-testid="phone-column">
            {indexes.map((index) => (
              <option key={index} value={index}>
                {columnLabel(index)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('contacts.mapping.name')}
          <select
            value={file.mapping.name ?? ''}
            disabled={busy}
            onChange={(event) => again({ nameColumn: event.target.value === '' ? null : Number(event.target.value) })}
            data-testid="name-column"
          >
            <option value="">{t('contacts.mapping.noName')}</option>
            {indexes.map((index) => (
              <option key={index} value={index}>
                {columnLabel(index)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint">
        {source === 'remembered' ? t('contacts.mapping.remembered') : source === 'chosen' ? t('contacts.mapping.chosen') : t('contacts.mapping.guessed')}
      </p>
    </section>
  );
}

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
function Preview({ view, show }: { view: ReadyView; show: StatusFilter }) {
  const { t, i18n } = useTranslation();
  const { preflightId, file } = view;
  const save = useAction('contacts:saveProblemReport');
  const rows = usePaged<PreflightRowView>([...keys.contacts.preflightRows, { preflightId, status: show }], (offset) =>
    call('contacts:preflightRows', { preflightId, offset, limit: PAGE_SIZE, ...(show === 'all' ? {} : { status: show }) }),
  );
  const columns = useMemo<DataColumn<PreflightRowView>[]>(
    () => [
      { id: 'line', header: t('contacts.preview.line'), value: (row) => row.line, cell: (row) => <span className={styles.line}>{formatNumber(row.line, i18n.language)}</span> },
      { id: 'name', header: t('contacts.preview.name'), value: (row) => row.name },
      {
        id: 'phone',
        header: t('contacts.preview.phone'),
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
        value: (row) => row.reason?.text ?? row.duplicateOf ?? '',
        sortable: false,
        cell: (row) =>
          row.reason ? (
            t(`contacts.reasons.${row.reason.code}`)
          ) : row.duplicateOf !== null ? (
            t('contacts.preview.duplicateOf', { line: row.duplicateOf })
          ) : row.status === 'no-consent' ? (
            t('contacts.preview.noConsent')
          ) : row.others ? (
            t('contacts.preview.others', { numbers: row.others.join(', ') })
          ) : row.phone && row.cells[file.mapping.phone] && row.cells[file.mapping.phone] !== row.phone ? (
            <span className="muted" title={row.cells[file.mapping.phone]}>
              {t('contacts.preview.original', { value: row.cells[file.mapping.phone] })}
            </span>
          ) : null,
      },
    ],
    [t, i18n, file.mapping.phone],
  );
  const problems = view.counts.invalid + view.counts.duplicates;
  return (
    <section className={styles.preview} aria-labelledby="preview-title">
      <div className={styles.previewHead}>
        <h2 id="preview-title" className={styles.panelTitle}>
          {t('contacts.preview.title')}
        </h2>
        {problems > 0 ? (
          <Button onClick={() => save.mutate({ preflightId })} disabled={save.isPending || view.state === 'reading'} title={t('contacts.preview.exportHint')}>
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
        <DataTable label={t('contacts.preview.label')} rows={rows.rows} columns={columns} rowId={(row) => String(row.line)} empty={t('contacts.preview.empty')} />
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
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

function StartImport({ view, target, setParams }: { view: ReadyView; target: Target; setParams: SetContactsParams }) {
  const { t } = useTranslation();
  const start = useAction('contacts:import', { writes: 'jobs:changed' });
  const addTag = useAction('contacts:addTag');
  const [shownProblem, setShownProblem] = useState<string | null>(null);
  const count = view.counts.ready + (target.includeLandlines ? view.counts.landlines : 0) + (target.includeNoConsent ? view.counts.noConsent : 0);
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
