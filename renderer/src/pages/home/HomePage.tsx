import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import { jobTitle } from '../../../../shared/i18n/jobs';
import { FINAL_JOB_STATES, type JobView } from '../../../../shared/jobs';
import { STATUS_GROUPS, type GatewayHealth, type MirrorStatus, type MonitorSnapshot, type TodayView } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useInvoke } from '../../api/hooks';
import { formatDateTime, formatNumber } from '../../format';
import { ProgressBar } from '../../ui';
import { formatSyncedAgo, useTimeZone } from '../messages/common';
import { useNow } from '../../ui/useNow';
import { dayOf } from '../messages/params';
import { TodayBar } from './TodayBar';
import { SendingCard } from './SendingCard';
import { useFailureRate } from './useFailureRate';
import styles from './HomePage.module.css';

// Home: today at a glance. Phones online / offline, today's messages by status (a bar people look at
// rather than read), jobs running with their progress, what needs attention, and when history last
// synced; each part links to the screen where the user acts on it.

/** The screen a job kind belongs to ("contacts.import" → contacts). */
export function jobScreen(kind: string): string {
  const family = kind.split('.')[0] ?? '';
  if (family.startsWith('message')) return '/messages';
  if (family.startsWith('contact')) return '/contacts';
  if (family.startsWith('newsletter')) return '/newsletters';
  if (family.startsWith('campaign')) return '/campaigns';
  return '/home';
}

export interface AttentionItem {
  key: string;
  text: string;
  to: string;
}

/** What needs the user, most pressing first; empty when all is well. */
export function attentionItems(
  t: TFunction,
  input: {
    devices?: MonitorSnapshot | undefined;
    today?: TodayView | undefined;
    jobs?: readonly JobView[] | undefined;
    mirror?: MirrorStatus | undefined;
    health?: GatewayHealth | undefined;
    todayLink: string;
    failureAlert?: string | null;
  },
): AttentionItem[] {
  const items: AttentionItem[] = [];
  if (input.health?.reachable === false) items.push({ key: 'gateway', text: t('messages.home.issue.gatewayDown'), to: '/devices' });
  const offline = (input.devices?.devices ?? []).filter((view) => !view.online);
  if (offline.length) {
    items.push({
      key: 'offline',
      text: t('messages.home.issue.offline', { count: offline.length, names: offline.map((v) => v.device.title).join(', ') }),
      to: '/devices?show=offline',
    });
  }
  // Failures are an alert only when unusual for this account (useFailureRate); otherwise Today states the rate.
  if (input.failureAlert) items.push({ key: 'failed', text: input.failureAlert, to: `${input.todayLink}&status=failed` });
  for (const job of input.jobs ?? []) {
    let what: string | null = null;
    if (job.unknown > 0) what = t('messages.home.issue.jobUnknown', { count: job.unknown });
    else if (job.state === 'needs-attention') what = t('messages.home.issue.jobNeedsAttention');
    else if (job.state === 'interrupted' && job.writes) what = t('messages.home.issue.jobInterrupted');
    if (what)
      items.push({ key: `job-${job.id}`, text: t('messages.home.issue.job', { title: jobTitle(t, job), what }), to: jobScreen(job.kind) });
  }
  // Choosing how far back the history reaches is a first step, shown as one in the history card, not an alarm.
  if (input.mirror?.lastError && !input.mirror.syncing)
    items.push({ key: 'sync-failed', text: t('messages.home.issue.syncFailed'), to: '/messages' });
  return items;
}

const isRunning = (job: JobView) => !FINAL_JOB_STATES.includes(job.state) && job.state !== 'needs-attention';

export function HomePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const now = useNow();
  const timeZone = useTimeZone();
  const info = useInvoke('app:info');
  const devices = useInvoke('devices:snapshot');
  const today = useInvoke('messages:today');
  const jobs = useInvoke('jobs:list');
  const mirror = useInvoke('messages:status');
  const health = useInvoke('gateway:health');
  const todayDay = dayOf(now, timeZone);
  const todayLink = `/messages?from=${todayDay}&to=${todayDay}`;
  const failures = useFailureRate(today.data);
  const items = attentionItems(t, {
    devices: devices.data,
    today: today.data,
    jobs: jobs.data,
    mirror: mirror.data,
    health: health.data,
    todayLink,
    failureAlert: failures.verdict.kind === 'unusual' ? failures.text : null,
  });
  const running = (jobs.data ?? []).filter(isRunning);
  const phones = devices.data?.devices ?? [];
  const online = phones.filter((view) => view.online).length;
  const offline = phones.length - online;
  const dateText = new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(now);
  const error = devices.error ?? today.error ?? jobs.error ?? mirror.error;

  return (
    <section aria-labelledby="page-title" className={styles.home}>
      <header>
        <h1 id="page-title">{t('home.title')}</h1>
        <p className="muted">{t('messages.home.today', { date: dateText })}</p>
      </header>
      {error ? (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      ) : null}

      <div className={styles.grid}>
        <section className={`${styles.card} ${styles.attention}`} aria-labelledby="home-attention" data-testid="home-attention">
          <h2 id="home-attention">{t('messages.home.attention')}</h2>
          {items.length === 0 ? (
            <p className={styles.allGood}>{t('messages.home.allGood')}</p>
          ) : (
            <ul className={styles.issues}>
              {items.map((item) => (
                <li key={item.key}>
                  <Link to={item.to}>{item.text}</Link>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className={styles.card} aria-labelledby="home-phones" data-testid="home-phones">
          <h2 id="home-phones">{t('messages.home.phones')}</h2>
          {devices.data && phones.length === 0 ? (
            <p className="muted">{t('messages.home.noPhones')}</p>
          ) : (
            <p className={styles.pair}>
              <span className={styles.goodFigure}>{t('messages.home.online', { count: online })}</span>
              <span className={offline > 0 ? styles.badFigure : styles.quietFigure}>{t('messages.home.offline', { count: offline })}</span>
            </p>
          )}
          <Link to="/devices" className={styles.more}>
            {t('messages.home.openDevices')}
          </Link>
        </section>

        <section className={`${styles.card} ${styles.wide}`} aria-labelledby="home-today" data-testid="home-today">
          <h2 id="home-today">{t('messages.home.messagesToday')}</h2>
          {today.data && today.data.total > 0 ? (
            <>
              <p className={styles.bigFigure}>{t('messages.home.totalToday', { count: today.data.total })}</p>
              <TodayBar today={today.data} />
              <ul className={styles.groups}>
                {STATUS_GROUPS.map((group) => (
                  <li key={group}>
                    <Link to={`${todayLink}&status=${group}`} className={`${styles.group} ${styles[group]}`}>
                      <span className={styles.groupCount}>{formatNumber(today.data[group], lang)}</span>
                      <span>{t(`messages.groups.${group}`)}</span>
                    </Link>
                  </li>
                ))}
              </ul>
              {failures.verdict.kind === 'usual' ? (
                <p className="muted small" data-testid="failure-rate">
                  {failures.text}
                </p>
              ) : null}
            </>
          ) : (
            <p className="muted">{today.data ? t('messages.home.noMessagesToday') : t('common.loading')}</p>
          )}
          <Link to={todayLink} className={styles.more}>
            {t('messages.home.openMessages')}
          </Link>
        </section>

        <section className={styles.card} aria-labelledby="home-jobs" data-testid="home-jobs">
          <h2 id="home-jobs">{t('messages.home.jobs')}</h2>
          {running.length === 0 ? <p className="muted">{t('messages.home.noJobs')}</p> : null}
          <ul className={styles.jobs}>
            {running.map((job) => (
              <li key={job.id}>
                <Link to={jobScreen(job.kind)}>{jobTitle(t, job)}</Link>
                <ProgressBar
                  label={jobTitle(t, job)}
                  done={job.done}
                  total={job.total}
                  ratePerSecond={job.ratePerSecond}
                  etaSeconds={job.etaSeconds}
                />
              </li>
            ))}
          </ul>
        </section>

        <SendingCard now={now} timeZone={timeZone} />

        <section className={styles.card} aria-labelledby="home-history" data-testid="home-history">
          <h2 id="home-history">{t('messages.home.history')}</h2>
          {mirror.data ? (
            <p>
              {mirror.data.lastSyncAt === null ? (
                t('messages.mirror.neverSynced')
              ) : (
                <span title={formatDateTime(new Date(mirror.data.lastSyncAt).toISOString(), lang, timeZone)}>
                  {t('messages.mirror.lastSynced', { when: formatSyncedAgo(mirror.data.lastSyncAt, now, lang) })}
                </span>
              )}
              <br />
              <span className="muted">{t('messages.mirror.count', { count: mirror.data.messages })}</span>
            </p>
          ) : null}
          {/* While the history is read back to Settings' reach, in the background: how far, and where to change it. */}
          {mirror.data &&
          (mirror.data.reachFromMs === null ||
            (mirror.data.syncing && mirror.data.reachFromMs > now - (mirror.data.defaultDays - 1) * 86_400_000)) ? (
            <p className={styles.step} data-testid="home-step-reach">
              <Link to="/settings">{t('messages.home.stepReach', { count: mirror.data.defaultDays })}</Link>
            </p>
          ) : null}
          <p className={styles.links}>
            <Link to="/messages">{t('messages.title')}</Link>
            <Link to="/messages?view=report">{t('messages.home.openReport')}</Link>
          </p>
        </section>
      </div>

      {info.data ? (
        <details className={styles.about}>
          <summary>{t('home.about')}</summary>
          <dl className="facts" data-testid="app-info">
            <dt>{t('home.version')}</dt>
            <dd>{info.data.version}</dd>
            <dt>{t('home.platform')}</dt>
            <dd>{info.data.platform}</dd>
            <dt>{t('home.locale')}</dt>
            <dd>{info.data.locale}</dd>
          </dl>
        </details>
      ) : null}
    </section>
  );
}
