import { phoneKey } from '../lib/phone-key';

// What to do with a chunk whose addalotofsms request left but whose reply never came (timeout, reset):
// read getallsms by the chunk's customerid and decide here. Nothing in this file sends anything: a chunk is
// never sent again by itself, only the user may choose to send the missing recipients again.

/** The gateway takes the messages in one insert, but a read may land while it is still writing. */
export const RECONCILE_GRACE_MS = 2 * 60_000;
/** How soon to read again while within the grace period. */
export const RECONCILE_RECHECK_MS = 15_000;

export interface SentChunk {
  /** The numbers the chunk carried, in chunk order (a number may appear more than once). */
  recipients: readonly string[];
  /** Epoch ms when the request left. */
  sentAt: number;
}

export interface FoundMessage {
  sendTo: string;
}

export interface MissingRecipient {
  /** Position in the chunk's recipients. */
  index: number;
  phone: string;
}

export type ChunkDecision =
  /** Every recipient's message is there. `surplus`: numbers found more often than sent (a duplicate happened). */
  | { kind: 'done'; surplus: string[] }
  /** Not all there yet, within the grace period: read again at `recheckAt` (epoch ms). */
  | { kind: 'wait'; recheckAt: number; found: number }
  /** Settled as not (fully) queued: the user decides whether `missing` are sent again. */
  | { kind: 'attention'; reason: 'none-found' | 'partly-found'; missing: MissingRecipient[]; surplus: string[] };

export interface ReconcileOptions {
  graceMs?: number;
  recheckMs?: number;
}

export function decideChunk(chunk: SentChunk, found: readonly FoundMessage[], now: number, options: ReconcileOptions = {}): ChunkDecision {
  const graceMs = options.graceMs ?? RECONCILE_GRACE_MS;
  const recheckMs = options.recheckMs ?? RECONCILE_RECHECK_MS;

  // Multiset match: a number sent twice in the chunk needs two messages to count as there twice.
  const available = new Map<string, number>();
  for (const message of found) {
    const key = phoneKey(message.sendTo);
    available.set(key, (available.get(key) ?? 0) + 1);
  }
  const missing: MissingRecipient[] = [];
  chunk.recipients.forEach((phone, index) => {
    const key = phoneKey(phone);
    const left = available.get(key) ?? 0;
    if (left > 0) available.set(key, left - 1);
    else missing.push({ index, phone });
  });
  const surplus: string[] = [];
  for (const message of found) {
    const key = phoneKey(message.sendTo);
    const left = available.get(key) ?? 0;
    if (left > 0) {
      surplus.push(message.sendTo);
      available.set(key, left - 1);
    }
  }

  if (missing.length === 0) return { kind: 'done', surplus };
  const deadline = chunk.sentAt + graceMs;
  if (now < deadline) {
    return { kind: 'wait', recheckAt: Math.min(now + recheckMs, deadline), found: chunk.recipients.length - missing.length };
  }
  const reason = missing.length === chunk.recipients.length ? 'none-found' : 'partly-found';
  return { kind: 'attention', reason, missing, surplus };
}
