import { z } from 'zod';
import { Temporal } from 'temporal-polyfill';
import { MESSAGE_STATUS_CODES, SIM_SLOTS, type MessageStatusCode } from '../../../../shared/domain';
import { STATUS_GROUPS, SORT_COLUMNS, type MessageFilter, type MessageSort, type StatusGroup } from '../../../../shared/ipc';

// The Messages screen's URL: the filters people read (local days, not instants), the sort, the open
// message and the view (history or report). A reload or a link from Home lands on the same view; a value
// that does not parse is dropped (search-params.ts), never a broken screen.

const day = z.iso.date();
const positive = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const messagesParams = z.object({
  view: z.enum(['history', 'report']).default('history'),
  device: z.array(positive).max(200).default([]),
  /** Group names ("failed") and status codes ("8") alike; a code the catalogue does not know is dropped. */
  status: z
    .array(z.union([z.enum(STATUS_GROUPS), z.coerce.number().pipe(z.union(MESSAGE_STATUS_CODES.map((c) => z.literal(c))))]))
    .max(STATUS_GROUPS.length + MESSAGE_STATUS_CODES.length)
    .default([]),
  /** Local days, both included. */
  from: day.optional(),
  to: day.optional(),
  sim: z
    .array(z.coerce.number().pipe(z.union(SIM_SLOTS.map((s) => z.literal(s)))))
    .max(SIM_SLOTS.length)
    .default([]),
  customer: positive.optional(),
  /** A campaign: its customerid range "first-last". */
  customers: z
    .string()
    .regex(/^\d{1,16}-\d{1,16}$/)
    .optional(),
  phone: z.string().max(40).optional(),
  newsletter: positive.optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(SORT_COLUMNS).default('created'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  /** The message whose details are open. */
  msg: positive.optional(),
  // The report's own range and split (kept apart from the list's filter).
  rfrom: day.optional(),
  rto: day.optional(),
  by: z.enum(['all', 'phone', 'channel']).default('all'),
});
export type MessagesParams = z.output<typeof messagesParams>;
export type SetMessagesParams = (patch: Partial<z.input<typeof messagesParams>>) => void;

/** Local midnight of a day in `timeZone`, as an ISO instant. */
export function dayStart(date: string, timeZone: string): string {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).toInstant().toString();
}

/** The midnight after a day (the end of an "until this day, included" range). */
export function dayEnd(date: string, timeZone: string): string {
  return Temporal.PlainDate.from(date).add({ days: 1 }).toZonedDateTime({ timeZone }).toInstant().toString();
}

/** Today (or `daysAgo` before it) in `timeZone`, as YYYY-MM-DD. */
export function localDay(timeZone: string, daysAgo = 0, now: number = Date.now()): string {
  return Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(timeZone).toPlainDate().subtract({ days: daysAgo }).toString();
}

/** The day of an instant in `timeZone`, as YYYY-MM-DD. */
export function dayOf(ms: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** The URL's filter as the contract's filter (local days → instants in the user's zone). */
export function toFilter(params: MessagesParams, timeZone: string): MessageFilter {
  const filter: MessageFilter = {};
  if (params.device.length) filter.deviceIds = params.device;
  const groups = params.status.filter((s): s is StatusGroup => typeof s === 'string');
  const codes = params.status.filter((s): s is MessageStatusCode => typeof s === 'number');
  if (groups.length) filter.groups = groups;
  if (codes.length) filter.statuses = codes;
  if (params.from) filter.from = dayStart(params.from, timeZone);
  if (params.to) filter.to = dayEnd(params.to, timeZone);
  if (filter.from && filter.to && Date.parse(filter.from) > Date.parse(filter.to)) delete filter.to;
  if (params.sim.length) filter.sims = params.sim;
  if (params.customer !== undefined) filter.customerId = params.customer;
  if (params.customers) {
    const [first, last] = params.customers.split('-').map(Number) as [number, number];
    if (first <= last) filter.customerIdRange = [first, last];
  }
  if (params.phone?.trim()) filter.phone = params.phone.trim();
  if (params.newsletter !== undefined) filter.newsletterId = params.newsletter;
  if (params.q?.trim()) filter.text = params.q.trim();
  return filter;
}

export const toSort = (params: MessagesParams): MessageSort => ({ column: params.sort, direction: params.dir });

/** The filter fields of the URL (what "Clear filters" empties). */
export const FILTER_KEYS = ['device', 'status', 'from', 'to', 'sim', 'customer', 'customers', 'phone', 'newsletter', 'q'] as const;

export const hasFilter = (params: MessagesParams): boolean =>
  FILTER_KEYS.some((key) => {
    const value = params[key];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== '';
  });
