// Message history: a local mirror of getallsms (sync in date windows), filters that answer in milliseconds,
// figures for Home and the report, the live delivery monitor's refresh and notification decisions, CSV export.
// Everything takes the account's database (and the gateway client where it reads); nothing imports electron.
export { syncHistory } from './sync';
export type { SyncClient, SyncOptions, SyncProgress, SyncResult } from './sync';
export { historySyncJobKind, historySlices, HISTORY_SYNC_KIND } from './job';
export type { HistorySyncInput, HistorySyncSlice } from './job';
export {
  messageFilterSchema,
  messagePageSchema,
  messageSortSchema,
  messageCursorSchema,
  filterToSearchParams,
  filterFromSearchParams,
  SORT_COLUMNS,
  DEFAULT_SORT,
} from './filter';
export type { MessageFilter, MessagePageInput, MessageSort, MessageCursor, SortColumn } from './filter';
export { listMessages, countMessages, getMessage } from './query';
export type { MessagePage } from './query';
export { todayFigures, reportFigures } from './stats';
export type { TodayFigures, ReportFigures, ReportInput, ReportSeries, GroupCounts } from './stats';
export {
  planRefresh,
  refreshUnfinished,
  failureWindow,
  decideFailureAlert,
  decideWaitingTooLong,
  waitingMessages,
  DEFAULT_FAILURE_THRESHOLD,
  HANDFUL,
} from './refresh';
export type { RefreshPlan, RefreshResult, FailureThreshold, FailureWindow, WaitingMessage } from './refresh';
export { writeMessagesCsv, exportMessagesCsv, EXPORT_COLUMNS } from './export';
export type { ExportOptions } from './export';
export { STATUS_GROUPS, GROUP_CODES, UNFINISHED_CODES, STATUS_NAMES_EN, statusGroup } from './status';
export type { StatusGroup } from './status';
export { messageStore } from './store';
export type { StatusChange, SyncState } from './store';
export { isoInZone, systemTimeZone } from './zone';

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
