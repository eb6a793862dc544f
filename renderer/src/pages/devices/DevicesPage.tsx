import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { DeviceView, MonitorSnapshot } from '../../../../shared/ipc';
import { useAction, useInvoke } from '../../api/hooks';
import { errorMessage } from '../../api/client';
import { useSearchParamsState } from '../../app/search-params';
import { formatDateTime, formatExact, formatNumber, formatRelative } from '../../format';
import { EmptyState, Segmented } from '../../ui';
import { useNow } from '../../ui/useNow';
import { Timeline } from './Timeline';
import styles from './DevicesPage.module.css';

/** The screen's URL state: which phones to show (#/devices?show=offline survives a reload). */
export const devicesParams = z.object({ show: z.enum(['all', 'online', 'offline']).default('all') });
const SHOW_OPTIONS = devicesParams.shape.show.unwrap().options;

export function DevicesPage() {
  const { t, i18n } = useTranslation();
  const snapshot = useInvoke('devices:snapshot');
  const refresh = useAction('devices:refresh', { writes: 'devices:changed' });
  const [{ show }, setParams] = useSearchParamsState(devicesParams);
  const settings = useInvoke('settings:get');
  const timeZone = settings.data?.settings.timeZone ?? null;
  const now = useNow();
  const data: MonitorSnapshot | undefined = snapshot.data;
  // Offline phones first (in the monitor's order otherwise): the one that needs the owner is never below the fold.
  const shown = (data?.devices ?? [])
    .filter((view) => show === 'all' || view.online === (show === 'online'))
    .sort((a, b) => Number(a.online) - Number(b.online));

  return (
    <section aria-labelledby="page-title" className="devices">
      <header className="page-header">
        <h1 id="page-title">{t('devices.title')}</h1>
        {data?.lastPollAt ? (
          <span className="muted" title={formatDateTime(data.lastPollAt, i18n.language, timeZone)}>
            {t('devices.lastPoll', { when: formatRelative(data.lastPollAt, now, i18n.language) })}
          </span>
        ) : null}
        <button type="button" onClick={() => refresh.mutate(undefined)} disabled={refresh.isPending}>
          {refresh.isPending ? t('devices.refreshing') : t('devices.refresh')}
        </button>
      </header>
      {data?.unreachableSince ? (
        <p role="alert" className="notice" data-testid="gateway-unreachable">
          {t('devices.unreachable', { time: formatDateTime(data.unreachableSince, i18n.language, timeZone) })}
        </p>
      ) : null}
      {snapshot.error || refresh.error ? (
        <p role="alert" className="error">
          {errorMessage(snapshot.error ?? refresh.error)}
        </p>
      ) : null}
      {!data && !snapshot.error ? <p>{t('common.loading')}</p> : null}
      {data && data.devices.length > 0 ? (
        <Segmented
          className={styles.filter}
          legendBeside
          legend={t('devices.filter.label')}
          name="show"
          value={show}
          options={SHOW_OPTIONS.map((option) => ({ value: option, label: t(`devices.filter.${option}`) }))}
          onChange={(option) => setParams({ show: option })}
        />
      ) : null}
      {data && data.devices.length === 0 && data.lastPollAt ? <EmptyState>{t('devices.empty')}</EmptyState> : null}
      {data && data.devices.length > 0 && shown.length === 0 ? <EmptyState>{t('devices.noneMatch')}</EmptyState> : null}
      <ul className="device-list">
        {shown.map((view) => (
          <DeviceCard key={view.device.id} view={view} now={now} timeZone={timeZone} />
        ))}
      </ul>
      <h2>{t('devices.events')}</h2>
      {data && data.events.length > 0 ? (
        <ol className="event-log" data-testid="event-log">
          {data.events.map((event) => (
            <li key={`${event.deviceId}-${event.at}`} className={event.online ? 'good' : 'bad'}>
              <time dateTime={event.at}>{formatDateTime(event.at, i18n.language, timeZone)}</time>{' '}
              {t(event.online ? 'devices.cameOnline' : 'devices.wentOffline', { title: event.title })}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t('devices.noEvents')}</p>
      )}
    </section>
  );
}

function DeviceCard({ view, now, timeZone }: { view: DeviceView; now: number; timeZone: string | null }) {
  const { t, i18n } = useTranslation();
  const { device, online, queue } = view;
  const lang = i18n.language;
  return (
    <li className="device-card" data-testid={`device-${device.id}`} data-online={online}>
      <div className="device-head">
        <h2 className="device-title">{device.title}</h2>
        <span className={`pill ${online ? 'good' : 'bad'}`}>{online ? t('devices.online') : t('devices.offline')}</span>
      </div>
      <p className="muted">
        {device.lastSeen ? (
          <span title={formatExact(device.lastSeen, lang, timeZone)}>
            {t('devices.lastSeen', { when: formatRelative(device.lastSeen.iso, now, lang) })}
          </span>
        ) : (
          t('devices.neverSeen')
        )}
        {' · '}
        {t('devices.pollEvery', { seconds: device.pollIntervalSeconds })}
      </p>
      <dl className="facts">
        <dt>{t('devices.number')}</dt>
        <dd>{device.number ?? t('common.unknown')}</dd>
        <dt>{t('devices.sims')}</dt>
        <dd>
          {device.sims.length === 0
            ? t('common.unknown')
            : device.sims.map((sim) => (
                <div key={sim.slot}>
                  {`#${sim.slot + 1} ${sim.carrier ?? ''} ${sim.number ?? ''}`.trim()}
                  {sim.roaming ? <span className="pill warn">{t('devices.roaming')}</span> : null}
                </div>
              ))}
        </dd>
        <dt>{t('devices.subscription')}</dt>
        <dd>
          {device.subscription ? t('devices.subscriptionActive') : <span className="pill warn">{t('devices.subscriptionInactive')}</span>}
        </dd>
        <dt>{t('devices.queue')}</dt>
        <dd>
          {queue
            ? t('devices.queueCounts', { waiting: formatNumber(queue.waiting, lang), taken: formatNumber(queue.taken, lang) })
            : t('devices.queueUnknown')}
        </dd>
      </dl>
      {device.subscription ? null : <SubscriptionInactive waiting={queue?.waiting ?? null} />}
      <p className="muted small">
        {t('devices.appVersion', { version: device.appVersion ?? t('common.unknown') })}
        {!device.appVersionCurrent ? (
          <span className="warn-text" role="note">
            {' '}
            {t('devices.appOutdated')}
          </span>
        ) : null}
      </p>
      <Timeline view={view} now={now} />
    </li>
  );
}

/**
 * An inactive subscription is why a phone's messages do not leave: say so, how many wait, and what to do
 * (renew on SMSGateway24, then refresh here).
 */
function SubscriptionInactive({ waiting }: { waiting: number | null }) {
  const { t } = useTranslation();
  return (
    <p className={`notice ${styles.inactive}`} role="note" data-testid="subscription-inactive">
      {t('screens.devices.subscriptionInactiveWhy')}
      {waiting ? ` ${t('screens.devices.subscriptionWaiting', { count: waiting })}` : ''} {t('screens.devices.subscriptionInactiveNext')}
    </p>
  );
}
