// The inbox's tables (one migration step, ordered in ../db/migrations.ts).
//
// A conversation is a customer who wrote to us: it starts with their first reply (an incoming message,
// status 5) and then holds every message to or from their number, what we sent before included. It is keyed
// by the number's digits (`messages.send_to_digits`: "+55 11 9…" and "55119…" are one customer); a sender
// with no digits at all (an operator's "VIVO") is keyed by its text.
//
// `inbox_conversations` is a small per-number summary, kept first by triggers on `messages` and since
// migration 14 by the mirror's one writer (MessageStore, with inbox/upkeep.ts: every path that writes the
// mirror goes through it, in the same transaction as the rows), and the conversation list is an index walk over a few thousand rows instead of a
// GROUP BY over a million messages. `messages_by_digits` makes opening a thread an index range.
//
// Unread: a reply is unread when it was created after the conversation's `read_until_ms`. Replies older
// than `inbox_state.unread_from_ms` (set once, when the inbox first opens for the account: three days
// before) arrive read, so a first sync of months of history does not bury the owner under old replies.
// `notified_until_ms`: the newest reply a desktop notification already covered; `stops_until_ms`: the newest
// reply already checked for a STOP (the app and `relay inbox` both check; each reply once).

/** The messages of conversation `phone_key` (an index range on messages_by_digits). */
const OF_CONVERSATION = `WHERE send_to_digits = IIF(phone_key GLOB '*[^0-9]*', '', phone_key) AND (phone_key NOT GLOB '*[^0-9]*' OR send_to = phone_key)`;

/**
 * A number's messages, newest first. A big first sync of the mirror builds it at its end (messages/indexes.ts),
 * and with it settles each conversation's newest message (settleLastMessages).
 */
export const CREATE_MESSAGES_BY_DIGITS = 'CREATE INDEX messages_by_digits ON messages (send_to_digits, created_ms)';

/** Each conversation's newest message, read from the mirror (the index range above). */
export const SETTLE_LAST_MESSAGES = `UPDATE inbox_conversations SET
    (last_ms, last_message_id) = (
      SELECT created_ms, id FROM messages ${OF_CONVERSATION} ORDER BY created_ms DESC, id DESC LIMIT 1)`;

export const INBOX_MIGRATION_SQL = `
  ${CREATE_MESSAGES_BY_DIGITS};
  CREATE INDEX IF NOT EXISTS contacts_by_phone ON contacts (phone);

  CREATE TABLE inbox_state (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    unread_from_ms    INTEGER,
    notified_until_ms INTEGER,
    stops_until_ms    INTEGER
  );
  INSERT INTO inbox_state (id) VALUES (1);

  CREATE TABLE inbox_conversations (
    phone_key        TEXT    PRIMARY KEY,
    last_ms          INTEGER NOT NULL,            -- the newest message either way …
    last_message_id  INTEGER NOT NULL,            -- … and its id
    last_incoming_ms INTEGER NOT NULL,            -- the newest reply
    last_incoming_id INTEGER NOT NULL,
    incoming         INTEGER NOT NULL DEFAULT 0,  -- replies in all
    read_until_ms    INTEGER NOT NULL DEFAULT 0,  -- replies created at or before this are read
    unread           INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  CREATE INDEX inbox_by_last ON inbox_conversations (last_ms, last_message_id);
  CREATE INDEX inbox_unread_by_last ON inbox_conversations (last_ms, last_message_id) WHERE unread > 0;

  -- A reply: its conversation starts or moves on. On a first reply, what we sent them earlier may already
  -- be in the mirror, so the newest message is read back from the index.
  CREATE TRIGGER inbox_reply_in AFTER INSERT ON messages WHEN NEW.status = 5 BEGIN
    INSERT INTO inbox_conversations (phone_key, last_ms, last_message_id, last_incoming_ms, last_incoming_id, incoming, read_until_ms, unread)
    VALUES (
      IIF(NEW.send_to_digits = '', NEW.send_to, NEW.send_to_digits), NEW.created_ms, NEW.id, NEW.created_ms, NEW.id, 1,
      IIF(NEW.created_ms < IFNULL((SELECT unread_from_ms FROM inbox_state WHERE id = 1), 0), NEW.created_ms, 0),
      IIF(NEW.created_ms < IFNULL((SELECT unread_from_ms FROM inbox_state WHERE id = 1), 0), 0, 1)
    )
    ON CONFLICT (phone_key) DO UPDATE SET
      incoming = incoming + 1,
      unread = unread + (NEW.created_ms > read_until_ms AND NEW.created_ms >= IFNULL((SELECT unread_from_ms FROM inbox_state WHERE id = 1), 0)),
      last_incoming_id = IIF((NEW.created_ms, NEW.id) > (last_incoming_ms, last_incoming_id), NEW.id, last_incoming_id),
      last_incoming_ms = MAX(last_incoming_ms, NEW.created_ms);
    UPDATE inbox_conversations SET (last_ms, last_message_id) = (
      SELECT created_ms, id FROM messages WHERE send_to_digits = NEW.send_to_digits AND send_to = IIF(NEW.send_to_digits = '', NEW.send_to, send_to)
      ORDER BY created_ms DESC, id DESC LIMIT 1
    ) WHERE phone_key = IIF(NEW.send_to_digits = '', NEW.send_to, NEW.send_to_digits);
  END;

  -- Something we sent to a customer who has a conversation: it becomes the newest message.
  CREATE TRIGGER inbox_sent_in AFTER INSERT ON messages WHEN NEW.status <> 5 AND NEW.send_to_digits <> '' BEGIN
    UPDATE inbox_conversations SET last_ms = NEW.created_ms, last_message_id = NEW.id
    WHERE phone_key = NEW.send_to_digits AND (NEW.created_ms, NEW.id) > (last_ms, last_message_id);
  END;

  -- Replies already in the mirror when this step runs: their conversations, read (they are history).
  INSERT INTO inbox_conversations (phone_key, last_ms, last_message_id, last_incoming_ms, last_incoming_id, incoming, read_until_ms, unread)
  SELECT key, MAX(created_ms), 0, MAX(created_ms), 0, COUNT(*), MAX(created_ms), 0
  FROM (SELECT IIF(send_to_digits = '', send_to, send_to_digits) AS key, created_ms FROM messages WHERE status = 5)
  GROUP BY key;
  UPDATE inbox_conversations SET
    (last_incoming_ms, last_incoming_id) = (
      SELECT created_ms, id FROM messages ${OF_CONVERSATION} AND status = 5 ORDER BY created_ms DESC, id DESC LIMIT 1),
    (last_ms, last_message_id) = (
      SELECT created_ms, id FROM messages ${OF_CONVERSATION} ORDER BY created_ms DESC, id DESC LIMIT 1);
`;

// Issue 22: the summaries are kept by the mirror's one writer, a batch at a time (upkeep.ts), instead of by
// these triggers, which cost ~10 µs a synced row (a statement journal for every row written). Only
// MessageStore inserts into messages; the upkeep gives exactly what the triggers gave.
export const INBOX_UPKEEP_MIGRATION_SQL = `
  DROP TRIGGER IF EXISTS inbox_reply_in;
  DROP TRIGGER IF EXISTS inbox_sent_in;
`;
