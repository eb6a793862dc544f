import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { JobView } from '../../../../shared/jobs';
import { call } from '../../api/client';
import { channelKey } from '../../api/keys';
import styles from './ContactsPage.module.css';
import { UnknownDecision } from './UnknownDecision';

/** Main's `contacts.saveTag`: the savetag a new tag's import waits for. */
export const isSaveTagJob = (kind: string) => kind === 'contacts.saveTag';

/**
 * A new tag whose savetag got no answer: it may or may not exist on the gateway, and Relay Desk never sends it
 * again by itself. The user decides here, on the Contacts screen (there is no other place for it).
 */
export function TagJobAttention({ job }: { job: JobView }) {
  const { t } = useTranslation();
  // The tag's name is the step's own payload (the job's stored title is not in the user's language).
  const input = { id: job.id, state: 'unknown', limit: 1 } as const;
  const steps = useQuery({ queryKey: [...channelKey('jobs:steps', input), job.unknown], queryFn: () => call('jobs:steps', input) });
  const payload = steps.data?.[0]?.payload;
  const title =
    payload && typeof payload === 'object' && !Array.isArray(payload) && typeof payload['title'] === 'string' ? payload['title'] : null;
  return (
    <section
      className={`${styles.panel} ${styles.attention}`}
      data-testid={`tag-job-${job.id}`}
      aria-labelledby={`tag-job-${job.id}-title`}
    >
      <h2 id={`tag-job-${job.id}-title`} className={styles.panelTitle}>
        {title ? t('contacts.tagJob.title', { title }) : t('contacts.tagJob.titleUnnamed')}
      </h2>
      <p>{t('contacts.tagJob.body')}</p>
      <UnknownDecision jobId={job.id} retryLabel={t('contacts.tagJob.retry')} dismissLabel={t('contacts.tagJob.dismiss')} />
    </section>
  );
}
