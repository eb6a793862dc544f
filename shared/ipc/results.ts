import { z } from 'zod';
import { defineContract, out } from './kit';

// How a campaign (or a newsletter) did, on one page: delivered, failed by reason, still on its way, replies
// from its recipients after it was sent, opt-outs it caused, SMS segments used, time until the phones sent
// it; and the page saved as a PDF. Figures are computed in main (electron/main/campaigns/results.ts).

const id = z.number().int().positive();
const sendRef = z.strictObject({ kind: z.enum(['campaign', 'newsletter']), id });
export type SendRef = z.infer<typeof sendRef>;

/** A duration's spread over the messages it was measured on (ms); null when none had it. */
export interface DurationFigures {
  median: number;
  p90: number;
  /** Messages measured. */
  count: number;
}

export interface ResultsFailure {
  code: number;
  /** failures.<code>.title in the catalogue. */
  titleKey: string;
  count: number;
}

export interface ResultsReply {
  phone: string;
  name: string | null;
  body: string;
  at: number;
  /** The Inbox's conversation key. */
  key: string;
  optOut: boolean;
}

export interface SendResults {
  kind: SendRef['kind'];
  id: number;
  title: string;
  createdAt: number;
  /** running: messages may still move; finished: every message expected has a final status. */
  phase: 'running' | 'finished';
  /** When its first message was queued at the gateway (replies are counted from here); null before. */
  sentFrom: number | null;
  /** Messages expected (one per recipient handed to the gateway). */
  recipients: number;
  delivered: number;
  failed: number;
  /** Failed messages by reason, the largest group first. */
  failures: ResultsFailure[];
  /** Not final yet: waiting for the phone (new, queued, taken), sent without a delivery report, not listed yet. */
  pending: { waiting: number; sentNoReport: number; notListed: number; total: number };
  /** delivered / recipients, 0…1; null without recipients. */
  deliveredShare: number | null;
  /** Replies from its recipients after it was sent (the history mirror). */
  replies: { messages: number; customers: number; latest: ResultsReply[] };
  /** Recipients whose reply after it was sent was STOP-like. */
  optOuts: { count: number; latest: ResultsReply[] };
  /** Segments of the messages the phones sent (what the operator billed); planned: of every message expected. */
  segments: { sent: number; planned: number | null };
  /** created (queued at the gateway) → senttime (the phone sent it), over messages the phones sent. */
  createdToSent: DurationFigures | null;
  /** senttime → the moment the history saw the delivery, over deliveries it saw happen (within its sync interval). */
  sentToSeenDelivered: DurationFigures | null;
  /** Where the statuses come from: the campaign's own record (kept by the watch), or the history. */
  statusesFrom: 'campaign' | 'history';
  /** When the history last synced (epoch ms): replies and times are as of then. */
  historySyncedAt: number | null;
  computedAt: number;
}

export const resultsContract = defineContract({
  invoke: {
    'results:get': { input: sendRef, output: out<SendResults>() },
    /** Prints the window (the results page, in print layout) to a PDF the user saves; saved:false when cancelled. */
    'results:savePdf': { input: sendRef, output: out<{ saved: boolean; name: string | null }>() },
  },
  events: {},
});
