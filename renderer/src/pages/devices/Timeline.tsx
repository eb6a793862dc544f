import { useTranslation } from 'react-i18next';
import type { DeviceView } from '../../../../shared/ipc';

const DAY_MS = 24 * 3600 * 1000;
const MIN_WINDOW_MS = 10 * 60 * 1000;

/** The phone's last 24 h of this session as a strip: green online, red offline, blank not watched. */
/**
 * Spans placed on a 0–100 axis, and the time spent online/offline. The axis runs from when this
 * session started watching (at most 24 h back, at least 10 min) to now, so a fresh session still
 * shows a readable strip.
 */
export function layout(timeline: DeviceView['timeline'], now: number) {
  const first = timeline.length > 0 ? new Date(timeline[0]!.from).getTime() : now;
  const start = Math.max(now - DAY_MS, Math.min(first, now - MIN_WINDOW_MS));
  const windowMs = now - start;
  const totals = { onlineMs: 0, offlineMs: 0 };
  const spans = timeline.map((span) => {
    const from = Math.max(new Date(span.from).getTime(), start);
    const until = span.until ? new Date(span.until).getTime() : now;
    const width = Math.max(0, until - from);
    totals[span.online ? 'onlineMs' : 'offlineMs'] += width;
    return { x: ((from - start) / windowMs) * 100, width: (width / windowMs) * 100, online: span.online, key: span.from };
  });
  return { spans, start, ...totals };
}

export function Timeline({ view, now }: { view: DeviceView; now: number }) {
  const { t, i18n } = useTranslation();
  const { spans, start, onlineMs, offlineMs } = layout(view.timeline, now);
  const since = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(start);
  const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
  return (
    <figure className="timeline">
      <figcaption className="muted small">
        {now - start >= DAY_MS - 60_000 ? t('devices.history') : t('devices.historySince', { time: since })}
      </figcaption>
      <svg
        viewBox="0 0 100 6"
        preserveAspectRatio="none"
        role="img"
        aria-label={t('devices.historyLabel', { title: view.device.title, online: minutes(onlineMs), offline: minutes(offlineMs) })}
      >
        <rect x="0" y="0" width="100" height="6" className="timeline-bg" />
        {spans.map((span) => (
          <rect
            key={span.key}
            x={span.x}
            y="0"
            width={Math.max(span.width, 0.3)}
            height="6"
            className={span.online ? 'timeline-on' : 'timeline-off'}
          />
        ))}
      </svg>
    </figure>
  );
}
