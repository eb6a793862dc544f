import { refusal } from '../../../shared/errors';
import type { CampaignStopView } from '../../../shared/ipc';
import type { Db } from '../db';
import type { JobRunner } from '../jobs';
import { CAMPAIGN_JOB_KIND, type CampaignJobInput } from './send-job';
import { campaignRow, chunkRows, type CampaignRow } from './store';

// Stopping a campaign: pause, resume and cancel reach only what has not been handed to the gateway yet (the API
// cannot recall a message it holds). A running campaign stops through the job runner's own pause / resume /
// cancel. A scheduled one may be kept in this computer until shortly before its time (KEEP_LEAD_MS): until then
// it has no job at all, so stopping it is a note in its row, and the watch hands it over when it is due.

/** A kept campaign is handed to the gateway this long before its first message. */
export const KEEP_LEAD_MS = 10 * 60_000;

export type StopAction = 'pause' | 'resume' | 'cancel';

/** Messages not yet handed to the gateway (chunks still planned, recipients not left out). */
export function stoppableCount(db: Db, campaignId: number): number {
  return db
    .prepare(
      `SELECT COUNT(*) FROM campaign_recipients r JOIN campaign_chunks c ON c.campaign_id = r.campaign_id AND c.chunk = r.chunk
         WHERE r.campaign_id = ? AND c.state = 'planned' AND c.left_at IS NULL AND r.left_out = 0`,
    )
    .pluck()
    .get(campaignId) as number;
}

/** What the watch page shows and offers about stopping this campaign. */
export function stopView(db: Db, row: CampaignRow, jobState: string | null): CampaignStopView {
  const stoppable = stoppableCount(db, row.id);
  const kept = row.hold === 'kept' || row.hold === 'paused' || row.hold === 'cancelled';
  const state: CampaignStopView['state'] = kept
    ? (row.hold as 'kept' | 'paused' | 'cancelled')
    : jobState === 'paused'
      ? 'paused'
      : jobState === 'cancelled'
        ? 'cancelled'
        : 'running';
  const live = state !== 'cancelled' && (kept || (jobState !== null && !['done', 'failed', 'cancelled'].includes(jobState)));
  return {
    handOver: row.keep_until === null || row.keep_until === undefined ? 'gateway' : 'kept-here',
    handOverAt: row.keep_until ?? null,
    state,
    stoppable,
    canPause: live && state !== 'paused' && stoppable > 0,
    canResume: live && state === 'paused',
    canCancel: live && stoppable > 0,
  };
}

export interface StopDeps {
  db: Db;
  jobs: JobRunner;
  now: number;
}

/** Pauses, resumes or cancels what is still here. Resuming a kept campaign past its time hands it over at once. */
export function stopCampaign(deps: StopDeps, id: number, action: StopAction): CampaignStopView {
  const { db, jobs } = deps;
  const row = campaignRow(db, id);
  if (!row) throw refusal('noSuchCampaign', 'This campaign does not exist (any more).', { id });
  const kept = row.hold === 'kept' || row.hold === 'paused';
  if (row.hold === 'cancelled')
    throw refusal('campaignCancelled', 'This campaign was cancelled: nothing of it can be sent any more.', { id });
  if (kept) {
    const next = action === 'pause' ? 'paused' : action === 'resume' ? 'kept' : 'cancelled';
    db.prepare('UPDATE campaigns SET hold = ? WHERE id = ?').run(next, id);
  } else {
    const job = row.job_id === null ? null : jobs.get(row.job_id);
    if (!job || ['done', 'failed', 'cancelled'].includes(job.state)) {
      throw refusal(
        'campaignAllHandedOver',
        'Every message of this campaign is already with the gateway: it cannot be stopped from here (the gateway cannot recall them).',
        { id },
      );
    }
    if (action === 'pause') jobs.pause(job.id);
    else if (action === 'resume') jobs.resume(job.id);
    else jobs.cancel(job.id);
  }
  const after = campaignRow(db, id)!;
  return stopView(db, after, after.job_id === null ? null : (jobs.get(after.job_id)?.state ?? null));
}

/** Kept campaigns whose time has come (and not paused or cancelled). */
export function dueKept(db: Db, now: number): number[] {
  return db
    .prepare("SELECT id FROM campaigns WHERE hold = 'kept' AND job_id IS NULL AND keep_until <= ? ORDER BY keep_until")
    .pluck()
    .all(now) as number[];
}

/** Hands a kept campaign to the gateway: starts its job now (its chunks keep their own times). */
export async function release(db: Db, jobs: JobRunner, id: number): Promise<number> {
  const row = campaignRow(db, id)!;
  const input: CampaignJobInput = { campaignId: id, chunks: chunkRows(db, id).map((c) => ({ chunk: c.chunk, customerId: c.customer_id })) };
  const job = await jobs.start(CAMPAIGN_JOB_KIND, input, { title: row.title, dedupeKey: `campaign:${id}` });
  db.prepare("UPDATE campaigns SET job_id = ?, hold = 'released' WHERE id = ?").run(job.id, id);
  return job.id;
}
