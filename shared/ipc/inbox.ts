import { z } from 'zod';
import type { MessageStatusCode, SimSlot } from '../domain';
import type { SingleSendView } from './sending';
import { defineContract, none, out } from './kit';

// Inbox: one conversation per customer who replied (name from the contacts, last message, unread count,
// newest first), the thread of what we sent them and what they wrote, a reply sent on the phone and slot they
// wrote to (one addsms, journaled, never repeated), read / unread. Instants cross as epoch ms.

/** A conversation's key: the customer's digits ("5511987654321"), or a sender's text when it has no digits. */
const conversationKey = z.string().trim().min(1).max(60);
const cursor = z.strictObject({ ms: z.number(), id: z.int().min(0) });
export type InboxCursor = z.infer<typeof cursor>;

export const MAX_REPLY_LENGTH = 1_600;

export interface ConversationView {
  key: string;
  /** The number as the gateway wrote it on the newest message. */
  phone: string;
  /** From the contacts registry; null when the number is in no tag with a name. */
  name: string | null;
  unread: number;
  /** Replies in all. */
  replies: number;
  last: { id: number; body: string; at: number; incoming: boolean };
  lastReplyAt: number;
  /** On the opt-out list (a STOP-like reply, or added by hand). */
  optedOut: boolean;
}

export interface ConversationPage {
  conversations: ConversationView[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: InboxCursor | null;
  counts: InboxCounts;
}

export interface InboxCounts {
  /** Conversations with an unread reply, and the unread replies in them. */
  unreadConversations: number;
  unreadReplies: number;
  conversations: number;
}

export interface ThreadMessage {
  id: number;
  incoming: boolean;
  body: string;
  at: number;
  status: MessageStatusCode;
  deviceId: number;
  sim: SimSlot;
  /** What an outgoing message belonged to. */
  campaign: { id: number; title: string } | null;
  newsletter: { id: number; title: string | null } | null;
  /** A reply or single message sent from this app (not a campaign). */
  single: boolean;
  /** An incoming message that reads as "stop sending me messages". */
  optOut: boolean;
}

export interface ThreadView {
  key: string;
  phone: string;
  name: string | null;
  optedOut: boolean;
  unread: number;
  /** Oldest first. */
  messages: ThreadMessage[];
  /** Pass as `before` for older messages; null when the thread starts here. */
  olderCursor: InboxCursor | null;
  /** Replies sent from here that the history does not show yet (or that did not leave), newest last. */
  pending: SingleSendView[];
  /** The phone and slot the customer last wrote to: a reply goes out there. Null: no number to answer. */
  replyFrom: { deviceId: number; sim: SimSlot } | null;
}

export interface ReplyResult {
  send: SingleSendView;
  thread: ThreadView;
}

export interface InboxChanged {
  counts: InboxCounts;
  /** Replies the mirror got since the last push. */
  newReplies: number;
}

export const inboxContract = defineContract({
  invoke: {
    'inbox:list': {
      input: z
        .strictObject({ unreadOnly: z.boolean().optional(), limit: z.int().min(1).max(200).optional(), after: cursor.optional() })
        .optional(),
      output: out<ConversationPage>(),
    },
    'inbox:thread': {
      input: z.strictObject({ key: conversationKey, limit: z.int().min(1).max(500).optional(), before: cursor.optional() }),
      output: out<ThreadView | null>(),
    },
    'inbox:markRead': { input: z.strictObject({ key: conversationKey, read: z.boolean() }), output: out<InboxCounts>() },
    'inbox:markAllRead': { input: none, output: out<InboxCounts>() },
    'inbox:reply': {
      input: z.strictObject({ key: conversationKey, body: z.string().max(MAX_REPLY_LENGTH) }),
      output: out<ReplyResult>(),
    },
    'inbox:counts': { input: none, output: out<InboxCounts>() },
  },
  events: {
    'inbox:changed': out<InboxChanged>(),
  },
});
