// Message history's public module (its tables: messages, message_sync_*, message_tallies, message_recipients): a
// local mirror of getallsms. What campaigns, the inbox, the CLI and the composition root ask of it.
// The composition root: the capability.
export { createMessagesCapability } from './capability';
// The CLI (`relay history`, `relay inbox`, campaign results): the sync job kind, the mirror's rows, the zone.
export { historySyncJobKind, HISTORY_SYNC_KIND } from './job';
export { listMessages, countMessages } from './query';
export type { MessageCursor, MessageFilter } from './filter';
export { exportMessagesCsv } from './export';
export { STATUS_NAMES_EN } from './status';
export { isoInZone, systemTimeZone } from './zone';
export { DEFAULT_REACH_DAYS } from './live';
// Campaign results: a send's messages counted from the mirror.
export { sendMessageFigures, sentSegments, type SendMessageFigures } from './send-figures';
// The inbox, a read model over the mirror that joins its rows in SQL (the declared exception): the statement cache.
export { prepared } from './query';
// Campaigns' live counts and send results: how far the mirror reaches (mirrorStatus, below).

import type { Db } from '../db';
import { prepared } from './query';
import { messageStore } from './store';

/** What the screen says about the mirror: how far back it reaches, when it last synced, how many it holds. */
export function mirrorStatus(db: Db): {
  reachFromMs: number | null;
  oldestCoveredMs: number | null;
  lastSyncAt: number | null;
  lastError: string | null;
  messages: number;
} {
  const store = messageStore(db);
  const state = store.state();
  const oldest = store.windows()[0]?.fromMs ?? null;
  // Kept by MessageStore with the rows (schema.ts): a sum over a few hundred rows, not a count of a million.
  const messages = prepared(db, 'SELECT IFNULL(SUM(n), 0) FROM message_tallies').pluck().get() as number;
  return { ...state, oldestCoveredMs: oldest, messages };
}
