import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceView, MonitorSnapshot } from '../../../../shared/ipc';
import { useAction, useInvoke, usePushedInto } from '../../api/hooks';
import { errorMessage } from '../../api/client';
import { formatDateTime, formatExact, formatNumber, formatRelative } from '../../format';
import { Timeline } from './Timeline';

/** A clock that ticks every 15 s so "last seen 2 minutes ago" stays true without a refetch. */
function useNow(stepMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), stepMs);
    return () => clearInterval(id);
  }, [stepMs]);
  return now;
}

export function DevicesPage() {
  const { t, i18n } = useTranslation();
  const snapshot = useInvoke('devices:snapshot');
  usePushedInto('devices:changed', 'devices:snapshot');
  const refresh = useAction('devices:refresh', { updates: 'devices:snapshot' });
  const settings = useInvoke('settings:get');
  const timeZone = settings.data?.settings.timeZone ?? null;
  const now = useNow();
  const data: MonitorSnapshot | undefined = snapshot.data;

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
      {!data ? <p>{t('common.loading')}</p> : null}
      {data && data.devices.length === 0 && data.lastPollAt ? <p className="muted">{t('devices.empty')}</p> : null}
      <ul className="device-list">
        {data?.devices.map((view) => (
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
        <h3>{device.title}</h3>
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
        <dd>{device.subscription ? t('devices.subscriptionActive') : t('devices.subscriptionInactive')}</dd>
        <dt>{t('devices.queue')}</dt>
        <dd>
          {queue
            ? t('devices.queueCounts', { waiting: formatNumber(queue.waiting, lang), taken: formatNumber(queue.taken, lang) })
            : t('devices.queueUnknown')}
        </dd>
      </dl>
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
