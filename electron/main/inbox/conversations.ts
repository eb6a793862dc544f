import type { MessageStatusCode, SimSlot } from '../../../shared/domain';
import type { ConversationPage, ConversationView, InboxCounts, InboxCursor, ThreadMessage, ThreadView } from '../../../shared/ipc';
import { detectOptOut } from '../optouts';
import { singleSendCustomerIds, singleView } from '../sending';
import { contactNames } from '../contacts';
import type { Db } from '../db';
import { campaignByCustomerId as campaignOf } from '../campaigns';
import { prepared } from '../messages';

// The inbox's reads and its read/unread writes, over the summary table the mirror's writer keeps (upkeep.ts) and the
// mirror's messages_by_digits index: a page of conversations is an index walk over the summaries, a thread an
// index range over one number's messages, whatever the size of the history.

export const DEFAULT_LIST_LIMIT = 50;
export const DEFAULT_THREAD_LIMIT = 100;

/** A number's conversation key: its digits; a sender with no digits keeps its text. */
export function conversationKey(phone: string): string {
  const digits = phone.replace(/\D+/g, '');
  return digits === '' ? phone : digits;
}

/** Whether a key is a number someone can answer (an operator's "VIVO" cannot be). */
export const isNumberKey = (key: string): boolean => /^\d{5,}$/.test(key);

/** The messages of one conversation: digits through the index; a text sender by its exact text. */
function ofKey(key: string): { where: string; params: string[] } {
  return /^\d+$/.test(key)
    ? { where: 'send_to_digits = ?', params: [key] }
    : { where: "send_to_digits = '' AND send_to = ?", params: [key] };
}

interface ConversationRow {
  phone_key: string;
  unread: number;
  incoming: number;
  last_incoming_ms: number;
  last_message_id: number;
  last_ms: number;
  send_to: string;
  body: string;
  status: number;
  opted_out: number;
}

const CONVERSATION_SQL = `SELECT c.phone_key, c.unread, c.incoming, c.last_incoming_ms, c.last_message_id, c.last_ms,
    m.send_to, m.body, m.status, EXISTS (SELECT 1 FROM suppression s WHERE s.phone = '+' || c.phone_key) AS opted_out
  FROM inbox_conversations c JOIN messages m ON m.id = c.last_message_id`;

function toConversation(row: ConversationRow, names: Map<string, string>): ConversationView {
  return {
    key: row.phone_key,
    phone: row.send_to,
    name: names.get(row.phone_key) ?? null,
    unread: row.unread,
    replies: row.incoming,
    last: { id: row.last_message_id, body: row.body, at: row.last_ms, incoming: row.status === 5 },
    lastReplyAt: row.last_incoming_ms,
    optedOut: row.opted_out === 1,
  };
}

export function inboxCounts(db: Db): InboxCounts {
  const unread = prepared(
    db,
    `SELECT COUNT(*) AS conversations, TOTAL(unread) AS replies FROM inbox_conversations WHERE unread > 0`,
  ).get() as {
    conversations: number;
    replies: number;
  };
  const all = prepared(db, `SELECT COUNT(*) FROM inbox_conversations`).pluck().get() as number;
  return { unreadConversations: unread.conversations, unreadReplies: unread.replies, conversations: all };
}

/** One page of conversations, the most recent activity first. */
export function listConversations(
  db: Db,
  options: { unreadOnly?: boolean | undefined; limit?: number | undefined; after?: InboxCursor | undefined } = {},
): ConversationPage {
  const limit = options.limit ?? DEFAULT_LIST_LIMIT;
  const conditions: string[] = [];
  const params: number[] = [];
  if (options.unreadOnly) conditions.push('c.unread > 0');
  if (options.after) {
    conditions.push('(c.last_ms, c.last_message_id) < (?, ?)');
    params.push(options.after.ms, options.after.id);
  }
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  const rows = prepared(db, `${CONVERSATION_SQL}${where} ORDER BY c.last_ms DESC, c.last_message_id DESC LIMIT ?`).all(
    ...params,
    limit,
  ) as ConversationRow[];
  const names = contactNames(
    db,
    rows.filter((r) => isNumberKey(r.phone_key)).map((r) => r.phone_key),
  );
  const last = rows.at(-1);
  return {
    conversations: rows.map((row) => toConversation(row, names)),
    nextCursor: rows.length === limit && last ? { ms: last.last_ms, id: last.last_message_id } : null,
    counts: inboxCounts(db),
  };
}

export function getConversation(db: Db, key: string): ConversationView | null {
  const row = prepared(db, `${CONVERSATION_SQL} WHERE c.phone_key = ?`).get(key) as ConversationRow | undefined;
  if (!row) return null;
  return toConversation(row, isNumberKey(key) ? contactNames(db, [key]) : new Map<string, string>());
}

interface ThreadRow {
  id: number;
  send_to: string;
  body: string;
  customer_id: number | null;
  status: number;
  device_id: number;
  sim: number;
  created_ms: number;
  paket_id: number | null;
  paket_title: string | null;
}

/** Replies sent from here to this number that the mirror does not show yet, or that did not leave (newest 20). */
function pendingSends(db: Db, key: string): ThreadView['pending'] {
  const ids = prepared(
    db,
    `SELECT s.id FROM single_sends s
     WHERE replace(s.sendto, '+', '') = ? AND s.test = 0
       AND (s.sms_id IS NULL OR NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = s.sms_id))
     ORDER BY s.id DESC LIMIT 20`,
  )
    .pluck()
    .all(key) as number[];
  return ids.reverse().map((id) => singleView(db, id));
}

/** A conversation's messages (the newest `limit`, shown oldest first), or null when there is no such conversation. */
export function openThread(db: Db, key: string, options: { limit?: number; before?: InboxCursor } = {}): ThreadView | null {
  const conversation = getConversation(db, key);
  if (!conversation) return null;
  const limit = options.limit ?? DEFAULT_THREAD_LIMIT;
  const { where, params } = ofKey(key);
  const keyset = options.before ? ' AND (created_ms, id) < (?, ?)' : '';
  const rows = prepared(
    db,
    `SELECT id, send_to, body, customer_id, status, device_id, sim, created_ms, paket_id, paket_title FROM messages
     WHERE ${where}${keyset} ORDER BY created_ms DESC, id DESC LIMIT ?`,
  ).all(...params, ...(options.before ? [options.before.ms, options.before.id] : []), limit) as ThreadRow[];
  const singles = singleSendCustomerIds(
    db,
    rows.flatMap((r) => (r.status !== 5 && r.customer_id !== null && r.customer_id > 0 ? [r.customer_id] : [])),
  );
  const campaigns = new Map<number, { id: number; title: string } | null>();
  const messages: ThreadMessage[] = rows.reverse().map((row) => {
    const incoming = row.status === 5;
    let campaign: ThreadMessage['campaign'] = null;
    const customerId = row.customer_id;
    if (!incoming && customerId !== null && customerId > 0 && !singles.has(customerId)) {
      if (!campaigns.has(customerId)) campaigns.set(customerId, campaignOf(db, customerId));
      campaign = campaigns.get(customerId) ?? null;
    }
    return {
      id: row.id,
      incoming,
      body: row.body,
      at: row.created_ms,
      status: row.status as MessageStatusCode,
      deviceId: row.device_id,
      sim: row.sim as SimSlot,
      campaign,
      newsletter: !incoming && row.paket_id !== null ? { id: row.paket_id, title: row.paket_title } : null,
      single: !incoming && customerId !== null && singles.has(customerId),
      optOut: incoming && detectOptOut(row.body) !== null,
    };
  });
  const lastReply = prepared(
    db,
    `SELECT device_id AS deviceId, sim FROM messages WHERE id = (SELECT last_incoming_id FROM inbox_conversations WHERE phone_key = ?)`,
  ).get(key) as { deviceId: number; sim: SimSlot } | undefined;
  const oldest = rows.length === limit ? rows[0] : undefined;
  return {
    key,
    phone: conversation.phone,
    name: conversation.name,
    optedOut: conversation.optedOut,
    unread: conversation.unread,
    messages,
    olderCursor: oldest ? { ms: oldest.created_ms, id: oldest.id } : null,
    pending: isNumberKey(key) ? pendingSends(db, key) : [],
    replyFrom: isNumberKey(key) && lastReply ? lastReply : null,
  };
}

/** Read: every reply so far is read. Unread: the newest reply counts as unread again. */
export function markRead(db: Db, key: string, read: boolean): InboxCounts {
  if (read) prepared(db, `UPDATE inbox_conversations SET read_until_ms = last_incoming_ms, unread = 0 WHERE phone_key = ?`).run(key);
  else
    prepared(db, `UPDATE inbox_conversations SET read_until_ms = last_incoming_ms - 1, unread = MAX(unread, 1) WHERE phone_key = ?`).run(
      key,
    );
  return inboxCounts(db);
}

export function markAllRead(db: Db): InboxCounts {
  prepared(db, `UPDATE inbox_conversations SET read_until_ms = last_incoming_ms, unread = 0 WHERE unread > 0`).run();
  return inboxCounts(db);
}
