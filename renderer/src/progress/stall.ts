import { formatNumber } from '../format';

// "Front desk took messages 12 minutes ago…": a campaign's and a newsletter's stall warning say it alike.

/**
 * The words' parameters for how long a phone has been silent: `sinceMs` is the moment it went quiet (epoch ms),
 * or a duration. `count` picks the plural form; `minutes` is the number as the language writes it.
 */
export function stalledFor(sinceMs: number, now: number, language: string): { minutes: string; count: number } {
  const ms = sinceMs > 1e12 ? now - sinceMs : sinceMs;
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return { minutes: formatNumber(minutes, language), count: minutes };
}
