import { errorMessage } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../ui';
import styles from './ContactsPage.module.css';

/**
 * The user's decision on a job's requests that left without an answer: send them again (a new, recorded
 * decision) or leave them out. The app never decides this by itself.
 */
export function UnknownDecision({ jobId, retryLabel, dismissLabel }: { jobId: number; retryLabel: string; dismissLabel: string }) {
  const retry = useAction('jobs:retryUnknown', { writes: 'jobs:changed' });
  const dismiss = useAction('jobs:dismissUnknown', { writes: 'jobs:changed' });
  const busy = retry.isPending || dismiss.isPending;
  return (
    <>
      <div className={styles.row}>
        <Button variant="primary" onClick={() => retry.mutate({ id: jobId })} disabled={busy}>
          {retryLabel}
        </Button>
        <Button onClick={() => dismiss.mutate({ id: jobId })} disabled={busy}>
          {dismissLabel}
        </Button>
      </div>
      {retry.error || dismiss.error ? (
        <p role="alert" className="error">
          {errorMessage(retry.error ?? dismiss.error)}
        </p>
      ) : null}
    </>
  );
}
