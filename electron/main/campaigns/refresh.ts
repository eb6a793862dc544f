import type { Message } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import type { CampaignSummary } from '../../../shared/ipc';
import type { Db } from '../db';
import type { GatewayClient } from '../gateway/types';
import { forEachConcurrently } from '../lib/concurrent';
import type { StatusMirror } from './mirror';
import { markFound, readChunk } from './send-job';
import { campaignRow, chunkRecipients, chunkRows, type ChunkRow } from './store';
import type { CampaignViews } from './views';

// Keeping a campaign's statuses current: from the history mirror when it covers the campaign, else bounded
// read-backs by customerid.

/** Read-backs per refresh by default, and how many run at once (the client's limiter is shared). */
const DEFAULT_READS = 8;
const READ_CONCURRENCY = 4;
/** A campaign under way asks the history for a sync when its last one is older than this. */
const MIRROR_FRESH_MS = 10_000;

export interface CampaignRefreshDeps {
  db: () => Db;
  client: () => GatewayClient;
  now: () => number;
}

export function createCampaignRefresh(deps: CampaignRefreshDeps, views: Pick<CampaignViews, 'summary' | 'countsOf'>) {
  const { now } = deps;
  const { summary, countsOf } = views;
  /** When each chunk was last read back (`campaignId:chunk`): the least recently read go first. */
  const lastRead = new Map<string, number>();

  /**
   * Brings the statuses of the chunks not all final yet up to date and records the counts. From the history
   * mirror when it covers the campaign (no gateway request; the mirror is asked to sync soon when messages
   * sent after its last sync are missing); else at most `maxReads` read-backs by customerid, the least
   * recently read first, `READ_CONCURRENCY` at a time within the client's limiter.
   */
  async function refresh(
    id: number,
    options: { maxReads?: number; mirror?: StatusMirror | null } = {},
  ): Promise<{ summary: CampaignSummary; changed: boolean; reads: number }> {
    const db = deps.db();
    const row = campaignRow(db, id);
    if (!row) throw new AppFailure('validation', 'This campaign does not exist (any more).', undefined, { id }, 'refusals.noSuchCampaign');
    const open = chunkRows(db, id).filter((c) => (c.state === 'sent' || c.state === 'found') && c.final === 0);
    let changed = false;
    let reads = 0;
    const mirror = options.mirror ?? null;
    if (open.length > 0 && mirror && mirror.covers(db, row.created_at - 60_000, now())) {
      const ids = open.map((c) => c.customer_id);
      const expected = open.reduce((n, c) => n + c.count, 0);
      const byCustomer = new Map<number, Message[]>();
      for (const m of mirror.messages(db, { customerIdRange: [Math.min(...ids), Math.max(...ids)] }, expected * 2 + 100)) {
        if (m.customerId === null) continue;
        const list = byCustomer.get(m.customerId);
        if (list) list.push(m);
        else byCustomer.set(m.customerId, [m]);
      }
      let lastLeft = 0;
      for (const chunk of open) {
        const found = byCustomer.get(chunk.customer_id) ?? [];
        if (markFound(db, chunk, chunkRecipients(db, id, chunk.chunk), found, now())) changed = true;
        if (found.length < chunk.count) lastLeft = Math.max(lastLeft, chunk.left_at ?? row.created_at);
      }
      // Messages the app sent after the mirror's last sync are not in it yet; and while someone watches a campaign
      // still under way, the mirror is kept current (a sync at most every MIRROR_FRESH_MS) instead of waiting
      // for the history's own round.
      const lastSync = mirror.lastSyncAt(db) ?? 0;
      const unfinished = chunkRows(db, id).some((c) => (c.state === 'sent' || c.state === 'found') && c.final === 0);
      if ((lastLeft > 0 && lastSync <= lastLeft) || (unfinished && now() - lastSync > MIRROR_FRESH_MS)) mirror.syncSoon();
    } else if (open.length > 0) {
      const key = (c: ChunkRow) => `${id}:${c.chunk}`;
      const picked = [...open]
        .sort((a, b) => (lastRead.get(key(a)) ?? 0) - (lastRead.get(key(b)) ?? 0))
        .slice(0, options.maxReads ?? DEFAULT_READS);
      await forEachConcurrently(picked, READ_CONCURRENCY, async (chunk) => {
        lastRead.set(key(chunk), now());
        reads += 1;
        const found = await readChunk(deps.client(), chunk.customer_id);
        if (markFound(db, chunk, chunkRecipients(db, id, chunk.chunk), found, now())) changed = true;
      });
      if (lastRead.size > 100_000) lastRead.clear();
    }
    const counts = countsOf(db, id, row.recipients);
    db.prepare('UPDATE campaigns SET counts = ?, refreshed_at = ? WHERE id = ?').run(JSON.stringify(counts), now(), id);
    return { summary: summary(campaignRow(db, id)!), changed, reads };
  }

  return refresh;
}
