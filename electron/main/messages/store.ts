import type { Db } from '../db';
import { ConversationUpkeep, type InsertedMessage } from '../inbox';
import { relaxedCommits } from '../lib/pace';
import type { Instant, Message, MessageStatusCode, SimSlot } from '../../../shared/domain';
import { foldText } from './fold';
import { UNFINISHED_CODES } from './status';
import { recordWindow } from './windows';
import type { RecordedWindow } from './windows';

// Every write to the mirror, and the reads the sync needs. Statements are prepared once per connection.

/** A status the mirror saw move: what the app pushes to the screen and feeds to notifications. */
export interface StatusChange {
  id: number;
  from: MessageStatusCode;
  to: MessageStatusCode;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  /** Rows whose status moved (at most the caller's bound)… */
  changes: StatusChange[];
  /** … and how many moved in all. */
  moved: number;
}

/** The row as stored; `MessageRow` → `Message` in rowToMessage. */
export interface MessageRow {
  id: number;
  send_to: string;
  body: string;
  customer_id: number | null;
  status: number;
  status_title: string;
  device_id: number;
  sim: number;
  urgent: number;
  created_ms: number;
  created_zone: string;
  sent_ms: number | null;
  sent_zone: string | null;
  send_at_ms: number | null;
  send_at_zone: string | null;
  paket_id: number | null;
  paket_title: string | null;
  paket_body: string | null;
  status_changed_at: number;
  /** When the mirror saw this (already known) message move to delivered; null when it arrived delivered. */
  delivered_seen_at: number | null;
}

export interface SyncState {
  /** The oldest instant the user asked the mirror to cover; null before the first sync. */
  reachFromMs: number | null;
  /** When the last sync finished; null before the first. */
  lastSyncAt: number | null;
  lastError: string | null;
}

/** Digits only: "+44 (0)7700-900" and "447700900" compare alike. */
export function phoneDigits(text: string): string {
  return text.replace(/\D+/g, '');
}

const instantMs = (instant: Instant | null): number | null => (instant ? Date.parse(instant.iso) : null);
const instant = (ms: number | null, zone: string | null): Instant | null =>
  ms === null ? null : { iso: new Date(ms).toISOString(), zone: zone ?? 'UTC' };

export function rowToMessage(row: MessageRow): Message {
  return {
    id: row.id,
    sendTo: row.send_to,
    body: row.body,
    customerId: row.customer_id,
    status: row.status as MessageStatusCode,
    statusTitle: row.status_title,
    deviceId: row.device_id,
    sim: row.sim as SimSlot,
    urgent: row.urgent === 1,
    created: instant(row.created_ms, row.created_zone)!,
    sentAt: instant(row.sent_ms, row.sent_zone),
    sendAt: instant(row.send_at_ms, row.send_at_zone),
    newsletter: row.paket_id === null ? null : { id: row.paket_id, title: row.paket_title, body: row.paket_body },
  };
}

/** Changes to message_tallies gathered over a batch, written as one row per (phone, SIM, status) that moved. */
class Tallies {
  private readonly deltas = new Map<string, [deviceId: number, sim: number, status: number, n: number]>();

  add(deviceId: number, sim: number, status: number, n: number): void {
    const key = `${deviceId}:${sim}:${status}`;
    const entry = this.deltas.get(key);
    if (entry) entry[3] += n;
    else this.deltas.set(key, [deviceId, sim, status, n]);
  }

  write(statement: { run(...params: number[]): unknown }): void {
    for (const [deviceId, sim, status, n] of this.deltas.values()) if (n !== 0) statement.run(deviceId, sim, status, n);
  }
}

const UNFINISHED_SQL = `status IN (${UNFINISHED_CODES.join(', ')})`;

/** Numbers remembered as already in message_recipients (a million synced rows repeat a few thousand numbers). */
const MAX_KNOWN_RECIPIENTS = 100_000;

export class MessageStore {
  private readonly stmts;
  private readonly conversations: ConversationUpkeep;
  /** Numbers message_recipients has (committed: added only once their transaction is). */
  private readonly knownRecipients = new Set<string>();
  private readonly uncommittedRecipients: string[] = [];

  /** Whether messages_by_digits is missing (a big first sync under way), as of schema version `version`. */
  private digitsIndex = { version: -1, missing: false };

  constructor(readonly db: Db) {
    this.conversations = new ConversationUpkeep(db);
    this.stmts = {
      statusOf: db.prepare(`SELECT status, device_id, sim FROM messages WHERE id = ?`).raw(),
      schemaVersion: db.prepare('PRAGMA schema_version').pluck(),
      digitsIndex: db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'messages_by_digits'`),
      // One read for a whole batch instead of one per row (ids passed as a JSON array).
      statusesOf: db.prepare(`SELECT id, status, device_id, sim, send_to FROM messages WHERE id IN (SELECT value FROM json_each(?))`).raw(),
      // The tallies and the numbers (schema.ts) move with the rows, in the same transaction.
      tally: db.prepare(
        `INSERT INTO message_tallies (device_id, sim, status, n) VALUES (?, ?, ?, ?)
         ON CONFLICT (device_id, sim, status) DO UPDATE SET n = n + excluded.n`,
      ),
      recipient: db.prepare(`INSERT OR IGNORE INTO message_recipients (send_to, digits) VALUES (?, ?)`),
      // An unchanged row is not written again (a re-read of 2,000 rows costs reads, not index updates).
      upsert: db.prepare(
        `INSERT INTO messages (id, send_to, send_to_digits, body, body_folded, customer_id, status, status_title, device_id, sim,
           urgent, created_ms, created_zone, sent_ms, sent_zone, send_at_ms, send_at_zone, paket_id, paket_title, paket_body,
           status_changed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET
           send_to = excluded.send_to, send_to_digits = excluded.send_to_digits, body = excluded.body,
           body_folded = excluded.body_folded, customer_id = excluded.customer_id, status = excluded.status,
           status_title = excluded.status_title, device_id = excluded.device_id, sim = excluded.sim, urgent = excluded.urgent,
           created_ms = excluded.created_ms, created_zone = excluded.created_zone,
           sent_ms = excluded.sent_ms, sent_zone = excluded.sent_zone,
           send_at_ms = excluded.send_at_ms, send_at_zone = excluded.send_at_zone,
           paket_id = excluded.paket_id, paket_title = excluded.paket_title, paket_body = excluded.paket_body,
           status_changed_at = CASE WHEN messages.status = excluded.status THEN messages.status_changed_at ELSE ? END,
           delivered_seen_at = CASE WHEN excluded.status = 7 AND messages.status <> 7 THEN ? ELSE messages.delivered_seen_at END
         WHERE messages.status IS NOT excluded.status OR messages.status_title IS NOT excluded.status_title
           OR messages.sent_ms IS NOT excluded.sent_ms OR messages.sent_zone IS NOT excluded.sent_zone
           OR messages.send_at_ms IS NOT excluded.send_at_ms OR messages.send_at_zone IS NOT excluded.send_at_zone
           OR messages.created_ms IS NOT excluded.created_ms OR messages.created_zone IS NOT excluded.created_zone
           OR messages.body IS NOT excluded.body OR messages.send_to IS NOT excluded.send_to
           OR messages.customer_id IS NOT excluded.customer_id OR messages.device_id IS NOT excluded.device_id
           OR messages.sim IS NOT excluded.sim OR messages.urgent IS NOT excluded.urgent
           OR messages.paket_id IS NOT excluded.paket_id OR messages.paket_title IS NOT excluded.paket_title
           OR messages.paket_body IS NOT excluded.paket_body`,
      ),
      setStatus: db.prepare(
        `UPDATE messages SET status = @status, status_title = @title,
           status_changed_at = CASE WHEN status = @status THEN status_changed_at ELSE @now END,
           delivered_seen_at = CASE WHEN @status = 7 AND status <> 7 THEN @now ELSE delivered_seen_at END
         WHERE id = @id`,
      ),
      windows: db.prepare(`SELECT from_ms AS fromMs, to_ms AS toMs, read_at AS readAt, count FROM message_sync_windows ORDER BY from_ms`),
      deleteWindow: db.prepare(`DELETE FROM message_sync_windows WHERE from_ms = ?`),
      insertWindow: db.prepare(
        `INSERT INTO message_sync_windows (from_ms, to_ms, read_at, count) VALUES (@fromMs, @toMs, @readAt, @count)`,
      ),
      unfinishedCreated: db
        .prepare(`SELECT created_ms FROM messages WHERE ${UNFINISHED_SQL} AND created_ms >= ? ORDER BY created_ms`)
        .pluck(),
      unfinished: db.prepare(
        `SELECT id, status, created_ms AS createdMs, status_changed_at AS statusChangedAt FROM messages
         WHERE ${UNFINISHED_SQL} AND created_ms >= ? ORDER BY created_ms LIMIT ?`,
      ),
      state: db.prepare(
        `SELECT reach_from_ms AS reachFromMs, last_sync_at AS lastSyncAt, last_error AS lastError FROM message_sync_state WHERE id = 1`,
      ),
      extendReach: db.prepare(`UPDATE message_sync_state SET reach_from_ms = MIN(IFNULL(reach_from_ms, @from), @from) WHERE id = 1`),
      setReach: db.prepare(`UPDATE message_sync_state SET reach_from_ms = ? WHERE id = 1`),
      finished: db.prepare(`UPDATE message_sync_state SET last_sync_at = ?, last_error = ? WHERE id = 1`),
      failed: db.prepare(`UPDATE message_sync_state SET last_error = ? WHERE id = 1`),
    };
  }

  /**
   * Inserts or overwrites each message by id, in one transaction. Status changes are collected (at most
   * `maxChanges`); `status_changed_at` moves to `now` only when an existing row's status does. A new row
   * takes its own time (sent, else created; never later than now): a first sync of old history did not see
   * those statuses change now, and must not look like a burst of failures. A known row moving to delivered
   * (7) notes `delivered_seen_at = now`: the API has no delivery time, this is the mirror's own sighting.
   */
  upsert(messages: readonly Message[], now: number, maxChanges = Infinity): UpsertResult {
    return this.remembering((added) =>
      relaxedCommits(this.db, () => this.db.transaction(() => this.upsertRows(messages, now, maxChanges, added))()),
    );
  }

  /**
   * Same as upsert, and records the window in the same transaction (the window counts only once its rows are
   * in). Mirror commits skip the per-commit fsync (relaxedCommits): the gateway can give the rows again, and
   * a lost commit takes its window record with it, so the window is read again.
   */
  upsertAndRecord(
    messages: readonly Message[],
    now: number,
    maxChanges: number,
    window: { remove: RecordedWindow[]; add: RecordedWindow[] } | null,
  ): UpsertResult {
    return this.remembering((added) =>
      relaxedCommits(this.db, () =>
        this.db.transaction(() => {
          const result = this.upsertRows(messages, now, maxChanges, added);
          if (window) this.replaceWindows(window.remove, window.add);
          return result;
        })(),
      ),
    );
  }

  /**
   * upsertAndRecord with the window's record worked out in the same transaction (from the windows recorded
   * then): what the sync writes, on the thread that answers the window or on the mirror's own thread.
   */
  upsertWindowRows(messages: readonly Message[], now: number, maxChanges: number, window: RecordedWindow | null): UpsertResult {
    let kept = false;
    try {
      const result = this.remembering((added) =>
        relaxedCommits(this.db, () =>
          this.db.transaction(() => {
            const result = this.upsertRows(messages, now, maxChanges, added);
            if (window) {
              const record = recordWindow(this.windows(), window);
              this.replaceWindows(record.remove, record.add);
            }
            return result;
          })(),
        ),
      );
      kept = true;
      return result;
    } finally {
      this.conversations.settle(kept);
    }
  }

  /**
   * Conversation summaries stay in memory from one write to the next until releaseConversations, which the
   * owner of an outer transaction calls before it commits (mirror-writer.ts).
   */
  holdConversations(): void {
    this.conversations.hold();
  }

  releaseConversations(): void {
    this.conversations.release();
  }

  /** Runs a write; the numbers it added to message_recipients are remembered once it returned (committed). */
  private remembering<T>(write: (added: string[]) => T): T {
    const added: string[] = [];
    const result = write(added);
    // Inside an outer transaction nothing is committed yet: held until its owner says it committed
    // (outerCommitted), rather than remembering a number that may be rolled back.
    if (this.db.inTransaction) {
      if (this.uncommittedRecipients.length + added.length <= MAX_KNOWN_RECIPIENTS) this.uncommittedRecipients.push(...added);
      return result;
    }
    this.remember(added);
    return result;
  }

  /** The outer transaction these writes ran in (the mirror thread's, see mirror-writer.ts) committed. */
  outerCommitted(): void {
    this.remember(this.uncommittedRecipients.splice(0));
  }

  /** … or was rolled back: the numbers it added are not in the table. */
  outerRolledBack(): void {
    this.uncommittedRecipients.length = 0;
  }

  private remember(added: readonly string[]): void {
    if (this.knownRecipients.size + added.length > MAX_KNOWN_RECIPIENTS) this.knownRecipients.clear();
    for (const sendTo of added) this.knownRecipients.add(sendTo);
  }

  private upsertRows(messages: readonly Message[], now: number, maxChanges: number, addedRecipients: string[]): UpsertResult {
    const result: UpsertResult = { inserted: 0, updated: 0, changes: [], moved: 0 };
    // Positional values and one status read per batch: at 100k rows the per-row read and the named-value
    // object cost as much JavaScript time as SQLite's own work.
    const known = new Map<number, { status: number; deviceId: number; sim: number; sendTo: string }>();
    for (const [id, status, deviceId, sim, sendTo] of this.stmts.statusesOf.all(JSON.stringify(messages.map((m) => m.id))) as [
      number,
      number,
      number,
      number,
      string,
    ][]) {
      known.set(id, { status, deviceId, sim, sendTo });
    }
    const tallies = new Tallies();
    const digitsOf = messages.map((m) => phoneDigits(m.sendTo));
    const moveConversations = this.conversations.prepare(
      messages.map((m, i) => ({ sendTo: m.sendTo, digits: digitsOf[i]!, status: m.status })),
      this.digitsIndexMissing(),
    );
    const inserted: InsertedMessage[] = [];
    for (const [i, m] of messages.entries()) {
      // A batch may hold the same id twice (the gateway is liberal): the second sees the first's status.
      const was = known.get(m.id);
      const before = was?.status;
      known.set(m.id, { status: m.status, deviceId: m.deviceId, sim: m.sim, sendTo: m.sendTo });
      if (was) tallies.add(was.deviceId, was.sim, was.status, -1);
      tallies.add(m.deviceId, m.sim, m.status, 1);
      const digits = digitsOf[i]!;
      if (was?.sendTo !== m.sendTo && !this.knownRecipients.has(m.sendTo)) {
        this.stmts.recipient.run(m.sendTo, digits);
        addedRecipients.push(m.sendTo);
      }
      const createdMs = instantMs(m.created)!;
      const sentMs = instantMs(m.sentAt);
      if (was === undefined) inserted.push({ id: m.id, sendTo: m.sendTo, digits, status: m.status, createdMs });
      this.stmts.upsert.run(
        m.id,
        m.sendTo,
        digits,
        m.body,
        foldText(m.body),
        m.customerId,
        m.status,
        m.statusTitle,
        m.deviceId,
        m.sim,
        m.urgent ? 1 : 0,
        createdMs,
        m.created.zone,
        sentMs,
        m.sentAt?.zone ?? null,
        instantMs(m.sendAt),
        m.sendAt?.zone ?? null,
        m.newsletter?.id ?? null,
        m.newsletter?.title ?? null,
        m.newsletter?.body ?? null,
        Math.min(now, sentMs ?? createdMs),
        now,
        now,
      );
      if (before === undefined) result.inserted += 1;
      else {
        result.updated += 1;
        if (before !== m.status) {
          result.moved += 1;
          if (result.changes.length < maxChanges) result.changes.push({ id: m.id, from: before as MessageStatusCode, to: m.status });
        }
      }
    }
    tallies.write(this.stmts.tally);
    moveConversations(inserted);
    return result;
  }

  /**
   * A big first sync left messages_by_digits out (indexes.ts): the conversations' newest messages are settled
   * when it is built (inbox/upkeep.ts). Asked per batch; the schema's version says when to look again (another
   * connection, the mirror's thread, drops and builds it).
   */
  private digitsIndexMissing(): boolean {
    const version = this.stmts.schemaVersion.get() as number;
    if (version !== this.digitsIndex.version) this.digitsIndex = { version, missing: this.stmts.digitsIndex.get() === undefined };
    return this.digitsIndex.missing;
  }

  /** A status read on its own (getsmsstatus). Returns the change, or null when it did not move or is unknown here. */
  setStatus(id: number, status: MessageStatusCode, title: string, now: number): StatusChange | null {
    return this.db.transaction(() => {
      const row = this.stmts.statusOf.get(id) as [number, number, number] | undefined;
      if (row === undefined) return null;
      const [before, deviceId, sim] = row;
      this.stmts.setStatus.run({ id, status, title, now });
      const tallies = new Tallies();
      tallies.add(deviceId, sim, before, -1);
      tallies.add(deviceId, sim, status, 1);
      tallies.write(this.stmts.tally);
      return before === status ? null : { id, from: before as MessageStatusCode, to: status };
    })();
  }

  windows(): RecordedWindow[] {
    return this.stmts.windows.all() as RecordedWindow[];
  }

  replaceWindows(remove: readonly RecordedWindow[], add: readonly RecordedWindow[]): void {
    this.db.transaction(() => {
      for (const w of remove) this.stmts.deleteWindow.run(w.fromMs);
      for (const w of add) this.stmts.insertWindow.run(w);
    })();
  }

  /** Creation times of messages not final yet, created at or after `sinceMs`, oldest first. */
  unfinishedCreatedMs(sinceMs: number): number[] {
    return this.stmts.unfinishedCreated.all(sinceMs) as number[];
  }

  /** Messages not final yet, created at or after `sinceMs`, oldest first, at most `limit`. */
  unfinished(sinceMs: number, limit: number): { id: number; status: MessageStatusCode; createdMs: number; statusChangedAt: number }[] {
    return this.stmts.unfinished.all(sinceMs, limit) as {
      id: number;
      status: MessageStatusCode;
      createdMs: number;
      statusChangedAt: number;
    }[];
  }

  state(): SyncState {
    return this.stmts.state.get() as SyncState;
  }

  /** The mirror reaches at least back to `fromMs` from now on (never shortened by a narrower sync). */
  extendReach(fromMs: number): void {
    this.stmts.extendReach.run({ from: fromMs });
  }

  /** The user's own choice of how far back the mirror reaches. */
  setReach(fromMs: number | null): void {
    this.stmts.setReach.run(fromMs);
  }

  finished(at: number): void {
    this.stmts.finished.run(at, null);
  }

  failed(error: string): void {
    this.stmts.failed.run(error);
  }
}

const stores = new WeakMap<Db, MessageStore>();

/** The connection's store (statements prepared once). */
export function messageStore(db: Db): MessageStore {
  let store = stores.get(db);
  if (!store) {
    store = new MessageStore(db);
    stores.set(db, store);
  }
  return store;
}
