import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jobTitle } from '../../../../shared/i18n/jobs';
import type { MirrorStatus } from '../../../../shared/ipc';
import { useAction, useInvoke } from '../../api/hooks';
import { errorMessage } from '../../api/client';
import { formatDateTime } from '../../format';
import { Button, ProgressBar } from '../../ui';
import { localDay } from './params';
import { formatSyncedAgo } from './common';
import { useNow } from '../../ui/useNow';
import styles from './MessagesPage.module.css';

// The mirror's state in one line ("Last synced 2 min ago · reaches back to 1 Oct · 12,345 messages"), the
// Sync button and the running sync's progress; before the first sync, the question of how far back.

export function MirrorBar({ status, timeZone }: { status: MirrorStatus; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const now = useNow();
  const sync = useAction('messages:sync', { writes: 'messages:synced' });
  const jobs = useInvoke('jobs:list');
  const job = status.jobId === null ? undefined : jobs.data?.find((j) => j.id === status.jobId);
  const reach = status.oldestCoveredMs ?? status.reachFromMs;
  const dateFormat = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone });

  return (
    <div className={styles.mirror} data-testid="mirror">
      <p className={styles.mirrorLine}>
        {status.lastSyncAt === null ? (
          <span>{t('messages.mirror.neverSynced')}</span>
        ) : (
          <span title={formatDateTime(new Date(status.lastSyncAt).toISOString(), lang, timeZone)}>
            {t('messages.mirror.lastSynced', { when: formatSyncedAgo(status.lastSyncAt, now, lang) })}
          </span>
        )}
        {reach !== null ? <span> · {t('messages.mirror.reachesBack', { date: dateFormat.format(reach) })}</span> : null}
        <span> · {t('messages.mirror.count', { count: status.messages })}</span>
      </p>
      {status.reachFromMs !== null || status.syncing ? (
        <Button onClick={() => sync.mutate(undefined)} disabled={status.syncing || sync.isPending}>
          {status.syncing || sync.isPending ? t('messages.mirror.syncing') : t('messages.mirror.sync')}
        </Button>
      ) : null}
      {status.syncing && job && job.total > 0 ? (
        <div className={styles.mirrorProgress}>
          <ProgressBar
            label={jobTitle(t, job)}
            done={job.done}
            total={job.total}
            ratePerSecond={job.ratePerSecond}
            etaSeconds={job.etaSeconds}
          />
        </div>
      ) : null}
      {status.lastError && !status.syncing ? (
        <p role="alert" className={`notice ${styles.full}`}>
          {t('messages.mirror.lastError', { error: status.lastError })}
        </p>
      ) : null}
      {sync.error ? (
        <p role="alert" className={`error ${styles.full}`}>
          {errorMessage(sync.error)}
        </p>
      ) : null}
      {/* The app reads back to Settings' reach by itself; the question stays for when it could not (yet). */}
      {status.reachFromMs === null && !status.syncing ? (
        <FirstSync defaultDays={status.defaultDays} timeZone={timeZone} lang={lang} />
      ) : null}
    </div>
  );
}

const REACH_CHOICES = [7, 30, 90, 365] as const;

/** The first sync: the user picks how far back the mirror reaches. */
function FirstSync({ defaultDays, timeZone, lang }: { defaultDays: number; timeZone: string; lang: string }) {
  const { t } = useTranslation();
  const sync = useAction('messages:sync', { writes: 'messages:synced' });
  // The choice is Settings' reach too: the app keeps going back that far by itself (Settings can change it).
  const remember = useAction('settings:update', { writes: 'settings:changed' });
  const choices = REACH_CHOICES.includes(defaultDays as (typeof REACH_CHOICES)[number])
    ? [...REACH_CHOICES]
    : [...REACH_CHOICES, defaultDays].sort((a, b) => a - b);
  const [days, setDays] = useState(defaultDays);
  const since = localDay(timeZone, days);
  const sinceText = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.parse(`${since}T12:00:00Z`));
  return (
    <section className={`${styles.firstSync} ${styles.full}`} aria-labelledby="first-sync-title" data-testid="first-sync">
      <h2 id="first-sync-title">{t('messages.firstSync.title')}</h2>
      <p>{t('messages.firstSync.body')}</p>
      <fieldset className={styles.reach}>
        <legend>{t('messages.firstSync.reach')}</legend>
        {choices.map((choice) => (
          <label key={choice} className="check">
            <input type="radio" name="reach" value={choice} checked={days === choice} onChange={() => setDays(choice)} />
            {choice === 365 ? t('messages.firstSync.year') : t('messages.firstSync.days', { count: choice })}
          </label>
        ))}
      </fieldset>
      <p className="hint">
        {sinceText} · {t('messages.firstSync.hint')}
      </p>
      <div>
        <Button
          variant="primary"
          onClick={() => remember.mutate({ historyDays: days }, { onSettled: () => sync.mutate({ since }) })}
          disabled={sync.isPending || remember.isPending}
        >
          {t('messages.firstSync.start')}
        </Button>
      </div>
      {sync.error ? (
        <p role="alert" className="error">
          {errorMessage(sync.error)}
        </p>
      ) : null}
    </section>
  );
}
