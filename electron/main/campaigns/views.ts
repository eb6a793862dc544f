import { AppFailure } from '../../../shared/errors';
import type { CampaignDetail, CampaignState, CampaignSummary, PlanView, StatusCounts } from '../../../shared/ipc';
import type { Db } from '../db';
import type { JobRunner } from '../jobs';
import { groupFailures, isRetryable } from './failures';
import { DEFAULT_STALL_MS, findStall } from './stall';
import { stopView } from './stop';
import { campaignRow, chunkRows, countStatus, emptyCounts, phoneProgress, type CampaignRow } from './store';

// What a campaign looks like to the window and the CLI: its state in words people read (scheduled, sending,
// paused, needs attention, done…), counts, estimate, stall, what can still be stopped; and the detail page's
// failures by reason and chunks needing attention.

/** The states a campaign ends in: the one definition of a final campaign (the window reads `final`). */
const FINAL_STATES: ReadonlySet<CampaignState> = new Set(['done', 'cancelled', 'failed']);

export interface CampaignViewDeps {
  db: () => Db;
  jobs: () => JobRunner;
  now: () => number;
  stallMs?: number;
}

export function createCampaignViews(deps: CampaignViewDeps) {
  const now = deps.now;
  /** The phone that took messages and has been silent past the limit, with its title, or null. */
  function stallOf(db: Db, row: CampaignRow): CampaignSummary['stall'] {
    const stall = findStall(phoneProgress(db, row.id), now(), deps.stallMs ?? DEFAULT_STALL_MS);
    if (!stall) return null;
    const phones = JSON.parse(row.phones) as CampaignSummary['phones'];
    return { ...stall, title: phones.find((p) => p.deviceId === stall.deviceId)?.title ?? `Phone ${stall.deviceId}` };
  }

  function countsOf(db: Db, id: number, total: number): StatusCounts {
    const counts = emptyCounts(total);
    const rows = db
      .prepare('SELECT status, COUNT(*) AS n FROM campaign_recipients WHERE campaign_id = ? AND status IS NOT NULL GROUP BY status')
      .all(id) as { status: number; n: number }[];
    for (const r of rows) for (let i = 0; i < r.n; i++) countStatus(counts, r.status);
    return counts;
  }

  function summary(row: CampaignRow): CampaignSummary {
    const db = deps.db();
    const job = row.job_id === null ? null : deps.jobs().get(row.job_id);
    const counts = row.counts ? (JSON.parse(row.counts) as StatusCounts) : countsOf(db, row.id, row.recipients);
    const plan = row.plan ? (JSON.parse(row.plan) as PlanView) : null;
    const attention = (
      db.prepare("SELECT COUNT(*) AS n FROM campaign_chunks WHERE campaign_id = ? AND state = 'attention'").get(row.id) as { n: number }
    ).n;
    const finals = counts.delivered + counts.failed;
    let state: CampaignState;
    const firstAt = plan?.firstAt ?? null;
    const listed = counts.new + counts.queued + counts.taken + counts.sent + finals;
    if (row.hold === 'cancelled') state = 'cancelled';
    else if (row.hold === 'kept') state = 'scheduled';
    else if (row.hold === 'paused' || job?.state === 'paused') state = 'paused';
    else if (job && (job.state === 'cancelled' || job.state === 'failed')) state = job.state;
    else if (attention > 0 || job?.state === 'needs-attention' || job?.state === 'interrupted') state = 'needs-attention';
    else if (job && job.state !== 'done') state = 'sending';
    // Handed over for later: not "in the queue, 18 hours left" but "starts at …".
    else if (finals < row.recipients && firstAt !== null && firstAt > now() && counts.sent + finals === 0 && listed <= row.recipients)
      state = 'scheduled';
    else state = finals >= row.recipients ? 'done' : 'watching';
    const lastAt = plan?.lastAt ?? null;
    return {
      id: row.id,
      title: row.title,
      createdAt: row.created_at,
      state,
      final: FINAL_STATES.has(state),
      jobId: row.job_id ?? 0,
      recipients: row.recipients,
      suppressed: row.suppressed,
      customerIds: { first: row.first_customer_id, last: row.first_customer_id + Math.max(0, row.chunk_count - 1) },
      phones: JSON.parse(row.phones) as CampaignSummary['phones'],
      counts,
      // No estimate while it waits for its time or is stopped; one that has run out is no estimate either.
      etaSeconds:
        FINAL_STATES.has(state) || state === 'scheduled' || state === 'paused' || lastAt === null || lastAt <= now()
          ? null
          : Math.round((lastAt - now()) / 1000),
      startsAt: firstAt,
      stop: stopView(db, row, job?.state ?? null),
      stall: state === 'sending' || state === 'watching' ? stallOf(db, row) : null,
      resendOf: row.resend_of === null ? null : { campaignId: row.resend_of, reason: row.resend_reason ?? 'failures' },
      refreshedAt: row.refreshed_at,
    };
  }

  function detail(id: number): CampaignDetail {
    const db = deps.db();
    const row = campaignRow(db, id);
    if (!row) throw new AppFailure('validation', 'This campaign does not exist (any more).', undefined, { id }, 'refusals.noSuchCampaign');
    const chunks = chunkRows(db, id);
    const failed = db.prepare('SELECT phone, status FROM campaign_recipients WHERE campaign_id = ? AND status >= 8').all(id) as {
      phone: string;
      status: number;
    }[];
    const groups = groupFailures(failed);
    const attention = chunks.filter((c) => c.state === 'attention' || c.state === 'planned' || c.state === 'sent');
    const job = row.job_id === null ? null : deps.jobs().get(row.job_id);
    const unknownSteps = new Set(
      job && job.unknown > 0
        ? deps
            .jobs()
            .steps(job.id, { state: 'unknown', limit: 1000 })
            .map((s) => (s.payload as { chunk: number }).chunk)
        : [],
    );
    const attentionViews = attention
      .filter((c) => c.state === 'attention' || unknownSteps.has(c.chunk))
      .map((c) => ({
        chunk: c.chunk,
        customerId: c.customer_id,
        reason:
          c.state === 'attention'
            ? (JSON.parse(c.missing ?? '[]') as number[]).length === c.count
              ? 'none-found'
              : 'partly-found'
            : 'unknown',
        missing: c.state === 'attention' ? (JSON.parse(c.missing ?? '[]') as number[]).length : c.count,
      })) as CampaignDetail['attention'];
    return {
      ...summary(row),
      plan: row.plan ? (JSON.parse(row.plan) as PlanView) : null,
      chunks: {
        total: chunks.length,
        done: chunks.filter((c) => c.state === 'found' || c.state === 'sent').length,
        pending: chunks.filter((c) => c.state === 'planned').length,
        attention: attentionViews.length,
      },
      attention: attentionViews,
      failures: groups.map((g) => ({
        code: g.code,
        kind: g.kind,
        titleKey: g.titleKey,
        whatKey: g.whatKey,
        todoKey: g.todoKey,
        count: g.messages.length,
        sample: g.messages.slice(0, 20).map((m) => m.phone),
      })),
      retryableFailures: failed.filter((f) => isRetryable(f.status)).length,
      missing: attentionViews.reduce((n, a) => n + (a.reason === 'unknown' ? 0 : a.missing), 0),
      job,
    };
  }

  return { summary, detail, countsOf };
}

export type CampaignViews = ReturnType<typeof createCampaignViews>;
