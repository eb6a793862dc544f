import type { Db } from '../db';
import { CREATE_MESSAGES_BY_DIGITS, SETTLE_LAST_MESSAGES } from './schema';

// The conversation summaries (inbox_conversations, schema.ts) moved on with each batch of messages the mirror
// inserts: what migration 9's triggers did row by row, now done once per batch by the mirror's one writer
// (MessageStore, in the same transaction). The triggers cost ~10 µs a synced row, mostly the statement journal
// SQLite keeps for any statement that fires one; a batch of 500 rows touches a few hundred summaries once each.
//
// The result is the triggers' exactly (test/unit/inbox/upkeep.test.ts runs both on the same batches):
// - a reply (status 5) starts its conversation or moves it on: one more reply, unread unless older than
//   inbox_state.unread_from_ms or already read, the newest reply, and the number's newest message;
// - a message we sent (any other status) to a number with a conversation becomes its newest when it is.
// Only inserted rows count (an update of a known message moved nothing, as with AFTER INSERT triggers).
//
// A big first sync writes without messages_by_digits (messages/indexes.ts), and reading each replying
// number's newest message without it would scan the mirror. While that index is missing, a batch moves
// replies, counts and unread marks as above, but not the newest message (`lastLater`): building the index
// settles every conversation's newest message from the mirror in the same transaction (settleLastMessages),
// which is what the batches would have left (the newest of all the number's messages).

/** A row the batch inserted, in the order it was inserted. */
export interface InsertedMessage {
  id: number;
  sendTo: string;
  digits: string;
  status: number;
  createdMs: number;
}

interface Summary {
  phone_key: string;
  last_ms: number;
  last_message_id: number;
  last_incoming_ms: number;
  last_incoming_id: number;
  incoming: number;
  read_until_ms: number;
  unread: number;
}

const INCOMING = 5;

/** (ms, id) after (ms2, id2): the order the triggers compared rows in. */
const after = (ms: number, id: number, ms2: number, id2: number): boolean => ms > ms2 || (ms === ms2 && id > id2);

export class ConversationUpkeep {
  private readonly stmts;
  /**
   * Between hold() and release(): the summaries read or moved, kept in memory from batch to batch and written
   * once (null: not in the table). The mirror's thread holds them while one transaction takes many batches
   * (mirror-writer.ts): each batch of 1,000 rows moved ~800 summaries, each saved again by the next.
   */
  private held: Map<string, Summary | null> | null = null;
  /** Of `held`, the summaries moved since hold(). */
  private readonly moved = new Set<string>();
  /** The last batch's moved summaries (copies), kept once its rows are in (settle). */
  private staged: Set<Summary> | null = null;

  constructor(db: Db) {
    this.stmts = {
      unreadFrom: db.prepare(`SELECT IFNULL((SELECT unread_from_ms FROM inbox_state WHERE id = 1), 0)`).pluck(),
      summaries: db.prepare(`SELECT * FROM inbox_conversations WHERE phone_key IN (SELECT value FROM json_each(?))`),
      // The number's newest message before the batch (the trigger read it from the index after each reply).
      newest: db
        .prepare(
          `SELECT created_ms, id FROM messages WHERE send_to_digits = ? AND send_to = IIF(? = '', ?, send_to)
         ORDER BY created_ms DESC, id DESC LIMIT 1`,
        )
        .raw(),
      save: db.prepare(
        `INSERT INTO inbox_conversations (phone_key, last_ms, last_message_id, last_incoming_ms, last_incoming_id, incoming, read_until_ms, unread)
         VALUES (@phone_key, @last_ms, @last_message_id, @last_incoming_ms, @last_incoming_id, @incoming, @read_until_ms, @unread)
         ON CONFLICT (phone_key) DO UPDATE SET last_ms = excluded.last_ms, last_message_id = excluded.last_message_id,
           last_incoming_ms = excluded.last_incoming_ms, last_incoming_id = excluded.last_incoming_id, incoming = excluded.incoming,
           read_until_ms = excluded.read_until_ms, unread = excluded.unread`,
      ),
    };
  }

  /**
   * Reads what the batch needs, before its rows are written: the summaries of its numbers, and for each
   * number that replied, its newest message so far. Returns the step that applies the batch once its rows
   * are in (`inserted`: the rows that were new, in order). `lastLater`: messages_by_digits is missing, and
   * the newest messages are settled when it is built (see the top).
   */
  prepare(
    batch: readonly { sendTo: string; digits: string; status: number }[],
    lastLater = false,
  ): (inserted: readonly InsertedMessage[]) => void {
    const keys = new Set<string>();
    const replied = new Map<string, { digits: string; sendTo: string }>();
    for (const m of batch) {
      if (m.status === INCOMING) {
        const key = m.digits === '' ? m.sendTo : m.digits;
        keys.add(key);
        if (!replied.has(key)) replied.set(key, { digits: m.digits, sendTo: m.sendTo });
      } else if (m.digits !== '' && !lastLater) keys.add(m.digits);
    }
    if (keys.size === 0) return () => {};
    const summaries = new Map<string, Summary>();
    const held = this.held;
    const unread = held ? [...keys].filter((key) => !held.has(key)) : [...keys];
    if (unread.length > 0)
      for (const row of this.stmts.summaries.all(JSON.stringify(unread)) as Summary[]) summaries.set(row.phone_key, row);
    if (held) {
      for (const key of unread) held.set(key, summaries.get(key) ?? null);
      // The batch moves copies: a batch whose rows are taken back (settle(false)) leaves the held ones as they were.
      for (const key of keys) {
        const summary = held.get(key);
        if (summary) summaries.set(key, { ...summary });
      }
    }
    // The newest message of each number that replied, as the running maximum the triggers' index read gave.
    // (Without the index: what the summary says so far, moved on by the batch's own rows.)
    const newest = new Map<string, [ms: number, id: number] | null>();
    for (const [key, { digits, sendTo }] of replied) {
      const known = summaries.get(key);
      newest.set(
        key,
        lastLater
          ? known
            ? [known.last_ms, known.last_message_id]
            : null
          : ((this.stmts.newest.get(digits, digits, sendTo) as [number, number] | undefined) ?? null),
      );
    }
    return (inserted) => this.apply(inserted, summaries, newest, lastLater);
  }

  private apply(
    inserted: readonly InsertedMessage[],
    summaries: Map<string, Summary>,
    newest: Map<string, [number, number] | null>,
    lastLater: boolean,
  ): void {
    if (inserted.length === 0) return;
    const unreadFrom = this.stmts.unreadFrom.get() as number;
    const touched = new Set<Summary>();
    for (const m of inserted) {
      // Every inserted row is one the index read would see from now on.
      // (A row with no digits is a text sender's when its text is the key: the index read's send_to test.)
      const key = m.digits === '' ? m.sendTo : m.digits;
      if (newest.has(key)) {
        const top = newest.get(key);
        if (!top || after(m.createdMs, m.id, top[0], top[1])) newest.set(key, [m.createdMs, m.id]);
      }
      if (m.status === INCOMING) {
        let summary = summaries.get(key);
        if (!summary) {
          const old = m.createdMs < unreadFrom;
          summary = {
            phone_key: key,
            last_ms: m.createdMs,
            last_message_id: m.id,
            last_incoming_ms: m.createdMs,
            last_incoming_id: m.id,
            incoming: 1,
            read_until_ms: old ? m.createdMs : 0,
            unread: old ? 0 : 1,
          };
          summaries.set(key, summary);
        } else {
          summary.incoming += 1;
          if (m.createdMs > summary.read_until_ms && m.createdMs >= unreadFrom) summary.unread += 1;
          if (after(m.createdMs, m.id, summary.last_incoming_ms, summary.last_incoming_id)) summary.last_incoming_id = m.id;
          summary.last_incoming_ms = Math.max(summary.last_incoming_ms, m.createdMs);
        }
        [summary.last_ms, summary.last_message_id] = newest.get(key)!;
        touched.add(summary);
      } else if (m.digits !== '' && !lastLater) {
        const summary = summaries.get(m.digits);
        if (summary && after(m.createdMs, m.id, summary.last_ms, summary.last_message_id)) {
          summary.last_ms = m.createdMs;
          summary.last_message_id = m.id;
          touched.add(summary);
        }
      }
    }
    if (this.held) this.staged = touched;
    else for (const summary of touched) this.stmts.save.run(summary);
  }

  /** Keeps the summaries in memory until release(), which the caller calls before its transaction commits. */
  hold(): void {
    this.held ??= new Map();
  }

  /** The batch just applied is in (its rows were written) or was taken back: its moves are kept or forgotten. */
  settle(kept: boolean): void {
    const staged = this.staged;
    this.staged = null;
    if (!kept || !staged || !this.held) return;
    for (const summary of staged) {
      this.held.set(summary.phone_key, summary);
      this.moved.add(summary.phone_key);
    }
  }

  /** Writes the summaries moved since hold(), and stops holding. */
  release(): void {
    const held = this.held;
    this.held = null;
    this.staged = null;
    if (held) for (const key of this.moved) this.stmts.save.run(held.get(key)!);
    this.moved.clear();
  }
}

/**
 * Builds messages_by_digits and settles every conversation's newest message from the mirror, in one
 * transaction: the index's absence is what tells writers the newest messages are settled later (see the
 * top), so the two cannot part.
 */
export function buildDigitsIndexAndSettle(db: Db): void {
  db.transaction(() => {
    db.exec(CREATE_MESSAGES_BY_DIGITS);
    db.exec(SETTLE_LAST_MESSAGES);
  })();
}
