import { z } from 'zod';
import { MESSAGE_STATUS_CODES, SIM_SLOTS } from '../../../shared/domain';
import type { MessageStatusCode } from '../../../shared/domain';
import { STATUS_GROUPS } from './status';

// The Messages screen's filter: one zod schema for the IPC input and the URL's search params. Pure (zod and
// shared types only), so it can move to shared/ipc/messages.ts as it is.
//
// Every field narrows the result (AND); inside a list field, any value matches (OR). `statuses` and `groups`
// together: a message matches if its code is listed or its group is. Instants are ISO strings with an offset
// (the renderer converts the user's local dates); `from` is included, `to` is not, so a day is [00:00, 00:00).

const statusCode = z.union(MESSAGE_STATUS_CODES.map((code) => z.literal(code))) as unknown as z.ZodType<MessageStatusCode>;
const simSlot = z.union(SIM_SLOTS.map((slot) => z.literal(slot))) as unknown as z.ZodType<(typeof SIM_SLOTS)[number]>;
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

export const SORT_COLUMNS = ['created', 'sentAt', 'sendAt', 'status', 'deviceId', 'sim', 'sendTo', 'customerId', 'newsletterId', 'id'] as const;
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

// ---- URL search params: short names, repeated keys for lists ----

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
