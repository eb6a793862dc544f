import type { Db } from '../db';
import { prepared } from '../messages';
import { conversationKey } from './conversations';

// Replies (incoming messages, status 5) from a set of numbers since a moment: what a campaign's or a
// newsletter's recipients answered after it was sent (campaigns/results.ts). One index range per number on
// messages_by_digits, so a send to thousands reads only their conversations, never the whole history.

export interface ReplyFrom {
  id: number;
  /** The conversation's key (the number's digits), as the Inbox opens it. */
  key: string;
  phone: string;
  body: string;
  createdMs: number;
}

/** At most this many replies are returned (the oldest first); a results page shows counts and a few. */
const REPLIES_FROM_MAX = 20_000;

export function repliesFrom(db: Db, phones: Iterable<string>, sinceMs: number): ReplyFrom[] {
  const keys = new Set<string>();
  for (const phone of phones) {
    const key = conversationKey(phone);
    if (/^\d+$/.test(key)) keys.add(key);
  }
  if (keys.size === 0) return [];
  const rows = prepared(
    db,
    `SELECT id, send_to_digits AS key, send_to AS phone, body, created_ms AS createdMs FROM messages
     WHERE send_to_digits IN (SELECT value FROM json_each(?)) AND status = 5 AND created_ms >= ?
     ORDER BY created_ms, id LIMIT ${REPLIES_FROM_MAX}`,
  ).all(JSON.stringify([...keys]), sinceMs) as ReplyFrom[];
  return rows;
}
