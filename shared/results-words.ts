import type { Translate } from './i18n';
import type { SendResults } from './ipc/results';

// The sentences of a results page, shared by the window (its language) and `relay campaigns results` (English),
// so both say the same thing about the same figures.

/** "91%" in the language's way. */
export function shareText(share: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: share > 0.99 && share < 1 ? 1 : 0 }).format(share);
}

/** A duration people read at a glance: "45 s", "3 min", "1 h 20 min", "2 d 3 h". */
export function durationText(ms: number, t: Translate): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return t('results.duration.s', { n: seconds });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('results.duration.min', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24)
    return minutes % 60 === 0 ? t('results.duration.h', { n: hours }) : t('results.duration.hmin', { h: hours, min: minutes % 60 });
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? t('results.duration.d', { n: days }) : t('results.duration.dh', { d: days, h: hours % 24 });
}

/** "Not sent: no signal" → "not sent – no signal": a reason inside a sentence. */
function reasonInSentence(title: string, language: string): string {
  const text = title.replace(/:\s+/g, ' – ');
  return text.charAt(0).toLocaleLowerCase(language) + text.slice(1);
}

/** The headline: "Delivered to 182 of 200 (91%). 12 failed: not delivered (8), not sent – no signal (4). 6 still on their way." */
export function resultsHeadline(results: SendResults, t: Translate, language: string): string {
  if (results.recipients === 0) return t('results.headline.noRecipients');
  const parts: string[] = [];
  if (results.delivered === 0 && results.failed === 0) return t('results.headline.nothingYet', { count: results.pending.total });
  parts.push(
    t('results.headline.delivered', {
      delivered: results.delivered,
      count: results.recipients,
      share: shareText(results.deliveredShare ?? 0, language),
    }),
  );
  if (results.failed > 0) {
    const reasons = results.failures
      .map((f) => t('results.headline.reason', { reason: reasonInSentence(t(f.titleKey as 'failures.8.title'), language), n: f.count }))
      .join(', ');
    parts.push(t('results.headline.failed', { count: results.failed, reasons }));
  }
  if (results.pending.total > 0) parts.push(t('results.headline.pending', { count: results.pending.total }));
  return parts.join(' ');
}

/** What "time until sent" measures, in one sentence (null when nothing was measured yet). */
export function measuredText(results: SendResults, t: Translate): string[] {
  const lines: string[] = [];
  const c = results.createdToSent;
  if (c)
    lines.push(t('results.measured.createdToSent', { count: c.count, median: durationText(c.median, t), p90: durationText(c.p90, t) }));
  lines.push(t('results.measured.noDeliveryTime'));
  const s = results.sentToSeenDelivered;
  if (s)
    lines.push(t('results.measured.seenDelivered', { count: s.count, median: durationText(s.median, t), p90: durationText(s.p90, t) }));
  return lines;
}
