import { describe, expect, it } from 'vitest';
import { judgeFailureRate } from '../../../renderer/src/pages/home/failure-rate';

// "37 messages failed today" is an alert only when that is unusual for this account.

const days = (delivered: number, failed: number, count = 7) => Array.from({ length: count }, () => ({ delivered, failed }));

describe('judgeFailureRate', () => {
  it('says nothing when nothing failed', () => {
    expect(judgeFailureRate({ delivered: 500, failed: 0 }, days(500, 20))).toEqual({ kind: 'none' });
    expect(judgeFailureRate({ delivered: 0, failed: 0 }, [])).toEqual({ kind: 'none' });
  });

  it('calls a normal day usual: 37 of 1,000 failed where the account loses about 4 % every day', () => {
    const verdict = judgeFailureRate({ delivered: 963, failed: 37 }, days(960, 40));
    expect(verdict).toMatchObject({ kind: 'usual', failed: 37, finished: 1000 });
    expect(verdict.kind !== 'none' && verdict.usual).toBeCloseTo(0.04, 3);
  });

  it('alerts on a day clearly worse than the recent days', () => {
    expect(judgeFailureRate({ delivered: 800, failed: 200 }, days(960, 40))).toMatchObject({ kind: 'unusual', rate: 0.2 });
  });

  it('does not alert on a small day with a few unlucky failures', () => {
    // 3 of 20 is 15 %, far above 2 %, but 3 failures are too few to call it unusual.
    expect(judgeFailureRate({ delivered: 17, failed: 3 }, days(980, 20)).kind).toBe('usual');
    // 6 of 40 (15 %) against 2 %: enough failures and far outside what a day of 40 varies by.
    expect(judgeFailureRate({ delivered: 34, failed: 6 }, days(980, 20)).kind).toBe('unusual');
  });

  it('needs the excess to matter: 6 % against a usual 3 % on a big day is not an alarm', () => {
    expect(judgeFailureRate({ delivered: 9400, failed: 600 }, days(970, 30)).kind).toBe('usual');
  });

  it('treats a first failure-heavy day of an account that never failed as unusual', () => {
    expect(judgeFailureRate({ delivered: 90, failed: 10 }, days(100, 0)).kind).toBe('unusual');
  });

  it('judges today alone when the recent days are too few to compare with', () => {
    expect(judgeFailureRate({ delivered: 95, failed: 5 }, days(3, 0, 2))).toMatchObject({ kind: 'usual', usual: null });
    expect(judgeFailureRate({ delivered: 60, failed: 40 }, [])).toMatchObject({ kind: 'unusual', usual: null, rate: 0.4 });
  });
});
