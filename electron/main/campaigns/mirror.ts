import type { Message } from '../../../shared/domain';
import type { Db } from '../db';
import { listMessages, mirrorStatus } from '../messages';
import type { MessageCursor, MessageFilter } from '../messages';

// Campaign and newsletter statuses from the message history mirror (electron/main/messages), when it covers
// them: no second poller against the gateway. The mirror syncs by itself; after the app sent something it is
// asked to sync soon, so the new messages show up without waiting for its next round.

/** A mirror last synced longer ago than this is not trusted for live counts: the gateway is read instead. */
export const MIRROR_STALE_MS = 15 * 60_000;
const PAGE = 1_000;
/** Callers ask from a minute before their campaign or newsletter was made (clock slack). */
const SINCE_SLACK_MS = 60_000;

export interface StatusMirror {
  /** Whether the mirror reaches back to `sinceMs` and synced recently enough to answer for it. */
  covers(db: Db, sinceMs: number, now: number): boolean;
  /** When the mirror last synced (epoch ms), or null. */
  lastSyncAt(db: Db): number | null;
  /** Every mirrored message matching the filter (paged through the mirror's own query, `max` at most). */
  messages(db: Db, filter: Pick<MessageFilter, 'customerIdRange' | 'newsletterId'>, max: number): Message[];
  /** Asks the mirror for a sync shortly (debounced on its side). */
  syncSoon(): void;
}

export function createStatusMirror(history: { syncSoon(): void; syncing?(): boolean }): StatusMirror {
  return {
    covers(db, sinceMs, now) {
      // A sync under way (a long one goes back to Settings' reach) holds the live refresh back meanwhile: the
      // mirror's statuses may be older than the gateway's until it ends, so the gateway is read instead.
      if (history.syncing?.()) return false;
      const state = mirrorStatus(db);
      // Synced since the campaign or newsletter began (its messages can be in it), and recently enough.
      return (
        state.reachFromMs !== null &&
        state.reachFromMs <= sinceMs &&
        state.lastSyncAt !== null &&
        state.lastSyncAt >= sinceMs + SINCE_SLACK_MS &&
        now - state.lastSyncAt < MIRROR_STALE_MS
      );
    },
    lastSyncAt: (db) => mirrorStatus(db).lastSyncAt,
    messages(db, filter, max) {
      const found: Message[] = [];
      let after: MessageCursor | undefined;
      for (;;) {
        const page = listMessages(db, {
          filter,
          sort: { column: 'id', direction: 'asc' },
          limit: PAGE,
          withTotal: false,
          ...(after ? { after } : {}),
        });
        found.push(...page.rows);
        if (page.nextCursor === null || found.length >= max) return found.slice(0, max);
        after = page.nextCursor;
      }
    },
    syncSoon: () => history.syncSoon(),
  };
}
