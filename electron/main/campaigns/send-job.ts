import type { Message } from '../../../shared/domain';
import type { JsonValue } from '../../../shared/jobs';
import type { Db } from '../db';
import type { BulkSmsItem, GatewayClient } from '../gateway/types';
import { GatewayError } from '../gateway';
import { defineJobKind, type JobKind } from '../jobs';
import { decideChunk, RECONCILE_GRACE_MS, RECONCILE_RECHECK_MS, type FoundMessage } from './reconcile';
import { phoneKey } from '../lib/phone-key';
import { chunkRecipients, chunkRow, FINAL_STATUSES, markReported, type ChunkRow, type RecipientRow } from './store';
import { suppressionLookup, refreshOptOutsMidRun } from '../optouts';

// The campaign job (writes): one step per chunk of ≤ 50, one addalotofsms each, never resent by itself.
// The chunk's customerid is in the step's payload, so the journal's intent (committed by the runner before
// `run`) records it before the request leaves. An unknown outcome is settled by reading getallsms by that
// customerid (see ./reconcile.ts): all there → done; none or part after the grace period → needs attention.

export const CAMPAIGN_JOB_KIND = 'campaigns.send';

export interface CampaignJobInput {
  campaignId: number;
  /** Every chunk with its customerid: stored with the job, so the intent of each names its id. */
  chunks: { chunk: number; customerId: number }[];
}

export interface ChunkStepPayload {
  chunk: number;
  customerId: number;
}

export interface CampaignJobDeps {
  client: () => GatewayClient;
  now?: () => number;
  /** How long a read-back waits for messages that may still be being written (default 2 min). */
  graceMs?: number;
  recheckMs?: number;
  /** Chunks in flight at once (default 4: the client's limiter is shared with everything else). */
  concurrency?: number;
  /** Told after each chunk changes (the window refreshes the campaign). */
  onChunk?: (campaignId: number) => void;
}

export function campaignSendKind(deps: CampaignJobDeps): JobKind<CampaignJobInput, ChunkStepPayload> {
  const now = deps.now ?? Date.now;
  const graceMs = deps.graceMs ?? RECONCILE_GRACE_MS;
  const recheckMs = deps.recheckMs ?? RECONCILE_RECHECK_MS;

  return defineJobKind<CampaignJobInput, ChunkStepPayload>({
    kind: CAMPAIGN_JOB_KIND,
    writes: true,
    concurrency: deps.concurrency ?? 4,
    *plan(input) {
      for (const { chunk, customerId } of input.chunks)
        yield { key: `chunk ${chunk + 1} · customerid ${customerId}`, payload: { chunk, customerId } };
    },
    async run(step, ctx): Promise<JsonValue> {
      const chunk = chunkRow(ctx.db, ctx.input.campaignId, step.payload.chunk);
      if (!chunk) throw new Error(`Chunk ${step.payload.chunk} of campaign ${ctx.input.campaignId} is not in the registry.`);
      let recipients = chunkRecipients(ctx.db, chunk.campaign_id, chunk.chunk);
      if (step.attempts === 0) {
        // Whoever opted out since the campaign was made (a paused or kept campaign may leave hours later) is
        // left out now, before anything of this chunk leaves; a long run reads the replies again first.
        await refreshOptOutsMidRun(ctx.db, deps.client(), now());
        recipients = leaveOutOptedOut(ctx.db, chunk.campaign_id, recipients);
        if (recipients.length === 0) {
          ctx.db
            .prepare("UPDATE campaign_chunks SET state = 'found', missing = NULL, final = 1 WHERE campaign_id = ? AND chunk = ?")
            .run(chunk.campaign_id, chunk.chunk);
          deps.onChunk?.(chunk.campaign_id);
          return { queued: 0, leftOut: true };
        }
      }
      let toSend = recipients;
      if (step.attempts > 0) {
        // Sent before (the user chose to send it again, or the request may have left): send only what the
        // gateway does not have under this customerid, so a second decision cannot double anyone.
        const found = await readChunk(deps.client(), chunk.customer_id, ctx.signal);
        const decision = decideChunk({ recipients: recipients.map((r) => r.phone), sentAt: 0 }, found, 1, { graceMs: 0 });
        if (decision.kind === 'done') {
          markFound(ctx.db, chunk, recipients, found, now());
          deps.onChunk?.(chunk.campaign_id);
          return { queued: 0, alreadyThere: recipients.length };
        }
        if (decision.kind === 'attention') {
          const missing = new Set(decision.missing.map((m) => m.index));
          toSend = recipients.filter((_, i) => missing.has(i));
        }
      }
      ctx.db
        .prepare('UPDATE campaign_chunks SET left_at = ? WHERE campaign_id = ? AND chunk = ?')
        .run(now(), chunk.campaign_id, chunk.chunk);
      try {
        await deps.client().addManySms(chunkItems(chunk, recipients, toSend, now()), { signal: ctx.signal });
      } catch (error) {
        // A lost reply is read back at once, in this step's slot (concurrent with the other chunks): when every
        // message is already there the chunk is done; otherwise it stays unknown for `settle` and its grace period.
        if (!(error instanceof GatewayError && error.kind === 'unknown-outcome')) throw error;
        const found = await readChunk(deps.client(), chunk.customer_id, ctx.signal).catch(() => null);
        if (found === null || decideChunk({ recipients: recipients.map((r) => r.phone), sentAt: now() }, found, now()).kind !== 'done')
          throw error;
        markFound(ctx.db, chunk, recipients, found, now());
        deps.onChunk?.(chunk.campaign_id);
        return { queued: toSend.length, readBack: true };
      }
      ctx.db
        .prepare("UPDATE campaign_chunks SET state = 'sent', missing = NULL WHERE campaign_id = ? AND chunk = ?")
        .run(chunk.campaign_id, chunk.chunk);
      deps.onChunk?.(chunk.campaign_id);
      return { queued: toSend.length };
    },
    async settle(step, ctx) {
      const chunk = chunkRow(ctx.db, ctx.input.campaignId, step.payload.chunk);
      if (!chunk) return { outcome: 'unknown' };
      const recipients = chunkRecipients(ctx.db, chunk.campaign_id, chunk.chunk);
      const sent = { recipients: recipients.map((r) => r.phone), sentAt: chunk.left_at ?? now() };
      for (;;) {
        const found = await readChunk(deps.client(), chunk.customer_id, ctx.signal);
        const decision = decideChunk(sent, found, now(), { graceMs, recheckMs });
        if (decision.kind === 'done') {
          markFound(ctx.db, chunk, recipients, found, now());
          deps.onChunk?.(chunk.campaign_id);
          return { outcome: 'done', result: { queued: recipients.length, readBack: true } };
        }
        if (decision.kind === 'attention') {
          markFound(ctx.db, chunk, recipients, found, now());
          ctx.db
            .prepare("UPDATE campaign_chunks SET state = 'attention', missing = ? WHERE campaign_id = ? AND chunk = ?")
            .run(JSON.stringify(decision.missing.map((m) => recipients[m.index]!.idx)), chunk.campaign_id, chunk.chunk);
          deps.onChunk?.(chunk.campaign_id);
          return { outcome: 'unknown' };
        }
        await sleep(Math.max(0, decision.recheckAt - now()), ctx.signal);
      }
    },
  });
}

/** The items of a chunk's request: the recipients to send, each at its planned place in the chunk's stagger. */
function chunkItems(chunk: ChunkRow, all: RecipientRow[], toSend: RecipientRow[], at: number): BulkSmsItem[] {
  return toSend.map((r) => {
    const when = chunk.send_at + all.indexOf(r) * chunk.spacing_ms;
    const item: BulkSmsItem = { sendTo: r.phone, body: r.body, deviceId: chunk.device_id, sim: chunk.sim, customerId: chunk.customer_id };
    if (when > at + 1_000) item.sendAt = new Date(when);
    return item;
  });
}

export async function readChunk(client: GatewayClient, customerId: number, signal?: AbortSignal): Promise<Message[]> {
  return client.getAllSms({ customerId }, signal ? { signal } : {});
}

/**
 * Records the ids and statuses read back, matching numbers as a multiset (a number twice needs two messages).
 * Returns whether any recipient's status changed; a change is the chunk's phone reporting (the stall warning).
 */
export function markFound(
  db: Db,
  chunk: ChunkRow,
  recipients: RecipientRow[],
  found: readonly (FoundMessage & Partial<Message>)[],
  at: number = Date.now(),
): boolean {
  const byKey = new Map<string, (FoundMessage & Partial<Message>)[]>();
  for (const m of found) {
    const key = phoneKey(m.sendTo);
    const list = byKey.get(key);
    if (list) list.push(m);
    else byKey.set(key, [m]);
  }
  const update = db.prepare('UPDATE campaign_recipients SET sms_id = ?, status = ? WHERE campaign_id = ? AND idx = ?');
  let all = true;
  let final = true;
  let changed = false;
  db.transaction(() => {
    for (const r of recipients) {
      const m = byKey.get(phoneKey(r.phone))?.shift();
      if (!m) {
        all = false;
        final = false;
        continue;
      }
      if (m.status === undefined || !FINAL_STATUSES.has(m.status)) final = false;
      const status = m.status ?? null;
      if (status !== r.status || (m.id ?? null) !== r.sms_id) {
        if (status !== r.status) changed = true;
        update.run(m.id ?? null, status, chunk.campaign_id, r.idx);
      }
    }
    if (all) {
      db.prepare("UPDATE campaign_chunks SET state = 'found', missing = NULL, final = ? WHERE campaign_id = ? AND chunk = ?").run(
        final ? 1 : 0,
        chunk.campaign_id,
        chunk.chunk,
      );
    }
    if (changed) markReported(db, chunk.campaign_id, chunk.device_id, at);
  })();
  return changed;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Marks the chunk's recipients now on the suppression list as left out (counted as suppressed); returns the rest. */
export function leaveOutOptedOut(db: Db, campaignId: number, recipients: RecipientRow[]): RecipientRow[] {
  const optedOut = suppressionLookup(db);
  const out = recipients.filter((r) => optedOut.has(r.phone));
  if (out.length === 0) return recipients;
  db.transaction(() => {
    const mark = db.prepare('UPDATE campaign_recipients SET left_out = 1 WHERE campaign_id = ? AND idx = ?');
    for (const r of out) mark.run(campaignId, r.idx);
    db.prepare('UPDATE campaigns SET recipients = recipients - ?, suppressed = suppressed + ? WHERE id = ?').run(
      out.length,
      out.length,
      campaignId,
    );
  })();
  return recipients.filter((r) => !optedOut.has(r.phone));
}
