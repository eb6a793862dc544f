import type { Db } from '../db';
import type { GatewayClient } from '../gateway';
import { GatewayError } from '../gateway';
import type { GatewayThreadAccess } from '../gateway';
import { Semaphore } from '../lib';
import { threadCpuMs } from '../lib/pace';
import type { Message } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { buildDeferredIndexes, missingIndexes } from './indexes';
import { countMessages } from './query';
import { messageStore } from './store';
import { syncThreads } from './sync-threads';
import type { SyncThreads } from './sync-threads';
import type { MirrorThread } from './thread';
import type { MirrorGatewayError } from './reader-protocol';
import type { MessageStore, StatusChange, UpsertResult } from './store';
import {
  alignWindow,
  canSplit,
  compactWindows,
  holdsAny,
  isSettled,
  partsFor,
  planIncremental,
  queryRange,
  splitWindow,
  WINDOW_DEFAULTS,
} from './windows';
import type { PlannedRead, RecordedWindow, TimeWindow } from './windows';

// The history sync: reads getallsms window by window into the mirror. Resumable: a window is recorded in
// the same transaction as its last rows, so a sync stopped half-way (cancel, crash, quit) starts again from
// the windows not recorded yet. Idempotent: rows are upserted by id.
//
// It never holds the main thread long: rows are written in transactions sized to ~6 ms of CPU at the measured
// pace (see store_) with a turn of the event loop before each, and windows are sized so one reply stays
// small (its JSON is parsed by the client in one go).

export type SyncClient = Pick<GatewayClient, 'getAllSms' | 'countSms' | 'threadAccess'>;

export interface SyncProgress {
  /** Windows read and stored. */
  windowsDone: number;
  /** Windows known so far (grows as over-full windows split). */
  windowsPlanned: number;
  /** Messages stored so far. */
  messages: number;
  /** Messages the counts announced (grows as windows are counted). */
  expected: number;
  requests: number;
}

export interface SyncResult extends SyncProgress {
  inserted: number;
  updated: number;
  /** Statuses that moved (at most `maxChanges`); `changedCount` has them all. */
  changes: StatusChange[];
  changedCount: number;
  /** Windows split because they held too many messages (or a reply was too large). */
  splits: number;
  /** When this sync finished (local clock). */
  finishedAt: number;
  /** Where the rows were written: the mirror's own thread (a big sync of a file mirror), or the caller's. */
  wroteOn: 'thread' | 'inline';
}

export interface SyncOptions {
  db: Db;
  client: SyncClient;
  /** The oldest instant to cover. */
  from: Date | number;
  /**
   * The app's own sync: the mirror's reach (how far back the app keeps it, shown on the screen) widens to
   * `from`. Default false: `relay history --from 2020-01-01` or a refresh reads what it needs without
   * changing what the app syncs from then on (nor answering its "how far back" question).
   */
  extendReach?: boolean;
  /** Default: now. */
  to?: Date | number;
  signal?: AbortSignal | undefined;
  onProgress?: (progress: SyncProgress) => void;
  /** Local clock (tests, manual clocks). */
  now?: (() => number) | undefined;
  maxPerWindow?: number;
  /** getallsms requests at once (the client has its own limit across all callers). Default 3. */
  concurrency?: number;
  /** Most rows per write transaction (fewer when the machine is slow: see store_). Default 500. */
  batchSize?: number;
  settleMs?: number;
  unfinishedMaxAgeMs?: number | undefined;
  /** Most status changes returned. Default 1,000. */
  maxChanges?: number;
  /**
   * Read and write on the mirror's own threads once the counts announce this many messages, or one window
   * a fortieth of it (a reply of ~500 messages: its parse would hold this thread) (a file mirror only; see
   * SyncRun.writerThread). Default THREAD_MIN_MESSAGES; Infinity: never.
   */
  threadFrom?: number;
  /**
   * Build the indexes a big first sync left out (indexes.ts) when this sync ends. Default true; false for a
   * slice of a longer sync (job.ts) whose last slice builds them, once.
   */
  buildIndexes?: boolean;
}

const DEFAULT_CONCURRENCY = 3;
const DEFAULT_BATCH = 500;
const DEFAULT_MAX_CHANGES = 1_000;
/** What one write transaction may hold the thread for: a turn of the event loop can also parse a reply (~6 ms), and a frame is 16 ms. */
const SLICE_MS = 6;
const MIN_SLICE_ROWS = 50;
/**
 * Replies over the client's size cap a sync tolerates (each is read up to the cap, 64 MB, then dropped). A
 * window whose reply is too large is split; a gateway whose replies stay too large however short the span
 * would otherwise be asked thousands of times (once ~900 requests a minute and ~60 GB read).
 */
export const MAX_OVERSIZED_REPLIES = 6;
/** A sync announced to hold this many messages writes on the mirror's own thread (see writerThread). */
const THREAD_MIN_MESSAGES = 20_000;
let nextSyncId = 1;
/** Most rows per message to that thread (a window's reply holds ~1,000; one of a single second, more). */
const THREAD_BATCH = 5_000;

const toMs = (value: Date | number): number => (typeof value === 'number' ? value : value.getTime());
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A GatewayError the mirror's thread sent back as data (reader-protocol.ts) is one again; others as they are. */
function gatewayErrorOf(error: unknown): unknown {
  const data = (error as { gateway?: MirrorGatewayError } | null)?.gateway;
  return data && error instanceof Error ? new GatewayError(data.kind, error.message, data.details) : error;
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The history sync was cancelled.');
}

/**
 * Brings the mirror up to date for [from, to): reads what no sync covered yet, and again the windows that
 * may still change (unsettled, or holding messages not final yet). Rejects with the first error (a
 * GatewayError, or the signal's reason); what was stored before it stays.
 */
export async function syncHistory(options: SyncOptions): Promise<SyncResult> {
  const now = options.now ?? Date.now;
  const store = messageStore(options.db);
  const settleMs = options.settleMs ?? WINDOW_DEFAULTS.settleMs;
  const maxAgeMs = options.unfinishedMaxAgeMs ?? WINDOW_DEFAULTS.unfinishedMaxAgeMs;
  const startedAt = now();
  // Without `to`, up to now included: a message created this very second is in the (still open) last window.
  const range = alignWindow(toMs(options.from), options.to === undefined ? startedAt + 1 : toMs(options.to));
  if (options.extendReach === true) store.extendReach(range.fromMs);

  const reads = planIncremental({
    recorded: store.windows(),
    range,
    unfinishedCreatedMs: store.unfinishedCreatedMs(startedAt - maxAgeMs),
    now: startedAt,
    settleMs,
    unfinishedMaxAgeMs: maxAgeMs,
  });

  // A big first sync (or one after a first sync stopped half-way) writes without most indexes: see indexes.ts.
  const run = new SyncRun(store, options, now, missingIndexes(options.db).length > 0 ? 0 : countMessages(options.db, {}));
  try {
    await run.readAll(reads);
  } catch (error) {
    store.failed(error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    await run.close();
    compact(store, now(), settleMs, maxAgeMs);
  }
  const finishedAt = now();
  store.finished(finishedAt);
  return { ...run.progress(), ...run.totals, finishedAt, wroteOn: run.wroteOnThread ? 'thread' : 'inline' };
}

/** Merges settled windows with nothing unfinished in them, so the bookkeeping stays small. */
function compact(store: MessageStore, now: number, settleMs: number, maxAgeMs: number): void {
  const recorded = store.windows();
  // One read of the unfinished messages' times (the last days'), not one query per window: at a million
  // messages a sync ends with a thousand windows, and this runs on the window's thread.
  const unfinished = store.unfinishedCreatedMs(now - maxAgeMs);
  const compacted = compactWindows(recorded, (w) => isSettled(w, settleMs) && !holdsAny(unfinished, w));
  if (compacted.length === recorded.length) return;
  store.replaceWindows(recorded, compacted);
}

class SyncRun {
  readonly totals = { inserted: 0, updated: 0, changes: [] as StatusChange[], changedCount: 0, splits: 0 };
  private windowsDone = 0;
  private windowsPlanned = 0;
  private messages = 0;
  private expected = 0;
  private requests = 0;
  private readonly limiter: Semaphore;
  /** Replies read and not yet written (bounded: memory stays a few replies whatever the gateway's speed). */
  private readonly replies: Semaphore;
  private readonly writer = new Semaphore(1);
  private readonly controller = new AbortController();
  /** The first read that failed (readEach). */
  private failure: { error: unknown } | null = null;
  private oversized = 0;
  private readonly maxPerWindow: number;
  private readonly batchSize: number;
  private readonly maxChanges: number;
  /** The write pace measured on the last transaction (ms per row); starts at a busy machine's. */
  private msPerRow = 0.05;
  /** The mirror's own thread, writing for a big sync (see store_); null until then, or when the mirror is in memory. */
  private thread: MirrorThread | null = null;
  /** The thread that reads replies for the writing one (null: they are read here). */
  private fetcher: MirrorThread | null = null;
  /** Both, borrowed for this sync (sync-threads.ts). */
  private threads: SyncThreads | null = null;
  /** Tells this sync's reads from another's on the same (kept) threads. */
  private readonly id = nextSyncId++;
  private threadTried = false;
  /** Some rows went through the thread. */
  wroteOnThread = false;
  /** The thread dropping the deferred indexes before a write; awaited with that write. */
  private deferring: Promise<unknown> | null = null;
  private deferAsked = false;

  constructor(
    private readonly store: MessageStore,
    private readonly options: SyncOptions,
    private readonly now: () => number,
    /**
     * The messages the mirror held (0 when its indexes are already left out): a sync announcing more writes
     * without the deferred indexes on the thread, and builds them at the end (indexes.ts).
     */
    private readonly mirrorHeld: number,
  ) {
    this.limiter = new Semaphore(Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY));
    this.replies = new Semaphore(this.limiter.limit);
    this.maxPerWindow = Math.max(1, options.maxPerWindow ?? WINDOW_DEFAULTS.maxPerWindow);
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
    this.maxChanges = options.maxChanges ?? DEFAULT_MAX_CHANGES;
    const outer = options.signal;
    if (outer) {
      if (outer.aborted) this.controller.abort(abortReason(outer));
      else outer.addEventListener('abort', () => this.controller.abort(abortReason(outer)), { once: true });
    }
  }

  progress(): SyncProgress {
    return {
      windowsDone: this.windowsDone,
      windowsPlanned: this.windowsPlanned,
      messages: this.messages,
      expected: this.expected,
      requests: this.requests,
    };
  }

  private report(): void {
    this.options.onProgress?.(this.progress());
  }

  async readAll(reads: readonly PlannedRead[]): Promise<void> {
    this.windowsPlanned = reads.length;
    this.report();
    await this.readEach(reads.map((read) => ({ fromMs: read.fromMs, toMs: read.toMs })));
    // Cancelled from outside: say so with the caller's reason, not the aborted request's error.
    if (this.options.signal?.aborted) throw abortReason(this.options.signal);
    if (this.failure !== null) throw this.failure.error;
  }

  /**
   * Reads windows side by side, and settles only once every one has: the first failure stops the others
   * (their requests are aborted) and is the one reported, but a read already writing finishes first, so
   * nothing is still being written once the sync has ended (a cancelled sync, then the next, counted rows
   * written after the first had returned).
   */
  private async readEach(windows: readonly TimeWindow[]): Promise<void> {
    await Promise.all(
      windows.map((window) =>
        this.read(window).catch((error: unknown) => {
          if (this.failure !== null) return;
          this.failure = { error };
          this.controller.abort(error instanceof Error ? error : new Error(String(error)));
        }),
      ),
    );
  }

  private checkAborted(): void {
    const signal = this.controller.signal;
    if (signal.aborted) throw abortReason(signal);
  }

  private async request<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.limiter.run(async () => {
      this.checkAborted();
      this.requests += 1;
      return call(this.controller.signal);
    });
  }

  /** Counts a window; splits it while it is too full; reads and stores it when it fits. */
  private async read(window: TimeWindow): Promise<void> {
    this.checkAborted();
    const count = canSplit(window) ? await this.request((signal) => this.options.client.countSms(queryRange(window), { signal })) : null;
    const parts = count === null ? 1 : partsFor(count, this.maxPerWindow);
    if (parts > 1) return this.split(window, parts);
    if (count !== null) this.expected += count;

    // A reply is held from its request until its rows are written, and one window is written at a time:
    // each window writing on its own would put one slice per window into the same turn of the event loop
    // (a fast gateway had ten windows writing at once: ~90 ms turns), and unwritten replies would pile up.
    const releaseReply = await this.replies.acquire();
    try {
      const fetcher = this.writerThread(count) ? this.fetcher : null;
      const access = fetcher?.running ? this.options.client.threadAccess?.() : undefined;
      if (fetcher && access) await this.readOnThread(fetcher, access, window);
      else await this.readHere(window);
    } catch (error) {
      // The count was low but the reply is over the client's size cap (huge bodies, or a burst since the count).
      if (error instanceof GatewayError && error.kind === 'too-large') {
        this.oversized += 1;
        if (this.oversized > MAX_OVERSIZED_REPLIES || !canSplit(window)) throw this.tooLarge(window);
        releaseReply();
        // Cut hard: a reply that did not fit is likely far over, and each try reads up to the cap.
        return this.split(window, WINDOW_DEFAULTS.maxParts);
      }
      throw error;
    } finally {
      releaseReply();
    }
    this.windowsDone += 1;
    this.report();
  }

  /** Reads a window on this thread, and writes it here or hands it to the mirror's thread. */
  private async readHere(window: TimeWindow): Promise<void> {
    let messages = await this.request((signal) => this.options.client.getAllSms(queryRange(window), { signal }));
    const readAt = this.now();
    const recorded = { ...window, readAt, count: messages.length };
    // The mirror's thread writes in the order it is asked: replies are handed over as they come (at most
    // `replies` held), so the next is there when it finishes one, and they share a transaction.
    const thread = this.writerThread();
    if (thread) {
      const written = this.storeOnThread(thread, messages, recorded);
      messages = []; // the thread has its copy: this one can go while the rows are written
      await written;
    } else await this.writer.run(() => this.store_(messages, recorded));
  }

  /**
   * A big sync's window, read and written by the mirror's thread with a client of its own (reader-worker.ts):
   * the reply never comes to this thread. At a million messages, parsing the replies here took ~8 s of this
   * thread's CPU and its heap grew to ~250 MB of their garbage between collections (peaks of the process,
   * and collector pauses over a frame).
   */
  private async readOnThread(fetcher: MirrorThread, access: GatewayThreadAccess, window: TimeWindow): Promise<void> {
    this.wroteOnThread = true;
    this.deferIndexesIfBig(this.thread!);
    // The writer drops them before this read's rows come to it (they come by another channel).
    const deferring = this.deferring;
    this.deferring = null;
    await deferring;
    const room = this.room();
    const result = await this.request(() =>
      fetcher
        .ask(
          {
            op: 'read',
            sync: this.id,
            gateway: access.options,
            token: access.token(),
            query: queryRange(window),
            now: this.now(),
            maxChanges: room,
            // Read when asked (a little early, so it is read again a little sooner: see windows.ts).
            window: { ...window, readAt: this.now(), count: 0 },
          },
          null,
        )
        .catch((error: unknown) => {
          throw gatewayErrorOf(error);
        }),
    );
    for (const line of result.logs) access.log(line);
    this.tally(result, result.count);
  }

  /** The room left for status changes in the result (at most maxChanges in all). */
  private room(): number {
    return Math.max(0, this.maxChanges - this.totals.changes.length);
  }

  /**
   * Adds a write's figures to the sync's. Writes asked at once on the thread each got the room left then:
   * only the first maxChanges changes are kept.
   */
  private tally(result: UpsertResult, rows: number): void {
    this.totals.inserted += result.inserted;
    this.totals.updated += result.updated;
    this.totals.changes.push(...result.changes.slice(0, this.room()));
    this.totals.changedCount += result.moved;
    this.messages += rows;
  }

  private tooLarge(window: TimeWindow): AppFailure {
    const range = queryRange(window);
    return new AppFailure(
      'bad-reply',
      `The gateway's replies stay too large to read (over the size limit even for the messages between ${range.from.toISOString()} and ${range.to.toISOString()}). The sync stopped after ${this.requests} requests; the messages already stored are kept. Check the gateway with its support, then sync again.`,
      undefined,
      { requests: this.requests },
      'refusals.historyTooLarge',
    );
  }

  private async split(window: TimeWindow, parts: number): Promise<void> {
    const pieces = splitWindow(window, parts);
    this.totals.splits += 1;
    this.windowsPlanned += pieces.length - 1;
    this.report();
    await this.readEach(pieces);
  }

  /**
   * Writes rows in transactions with a turn of the event loop before each; the last one records the window.
   * A transaction holds as many rows as fit in SLICE_MS at the pace the previous ones took (at most
   * `batchSize`): with ten indexes a row costs 15–40 µs depending on the machine and the rows, so a fixed
   * count would hold the thread 8 ms on one machine and 20 on another.
   */
  private async store_(messages: readonly Message[], window: RecordedWindow): Promise<void> {
    let start = 0;
    do {
      // The reply was just parsed in this turn: let the renderer's requests in before writing.
      await nextTurn();
      this.checkAborted();
      const size = Math.min(this.batchSize, Math.max(MIN_SLICE_ROWS, Math.floor(SLICE_MS / this.msPerRow)));
      const batch = messages.slice(start, start + size);
      const last = start + size >= messages.length;
      const began = threadCpuMs();
      const result = this.store.upsertWindowRows(batch, this.now(), this.room(), last ? window : null);
      if (batch.length > 0) this.msPerRow = Math.max(0.001, (threadCpuMs() - began) / batch.length);
      this.tally(result, batch.length);
      start += size;
    } while (start < messages.length);
  }

  /**
   * A big sync (a first one: months of history) writes on the mirror's own thread and connection, replies
   * that keep coming sharing a transaction (mirror-writer.ts): each commit costs about as much as a few
   * hundred rows, which the 6 ms slices of the window's thread paid many times over; and the replies are
   * read and parsed on another mirror thread (readOnThread).
   * Small syncs (every few minutes) stay on this thread: starting one costs more than they write.
   */
  private writerThread(windowCount: number | null = null): MirrorThread | null {
    if (this.thread?.running) return this.thread;
    const from = this.options.threadFrom ?? THREAD_MIN_MESSAGES;
    if (this.threadTried || (this.expected < from && (windowCount ?? 0) < from / 40)) return null;
    this.threadTried = true;
    // Two threads (sync-threads.ts): one reads and parses the replies (when the client allows: threadAccess),
    // the other writes what it read, told through a channel of their own (reader-worker.ts). One thread
    // doing both was the sync's slowest part; the window's thread only plans and counts.
    this.threads = syncThreads(this.store.db);
    this.thread = this.threads?.writer ?? null;
    this.fetcher = this.threads && this.options.client.threadAccess ? this.threads.fetcher() : null;
    // This sync's reads in flight on the thread end with it (a cancel, or another window's failure).
    const fetcher = this.fetcher;
    if (fetcher)
      this.controller.signal.addEventListener(
        'abort',
        () => void fetcher.ask({ op: 'abort-reads', sync: this.id }, null).catch(() => undefined),
        { once: true },
      );
    return this.thread;
  }

  /**
   * Before each write on the thread: once the counts announce more messages than the mirror held (its first
   * months), or its indexes are already left out, the thread drops them (it answers in order, so before the
   * write). Not for a re-read of what the mirror holds. The rows written before keep their place: the
   * build at the end covers the whole table.
   */
  private deferIndexesIfBig(thread: MirrorThread): void {
    if (this.deferAsked || !(this.mirrorHeld === 0 || this.expected > this.mirrorHeld)) return;
    this.deferAsked = true;
    this.deferring = thread.ask({ op: 'defer-indexes' }, null);
  }

  /** Not async: once the writes are handed over, nothing here keeps the reply (the thread has its copy). */
  private storeOnThread(thread: MirrorThread, messages: readonly Message[], window: RecordedWindow): Promise<unknown> {
    this.wroteOnThread = true;
    this.checkAborted();
    this.deferIndexesIfBig(thread);
    const writes: Promise<unknown>[] = [];
    if (this.deferring) writes.push(this.deferring);
    this.deferring = null;
    for (let start = 0; start < messages.length || start === 0; start += THREAD_BATCH) {
      const batch = messages.slice(start, start + THREAD_BATCH);
      const last = start + THREAD_BATCH >= messages.length;
      const write = thread.ask(
        { op: 'write', messages: batch, now: this.now(), maxChanges: this.room(), window: last ? window : null },
        null,
      );
      const rows = batch.length; // (the batch itself is the thread's now: not kept here)
      writes.push(write.then((result) => this.tally(result, rows)));
    }
    return Promise.all(writes);
  }

  /**
   * Commits what the mirror's thread holds, builds the indexes a first sync left out (also after a failure,
   * not after a cancel: the next sync builds them), and stops the thread.
   */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    this.fetcher = null;
    // Every read answered once its rows were written: the fetcher has nothing left of this sync.
    try {
      if (thread?.running) await thread.ask({ op: 'flush' }, null);
      if (this.options.signal?.aborted || this.options.buildIndexes === false || missingIndexes(this.store.db).length === 0) return;
      // Seconds at a million rows: on the mirror's thread (started now when the sync wrote inline), so the
      // window's thread goes on answering; inline only for a mirror in memory (tests).
      const builder = thread?.running ? null : syncThreads(this.store.db);
      try {
        const on = thread?.running ? thread : (builder?.writer ?? null);
        if (on) await on.ask({ op: 'build-indexes' }, null);
        else buildDeferredIndexes(this.store.db);
      } finally {
        builder?.release();
      }
    } finally {
      this.threads?.release();
      this.threads = null;
    }
  }
}
