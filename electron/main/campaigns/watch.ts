import { stalledMinutes, type CampaignsChange } from '../../../shared/ipc';
import type { Db } from '../db';
import type { GatewayClient } from '../gateway/types';
import type { MonitorClock } from '../lib/clock';
import type { StatusMirror } from './mirror';
import { markStallNotified, saveCounts, watchedNewsletters, newsletterCounts, newsletterFinal, newsletterWatch } from '../newsletters';
import type { CampaignService } from './service';
import { settleSingles } from '../sending';
import { shouldAnnounce } from './stall';
import { campaignRow } from './store';

// Live watching: while signed in, every `intervalMs`, the campaigns and newsletters not final yet get their
// statuses refreshed (from the history mirror when it covers them, else bounded gateway reads: at most
// `maxReadsPerTick` per round, spread across rounds), `campaigns:changed` is pushed for what moved, and a
// stalled phone is announced once with a desktop notification in the Settings language.

export const WATCH_INTERVAL_MS = 30_000;
/** Gateway reads per round, across every campaign and newsletter watched (the rest wait for the next round). */
export const MAX_READS_PER_TICK = 8;
/** Older campaigns and newsletters are no longer watched (a message may sit in "sent" for ever). */
export const WATCH_DAYS = 7;
const MAX_WATCHED = 20;

export interface CampaignWatchDeps {
  /** The signed-in account's database, or null when signed out. */
  db: () => Db | null;
  client: () => GatewayClient;
  service: Pick<CampaignService, 'refresh'>;
  mirror: StatusMirror | null;
  changed: (change: CampaignsChange) => void;
  notify: (notification: { title: string; body: string }) => void;
  /** The stall notification's words (Settings language). */
  stallWords: (stall: { campaign: string; phone: string; minutes: number }) => { title: string; body: string };
  clock: MonitorClock;
  log: (line: string) => void;
  /** Also done each round (rate-limited by the caller): the opt-out sync. */
  alsoEachRound?: () => Promise<unknown>;
  intervalMs?: number;
  maxReadsPerTick?: number;
  /** How long a phone holding taken messages may stay silent (default ./stall.ts). */
  stallMs?: number;
  /** A phone's name for the newsletter stall notification. */
  phoneTitle?: (deviceId: number) => string | undefined;
}

export interface CampaignWatch {
  /** One round; never two at once (a second call joins the running one). */
  tick(): Promise<{ campaigns: number; newsletters: number; reads: number }>;
  dispose(): void;
}

export function createCampaignWatch(deps: CampaignWatchDeps): CampaignWatch {
  const intervalMs = deps.intervalMs ?? WATCH_INTERVAL_MS;
  const maxReads = deps.maxReadsPerTick ?? MAX_READS_PER_TICK;
  let running: Promise<{ campaigns: number; newsletters: number; reads: number }> | null = null;
  let timer: unknown = null;
  let disposed = false;

  async function round(): Promise<{ campaigns: number; newsletters: number; reads: number }> {
    const db = deps.db();
    if (!db) return { campaigns: 0, newsletters: 0, reads: 0 };
    await deps.alsoEachRound?.().catch((error: unknown) => deps.log(`[campaigns] ${String(error)}`));
    const now = deps.clock.now();
    const since = now - WATCH_DAYS * 86_400_000;
    let budget = maxReads;

    const newsletters = watchedNewsletters(db, since, MAX_WATCHED * 5)
      .filter((n) => !newsletterFinal(n.counts ? (JSON.parse(n.counts) as Parameters<typeof newsletterFinal>[0]) : null, n.recipients))
      .slice(0, MAX_WATCHED);
    // Campaigns take at most half the reads when newsletters wait too, so neither starves the other.
    let campaignBudget = newsletters.length > 0 ? Math.ceil(maxReads / 2) : maxReads;

    const campaignIds = db
      .prepare(
        `SELECT c.id FROM campaigns c WHERE c.created_at >= ? AND EXISTS (SELECT 1 FROM campaign_chunks k
           WHERE k.campaign_id = c.id AND k.final = 0 AND k.state IN ('sent', 'found'))
         ORDER BY c.refreshed_at IS NOT NULL, c.refreshed_at LIMIT ?`,
      )
      .pluck()
      .all(since, MAX_WATCHED) as number[];
    for (const id of campaignIds) {
      try {
        const { summary, changed, reads } = await deps.service.refresh(id, { maxReads: Math.max(0, campaignBudget), mirror: deps.mirror });
        campaignBudget -= reads;
        budget -= reads;
        const row = campaignRow(db, id);
        if (summary.stall && row && shouldAnnounce(summary.stall, row.stall_notified)) {
          db.prepare('UPDATE campaigns SET stall_notified = ? WHERE id = ?').run(summary.stall.sinceMs, id);
          deps.notify(
            deps.stallWords({
              campaign: summary.title,
              phone: summary.stall.title,
              minutes: stalledMinutes(summary.stall, deps.clock.now()),
            }),
          );
          deps.changed({ what: 'campaign', id });
        } else if (changed) deps.changed({ what: 'campaign', id });
      } catch (error) {
        deps.log(`[campaigns] watching campaign ${id}: ${String(error)}`);
      }
    }

    let watched = 0;
    for (const n of newsletters) {
      try {
        const result = await newsletterCounts(db, n, {
          client: deps.client,
          mirror: deps.mirror,
          now: deps.clock.now(),
          maxReads: Math.max(0, budget),
        });
        if (!result) continue;
        watched += 1;
        budget -= result.reads;
        const moved = JSON.stringify(result.counts) !== n.counts;
        // A status moved: the phone reported (the stall warning's clock, as for a campaign's phone).
        const reportedAt = moved ? deps.clock.now() : (n.reported_at ?? null);
        saveCounts(db, n.id, result.counts, result.failures, deps.clock.now(), reportedAt);
        const { stall } = newsletterWatch({ device_id: n.device_id, reported_at: reportedAt }, result.counts, {
          now: deps.clock.now(),
          spacingMs: 0,
          stallMs: deps.stallMs,
        });
        if (stall && shouldAnnounce(stall, n.stall_notified ?? 0)) {
          markStallNotified(db, n.id, stall.sinceMs);
          deps.notify(
            deps.stallWords({
              campaign: n.title ?? '',
              phone: deps.phoneTitle?.(n.device_id) ?? `Phone ${n.device_id}`,
              minutes: stalledMinutes(stall, deps.clock.now()),
            }),
          );
          deps.changed({ what: 'newsletter', id: n.id });
        } else if (moved) deps.changed({ what: 'newsletter', id: n.id });
      } catch (error) {
        deps.log(`[campaigns] watching newsletter ${n.id}: ${String(error)}`);
      }
    }
    // Single sends whose outcome is unknown, read back by customerid with what is left of the budget (at least one).
    try {
      const singles = await settleSingles(db, deps.client(), deps.clock.now(), { max: Math.max(1, budget) });
      budget -= singles.reads;
      for (const id of singles.changed) deps.changed({ what: 'send', id });
    } catch (error) {
      deps.log(`[campaigns] settling single sends: ${String(error)}`);
    }
    return { campaigns: campaignIds.length, newsletters: watched, reads: maxReads - budget };
  }

  function tick() {
    running ??= round().finally(() => (running = null));
    return running;
  }

  function schedule(): void {
    if (disposed) return;
    timer = deps.clock.setTimeout(async () => {
      try {
        await tick();
      } catch (error) {
        deps.log(`[campaigns] watch: ${String(error)}`);
      } finally {
        schedule();
      }
    }, intervalMs);
  }
  schedule();

  return {
    tick,
    dispose() {
      disposed = true;
      deps.clock.clearTimeout(timer);
    },
  };
}
