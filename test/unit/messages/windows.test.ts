import { describe, expect, it } from 'vitest';
import {
  alignWindow,
  canSplit,
  compactWindows,
  coverageGaps,
  isSettled,
  partsFor,
  planIncremental,
  queryRange,
  recordWindow,
  splitWindow,
} from '../../../electron/main/messages/windows';
import type { RecordedWindow } from '../../../electron/main/messages/windows';

const S = 1_000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;
const T0 = Date.UTC(2024, 2, 1); // a whole second

const recorded = (fromMs: number, toMs: number, readAt: number, count = 10): RecordedWindow => ({ fromMs, toMs, readAt, count });

describe('window shapes', () => {
  it('widens a span to whole seconds and never makes it empty', () => {
    expect(alignWindow(T0 + 1_500, T0 + 4_200)).toEqual({ fromMs: T0 + 1_000, toMs: T0 + 5_000 });
    expect(alignWindow(T0, T0)).toEqual({ fromMs: T0, toMs: T0 + S });
  });

  it('asks getallsms for the first and the last second included (enddate is inclusive)', () => {
    const { from, to } = queryRange({ fromMs: T0, toMs: T0 + DAY });
    expect(from.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(to.toISOString()).toBe('2024-03-01T23:59:59.000Z');
  });

  it('splits only windows of two seconds or more', () => {
    expect(canSplit({ fromMs: T0, toMs: T0 + S })).toBe(false);
    expect(canSplit({ fromMs: T0, toMs: T0 + 2 * S })).toBe(true);
  });

  it('halves a window, or cuts it in proportion to how over-full it is, capped', () => {
    expect(partsFor(2_000, 2_000)).toBe(1);
    expect(partsFor(2_001, 2_000)).toBe(2);
    expect(partsFor(9_000, 2_000)).toBe(5);
    expect(partsFor(1_000_000, 2_000, 8)).toBe(8);
  });

  it('cuts into contiguous whole-second parts covering the window exactly', () => {
    const window = { fromMs: T0, toMs: T0 + 7 * S };
    const parts = splitWindow(window, 2);
    expect(parts).toEqual([
      { fromMs: T0, toMs: T0 + 4 * S },
      { fromMs: T0 + 4 * S, toMs: T0 + 7 * S },
    ]);
    const many = splitWindow({ fromMs: T0, toMs: T0 + DAY }, 5);
    expect(many).toHaveLength(5);
    expect(many[0]!.fromMs).toBe(T0);
    expect(many[4]!.toMs).toBe(T0 + DAY);
    for (let i = 1; i < many.length; i++) expect(many[i]!.fromMs).toBe(many[i - 1]!.toMs);
    for (const part of many) expect(part.fromMs % S).toBe(0);
  });

  it('never cuts below one second: a 3-second window asked for 8 parts gives 3', () => {
    expect(splitWindow({ fromMs: T0, toMs: T0 + 3 * S }, 8)).toHaveLength(3);
  });
});

describe('coverage', () => {
  it('finds the parts of a range no window covers', () => {
    const windows = [recorded(T0 + 2 * H, T0 + 3 * H, 0), recorded(T0 + 5 * H, T0 + 6 * H, 0)];
    expect(coverageGaps(windows, { fromMs: T0, toMs: T0 + 8 * H })).toEqual([
      { fromMs: T0, toMs: T0 + 2 * H },
      { fromMs: T0 + 3 * H, toMs: T0 + 5 * H },
      { fromMs: T0 + 6 * H, toMs: T0 + 8 * H },
    ]);
    expect(coverageGaps(windows, { fromMs: T0 + 2 * H, toMs: T0 + 3 * H })).toEqual([]);
    expect(coverageGaps([], { fromMs: T0, toMs: T0 + H })).toEqual([{ fromMs: T0, toMs: T0 + H }]);
  });

  it('calls a window settled once it was read long enough after it ended', () => {
    expect(isSettled(recorded(T0, T0 + H, T0 + H + 5 * MIN), 10 * MIN)).toBe(false);
    expect(isSettled(recorded(T0, T0 + H, T0 + H + 10 * MIN), 10 * MIN)).toBe(true);
  });
});

describe('incremental plan', () => {
  const now = T0 + 10 * DAY;

  it('a first sync reads the whole range, its last minutes apart so the rest settles', () => {
    const plan = planIncremental({ recorded: [], range: { fromMs: T0, toMs: now }, unfinishedCreatedMs: [], now, settleMs: 10 * MIN });
    expect(plan).toEqual([
      { fromMs: T0, toMs: now - 10 * MIN, reason: 'new' },
      { fromMs: now - 10 * MIN, toMs: now, reason: 'new' },
    ]);
  });

  it('next time reads only what is new and the window that was still open', () => {
    const last = T0 + 9 * DAY;
    const windows = [recorded(T0, last - 10 * MIN, last), recorded(last - 10 * MIN, last, last)];
    const plan = planIncremental({ recorded: windows, range: { fromMs: T0, toMs: now }, unfinishedCreatedMs: [], now, settleMs: 10 * MIN });
    expect(plan).toEqual([
      { fromMs: last - 10 * MIN, toMs: now - 10 * MIN, reason: 'unsettled' },
      { fromMs: now - 10 * MIN, toMs: now, reason: 'unsettled' },
    ]);
  });

  it('reads again only the span of unfinished messages inside a settled window', () => {
    const windows = [recorded(T0, now - H, now - 30 * MIN)];
    const stuck = [now - 2 * DAY + 1_500, now - 2 * DAY + 40 * MIN];
    const plan = planIncremental({
      recorded: windows,
      range: { fromMs: T0, toMs: now - H },
      unfinishedCreatedMs: stuck,
      now,
      settleMs: 10 * MIN,
    });
    expect(plan).toEqual([{ fromMs: now - 2 * DAY + S, toMs: now - 2 * DAY + 40 * MIN + S, reason: 'unfinished' }]);
  });

  it('leaves alone unfinished messages older than the age limit (a 6 that never got its report)', () => {
    const windows = [recorded(T0, now - H, now - 30 * MIN)];
    const plan = planIncremental({
      recorded: windows,
      range: { fromMs: T0, toMs: now - H },
      unfinishedCreatedMs: [T0 + DAY],
      now,
      unfinishedMaxAgeMs: 3 * DAY,
    });
    expect(plan).toEqual([]);
  });

  it('reads nothing when everything is covered, settled and final', () => {
    const windows = [recorded(T0, now, now + 20 * MIN)];
    expect(planIncremental({ recorded: windows, range: { fromMs: T0, toMs: now }, unfinishedCreatedMs: [], now: now + 20 * MIN })).toEqual(
      [],
    );
  });

  it('merges a gap with the unsettled window beside it into one read', () => {
    const windows = [recorded(T0, T0 + DAY, T0 + DAY + 5 * MIN)];
    const now2 = T0 + 2 * DAY;
    const plan = planIncremental({
      recorded: windows,
      range: { fromMs: T0, toMs: now2 },
      unfinishedCreatedMs: [],
      now: now2,
      settleMs: 10 * MIN,
    });
    expect(plan).toEqual([
      { fromMs: T0, toMs: now2 - 10 * MIN, reason: 'unsettled' },
      { fromMs: now2 - 10 * MIN, toMs: now2, reason: 'unsettled' },
    ]);
  });

  it('a wider reach later reads only the older part', () => {
    const windows = [recorded(T0 + 5 * DAY, now, now + H)];
    const plan = planIncremental({ recorded: windows, range: { fromMs: T0, toMs: now }, unfinishedCreatedMs: [], now: now + H });
    expect(plan).toEqual([{ fromMs: T0, toMs: T0 + 5 * DAY, reason: 'new' }]);
  });
});

describe('bookkeeping', () => {
  it('merges neighbouring clean windows and keeps the others apart', () => {
    const a = recorded(T0, T0 + H, T0 + 2 * H, 5);
    const b = recorded(T0 + H, T0 + 2 * H, T0 + 3 * H, 7);
    const dirty = recorded(T0 + 2 * H, T0 + 3 * H, T0 + 4 * H, 1);
    const c = recorded(T0 + 3 * H, T0 + 4 * H, T0 + 5 * H, 2);
    const far = recorded(T0 + 5 * H, T0 + 6 * H, T0 + 7 * H, 2);
    const out = compactWindows([c, dirty, b, a, far], (w) => w !== dirty);
    expect(out).toEqual([recorded(T0, T0 + 2 * H, T0 + 2 * H, 12), dirty, c, far]);
  });

  it('recording a window replaces those inside it and trims those it overlaps', () => {
    const left = recorded(T0, T0 + 2 * H, 1);
    const inside = recorded(T0 + 2 * H, T0 + 3 * H, 2);
    const right = recorded(T0 + 3 * H, T0 + 5 * H, 3);
    const read = recorded(T0 + H, T0 + 4 * H, 9, 50);
    const { remove, add } = recordWindow([left, inside, right], read);
    expect(remove).toEqual([left, inside, right]);
    expect(add).toEqual([read, { ...left, toMs: T0 + H, count: 0 }, { ...right, fromMs: T0 + 4 * H, count: 0 }]);
  });
});
