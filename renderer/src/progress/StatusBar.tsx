import { useTranslation } from 'react-i18next';
import type { StatusCounts } from '../../../shared/ipc';
import { formatNumber } from '../format';
import styles from './progress.module.css';

// new → queued → taken → sent → delivered / failed as one stacked bar (SVG: no inline styles for the CSP),
// with a legend that carries the numbers for everyone, including screen readers.

export const STATUS_ORDER = ['delivered', 'sent', 'taken', 'queued', 'new', 'failed'] as const;
export type StatusKey = (typeof STATUS_ORDER)[number];

/** Segments of the bar on a 0–100 axis; what the gateway has not listed yet stays blank at the end. */
export function statusSegments(counts: StatusCounts): { key: StatusKey; x: number; width: number; count: number }[] {
  const listed = STATUS_ORDER.reduce((sum, key) => sum + counts[key], 0);
  const total = Math.max(counts.total, listed, 1);
  let x = 0;
  return STATUS_ORDER.filter((key) => counts[key] > 0).map((key) => {
    const width = (counts[key] / total) * 100;
    const segment = { key, x, width, count: counts[key] };
    x += width;
    return segment;
  });
}

export function StatusBar({ counts, label }: { counts: StatusCounts; label?: string }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const waiting =
    counts.new + counts.queued + counts.taken + Math.max(0, counts.total - STATUS_ORDER.reduce((sum, key) => sum + counts[key], 0));
  const summary = t('campaigns.status.summary', {
    delivered: n(counts.delivered),
    sent: n(counts.sent),
    failed: n(counts.failed),
    waiting: n(waiting),
  });
  return (
    <figure className={styles.statusBar} data-testid="status-bar">
      <svg viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={`${label ?? t('campaigns.status.label')}: ${summary}`}>
        <rect x="0" y="0" width="100" height="8" className={styles.sUnlisted} />
        {statusSegments(counts).map((s) => (
          <rect key={s.key} x={s.x} y="0" width={Math.max(s.width, 0.4)} height="8" className={styles[`s-${s.key}`]} />
        ))}
      </svg>
      <figcaption>
        <ul className={styles.legend}>
          {STATUS_ORDER.map((key) => (
            <li key={key} data-status={key}>
              <svg viewBox="0 0 10 10" aria-hidden="true" className={styles.swatch}>
                <rect width="10" height="10" className={styles[`s-${key}`]} />
              </svg>
              {t('campaigns.status.count', { status: t(`campaigns.status.${key}`), number: n(counts[key]) })}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
