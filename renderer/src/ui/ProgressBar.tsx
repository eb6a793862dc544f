import { useTranslation } from 'react-i18next';
import type { Translate } from '../../../shared/i18n';
import { formatNumber } from '../format';
import styles from './ProgressBar.module.css';

/** "about 3 minutes left", rounded the way a person says it; null while there is nothing to go on. */
export function etaText(t: Translate, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return t('progress.etaUnknown');
  if (seconds < 60) return t('progress.etaSeconds', { count: Math.max(1, Math.round(seconds)) });
  if (seconds < 3600) return t('progress.etaMinutes', { count: Math.round(seconds / 60) });
  return t('progress.etaHours', { count: Math.round(seconds / 3600) });
}

/**
 * Progress of a long job: a native <progress> (no inline styles, so the CSP has nothing to block) and a
 * line a person reads: "1,200 of 5,000 · 38 per second · about 2 minutes left".
 */
export function ProgressBar({
  label,
  done,
  total,
  ratePerSecond,
  etaSeconds,
}: {
  label: string;
  done: number;
  total: number;
  ratePerSecond?: number | null;
  etaSeconds?: number | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const finished = total > 0 && done >= total;
  const parts = [t('progress.counts', { done: formatNumber(done, lang), total: formatNumber(total, lang) })];
  if (ratePerSecond !== undefined && ratePerSecond !== null && ratePerSecond > 0) {
    parts.push(t('progress.rate', { rate: formatNumber(Math.round(ratePerSecond * 10) / 10, lang) }));
  }
  if (!finished) parts.push(etaText(t, etaSeconds));
  return (
    <div className={styles.progress}>
      <progress className={styles.bar} aria-label={label} value={Math.min(done, total)} max={Math.max(total, 1)} />
      <p className={styles.text} aria-live="polite">
        {parts.join(' · ')}
      </p>
    </div>
  );
}
