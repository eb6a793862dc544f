import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { StatusCounts } from '../../../shared/ipc';
import type { JobView } from '../../../shared/jobs';
import { migrate } from '../../../electron/main/db';
import type { JobRunner } from '../../../electron/main/jobs';
import { createCampaignViews } from '../../../electron/main/campaigns/views';
import { campaignRow } from '../../../electron/main/campaigns/store';

// Main says whether a campaign ended (`final`), so the window stops asking and shows how it ended instead of a
// time left: done, cancelled or failed, and nothing else.

const counts = (patch: Partial<StatusCounts>): StatusCounts => ({
  new: 0,
  queued: 0,
  taken: 0,
  sent: 0,
  delivered: 0,
  failed: 0,
  total: 4,
  ...patch,
});

function bench(jobState: JobView['state'] | null) {
  const db = new Database(':memory:');
  migrate(db);
  const jobs = { get: () => (jobState === null ? null : ({ id: 1, state: jobState } as JobView)) } as unknown as JobRunner;
  const views = createCampaignViews({ db: () => db, jobs: () => jobs, now: () => 1_000_000 });
  let next = 1;
  const summary = (row: { counts: StatusCounts; hold?: 'paused' | 'cancelled' }) => {
    const id = next++;
    db.prepare(
      `INSERT INTO campaigns (id, title, fingerprint, job_id, body, columns, phones, recipients, first_customer_id, chunk_count, counts, created_at, hold)
       VALUES (?, 'C', 'f', ?, 'b', '[]', '[]', 4, 1000, 1, ?, 0, ?)`,
    ).run(id, jobState === null ? null : 1, JSON.stringify(row.counts), row.hold ?? null);
    return views.summary(campaignRow(db, id)!);
  };
  return { summary };
}

describe('a campaign’s final fact', () => {
  it('is final once every message is delivered or failed, or when it was cancelled', () => {
    const { summary } = bench(null);
    expect(summary({ counts: counts({ delivered: 3, failed: 1 }) })).toMatchObject({ state: 'done', final: true });
    expect(summary({ counts: counts({ delivered: 1 }), hold: 'cancelled' })).toMatchObject({ state: 'cancelled', final: true });
  });

  it('is not final while messages are on their way or it is paused', () => {
    const { summary } = bench(null);
    expect(summary({ counts: counts({ delivered: 2, sent: 2 }) })).toMatchObject({ state: 'watching', final: false });
    expect(summary({ counts: counts({ delivered: 1 }), hold: 'paused' })).toMatchObject({ state: 'paused', final: false });
  });

  it('follows its job: failed is final, still sending is not', () => {
    expect(bench('failed').summary({ counts: counts({}) })).toMatchObject({ state: 'failed', final: true });
    expect(bench('running').summary({ counts: counts({}) })).toMatchObject({ state: 'sending', final: false });
  });
});
