import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jobTitle } from '../../../shared/i18n/jobs';
import { FINAL_JOB_STATES, type JobView } from '../../../shared/jobs';
import { useAction, useInvoke } from '../api/hooks';
import { formatNumber } from '../format';
import { ConfirmDialog } from '../ui/Dialog';

/**
 * Work that signing out holds up: unfinished jobs that write to the gateway (a campaign still sending or
 * waiting for its time, an import running or paused). Reads (a history sync) simply carry on later.
 */
export function unfinishedWrites(jobs: readonly JobView[]): JobView[] {
  return jobs.filter((job) => job.writes && !FINAL_JOB_STATES.includes(job.state));
}

/**
 * "Sign out" in the status bar. With nothing unfinished it signs out at once; otherwise it first says what
 * happens to each unfinished job (it waits, and when it carries on) and asks.
 */
export function SignOutButton() {
  const { t } = useTranslation();
  const jobs = useInvoke('jobs:list');
  const signOut = useAction('session:signOut', { writes: 'session:changed' });
  const [asking, setAsking] = useState<JobView[] | null>(null);

  const start = () => {
    const pending = unfinishedWrites(jobs.data ?? []);
    if (pending.length === 0) signOut.mutate(undefined);
    else setAsking(pending);
  };

  return (
    <>
      <button type="button" className="link-button status-signout" onClick={start} disabled={signOut.isPending}>
        {t('status.signOut')}
      </button>
      {asking ? (
        <ConfirmDialog
          title={t('screens.signOut.title')}
          confirm={t('screens.signOut.confirm')}
          cancel={t('screens.signOut.stay')}
          busy={signOut.isPending}
          onCancel={() => setAsking(null)}
          onConfirm={() => signOut.mutate(undefined, { onSettled: () => setAsking(null) })}
        >
          <PendingWork jobs={asking} />
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function PendingWork({ jobs }: { jobs: JobView[] }) {
  const { t, i18n } = useTranslation();
  const stateWords = (job: JobView) =>
    job.state === 'paused'
      ? t('screens.signOut.paused')
      : job.state === 'needs-attention' || job.state === 'interrupted'
        ? t('screens.signOut.waiting')
        : t('screens.signOut.running');
  return (
    <div data-testid="sign-out-question">
      <p>{t('screens.signOut.intro')}</p>
      <ul>
        {jobs.map((job) => (
          <li key={job.id}>
            <strong>{jobTitle(t, job)}</strong>
            {' — '}
            {stateWords(job)}
            {job.total > 0
              ? `, ${t('screens.signOut.progress', { done: formatNumber(job.done, i18n.language), total: formatNumber(job.total, i18n.language) })}`
              : ''}
          </li>
        ))}
      </ul>
      <p>{t('screens.signOut.what')}</p>
      <p className="muted">{t('screens.signOut.gateway')}</p>
    </div>
  );
}
