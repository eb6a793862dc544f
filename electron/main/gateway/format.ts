import { AppFailure } from '../../../shared/errors';
import type { BulkSmsItem, MessageQuery, NewsletterInput, SendSmsInput } from './types';
import { wallClockIn } from './time';

// Domain inputs → the exact strings each endpoint expects. Pure functions; the token is added by the client.

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** addsms `timetosend`, getallsms `begindate`/`enddate`: "YYYY-MM-DD HH:MM:SS" on the gateway's wall clock. */
export function formatGatewayDateTime(date: Date, serverTimeZone: string): string {
  const w = wallClockIn(checkedDate(date), serverTimeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** savepaket `time_to_send`: PHP "d.m.Y H:i:s", i.e. "DD.MM.YYYY HH:MM:SS" (every part zero-padded). */
export function formatPaketDateTime(date: Date, serverTimeZone: string): string {
  const w = wallClockIn(checkedDate(date), serverTimeZone);
  return `${pad(w.day)}.${pad(w.month)}.${pad(w.year, 4)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

function checkedDate(date: Date): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new AppFailure('validation', 'The date is not valid.', 'sendAt', undefined, 'refusals.dateInvalid');
  }
  return date;
}

/** savepaket `tags`: "12,13,14". */
export function joinTagIds(tagIds: readonly number[]): string {
  if (tagIds.length === 0) throw new AppFailure('validation', 'Choose at least one tag.', 'tagIds', undefined, 'refusals.chooseTag');
  for (const id of tagIds) {
    if (!Number.isInteger(id) || id <= 0)
      throw new AppFailure('validation', `"${id}" is not a tag id.`, 'tagIds', { id: String(id) }, 'refusals.notATag');
  }
  return tagIds.join(',');
}

export type FormFields = Record<string, string>;

/**
 * application/x-www-form-urlencoded body (and equally a GET query). URLSearchParams percent-encodes `+` as
 * %2B, so "+4917..." reaches the gateway intact instead of turning into a space.
 */
export function encodeForm(fields: FormFields): string {
  return new URLSearchParams(fields).toString();
}

/** Copies defined values as strings, dropping undefined ones. */
function fields(values: Record<string, string | number | undefined>): FormFields {
  const out: FormFields = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = String(value);
  return out;
}

const flag = (value: boolean | undefined): 0 | 1 | undefined => (value === undefined ? undefined : value ? 1 : 0);

/** The API needs a recipient, and a body unless an image is attached. `path` prefixes the field name. */
function requireRecipientAndBody(input: BulkSmsItem, path: string, imageGiven: boolean): void {
  if (input.sendTo.trim() === '')
    throw new AppFailure('validation', 'Enter a phone number.', `${path}sendTo`, undefined, 'refusals.enterPhone');
  if (!imageGiven && (input.body === undefined || input.body === '')) {
    throw new AppFailure('validation', 'Write a message or attach an image.', `${path}body`, undefined, 'refusals.writeAMessage');
  }
}

/** addsms fields except `token` and `file`. */
export function addSmsFields(input: SendSmsInput, serverTimeZone: string): FormFields {
  requireRecipientAndBody(input, '', input.image !== undefined);
  return fields({
    sendto: input.sendTo,
    body: input.body,
    device_id: input.deviceId,
    sim: input.sim ?? 0,
    timetosend: input.sendAt ? formatGatewayDateTime(input.sendAt, serverTimeZone) : undefined,
    customerid: input.customerId,
    urgent: flag(input.urgent),
  });
}

export interface BulkSmsData {
  sendto: string;
  body: string;
  device_id: number;
  sim: number;
  timetosend?: string;
  customerid?: number;
  urgent?: 0 | 1;
}

/** One entry of addalotofsms `smsdata`. */
export function bulkSmsData(item: BulkSmsItem, index: number, serverTimeZone: string): BulkSmsData {
  requireRecipientAndBody(item, `items.${index}.`, false);
  const data: BulkSmsData = { sendto: item.sendTo, body: item.body ?? '', device_id: item.deviceId, sim: item.sim ?? 0 };
  if (item.sendAt) data.timetosend = formatGatewayDateTime(item.sendAt, serverTimeZone);
  if (item.customerId !== undefined) data.customerid = item.customerId;
  if (item.urgent !== undefined) data.urgent = item.urgent ? 1 : 0;
  return data;
}

/** addalotofsms: the single form field `datajson`. The token lives inside the JSON. */
export function addManySmsFields(token: string, items: readonly BulkSmsItem[], serverTimeZone: string): FormFields {
  const smsdata = items.map((item, index) => bulkSmsData(item, index, serverTimeZone));
  return { datajson: JSON.stringify({ token, smsdata }) };
}

/** getallsms filters; `onlyCount` asks for the count alone. */
export function messageQueryFields(query: MessageQuery, serverTimeZone: string, onlyCount = false): FormFields {
  return fields({
    device_id: query.deviceId,
    status: query.status,
    begindate: query.from ? formatGatewayDateTime(query.from, serverTimeZone) : undefined,
    enddate: query.to ? formatGatewayDateTime(query.to, serverTimeZone) : undefined,
    sim: query.sim,
    customerid: query.customerId,
    phone: query.phone,
    onlycount: onlyCount ? 1 : undefined,
    orderbydesc: query.newestFirst ? 1 : undefined,
    timezone: query.timeZone,
  });
}

/** savecontact: both `tag_id` and `ctag_id` (docs disagree on the name), `fullname` when given. */
export function saveContactFields(input: { phone: string; tagId: number; name?: string }): FormFields {
  if (input.phone.trim() === '') throw new AppFailure('validation', 'Enter a phone number.', 'phone', undefined, 'refusals.enterPhone');
  const name = input.name?.trim();
  return fields({
    phone: input.phone,
    tag_id: input.tagId,
    ctag_id: input.tagId,
    fullname: name ? name : undefined,
  });
}

/** savepaket; `time_to_send` "0" means now. */
export function savePaketFields(input: NewsletterInput, serverTimeZone: string): FormFields {
  return fields({
    title: input.title,
    device_id: input.deviceId,
    body: input.body,
    tags: joinTagIds(input.tagIds),
    sim: input.sim ?? 0,
    time_to_send: input.sendAt ? formatPaketDateTime(input.sendAt, serverTimeZone) : '0',
  });
}
