import { useTranslation } from 'react-i18next';
import type { TodayView } from '../../../../shared/ipc';
import { useInvoke } from '../../api/hooks';
import { formatNumber } from '../../format';
import { judgeFailureRate, type FailureRateVerdict } from './failure-rate';

/** The recent days compared with today: the seven local days before it. */
export const RECENT_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * Today's failure rate judged against this account's last days (from the mirror's report), in words: an
 * alert when unusual, a plain statement otherwise, nothing when nothing failed.
 */
export function useFailureRate(today: TodayView | undefined): { verdict: FailureRateVerdict; text: string | null } {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // Days are not all 24 h long (DST), but a few hours either side do not change a week's rate.
  const range = today
    ? {
        from: new Date(today.fromMs - RECENT_DAYS * DAY_MS).toISOString(),
        to: new Date(today.fromMs).toISOString(),
        bucket: 'day' as const,
        by: 'phone' as const,
      }
    : { from: new Date(0).toISOString(), to: new Date(DAY_MS).toISOString(), bucket: 'day' as const, by: 'phone' as const };
  const report = useInvoke('messages:report', range, { enabled: today !== undefined && today.failed > 0 });
  if (!today) return { verdict: { kind: 'none' }, text: null };
  const recent = report.data ? [{ delivered: report.data.totals.delivered, failed: report.data.totals.failed }] : [];
  const verdict = judgeFailureRate(today, recent);
  if (verdict.kind === 'none') return { verdict, text: null };
  const percent = (value: number) => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  const words = { rate: percent(verdict.rate), failed: formatNumber(verdict.failed, lang), finished: formatNumber(verdict.finished, lang) };
  if (verdict.usual === null) return { verdict, text: t('screens.failureRate.noHistory', words) };
  return {
    verdict,
    text: t(verdict.kind === 'unusual' ? 'screens.failureRate.unusual' : 'screens.failureRate.usual', {
      ...words,
      usual: percent(verdict.usual),
    }),
  };
}
