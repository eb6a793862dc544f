import type { CountryCode } from 'libphonenumber-js';
import type { ConversationView } from '../../../shared/ipc';
import { createPhoneReader } from '../../main/preflight';
import type { JobKind } from '../../main/jobs';
import { conversationKey, listConversations, sendReply, markReplyOptOuts, startInbox } from '../../main/inbox';
import { historySyncJobKind, HISTORY_SYNC_KIND, isoInZone, systemTimeZone } from '../../main/messages';
import type { CliContext } from '../context';
import { runJobInCli } from '../jobs';
import { UsageError, type Command } from './types';

// `relay inbox` and `relay reply`: the app's Inbox for scripts. Both read the last days of history from the
// gateway first (the same sync job as the app, so replies that just came in are there), then answer from the
// account's mirror. A reply is one addsms on the phone and slot the customer wrote to, its customerid written
// before it leaves, never retried (a lost reply is read back).

const DAY_MS = 86_400_000;
/** How far back the sync before a listing reads (earlier replies are in the mirror already, or in the app's). */
const RECENT_DAYS = 2;

async function syncRecent(ctx: CliContext) {
  const client = await ctx.gateway();
  const now = Date.now();
  const input = { fromMs: now - RECENT_DAYS * DAY_MS, toMs: now + 1_000 };
  const run = await runJobInCli(ctx, {
    kinds: [historySyncJobKind({ client: () => client }) as unknown as JobKind<never, never>],
    kind: HISTORY_SYNC_KIND,
    input,
    title: 'Sync the last days of message history (inbox)',
    dedupeKey: `inbox:${Math.floor(now / 60_000)}`,
    label: 'Reading replies',
  });
  if (run.stopped || run.stalled || run.job.state !== 'done') {
    run.close();
    const why = run.stalled ?? (run.stopped ? 'stopped' : (run.job.error ?? run.job.state));
    throw new SyncFailed(`the history could not be read (${why}). Check the gateway, then run the same command again.`);
  }
  startInbox(run.db, now);
  markReplyOptOuts(run.db, now);
  return { client, db: run.db, close: run.close };
}

class SyncFailed extends Error {}

function conversationJson(c: ConversationView, format: (ms: number) => string) {
  return {
    phone: c.phone,
    name: c.name,
    unread: c.unread,
    replies: c.replies,
    optedOut: c.optedOut,
    lastReplyAt: format(c.lastReplyAt),
    lastMessage: { body: c.last.body, at: format(c.last.at), from: c.last.incoming ? 'customer' : 'us' },
  };
}

export const inboxCommand: Command = {
  name: 'inbox',
  summary: 'Conversations with customers who replied (newest first)',
  usage: 'relay inbox [--unread] [--json]',
  options: { unread: { type: 'boolean' } },
  async run(ctx, values) {
    let synced;
    try {
      synced = await syncRecent(ctx);
    } catch (error) {
      if (!(error instanceof SyncFailed)) throw error;
      ctx.io.stderr.write(`relay inbox: ${error.message}\n`);
      return 1;
    }
    try {
      const format = isoInZone(systemTimeZone());
      const conversations: ConversationView[] = [];
      let page = listConversations(synced.db, { unreadOnly: values['unread'] === true, limit: 200 });
      conversations.push(...page.conversations);
      while (page.nextCursor) {
        page = listConversations(synced.db, { unreadOnly: values['unread'] === true, limit: 200, after: page.nextCursor });
        conversations.push(...page.conversations);
      }
      if (ctx.options.json) {
        ctx.io.stdout.write(
          `${JSON.stringify({ counts: page.counts, conversations: conversations.map((c) => conversationJson(c, format)) })}\n`,
        );
        return 0;
      }
      if (conversations.length === 0) {
        ctx.io.stdout.write(values['unread'] === true ? 'No unread replies.\n' : 'No replies yet.\n');
        return 0;
      }
      for (const c of conversations) {
        const who = c.name ? `${c.name} (${c.phone})` : c.phone;
        const flags = [c.unread > 0 ? `${c.unread} unread` : '', c.optedOut ? 'opted out' : ''].filter(Boolean).join(', ');
        const text = c.last.body.replace(/\s+/g, ' ');
        ctx.io.stdout.write(
          `${who}${flags ? ` [${flags}]` : ''}\n  ${format(c.last.at).slice(0, 16).replace('T', ' ')} ${c.last.incoming ? 'them' : 'us'}: ${text.length > 100 ? `${text.slice(0, 99)}…` : text}\n`,
        );
      }
      return 0;
    } finally {
      synced.close();
    }
  },
};

export const replyCommand: Command = {
  name: 'reply',
  summary: 'Answer a customer who wrote to you, from the phone they wrote to',
  usage: 'relay reply --to NUMBER --body TEXT [--json]',
  options: { to: { type: 'string' }, body: { type: 'string' } },
  async run(ctx, values) {
    const to = (values['to'] as string | undefined)?.trim() ?? '';
    if (to === '') throw new UsageError('--to NUMBER is required: the customer to answer.');
    const body = (values['body'] as string | undefined) ?? '';
    if (body.trim() === '') throw new UsageError('--body TEXT is required: the reply.');
    // "011 98765-4321" and "+55 11 98765 4321" are the same customer.
    const reading = createPhoneReader(ctx.settings().defaultCountry as CountryCode)(to);
    const key = conversationKey(reading.ok ? reading.phone : to);
    let synced;
    try {
      synced = await syncRecent(ctx);
    } catch (error) {
      if (!(error instanceof SyncFailed)) throw error;
      ctx.io.stderr.write(`relay reply: ${error.message} Nothing was sent.\n`);
      return 1;
    }
    try {
      const { send } = await sendReply(synced.db, synced.client, { key, body, country: ctx.settings().defaultCountry });
      if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify({ send })}\n`);
      else
        ctx.io.stdout.write(
          `${send.to}: ${send.state}${send.smsId ? ` (sms_id ${send.smsId})` : ''}${send.reason ? ` — ${send.reason}` : ''}\n`,
        );
      return send.state === 'queued' ? 0 : 1;
    } finally {
      synced.close();
    }
  },
};
