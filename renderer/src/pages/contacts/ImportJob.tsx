import { useState } from 'react';
import { jobTitle } from '../../../../shared/i18n/jobs';
import { useTranslation } from 'react-i18next';
import type { JobState, JobStepView, JobView } from '../../../../shared/jobs';
import { FINAL_JOB_STATES } from '../../../../shared/jobs';
import { useQuery } from '@tanstack/react-query';
import { call, errorMessage } from '../../api/client';
import { channelKey } from '../../api/keys';
import { useAction, useInvoke } from '../../api/hooks';
import { Button, ConfirmDialog, ProgressBar } from '../../ui';
import type { SetContactsParams } from './params';
import { UnknownDecision } from './UnknownDecision';
import styles from './ContactsPage.module.css';

const PILL: Record<JobState, 'good' | 'bad' | 'warn' | 'info'> = {
  queued: 'info',
  running: 'info',
  paused: 'warn',
  'needs-attention': 'warn',
  interrupted: 'warn',
  done: 'good',
  failed: 'bad',
  cancelled: 'bad',
};

export function JobStatePill({ state }: { state: JobState }) {
  const { t } = useTranslation();
  return <span className={`${styles.pill} ${styles[PILL[state]]}`}>{t(`contacts.job.states.${state}`)}</span>;
}

/** The phone and, when the job kept them, the name and line of a step (payloads are the kind's own JSON). */
function describeStep(step: JobStepView): { phone: string; name: string | null; line: number | null } {
  const payload = step.payload && typeof step.payload === 'object' && !Array.isArray(step.payload) ? step.payload : {};
  const name = typeof payload['name'] === 'string' && payload['name'] !== '' ? payload['name'] : null;
  const line = typeof payload['line'] === 'number' ? payload['line'] : null;
  const phone = typeof payload['phone'] === 'string' ? payload['phone'] : step.key;
  return { phone, name, line };
}

/**
 * An import job as it runs: progress with rate and time left, pause / resume / cancel, and its end: a
 * summary, or the contacts whose outcome is unknown with "send these N again". It follows jobs:changed, so
 * it carries on after a reload. `compact`: the card above the registry while an import runs.
 */
export function ImportJob({ jobId, setParams, compact = false }: { jobId: number; setParams: SetContactsParams; compact?: boolean }) {
  const { t } = useTranslation();
  const jobs = useInvoke('jobs:list');
  const imports = useInvoke('contacts:imports');
  const job = jobs.data?.find((candidate) => candidate.id === jobId);
  const record = imports.data?.find((candidate) => candidate.jobId === jobId);
  const tag = record?.tag.title ?? '…';

  if (!job) {
    if (compact) return null;
    return (
      <>
        <h1 id="page-title">{t('contacts.flow.title')}</h1>
        {jobs.error ? (
          <p role="alert" className="error">
            {errorMessage(jobs.error)}
          </p>
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )}
        <Button onClick={() => setParams({ view: 'registry', job: undefined })}>{t('contacts.flow.back')}</Button>
      </>
    );
  }

  const finished = FINAL_JOB_STATES.includes(job.state);
  // Landlines the user chose not to import: in the file's valid numbers but not among the contacts sent.
  const landlinesLeftOut = record
    ? Math.min(record.counts.landlines, Math.max(0, record.counts.valid - record.counts.inTag - record.counts.optedOut - job.total))
    : 0;
  if (compact) {
    return (
      <div className={styles.jobCard} data-testid={`import-job-${job.id}`}>
        <div className={styles.jobHead}>
          <h2 className={styles.panelTitle}>{t('contacts.job.title', { tag })}</h2>
          <JobStatePill state={job.state} />
          <Button onClick={() => setParams({ view: 'import', job: job.id })}>{t('contacts.job.open')}</Button>
        </div>
        <ProgressBar
          label={t('contacts.job.progressLabel')}
          done={job.done}
          total={job.total}
          ratePerSecond={job.ratePerSecond}
          etaSeconds={job.etaSeconds}
        />
      </div>
    );
  }

  return (
    <div className={styles.job} data-testid="import-job" data-state={job.state}>
      <header className="page-header">
        <h1 id="page-title">{finished ? t('contacts.job.titleDone') : t('contacts.job.title', { tag })}</h1>
        <Button onClick={() => setParams({ view: 'registry', job: undefined, ...(record ? { tag: record.tag.id } : {}) })}>
          {t('contacts.flow.back')}
        </Button>
      </header>
      <div className={styles.panel}>
        <div className={styles.jobHead}>
          <p className={styles.jobFile}>
            {record ? <strong>{record.fileName}</strong> : null}
            {record ? ` → ${record.tag.title}` : jobTitle(t, job)}
          </p>
          <JobStatePill state={job.state} />
        </div>
        <ProgressBar
          label={t('contacts.job.progressLabel')}
          done={job.done}
          total={job.total}
          ratePerSecond={job.state === 'running' ? job.ratePerSecond : null}
          etaSeconds={job.etaSeconds}
        />
        {job.blockedBy ? (
          <p role="status" className="notice">
            {t(`contacts.job.blocked.${job.blockedBy}`)}
          </p>
        ) : null}
        {job.state === 'interrupted' ? <p className="notice">{t('contacts.job.interruptedHint')}</p> : null}
        {job.error && (job.state === 'failed' || job.state === 'interrupted') ? (
          <p role="alert" className="error">
            {job.error}
          </p>
        ) : null}
        <JobControls job={job} />
      </div>
      {job.unknown > 0 ? <NeedsAttention job={job} /> : null}
      {job.state === 'done' || (finished && job.done > 0) ? (
        <div className={styles.panel} data-testid="import-summary">
          <p className={styles.summary}>{t('contacts.job.doneSummary', { count: record?.counts.imported ?? job.done, tag })}</p>
          <ul className={styles.summaryList}>
            {landlinesLeftOut > 0 ? <li>{t('contacts.job.landlinesLeftOut', { count: landlinesLeftOut })}</li> : null}
            {record && record.counts.inTag > 0 ? <li>{t('contacts.job.skippedInTag', { count: record.counts.inTag })}</li> : null}
            {record && record.counts.optedOut > 0 ? <li>{t('contacts.job.skippedOptedOut', { count: record.counts.optedOut })}</li> : null}
            {record && record.counts.invalid + record.counts.duplicates > 0 ? (
              <li>{t('contacts.job.skippedProblems', { count: record.counts.invalid + record.counts.duplicates })}</li>
            ) : null}
            {job.failed > 0 ? <li className={styles.badText}>{t('contacts.job.failedRows', { count: job.failed })}</li> : null}
          </ul>
          <div className={styles.row}>
            {record ? (
              <Button variant="primary" onClick={() => setParams({ view: 'registry', job: undefined, tag: record.tag.id, q: '' })}>
                {t('contacts.job.seeTag', { tag: record.tag.title })}
              </Button>
            ) : null}
            <Button onClick={() => setParams({ view: 'import', job: undefined, file: undefined, preflight: undefined, show: 'all' })}>
              {t('contacts.job.another')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function JobControls({ job }: { job: JobView }) {
  const { t } = useTranslation();
  const pause = useAction('jobs:pause', { writes: 'jobs:changed' });
  const resume = useAction('jobs:resume', { writes: 'jobs:changed' });
  const cancel = useAction('jobs:cancel', { writes: 'jobs:changed' });
  const [confirming, setConfirming] = useState(false);
  const error = pause.error ?? resume.error ?? cancel.error;
  if (FINAL_JOB_STATES.includes(job.state)) return null;
  const canPause = job.state === 'running' || job.state === 'queued';
  const canResume = job.state === 'paused' || job.state === 'interrupted';
  return (
    <>
      <div className={styles.row}>
        {canPause ? (
          <Button onClick={() => pause.mutate({ id: job.id })} disabled={pause.isPending}>
            {t('contacts.job.pause')}
          </Button>
        ) : null}
        {canResume ? (
          <Button variant="primary" onClick={() => resume.mutate({ id: job.id })} disabled={resume.isPending}>
            {t('contacts.job.resume')}
          </Button>
        ) : null}
        <Button onClick={() => setConfirming(true)} disabled={cancel.isPending}>
          {t('contacts.job.cancel')}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('contacts.job.cancel')}
          confirm={t('contacts.job.cancel')}
          cancel={t('contacts.job.keepGoing')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            cancel.mutate({ id: job.id });
          }}
        >
          <p>{t('contacts.job.cancelConfirm')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** The contacts whose request left without an answer: the user decides, never the app by itself. */
function NeedsAttention({ job }: { job: JobView }) {
  const { t } = useTranslation();
  // The unknown count is in the key: after a retry or a dismissal the list is read again.
  const input = { id: job.id, state: 'unknown', limit: 500 } as const;
  const steps = useQuery({ queryKey: [...channelKey('jobs:steps', input), job.unknown], queryFn: () => call('jobs:steps', input) });
  const rows = steps.data ?? [];
  return (
    <div className={`${styles.panel} ${styles.attention}`} data-testid="needs-attention">
      <h2 className={styles.panelTitle}>{t('contacts.job.attentionTitle')}</h2>
      <p>{t('contacts.job.attentionBody', { count: job.unknown })}</p>
      {rows.length > 0 ? (
        <ul className={styles.attentionList} aria-label={t('contacts.job.attentionLabel')}>
          {rows.map((step) => {
            const { phone, name, line } = describeStep(step);
            return (
              <li key={step.seq}>
                <span className={styles.number}>{phone}</span>
                {name ? <span> · {name}</span> : null}
                {line !== null ? <span className="muted"> · {t('contacts.job.line', { line })}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {job.unknown > rows.length && rows.length > 0 ? (
        <p className="hint">{t('contacts.job.attentionMore', { count: job.unknown - rows.length })}</p>
      ) : null}
      <UnknownDecision
        jobId={job.id}
        retryLabel={t('contacts.job.retry', { count: job.unknown })}
        dismissLabel={t('contacts.job.dismiss')}
      />
    </div>
  );
}
