import { effectiveTimeZone } from '../../shared/time-zone';
// Locale-aware formatting of dates and numbers for the screens (Intl, no extra library).

export function formatDateTime(iso: string, language: string, timeZone?: string | null): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'short',
    timeStyle: 'medium',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** "3 minutes ago" / "há 3 minutos". */
export function formatRelative(iso: string, now: number, language: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(0, 'second');
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

export { systemTimeZone } from '../../shared/time-zone';

/**
 * The exact time in the user's display zone and, where the gateway reported another zone, also there:
 * the design asks to show both where they differ.
 */
export function formatExact(instant: { iso: string; zone: string }, language: string, timeZone: string | null): string {
  const shown = effectiveTimeZone(timeZone);
  const local = formatDateTime(instant.iso, language, shown);
  if (!instant.zone || instant.zone === shown) return local;
  try {
    return `${local} (${formatDateTime(instant.iso, language, instant.zone)} ${instant.zone})`;
  } catch {
    return local; // a zone this Intl does not know: the local time alone is still right
  }
}
