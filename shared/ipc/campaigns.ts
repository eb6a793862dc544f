import { z } from 'zod';
import type { SimSlot } from '../domain';
import type { JobView } from '../jobs';
import type { SmsCount } from '../sms';
import { defineContract, none, out } from './kit';

// Campaigns: newsletters (savepaket), personalised bulk sends (addalotofsms in chunks of 50, each with its own
// customerid journaled before it leaves), single sends (addsms), and the account's opt-out (suppression) list.
// Times cross as ISO strings (UTC) or epoch ms; the renderer formats them. Files (CSV, images) are picked in
// main: the renderer only ever sees an opaque id and a name.

const simSlot = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const id = z.number().int().positive();
const isoInstant = z.iso.datetime({ offset: true });
const body = z.string().min(1).max(5_000);
const footer = z.enum(['en', 'pt', 'es']).nullable().default(null);
const phoneText = z.string().trim().min(1).max(40);
const country = z.string().regex(/^[A-Z]{2}$/);

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

/** A recipient left out because they opted out, with the reply that did it (shown before anything is sent). */
export interface OptedOutView {
  phone: string;
  name: string | null;
  source: 'reply' | 'manual';
  keyword: string | null;
  /** The incoming message that opted them out (null when added by hand or before the app kept replies). */
  reply: string | null;
  replyAt: number | null;
  addedAt: number;
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

export interface CampaignSummary {
  id: number;
  title: string;
  createdAt: number;
  state: CampaignState;
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
  stall: { deviceId: number; title: string; sinceMs: number } | null;
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

export interface NewsletterPreview {
  /** Contacts who would get it with the opted-out ones left out (savepaket alone would reach `tagContacts`). */
  recipients: number;
  /** Same as optedOut.count (kept for the summary line). */
  suppressed: number;
  /** Distinct numbers in the chosen tags: what savepaket sends to. */
  tagContacts: number;
  /**
   * Contacts in the chosen tags on the suppression list (matched by digits). savepaket sends to whole tags, so
   * when count > 0 createNewsletter refuses unless `optedOut` says what to do. sample: up to 20 numbers.
   */
  optedOut: { count: number; sample: string[]; people: OptedOutView[] };
  /** Tags with no contacts in the registry (created elsewhere): their size is unknown. */
  unknownTags: number[];
  /**
   * Placeholders in the body ("{nome}") as written: a newsletter cannot fill them, so createNewsletter refuses
   * (key refusals.newsletterPlaceholder); the screen offers the same tags and body as a personalised campaign.
   */
  placeholders: string[];
  count: SmsCount;
  totalSegments: number;
  durationMs: number;
  schedule: ScheduleView | null;
  device: { id: number; title: string; online: boolean } | null;
}

/**
 * creating: savepaket is on its way (or the app stopped while it was); unknown: the reply was lost, so it may
 * have been created — check the phone (an identical create is refused unless `again`); created: it has a
 * paket_id; campaign: sent as a personalised bulk send without the opted-out contacts (campaignId).
 */
export type NewsletterState = 'creating' | 'created' | 'unknown' | 'campaign';

export interface NewsletterView {
  id: number;
  state: NewsletterState;
  /** 0 while not known (creating, unknown, campaign). */
  paketId: number;
  campaignId: number | null;
  /** Opted-out contacts in its tags when it was created, and what the user decided about them. */
  optedOut: { count: number; decision: 'include' | 'send-as-campaign' | null };
  /** Seconds until its last message should have gone at the phone's pace; null when final, unknown or not started. */
  etaSeconds: number | null;
  /** Its phone took messages and reported nothing for a while. */
  stall: { deviceId: number; title: string; sinceMs: number } | null;
  /** Failed messages by status code, as on a campaign. */
  failures: FailureGroupView[];
  title: string;
  body: string;
  tags: { id: number; title: string }[];
  deviceId: number;
  deviceTitle: string;
  sim: SimSlot;
  createdAt: number;
  sendAt: string | null;
  recipients: number;
  counts: StatusCounts;
  /** Nothing listed yet: someone has to press start in the app on the phone. */
  waitingForStart: boolean;
  refreshedAt: number | null;
}

export interface SendCheckRow {
  /** As typed. */
  input: string;
  /** E.164 when readable. */
  phone: string | null;
  state: 'ready' | 'opted-out' | 'invalid' | 'repeat';
  /** Invalid: why, in a sentence. */
  reason: string | null;
  optedOut: OptedOutView | null;
}

export type SingleSendState = 'queued' | 'suppressed' | 'invalid' | 'refused' | 'unknown';

export interface SingleSendView {
  id: number;
  to: string;
  body: string;
  deviceId: number;
  sim: SimSlot;
  urgent: boolean;
  test: boolean;
  image: string | null;
  sendAt: string | null;
  customerId: number | null;
  smsId: number | null;
  state: SingleSendState;
  /** Refused / invalid / unknown: why, in a sentence. */
  reason: string | null;
  /** The gateway's status code, when read. */
  status: number | null;
  createdAt: number;
}

export interface SuppressionEntry {
  phone: string;
  source: 'reply' | 'manual';
  /** The reply's keyword ("stop", "sair"), for automatic entries. */
  keyword: string | null;
  /** The incoming message that opted the number out, and when the phone received it (automatic entries since v9). */
  reply: string | null;
  replyAt: number | null;
  addedAt: number;
}

export interface ImageView {
  imageId: string;
  name: string;
  size: number;
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';
  /** data: URL for the preview (images are at most MAX_IMAGE_BYTES, except an oversize original). */
  dataUrl: string;
  /**
   * Over MAX_IMAGE_BYTES: not kept (imageId ''). The renderer shrinks it with its canvas and hands the copy to
   * campaigns:putImage, instead of the photo being refused.
   */
  oversize?: true;
}

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export type CampaignsChange =
  | { what: 'campaign'; id: number }
  | { what: 'newsletter'; id: number }
  | { what: 'send'; id: number }
  | { what: 'suppression' };

const newsletterSchema = z.strictObject({
  tagIds: z.array(id).min(1).max(50),
  body,
  deviceId: id,
  sim: simSlot,
  sendAt: isoInstant.nullable().default(null),
  footer,
});

export const campaignsContract = defineContract({
  invoke: {
    // ---- newsletters ----
    'campaigns:newsletterPreview': { input: newsletterSchema, output: out<NewsletterPreview>() },
    /** addsms of the body to one number, marked as a test in the history. */
    'campaigns:testSend': {
      input: z.strictObject({ to: phoneText, body, deviceId: id, sim: simSlot, country: country.optional() }),
      output: out<SingleSendView>(),
    },
    /**
     * Refused (AppFailure 'validation'):
     * - field 'optedOut', params {count}: the tags hold opted-out contacts and `optedOut` is not given;
     *   'send-as-campaign' sends the same body as a campaign to the tags' contacts minus the opted-out ones,
     *   'include' creates the newsletter anyway (recorded);
     * - field 'again', params {newsletterId}: an identical newsletter may have been created (its reply was lost),
     *   unless `again`.
     * A lost reply: AppFailure 'unknown-outcome' (the row stays, state 'unknown').
     */
    'campaigns:createNewsletter': {
      input: newsletterSchema.extend({
        title: z.string().trim().min(1).max(200),
        optedOut: z.enum(['send-as-campaign', 'include']).optional(),
        again: z.boolean().default(false),
      }),
      /** `startOn`: the phone where someone must press start (not needed when `campaign` is set). */
      output: out<{ newsletter: NewsletterView; startOn: { deviceId: number; title: string }; campaign: { campaign: CampaignSummary; job: JobView } | null }>(),
    },
    'campaigns:newsletters': { input: none, output: out<NewsletterView[]>() },
    /** Re-reads the newsletter's messages by paketid. */
    'campaigns:refreshNewsletter': { input: z.strictObject({ id }), output: out<NewsletterView>() },

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

    // ---- single sends ----
    'campaigns:pickImage': { input: none, output: out<ImageView | null>() },
    /** A shrunk copy (data: URL, at most MAX_IMAGE_BYTES once decoded) of an oversize image picked before. */
    'campaigns:putImage': {
      input: z.strictObject({ name: z.string().trim().min(1).max(255), dataUrl: z.string().min(20).max(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 100) }),
      output: out<ImageView>(),
    },
    'campaigns:send': {
      input: z.strictObject({
        to: z.array(phoneText).min(1).max(100),
        body: z.string().max(5_000).default(''),
        deviceId: id,
        sim: simSlot,
        sendAt: isoInstant.nullable().default(null),
        urgent: z.boolean().default(false),
        imageId: z.string().min(1).max(100).nullable().default(null),
        country: country.optional(),
      }),
      output: out<SingleSendView[]>(),
    },
    /** Before Send is pressed: each number as it would go (ready, opted out with its reply, invalid, repeated). */
    'campaigns:sendCheck': {
      input: z.strictObject({ to: z.array(phoneText).min(1).max(100), country: country.optional() }),
      output: out<SendCheckRow[]>(),
    },
    'campaigns:sends': {
      input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }),
      output: out<SingleSendView[]>(),
    },

    // ---- opt-outs ----
    'campaigns:suppression': {
      input: z
        .strictObject({ search: z.string().max(40).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) })
        .default({ offset: 0, limit: 100 }),
      output: out<{ rows: SuppressionEntry[]; total: number }>(),
    },
    'campaigns:suppressionAdd': {
      input: z.strictObject({ phones: z.array(phoneText).min(1).max(1_000), country: country.optional() }),
      output: out<{ added: number; invalid: string[] }>(),
    },
    'campaigns:suppressionRemove': {
      input: z.strictObject({ phones: z.array(phoneText).min(1).max(1_000) }),
      output: out<{ removed: number }>(),
    },
    /** Reads recent incoming replies (status 5) and adds STOP-like ones (also done on preview/start and periodically). */
    'campaigns:syncOptOuts': { input: none, output: out<{ checked: number; added: number }>() },
  },
  events: {
    'campaigns:changed': out<CampaignsChange>(),
  },
});
