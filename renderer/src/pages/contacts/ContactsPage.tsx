import { useTranslation } from 'react-i18next';
import { useInvoke } from '../../api/hooks';
import { useSearchParamsState } from '../../app/search-params';
import { Button } from '../../ui';
import { FINAL_JOB_STATES } from '../../../../shared/jobs';
import { ContactsList } from './ContactsList';
import { ImportFlow } from './ImportFlow';
import { ImportHistory } from './ImportHistory';
import { ImportJob } from './ImportJob';
import { TagJobAttention, isSaveTagJob } from './TagJobAttention';
import { TagsPanel } from './TagsPanel';
import { contactsParams, isImportJob } from './params';
import styles from './ContactsPage.module.css';

/**
 * The Contacts screen: the registry (tags, their contacts, the history of imports) and, in place of it, the
 * import flow (file → preflight → tag → job). The URL says which, so a reload lands where the user was.
 */
export function ContactsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParamsState(contactsParams);
  const jobs = useInvoke('jobs:list');
  // An import still running (or waiting for the user) is shown above the registry, even after a reload.
  const active = (jobs.data ?? []).filter((job) => isImportJob(job.kind) && !FINAL_JOB_STATES.includes(job.state));
  // A new tag's savetag that got no answer waits for the user's decision here, next to the history.
  const tagJobs = (jobs.data ?? []).filter((job) => isSaveTagJob(job.kind) && job.state === 'needs-attention');

  if (params.view === 'import') {
    return (
      <section aria-labelledby="page-title" className={styles.page}>
        {params.job ? <ImportJob jobId={params.job} setParams={setParams} /> : <ImportFlow params={params} setParams={setParams} />}
      </section>
    );
  }

  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <header className="page-header">
        <h1 id="page-title">{t('contacts.title')}</h1>
        <Button
          variant="primary"
          onClick={() => setParams({ view: 'import', file: undefined, preflight: undefined, show: 'all', job: undefined })}
        >
          {t('contacts.importButton')}
        </Button>
      </header>
      {active.map((job) => (
        <ImportJob key={job.id} jobId={job.id} setParams={setParams} compact />
      ))}
      <div className={styles.registry}>
        <TagsPanel selected={params.tag} onSelect={(tag) => setParams({ tag, q: '' })} />
        <ContactsList tagId={params.tag} search={params.q} onSearch={(q) => setParams({ q })} />
      </div>
      {tagJobs.map((job) => (
        <TagJobAttention key={job.id} job={job} />
      ))}
      <ImportHistory onOpenJob={(job) => setParams({ view: 'import', job })} />
    </section>
  );
}
