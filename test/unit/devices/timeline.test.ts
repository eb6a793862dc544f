import { describe, expect, it } from 'vitest';
import { MAX_SPANS, pruneSpans, recordState, TIMELINE_WINDOW_MS, type Span } from '../../../electron/main/devices/timeline';

const H = 60 * 60_000;

describe('device timeline', () => {
  it('extends the current span while the state holds and opens a new one on a change', () => {
    const spans: Span[] = [];
    recordState(spans, true, 0);
    recordState(spans, true, 1000);
    recordState(spans, false, 2000);
    expect(spans).toEqual([
      { from: 0, until: 2000, online: true },
      { from: 2000, until: null, online: false },
    ]);
  });

  it('drops spans that ended more than 24 h ago and keeps the one straddling the window', () => {
    const spans: Span[] = [];
    recordState(spans, true, 0);
    recordState(spans, false, 1 * H);
    recordState(spans, true, 2 * H);
    recordState(spans, false, 10 * H);
    pruneSpans(spans, 2 * H + TIMELINE_WINDOW_MS + 1);
    expect(spans).toEqual([
      { from: 2 * H, until: 10 * H, online: true },
      { from: 10 * H, until: null, online: false },
    ]);
  });

  it('never drops the ongoing span, however old', () => {
    const spans: Span[] = [];
    recordState(spans, true, 0);
    pruneSpans(spans, 10 * TIMELINE_WINDOW_MS);
    expect(spans).toEqual([{ from: 0, until: null, online: true }]);
  });

  it('keeps at most MAX_SPANS spans for a phone that flaps all day, the newest ones', () => {
    const spans: Span[] = [];
    for (let minute = 0; minute < 24 * 60; minute++) {
      recordState(spans, minute % 2 === 0, minute * 60_000);
      pruneSpans(spans, minute * 60_000);
    }
    expect(spans).toHaveLength(MAX_SPANS);
    expect(spans.at(-1)).toEqual({ from: (24 * 60 - 1) * 60_000, until: null, online: false });
  });
});
