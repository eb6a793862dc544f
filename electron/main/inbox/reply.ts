import { refusal } from '../../../shared/errors';
import type { ReplyResult } from '../../../shared/ipc';
import { optOutsBeforeSending, senderE164 } from '../optouts';
import { sendSingle } from '../sending';
import type { Db } from '../db';
import type { GatewayClient } from '../gateway/types';
import { markRead, openThread } from './conversations';

// A reply to a customer: the single-send path (one addsms, its customerid journaled before it leaves, never
// retried; a lost reply settled by reading it back by customerid), on the phone and slot the customer last
// wrote to, so the answer comes from the number they know. Opt-outs are read again first, by the same rule as
// every send: a STOP that just came in is never answered with a message, and when the replies cannot be read
// the reply is refused with a sentence (try again) rather than sent on an old list.

export interface ReplyInput {
  key: string;
  body: string;
  /** For reading the number (the account's country). */
  country: string;
}

export async function sendReply(
  db: Db,
  client: GatewayClient,
  input: ReplyInput,
  options: { now?: () => number } = {},
): Promise<ReplyResult> {
  const now = options.now ?? Date.now;
  const body = input.body.trim();
  if (body === '') throw refusal('replyEmpty', 'Write a reply first.', undefined, { field: 'body' });
  const thread = openThread(db, input.key, { limit: 1 });
  if (!thread)
    throw refusal(
      'replyNoConversation',
      'There is no conversation with this number: a reply answers someone who wrote to you.',
      undefined,
      { field: 'to' },
    );
  if (!thread.replyFrom)
    throw refusal('replyNoNumber', 'This sender has no phone number, so it cannot be answered.', undefined, { field: 'to' });
  await optOutsBeforeSending(db, client, now(), input.country);
  const [send] = await sendSingle(
    db,
    client,
    {
      // The number in E.164: "11 98765-4321" from the gateway is read in the account's country, never as "+1…".
      to: [senderE164(thread.phone, input.country)],
      body,
      deviceId: thread.replyFrom.deviceId,
      sim: thread.replyFrom.sim,
      sendAt: null,
      urgent: false,
      image: null,
      test: false,
      country: input.country,
    },
    now,
  );
  // Answering is reading.
  if (send!.state === 'queued') markRead(db, input.key, true);
  return { send: send!, thread: openThread(db, input.key)! };
}
