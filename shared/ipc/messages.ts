import { z } from 'zod';
import { MESSAGE_STATUS_CODES, SIM_SLOTS } from '../domain';
import type { Message, MessageStatusCode, SimSlot } from '../domain';
import { defineContract, none, out } from './kit';

// Messages: the account's history mirror (synced from getallsms), the filters of the Messages screen, one
// message's details, the CSV export, Home's "today" figures, the report, and the live delivery monitor's
// pushed changes. Instants cross as ISO strings with an offset (inputs) or epoch ms (outputs); the renderer
// formats them. The filter schema and its URL form live here so the screen and main read one definition.

// ---- status groups (the five groups people think in) ----

export const STATUS_GROUPS = ['waiting', 'sent', 'delivered', 'failed', 'incoming'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];
export type GroupCounts = Record<StatusGroup, number>;

// ---- the filter (IPC input and URL search params) ----
//
// Every field narrows the result (AND); inside a list field, any value matches (OR). `statuses` and `groups`
// together: a message matches if its code is listed or its group is. Instants are ISO strings with an offset
// (the renderer converts the user's local dates); `from` is included, `to` is not, so a day is [00:00, 00:00).

const statusCode = z.union(MESSAGE_STATUS_CODES.map((code) => z.literal(code))) as unknown as z.ZodType<MessageStatusCode>;
const simSlot = z.union(SIM_SLOTS.map((slot) => z.literal(slot))) as unknown as z.ZodType<SimSlot>;
const id = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const instant = z.iso.datetime({ offset: true });

export const messageFilterSchema = z
  .object({
    /** Phones (device ids). */
    deviceIds: z.array(id).max(200).optional(),
    statuses: z.array(statusCode).max(MESSAGE_STATUS_CODES.length).optional(),
    groups: z.array(z.enum(STATUS_GROUPS)).max(STATUS_GROUPS.length).optional(),
    /** Created at or after. */
    from: instant.optional(),
    /** Created before. */
    to: instant.optional(),
    /** Channels (sim slots). */
    sims: z.array(simSlot).max(SIM_SLOTS.length).optional(),
    customerId: id.optional(),
    /** A campaign: its customerid range, both ends included. */
    customerIdRange: z
      .tuple([id, id])
      .refine(([min, max]) => min <= max, { message: 'The first customer id of the range must not be above the last.' })
      .optional(),
    /** Recipient number, any part of it; spaces, dashes, +, and a leading 0 do not matter. */
    phone: z.string().max(40).optional(),
    /** Newsletter (paketid). */
    newsletterId: id.optional(),
    /** Text anywhere in the body; case and accents do not matter. */
    text: z.string().max(200).optional(),
  })
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || Date.parse(f.from) <= Date.parse(f.to), {
    message: 'The start of the date range must not be after its end.',
    path: ['to'],
  });

export type MessageFilter = z.infer<typeof messageFilterSchema>;

export const SORT_COLUMNS = [
  'created',
  'sentAt',
  'sendAt',
  'status',
  'deviceId',
  'sim',
  'sendTo',
  'customerId',
  'newsletterId',
  'id',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export const messageSortSchema = z.object({
  column: z.enum(SORT_COLUMNS),
  direction: z.enum(['asc', 'desc']),
});
export type MessageSort = z.infer<typeof messageSortSchema>;
export const DEFAULT_SORT: MessageSort = { column: 'created', direction: 'desc' };

/** Where the previous page ended (keyset paging): the last row's sort value, creation time and id. */
export const messageCursorSchema = z.object({ value: z.union([z.number(), z.string().max(200)]), created: z.number(), id });
export type MessageCursor = z.infer<typeof messageCursorSchema>;

export const MAX_PAGE = 1_000;

/** One page: by `offset` (jump to row N) or by `after` (the next page after a cursor; stable while rows arrive). */
export const messagePageSchema = z
  .object({
    filter: messageFilterSchema.optional(),
    sort: messageSortSchema.optional(),
    limit: z.int().min(1).max(MAX_PAGE).optional(),
    offset: z.int().min(0).max(100_000_000).optional(),
    after: messageCursorSchema.optional(),
    /** Default true: also count every match (one more query). */
    withTotal: z.boolean().optional(),
  })
  .strict()
  .refine((p) => p.offset === undefined || p.after === undefined, { message: 'Page by offset or by cursor, not both.', path: ['after'] });
export type MessagePageInput = z.infer<typeof messagePageSchema>;

/** The filter as search params (`?status=delivered&status=8&device=12&q=pedido`), in a stable order. */
export function filterToSearchParams(filter: MessageFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const d of filter.deviceIds ?? []) params.append('device', String(d));
  for (const g of filter.groups ?? []) params.append('status', g);
  for (const s of filter.statuses ?? []) params.append('status', String(s));
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  for (const s of filter.sims ?? []) params.append('sim', String(s));
  if (filter.customerId !== undefined) params.set('customer', String(filter.customerId));
  if (filter.customerIdRange) params.set('customers', `${filter.customerIdRange[0]}-${filter.customerIdRange[1]}`);
  if (filter.phone) params.set('phone', filter.phone);
  if (filter.newsletterId !== undefined) params.set('newsletter', String(filter.newsletterId));
  if (filter.text) params.set('q', filter.text);
  return params;
}

const asNumber = (text: string): number | string => (/^\d{1,16}$/.test(text) ? Number(text) : text);

/** Reads search params back into a checked filter; a bad value fails with zod's issues (the URL was edited by hand). */
export function filterFromSearchParams(params: URLSearchParams) {
  const list = (key: string): (number | string)[] | undefined => {
    const values = params.getAll(key);
    return values.length ? values.map(asNumber) : undefined;
  };
  const one = (key: string): string | undefined => params.get(key) ?? undefined;
  const status = params.getAll('status');
  const range = one('customers')?.split('-');
  const raw: Record<string, unknown> = {
    deviceIds: list('device'),
    groups: status.some((s) => !/^\d+$/.test(s)) ? status.filter((s) => !/^\d+$/.test(s)) : undefined,
    statuses: status.some((s) => /^\d+$/.test(s)) ? status.filter((s) => /^\d+$/.test(s)).map(Number) : undefined,
    from: one('from'),
    to: one('to'),
    sims: list('sim'),
    customerId: one('customer') === undefined ? undefined : asNumber(one('customer')!),
    customerIdRange: range === undefined ? undefined : range.map(asNumber),
    phone: one('phone'),
    newsletterId: one('newsletter') === undefined ? undefined : asNumber(one('newsletter')!),
    text: one('q'),
  };
  for (const key of Object.keys(raw)) if (raw[key] === undefined) delete raw[key];
  return messageFilterSchema.safeParse(raw);
}

// ---- outputs ----

export interface MessagePage {
  rows: Message[];
  /** Every match of the filter; null when not asked for. */
  total: number | null;
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: MessageCursor | null;
  /** Ids of this page's messages that were test sends (a newsletter's "send a test first"); absent when none. */
  testIds?: number[];
  /** Contact names of this page's numbers (from the contacts registry), keyed by the number as listed. */
  names?: Record<string, string>;
  /** `total` is a lower bound: a text or number search matched more than that, and the count stopped there. */
  totalAtLeast?: true;
}

/** One instant in the user's zone and in the zone the gateway reported it in. */
export interface TimeView {
  /** UTC, e.g. "2023-11-02T21:44:43.000Z". */
  iso: string;
  /** ISO 8601 with the offset of the user's zone, e.g. "2023-11-02T18:44:43-03:00". */
  local: string;
  /** ISO 8601 with the gateway zone's offset, e.g. "2023-11-02T22:44:43+01:00". */
  gateway: string;
  /** "Europe/Paris" or "+02:00", as the gateway said. */
  gatewayZone: string;
  /** The two clocks show different times: the screen shows both. */
  differs: boolean;
}

/** Everything about one message, for its details panel. */
export interface MessageDetail {
  message: Message;
  group: StatusGroup;
  /** The status's key in shared/domain MESSAGE_STATUS (new, queued, delivered, failedNoService…). */
  statusKey: string;
  final: boolean;
  /** For failures: catalogue keys failures.<code>.title / .what / .todo exist for codes 8–12, 100, 101. */
  failureCode: MessageStatusCode | null;
  /** The user's zone (Settings, or the computer's). */
  timeZone: string;
  times: { created: TimeView; sent: TimeView | null; scheduled: TimeView | null };
  newsletter: { id: number; title: string | null } | null;
  /** The app's campaign whose customerid range holds this message's customerid. */
  campaign: { id: number; title: string } | null;
  /** WhatsApp image messages: the image's link (open it with messages:openImage). */
  imageUrl: string | null;
  /** Sent as a test (a newsletter's "send a test first"). */
  test?: true;
  /** The number's name in the contacts registry. */
  contactName?: string;
}

export interface MirrorStatus {
  /** The oldest instant the mirror was asked to cover (epoch ms); null before the first sync: ask how far back. */
  reachFromMs: number | null;
  /** The oldest window actually read. */
  oldestCoveredMs: number | null;
  /** When the last sync finished (epoch ms). */
  lastSyncAt: number | null;
  /** Why the last sync stopped, in a sentence; null when it finished. */
  lastError: string | null;
  /** Messages in the mirror. */
  messages: number;
  /** A history sync job is running or waiting; its progress is in jobs:changed. */
  syncing: boolean;
  jobId: number | null;
  /** What the first sync offers by default. */
  defaultDays: number;
  /** When the live monitor last refreshed unfinished messages (epoch ms). */
  lastRefreshAt: number | null;
}

export interface PhoneToday extends GroupCounts {
  deviceId: number;
  total: number;
}

export interface TodayView extends GroupCounts {
  total: number;
  /** Local midnight and the next one (epoch ms) in `timeZone`. */
  fromMs: number;
  toMs: number;
  timeZone: string;
  /** Per phone, phones with messages today only, by device id. */
  phones: PhoneToday[];
  lastSyncAt: number | null;
}

export const reportInputSchema = z
  .strictObject({
    from: instant,
    to: instant,
    bucket: z.enum(['hour', 'day']),
    by: z.enum(['phone', 'channel']),
    deviceIds: z.array(id).max(200).optional(),
    sims: z.array(simSlot).max(SIM_SLOTS.length).optional(),
  })
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), { message: 'The start of the range must be before its end.', path: ['to'] });
export type ReportRequest = z.infer<typeof reportInputSchema>;

export interface ReportLine extends Record<StatusGroup, number[]> {
  /** "phone:12" or "channel:whatsapp". */
  key: string;
  deviceId: number | null;
  channel: 'sms' | 'whatsapp-business' | 'whatsapp' | 'rcs' | null;
}

export interface ReportView {
  /** Bucket edges (epoch ms): edges.length − 1 buckets of local hours or days in `timeZone`. */
  edges: number[];
  timeZone: string;
  lines: ReportLine[];
  totals: GroupCounts;
  /** delivered / (delivered + failed); null when none finished. */
  deliveryRate: number | null;
  /**
   * Median of (sent − created) over delivered messages: the API gives no delivery time, so this is how long
   * a delivered message waited before its phone sent it. null when none.
   */
  medianCreatedToSentMs: number | null;
  /**
   * Median of (when the mirror saw the delivery − sent) over messages whose move to delivered a sync or a
   * live refresh saw: measured to within the poll interval. null when no delivery was seen live.
   */
  medianSentToDeliveredMs: number | null;
  /** How many seen deliveries that median is over. */
  deliverySeenCount: number;
}

export interface StatusChangeView {
  id: number;
  from: MessageStatusCode;
  to: MessageStatusCode;
}

export interface MessagesChanged {
  /** Statuses that moved (at most 200; `more` counts the rest). */
  changes: StatusChangeView[];
  more: number;
  /** New messages the sync added. */
  added: number;
  today: TodayView;
}

const localDate = z.iso.date();

export const messagesContract = defineContract({
  invoke: {
    'messages:list': { input: messagePageSchema, output: out<MessagePage>() },
    'messages:get': { input: z.strictObject({ id }), output: out<MessageDetail | null>() },
    'messages:status': { input: none, output: out<MirrorStatus>() },
    /**
     * Syncs now. `since`: a local date (Settings' zone) the mirror should reach back to; the first sync asks
     * the user (default `defaultDays`), later ones keep the widest reach chosen.
     */
    'messages:sync': { input: z.strictObject({ since: localDate.optional() }).optional(), output: out<MirrorStatus>() },
    /** The filter's messages as CSV through the save dialog; only the file's name comes back. */
    'messages:export': {
      input: z.strictObject({ filter: messageFilterSchema.optional(), sort: messageSortSchema.optional() }),
      output: out<{ saved: boolean; name: string | null; rows: number }>(),
    },
    'messages:today': { input: none, output: out<TodayView>() },
    'messages:report': { input: reportInputSchema, output: out<ReportView>() },
    /** Opens a WhatsApp image message's link in the browser, if its host is allowed. */
    'messages:openImage': { input: z.strictObject({ id }), output: out<{ opened: boolean }>() },
  },
  events: {
    'messages:changed': out<MessagesChanged>(),
    'messages:synced': out<MirrorStatus>(),
  },
});
