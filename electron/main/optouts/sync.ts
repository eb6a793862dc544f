import { AppFailure, refusal } from '../../../shared/errors';
import type { Db } from '../db';
import { GatewayError, toAppFailure } from '../gateway';
import type { GatewayClient } from '../gateway/types';
import { detectOptOut } from './detect';
import { phoneKey } from '../lib/phone-key';
import { metaGet, metaSet } from '../db/meta';
import { senderE164 } from './sender-number';

// Opt-outs current to the second: right before anything leaves (a single send, a campaign, a newsletter, an
// import), the incoming messages (status 5) since the last check are read and STOP / PARAR / SAIR replies join
// the suppression list, with the reply that put them there.
//
// The read is small and incremental: from the last check, with a generous overlap, up to the gateway's present
// (no end date: a gateway whose clock runs ahead of this computer still shows a reply it got a second ago). The
// overlap covers a gateway that reads begindate in its own zone (up to 14 h behind UTC): replies seen twice are
// harmless (the list keeps the first), and a number the user took off the list by hand is not put back by a
// reply older than that decision.

export const OPT_OUT_CURSOR = 'opt_out_synced_until';
/** A first check looks this far back; later ones from the last check minus OPT_OUT_OVERLAP_MS. */
const OPT_OUT_LOOKBACK_MS = 7 * 86_400_000;
export const OPT_OUT_OVERLAP_MS = 14 * 3_600_000;
/** One getallsms per window of at most a day, so each reply stays small even after a long time offline. */
const OPT_OUT_WINDOW_MS = 86_400_000;
/** The reply kept with an entry, at most this long. */
const REPLY_CHARS = 160;

export interface OptOutSync {
  /** Incoming messages read. */
  checked: number;
  /** Numbers newly on the list. */
  added: number;
}

/**
 * Reads incoming messages since the last check and puts STOP-like replies on the suppression list. Bounded: at
 * most a week back, a day per request. Throws what the gateway threw (the caller decides: a send refuses).
 */
export async function syncOptOuts(db: Db, client: GatewayClient, now: number = Date.now(), country?: string | null): Promise<OptOutSync> {
  const last = Number(metaGet(db, OPT_OUT_CURSOR) ?? NaN);
  const start = Math.max(Number.isFinite(last) ? last - OPT_OUT_OVERLAP_MS : 0, now - OPT_OUT_LOOKBACK_MS);
  let checked = 0;
  let added = 0;
  for (let from = start; ; from += OPT_OUT_WINDOW_MS) {
    const open = from + OPT_OUT_WINDOW_MS >= now;
    // keepUndated: a STOP whose date is missing or unreadable still counts (dated now).
    const incoming = await client.getAllSms({
      status: 5,
      from: new Date(from),
      keepUndated: true,
      ...(open ? {} : { to: new Date(from + OPT_OUT_WINDOW_MS) }),
    });
    const entries: OptOutEntry[] = [];
    for (const m of incoming) {
      if (m.status !== 5) continue; // a gateway that ignores the status filter
      const match = detectOptOut(m.body);
      if (!match) continue;
      const at = Date.parse(m.created.iso);
      entries.push({
        phone: senderE164(m.sendTo, country),
        keyword: match.keyword,
        reply: m.body.slice(0, REPLY_CHARS),
        replyAt: Number.isFinite(at) ? at : now,
      });
    }
    checked += incoming.length;
    added += addReplies(db, entries, now);
    metaSet(db, OPT_OUT_CURSOR, String(open ? now : from + OPT_OUT_WINDOW_MS));
    if (open) break;
  }
  return { checked, added };
}

interface OptOutEntry {
  phone: string;
  keyword: string;
  reply: string;
  replyAt: number;
}

/** Adds replies to the list, except numbers taken off it by hand after the reply arrived. */
function addReplies(db: Db, entries: OptOutEntry[], now: number): number {
  if (entries.length === 0) return 0;
  const removedAt = db.prepare('SELECT removed_at FROM suppression_removed WHERE phone_key = ?').pluck();
  const insert = db.prepare(
    "INSERT INTO suppression (phone, source, keyword, reply, reply_at, added_at) VALUES (?, 'reply', ?, ?, ?, ?) ON CONFLICT (phone) DO NOTHING",
  );
  let added = 0;
  db.transaction(() => {
    for (const e of entries) {
      const removed = removedAt.get(phoneKey(e.phone)) as number | undefined;
      if (removed !== undefined && e.replyAt <= removed) continue;
      added += insert.run(e.phone, e.keyword, e.reply, e.replyAt, now).changes;
    }
  })();
  return added;
}

/**
 * The check every send makes before it leaves. When the replies cannot be read the send is refused: a STOP from a
 * moment ago might be missed, and when in doubt nothing goes.
 */
export async function optOutsBeforeSending(
  db: Db,
  client: GatewayClient,
  now: number = Date.now(),
  country?: string | null,
): Promise<OptOutSync> {
  try {
    return await syncOptOuts(db, client, now, country);
  } catch (error) {
    // A session that has to sign in again says so itself.
    if (error instanceof GatewayError && (error.kind === 'invalid-token' || error.kind === 'maybe-invalid-token')) throw error;
    if (error instanceof AppFailure && error.code === 'not-signed-in') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw refusal(
      'optOutsUnread',
      `The latest replies could not be read (${reason}), so a customer who just replied STOP might be missed. Nothing was sent: try again in a moment.`,
      {},
      { code: toAppFailure(error).code === 'internal' ? 'network' : toAppFailure(error).code },
    );
  }
}
