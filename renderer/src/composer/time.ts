import { Temporal } from 'temporal-polyfill';
import type { Translate } from '../../../shared/i18n';

// People pick a wall-clock time in their display zone (Settings' zone, else this computer's); main gets the
// instant. Temporal resolves the wall time in that zone, so a time picked across a daylight-saving change
// means what the person read on their clock.

/** "2024-03-09T18:30" (a datetime-local value) in `zone` → ISO instant; null when empty or not a time. */
export function wallTimeToIso(value: string, zone: string): string | null {
  if (!value) return null;
  try {
    return Temporal.PlainDateTime.from(value).toZonedDateTime(zone, { disambiguation: 'compatible' }).toInstant().toString();
  } catch {
    return null;
  }
}

/** A short date and time in the user's language and zone; with seconds when `precise` (a span of minutes). */
export function formatWhen(epochMs: number, language: string, zone: string, precise = false): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: precise ? 'medium' : 'short', timeZone: zone }).format(epochMs);
}

/** Below this span, times shown to the minute would read "12:00 – 12:00": show seconds instead. */
export const PRECISE_SPAN_MS = 60 * 60_000;
/** Below this span, "within a minute" says more than two times a few seconds apart. */
export const WITHIN_MINUTE_MS = 60_000;

/** "about 3 hours", "12 minutes", "less than a minute": how long a send takes, said the way a person would. */
export function durationText(t: Translate, ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return t('campaigns.summary.lessThanMinute');
  if (minutes < 90) return t('campaigns.summary.minutes', { count: minutes });
  return t('campaigns.summary.hours', { count: Math.round(minutes / 60) });
}
