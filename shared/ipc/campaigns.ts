import { z } from 'zod';
import type { SimSlot } from '../domain';
import type { JobView } from '../jobs';
import type { SmsCount } from '../sms';
import { body, country, footer, id, isoInstant, simSlot } from './fields';
import { defineContract, none, out } from './kit';
import type { OptedOutView } from './optouts';

// Campaigns: personalised bulk sends (addalotofsms in chunks of 50, each with its own customerid journaled
// before it leaves). Newsletters, single sends and opt-outs have their own contracts beside this one.
// Times cross as ISO strings (UTC) or epoch ms; the renderer formats them. Files are picked in main: the
// renderer only ever sees an opaque id and a name.

export const phoneChoiceSchema = z.strictObject({ deviceId: id, sim: simSlot });
export type PhoneChoice = z.infer<typeof phoneChoiceSchema>;

/** Where a bulk send's recipients come from: a tag in the registry, or a CSV file picked in main (the import's preflight). */
export const recipientSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tag'), tagId: id }),
  /** Every contact of several tags, each number once (a newsletter's tags sent as a personalised campaign). */
  z.strictObject({ kind: z.literal('tags'), tagIds: z.array(id).min(1).max(50) }),
  z.strictObject({
    kind: z.literal('file'),
    fileId: z.string().min(1).max(100),
    /** Default: Settings' country. */
    country: country.optional(),
    phoneColumn: z.string().max(200).optional(),
    nameColumn: z.string().max(200).optional(),
  }),
]);
export type RecipientSource = z.infer<typeof recipientSourceSchema>;

export const quietHoursSchema = z.strictObject({
  from: z.string().regex(/^\d{1,2}:\d{2}$/),
  until: z.string().regex(/^\d{1,2}:\d{2}$/),
});

/** A personalised bulk send as the user composed it; preview and start take the same object. */
export const campaignRequestSchema = z.strictObject({
  source: recipientSourceSchema,
  /** Template: {name}, {nome}, any column header. */
  body,
  phones: z.array(phoneChoiceSchema).min(1).max(20),
  /** null = now. */
  sendAt: isoInstant.nullable().default(null),
  /** No message scheduled between these local times in the recipients' zone (Settings' zone). */
  quietHours: quietHoursSchema.nullable().default(null),
  /** Per phone and SIM, per local day. */
  dailyCap: z.number().int().min(1).max(100_000).nullable().default(null),
  /** Adds "reply STOP to opt out" in this language. */
  footer,
  title: z.string().trim().max(200).optional(),
  /**
   * A scheduled send: 'gateway' hands every message to the gateway now (it goes out even if this PC is off, and
   * cannot be stopped); 'keep-here' keeps it in this computer until shortly before its time (it can be stopped;
   * this PC must be on then). Ignored for a send that starts now.
   */
  handOver: z.enum(['gateway', 'keep-here']).default('gateway'),
});
export type CampaignRequest = z.input<typeof campaignRequestSchema>;

/** Status counts along new → queued → taken → sent → delivered / failed (messages the gateway listed). */
export interface StatusCounts {
  new: number;
  queued: number;
  taken: number;
  sent: number;
  delivered: number;
  failed: number;
  /** Messages expected (recipients queued); `total − listed` have not been seen on the gateway yet. */
  total: number;
}

/** A time shown in both zones where they differ. */
export interface ScheduleView {
  iso: string;
  localZone: string;
  /** "2024-03-09 18:30" in localZone. */
  local: string;
  gatewayZone: string;
  /** What the gateway is sent, e.g. "09.03.2024 21:30:00" for savepaket or "2024-03-09 21:30:00". */
  gateway: string;
  differs: boolean;
}

export interface PlanPhoneView {
  deviceId: number;
  sim: SimSlot;
  title: string;
  health: 'good' | 'flaky' | 'offline';
  count: number;
  chunks: number;
  /** Epoch ms of the first and last message; null when the phone gets nothing. */
  firstAt: number | null;
  lastAt: number | null;
  spacingMs: number;
}

export interface PlanView {
  phones: PlanPhoneView[];
  excluded: { deviceId: number; sim: SimSlot; title: string; reason: 'offline' | 'no-capacity' }[];
  firstAt: number | null;
  lastAt: number | null;
  durationMs: number;
  days: { date: string; count: number }[];
  spillsToLaterDays: boolean;
  startDeferred: boolean;
  zone: string;
}

export interface PlaceholderProblemView {
  placeholder: string;
  kind: 'no-column' | 'ambiguous';
  suggestions: string[];
}

export interface CampaignPreview {
  /** Columns offered to placeholders (the CSV's headers, or name, phone and the tag's kept fields). */
  columns: string[];
  /** For a tag's kept fields: the placeholder → the header it came from ({cidade} ← "Cidade"). */
  columnLabels?: Record<string, string>;
  /** Non-empty: the template cannot be sent (a placeholder with no column); nothing else is computed. */
  problems: PlaceholderProblemView[];
  /** Recipients who would get a message (after suppression, invalid and duplicate rows). */
  recipients: number;
  /** Numbers on the suppression list, left out. */
  suppressed: number;
  /** The first (up to 20) of them, each with the reply that opted them out. */
  optedOut: OptedOutView[];
  /** CSV rows not sendable: invalid numbers, duplicates, landlines (SMS cannot reach them). */
  skipped: { invalid: number; duplicates: number; landlines: number };
  /** The first rows as they will be sent. */
  rows: { index: number; phone: string; name: string; body: string; count: SmsCount; blanks: string[] }[];
  longest: { index: number; body: string; count: SmsCount } | null;
  totalSegments: number;
  rowsWithBlanks: number;
  /** Per placeholder, how many recipients leave it empty; and the first such recipients, named. */
  blanksByPlaceholder?: Record<string, number>;
  blankRows?: { phone: string; name: string; blanks: string[] }[];
  plan: PlanView | null;
  schedule: ScheduleView | null;
  /** Same recipients, bodies and phones as an earlier campaign: start refuses unless `again: true`. */
  sameAs: { campaignId: number; title: string; createdAt: number } | null;
}

/** paused: stopped by the user (resumable); scheduled: kept in this computer until shortly before its time. */
export type CampaignState = 'scheduled' | 'sending' | 'paused' | 'watching' | 'needs-attention' | 'done' | 'cancelled' | 'failed';

/** What can still be stopped of a campaign, and how its scheduled messages are handed over. */
export interface CampaignStopView {
  /** 'gateway': handed over at creation (cannot be recalled); 'kept-here': kept until handOverAt. */
  handOver: 'gateway' | 'kept-here';
  handOverAt: number | null;
  state: 'running' | 'kept' | 'paused' | 'cancelled';
  /** Messages not yet handed to the gateway: what pause / cancel still reach. */
  stoppable: number;
  canPause: boolean;
  canResume: boolean;
  canCancel: boolean;
}

/** A phone that took messages of a send and has reported nothing since `sinceMs` for longer than the limit. */
export interface StallView {
  deviceId: number;
  title: string;
  /** When the phone last reported (epoch ms, never a duration): silent since then. */
  sinceMs: number;
}

/**
 * How long a stalled phone has been silent, in whole minutes (at least 1): the window's warning (on its own
 * ticking clock) and main's notification count it alike.
 */
export function stalledMinutes(stall: Pick<StallView, 'sinceMs'>, now: number): number {
  return Math.max(1, Math.round((now - stall.sinceMs) / 60_000));
}

export interface CampaignSummary {
  id: number;
  title: string;
  createdAt: number;
  state: CampaignState;
  /** It ended (done, cancelled or failed): nothing of it moves any more, so nothing needs reading again. */
  final: boolean;
  jobId: number;
  recipients: number;
  suppressed: number;
  /** The customerid range its chunks carry (chunk k = first + k): how its messages are found in the history. */
  customerIds: { first: number; last: number };
  phones: { deviceId: number; sim: SimSlot; title: string }[];
  counts: StatusCounts;
  /** Seconds until the last message should have gone, at the plan's pace; null when done or unknown. */
  etaSeconds: number | null;
  /** When its first message is planned (epoch ms): a scheduled campaign says when it starts. */
  startsAt?: number | null;
  stop?: CampaignStopView;
  /** A phone took messages and reported nothing for a while. */
  stall: StallView | null;
  /** This campaign re-sends another's failures or missing recipients (an explicit decision). */
  resendOf: { campaignId: number; reason: 'failures' | 'missing' } | null;
  refreshedAt: number | null;
}

export interface FailureGroupView {
  code: number;
  kind: 'retryable' | 'fix-phone' | 'not-delivered';
  /** Catalogue keys (shared/failure-words.ts): failures.<code>.title / .what / .todo */
  titleKey: string;
  whatKey: string;
  todoKey: string;
  count: number;
  /** Up to 20 numbers, for the list. */
  sample: string[];
}

export interface ChunkAttentionView {
  chunk: number;
  customerId: number;
  reason: 'none-found' | 'partly-found' | 'unknown';
  /** Recipients not found on the gateway: only the user may send them again (campaigns:sendMissing). */
  missing: number;
}

export interface CampaignDetail extends CampaignSummary {
  plan: PlanView | null;
  chunks: { total: number; done: number; pending: number; attention: number };
  attention: ChunkAttentionView[];
  failures: FailureGroupView[];
  retryableFailures: number;
  missing: number;
  job: JobView | null;
}

export const campaignsContract = defineContract({
  invoke: {
    // ---- personalised bulk ----
    'campaigns:pickFile': { input: none, output: out<{ fileId: string; name: string; size: number } | null>() },
    'campaigns:preview': { input: campaignRequestSchema, output: out<CampaignPreview>() },
    /** Refused (AppFailure 'validation', field 'again', params {campaignId}) when it repeats an earlier campaign, unless `again`. */
    'campaigns:start': {
      input: campaignRequestSchema.extend({ again: z.boolean().default(false) }),
      /** job: null when the campaign is kept here until shortly before its time. */
      output: out<{ campaign: CampaignSummary; job: JobView | null }>(),
    },
    'campaigns:list': { input: none, output: out<CampaignSummary[]>() },
    /** Pause, resume or cancel what is not yet handed to the gateway (refused, in words, when nothing is left). */
    'campaigns:stop': { input: z.strictObject({ id, action: z.enum(['pause', 'resume', 'cancel']) }), output: out<CampaignStopView>() },
    'campaigns:get': { input: z.strictObject({ id }), output: out<CampaignDetail>() },
    /** A new explicit campaign with the retryable failures, optionally on other phones. */
    'campaigns:resendFailures': {
      input: z.strictObject({ id, phones: z.array(phoneChoiceSchema).min(1).max(20).optional() }),
      output: out<{ campaign: CampaignSummary; job: JobView }>(),
    },
    /** A new explicit campaign with the recipients a chunk's read-back did not find. */
    'campaigns:sendMissing': {
      input: z.strictObject({ id, phones: z.array(phoneChoiceSchema).min(1).max(20).optional() }),
      output: out<{ campaign: CampaignSummary; job: JobView }>(),
    },
    /** CSV via the save dialog: original rows + customerid + sms_id + final status. */
    'campaigns:exportReport': { input: z.strictObject({ id }), output: out<{ saved: boolean; name: string | null; rows: number }>() },
  },
  events: {
    /** A campaign was made or moved. */
    'campaigns:changed': out<{ what: 'campaign'; id: number }>(),
  },
});

/** What the send watch (campaigns, newsletters, single sends, opt-outs) reports as it moves. */
export type CampaignsChange =
  { what: 'campaign'; id: number } | { what: 'newsletter'; id: number } | { what: 'send'; id: number } | { what: 'suppression' };
