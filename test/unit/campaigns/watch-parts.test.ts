import { describe, expect, it } from 'vitest';
import { parseDailyCap, parseFooter, parseQuietHours } from '../../../electron/cli/commands/campaign';
import { UsageError } from '../../../electron/cli/commands/types';
import { forEachConcurrently } from '../../../electron/main/lib/concurrent';
import { dayWindows, NEWSLETTER_WINDOW_MS, newsletterFinal } from '../../../electron/main/newsletters/watch';
import { emptyCounts } from '../../../electron/main/campaigns/store';

describe('newsletter progress pieces', () => {
  it('reads the phone since the newsletter was created in day windows that tile the range', () => {
    const from = 1_000;
    const windows = dayWindows(from, from + 2.5 * NEWSLETTER_WINDOW_MS);
    expect(windows).toHaveLength(3);
    expect(windows[0]).toEqual({ from, to: from + NEWSLETTER_WINDOW_MS });
    expect(windows[2]!.to).toBe(from + 2.5 * NEWSLETTER_WINDOW_MS);
    windows.slice(1).forEach((w, i) => expect(w.from).toBe(windows[i]!.to));
    expect(dayWindows(5, 5)).toEqual([]);
  });

  it('a newsletter is final once every message reached a final status; waiting for start is not final', () => {
    expect(newsletterFinal(null, 10)).toBe(false);
    expect(newsletterFinal(emptyCounts(10), 10)).toBe(false);
    expect(newsletterFinal({ ...emptyCounts(10), delivered: 8, failed: 2 }, 10)).toBe(true);
    expect(newsletterFinal({ ...emptyCounts(10), delivered: 8, sent: 2 }, 10)).toBe(false);
    expect(newsletterFinal({ ...emptyCounts(10), delivered: 5 }, 10)).toBe(false);
  });
});

describe('reads at once', () => {
  it('never runs more than the cap at a time, runs every item, and reports a failure after all settled', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const work = async (n: number) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
      done.push(n);
      if (n === 3) throw new Error('read 3 failed');
    };
    await expect(forEachConcurrently([1, 2, 3, 4, 5, 6, 7, 8, 9], 4, work)).rejects.toThrow('read 3 failed');
    expect(peak).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('relay campaign flags', () => {
  it('--quiet-hours takes two times of day', () => {
    expect(parseQuietHours(undefined)).toBeNull();
    expect(parseQuietHours('21:00-08:00')).toEqual({ from: '21:00', until: '08:00' });
    expect(parseQuietHours(' 9:30 - 7:05 ')).toEqual({ from: '09:30', until: '07:05' });
    for (const bad of ['21-08', '25:00-08:00', '21:00-08:60', '21:00', '21:00-21:00', 'night'])
      expect(() => parseQuietHours(bad)).toThrow(UsageError);
  });

  it('--daily-cap takes a whole number from 1', () => {
    expect(parseDailyCap(undefined)).toBeNull();
    expect(parseDailyCap('500')).toBe(500);
    for (const bad of ['0', '-5', '1.5', 'lots', '', '1000001']) expect(() => parseDailyCap(bad)).toThrow(UsageError);
  });

  it('--footer takes the message language', () => {
    expect(parseFooter(undefined)).toBeNull();
    expect(parseFooter('PT')).toBe('pt');
    expect(() => parseFooter('pt-BR')).toThrow(UsageError);
  });
});
