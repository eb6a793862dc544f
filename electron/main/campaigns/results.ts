import { AppFailure } from '../../../shared/errors';
import type { DurationFigures, ResultsReply, SendResults } from '../../../shared/ipc';
import { countSms } from '../../../shared/sms';
import { contactNames } from '../contacts';
import type { Db } from '../db';
import { repliesFrom, type ReplyFrom } from '../inbox';
import { sendMessageFigures, sentSegments, type SendMessageFigures } from '../messages';
import { FAILURE_CODES, isFailureCode } from './failures';
import { detectOptOut } from '../optouts';
import { newsletterRow } from '../newsletters';
import { campaignRow, chunkRows } from './store';

// How a campaign or a newsletter did: the figures of its results page and of `relay campaigns results`.
//
// - A campaign's statuses are its own record (campaign_recipients, kept current by the watch from the history
//   or by read-backs), so the page agrees with the campaign's live view, unless the history, synced since,
//   knows more; a newsletter has no such record, so its statuses are its messages in the history (by paket id).
// - Replies and opt-outs: incoming messages from its recipients after its first message was queued (the Inbox's
//   mirror); an opt-out is a recipient whose reply reads as STOP / PARAR / SAIR (the opt-out list's own rule).
// - Times: the gateway gives no delivery time, see messages/send-figures.ts for what is measured.

/** Replies and opt-outs listed on the page (the newest first); the counts cover them all. */
const LATEST_REPLIES = 10;

/** Nearest-rank percentile of sorted values (p in 0…1). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of nothing');
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}

function durationFigures(sorted: readonly number[]): DurationFigures | null {
  return sorted.length === 0 ? null : { median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), count: sorted.length };
}

export interface ResultsInputs {
  kind: SendResults['kind'];
  id: number;
  title: string;
  createdAt: number;
  /** Messages expected. */
  recipients: number;
  /** Status code → messages, of those listed (by the campaign's record or the history). */
  byStatus: Readonly<Record<number, number>>;
  statusesFrom: SendResults['statusesFrom'];
  segments: SendResults['segments'];
  history: Pick<SendMessageFigures, 'createdToSentMs' | 'sentToSeenDeliveredMs'>;
  sentFrom: number | null;
  /** Replies from its recipients since sentFrom, oldest first. */
  replies: readonly ReplyFrom[];
  names: ReadonlyMap<string, string>;
  historySyncedAt: number | null;
  now: number;
}

/** The page's figures from what the campaign's record, the history and the inbox hold (pure). */
export function computeResults(input: ResultsInputs): SendResults {
  const count = (codes: readonly number[]) => codes.reduce((n, code) => n + (input.byStatus[code] ?? 0), 0);
  const delivered = count([7]);
  const failures = FAILURE_CODES.map((code) => ({ code, titleKey: `failures.${code}.title`, count: count([code]) }))
    .filter((f) => f.count > 0)
    .sort((a, b) => b.count - a.count || a.code - b.code);
  const failed = failures.reduce((n, f) => n + f.count, 0);
  const waiting = count([1, 3, 2]);
  const sentNoReport = count([6]);
  // Statuses the table does not know are counted as listed but not final: still on their way.
  const unknown = Object.entries(input.byStatus).reduce((n, [code, k]) => n + (isKnown(Number(code)) ? 0 : k), 0);
  const listed = delivered + failed + waiting + sentNoReport + unknown;
  const notListed = Math.max(0, input.recipients - listed);
  const recipients = Math.max(input.recipients, listed);
  const pendingTotal = waiting + sentNoReport + unknown + notListed;

  const reply = (r: ReplyFrom): ResultsReply => ({
    phone: r.phone,
    name: input.names.get(r.key) ?? null,
    body: r.body,
    at: r.createdMs,
    key: r.key,
    optOut: detectOptOut(r.body) !== null,
  });
  const all = input.replies.map(reply);
  const optOutKeys = new Map<string, ResultsReply>();
  for (const r of all) if (r.optOut && !optOutKeys.has(r.key)) optOutKeys.set(r.key, r);
  const newestFirst = (list: ResultsReply[]) => list.sort((a, b) => b.at - a.at).slice(0, LATEST_REPLIES);

  return {
    kind: input.kind,
    id: input.id,
    title: input.title,
    createdAt: input.createdAt,
    phase: recipients > 0 && pendingTotal === 0 ? 'finished' : 'running',
    sentFrom: input.sentFrom,
    recipients,
    delivered,
    failed,
    failures,
    pending: { waiting: waiting + unknown, sentNoReport, notListed, total: pendingTotal },
    deliveredShare: recipients === 0 ? null : delivered / recipients,
    replies: { messages: all.length, customers: new Set(all.map((r) => r.key)).size, latest: newestFirst([...all]) },
    optOuts: { count: optOutKeys.size, latest: newestFirst([...optOutKeys.values()]) },
    segments: input.segments,
    createdToSent: durationFigures(input.history.createdToSentMs),
    sentToSeenDelivered: durationFigures(input.history.sentToSeenDeliveredMs),
    statusesFrom: input.statusesFrom,
    historySyncedAt: input.historySyncedAt,
    computedAt: input.now,
  };
}

/** Whether statuses `a` are further along than `b`: more final ones, or as many and more listed. */
function knowsMore(a: Readonly<Record<number, number>>, b: Readonly<Record<number, number>>): boolean {
  const tally = (counts: Readonly<Record<number, number>>) => {
    let listed = 0;
    let final = 0;
    for (const [code, n] of Object.entries(counts)) {
      listed += n;
      if (Number(code) === 7 || isFailureCode(Number(code))) final += n;
    }
    return { listed, final };
  };
  const x = tally(a);
  const y = tally(b);
  return x.final > y.final || (x.final === y.final && x.listed > y.listed);
}

const KNOWN = new Set([1, 2, 3, 6, 7]);
const isKnown = (code: number) => KNOWN.has(code) || isFailureCode(code);

interface Context {
  now: number;
  historySyncedAt: number | null;
}

/** Replies since `sentFrom`, with names from the contacts, else the name the send itself had for the number. */
function repliesAndNames(db: Db, phones: Iterable<string>, sentFrom: number | null, ownNames: ReadonlyMap<string, string> = new Map()) {
  const replies = sentFrom === null ? [] : repliesFrom(db, phones, sentFrom);
  const names = contactNames(db, new Set(replies.map((r) => r.phone)));
  for (const r of replies) {
    const own = ownNames.get(r.key);
    if (own && !names.has(r.key)) names.set(r.key, own);
  }
  return { replies, names };
}

/**
 * Each recipient's SMS segments (by its place in the campaign). A campaign's bodies never change once it is made,
 * so they are counted once per campaign and kept (~10 µs a body: a 10,000-recipient page read every 10 s).
 */
const segmentsCache = new WeakMap<Db, Map<number, Map<number, number>>>();
function bodySegments(db: Db, campaignId: number): Map<number, number> {
  let campaigns = segmentsCache.get(db);
  if (!campaigns) segmentsCache.set(db, (campaigns = new Map<number, Map<number, number>>()));
  let segments = campaigns.get(campaignId);
  if (!segments) {
    const rows = db.prepare('SELECT idx, body FROM campaign_recipients WHERE campaign_id = ?').all(campaignId) as {
      idx: number;
      body: string;
    }[];
    segments = new Map(rows.map((r) => [r.idx, countSms(r.body).segments]));
    if (campaigns.size >= 50) campaigns.delete(campaigns.keys().next().value!);
    campaigns.set(campaignId, segments);
  }
  return segments;
}

/** A personalised campaign's results. */
export function campaignResults(db: Db, id: number, context: Context): SendResults {
  const row = campaignRow(db, id);
  if (!row) throw new AppFailure('validation', 'This campaign does not exist (any more).', undefined, { id }, 'refusals.noSuchCampaign');
  const chunks = chunkRows(db, id);
  const left = new Set(chunks.filter((c) => c.state !== 'planned').map((c) => c.chunk));
  // Recipients left out at send time were never sent; a cancelled campaign's chunks that never left will not be.
  const recipients = (
    db.prepare('SELECT idx, chunk, phone, name, status FROM campaign_recipients WHERE campaign_id = ? AND left_out = 0').all(id) as {
      idx: number;
      chunk: number;
      phone: string;
      name: string;
      status: number | null;
    }[]
  ).filter((r) => row.hold !== 'cancelled' || left.has(r.chunk));
  const byStatus: Record<number, number> = {};
  let planned = 0;
  let sent = 0;
  const segments = bodySegments(db, id);
  for (const r of recipients) {
    if (r.status !== null) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const n = segments.get(r.idx) ?? 0;
    planned += n;
    if (r.status === 6 || r.status === 7 || r.status === 8) sent += n;
  }
  const range = { customerIdRange: [row.first_customer_id, row.first_customer_id + Math.max(0, row.chunk_count - 1)] as const };
  const history = sendMessageFigures(db, range);
  const leftAt = chunks.map((c) => c.left_at).filter((t): t is number => t !== null);
  // This computer's clock (left_at) or the gateway's (created), whichever is earlier: clocks differ, and a reply
  // is never earlier than the message it answers.
  const known = [...leftAt, ...(history.firstCreatedMs === null ? [] : [history.firstCreatedMs])];
  const sentFrom = known.length > 0 ? Math.min(...known) : null;
  const ownNames = new Map(recipients.filter((r) => r.name.trim() !== '').map((r) => [r.phone.replace(/\D+/g, ''), r.name.trim()]));
  const { replies, names } = repliesAndNames(db, new Set(recipients.map((r) => r.phone)), sentFrom, ownNames);
  // The campaign's record moves when its watch or page refreshes it; the history may have synced since (or the
  // reverse). Whichever knows more final statuses (then more listed messages) speaks for them.
  const fromHistory = knowsMore(history.byStatus, byStatus);
  return computeResults({
    kind: 'campaign',
    id,
    title: row.title,
    createdAt: row.created_at,
    recipients: recipients.length,
    byStatus: fromHistory ? history.byStatus : byStatus,
    statusesFrom: fromHistory ? 'history' : 'campaign',
    segments: { sent: fromHistory ? sentSegments(db, range) : sent, planned },
    history,
    sentFrom,
    replies,
    names,
    historySyncedAt: context.historySyncedAt,
    now: context.now,
  });
}

/** A newsletter's results, from its messages in the history (a newsletter sent as a campaign has the campaign's). */
export function newsletterResults(db: Db, id: number, context: Context): SendResults {
  const row = newsletterRow(db, id);
  if (row.state === 'campaign' && row.campaign_id !== null) return campaignResults(db, row.campaign_id, context);
  const history = row.paket_id > 0 ? sendMessageFigures(db, { paketId: row.paket_id }) : null;
  const { replies, names } = repliesAndNames(db, history?.recipients ?? [], history?.firstCreatedMs ?? null);
  return computeResults({
    kind: 'newsletter',
    id,
    title: row.title,
    createdAt: row.created_at,
    recipients: row.recipients,
    byStatus: history?.byStatus ?? {},
    statusesFrom: 'history',
    segments: { sent: row.paket_id > 0 ? sentSegments(db, { paketId: row.paket_id }) : 0, planned: null },
    history: history ?? { createdToSentMs: [], sentToSeenDeliveredMs: [] },
    sentFrom: history?.firstCreatedMs ?? null,
    replies,
    names,
    historySyncedAt: context.historySyncedAt,
    now: context.now,
  });
}
