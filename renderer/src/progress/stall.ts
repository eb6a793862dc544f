import { stalledMinutes, type StallView } from '../../../shared/ipc';
import { formatNumber } from '../format';

// "Front desk took messages 12 minutes ago…": a campaign's and a newsletter's stall warning say it alike.

/**
 * The words' parameters for how long a phone has been silent: main says since when (`stall.sinceMs`, epoch ms);
 * `now` is the window's ticking clock, so the minutes move between refreshes. `count` picks the plural form;
 * `minutes` is the number as the language writes it.
 */
export function stalledFor(stall: StallView, now: number, language: string): { minutes: string; count: number } {
  const minutes = stalledMinutes(stall, now);
  return { minutes: formatNumber(minutes, language), count: minutes };
}
