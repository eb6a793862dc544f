import { z } from 'zod';
import type { SimSlot } from '../../../shared/domain';
import { phpDateToInstant } from './time';

// zod schemas for the gateway's replies. The gateway is loosely typed (see the API doc), so the primitives
// here accept every documented variant and normalise it: numeric strings, "null" strings, `true|null` flags,
// id-keyed objects that come back as `[]` when empty. Shapes are checked; unknown extra fields are ignored.

function issue(ctx: z.RefinementCtx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** An integer as a number or a numeric string (surrounding spaces allowed). */
export const intLike = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!/^-?\d+$/.test(text)) return issue(ctx, 'expected an integer');
  return Number(text);
});

/** Any finite number as a number or a numeric string (surrounding spaces allowed). */
export const numberLike = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const n = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value.trim());
  if (!Number.isFinite(n)) return issue(ctx, 'expected a number');
  return n;
});

/** Text; a bare number is accepted and turned into its decimal text. */
export const text = z.union([z.string(), z.number()]).transform((value) => String(value));

/** Text with surrounding whitespace removed (phone numbers "may carry spaces"). */
export const trimmedText = text.transform((value) => value.trim());

/** true/false, 1/0, "1"/"0", "true"/"false"; null and "" mean false (`urgent` is `true` or `null`). */
export const boolLike = z.union([z.boolean(), z.number(), z.string(), z.null()]).transform((value, ctx) => {
  if (value === null || value === '' || value === false || value === 0 || value === '0' || value === 'false') return false;
  if (value === true || value === 1 || value === '1' || value === 'true') return true;
  return issue(ctx, 'expected a boolean');
});

/** `schema`, or null for a missing field, null, "null" or "". */
export function nullable<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (value === undefined || value === null || value === 'null' || value === '' ? null : value),
    schema.nullable(),
  );
}

export const simSlot = intLike.refine((n) => n >= 0 && n <= 5, 'unknown sim slot').transform((n) => n as SimSlot);

/** A PHP DateTime object → Instant {iso (UTC), zone}. */
export const phpDate = z
  .object({ date: z.string(), timezone_type: intLike.optional(), timezone: z.string() })
  .transform((value, ctx) => {
    const instant = phpDateToInstant({ date: value.date, timezone: value.timezone });
    return instant ?? issue(ctx, 'unreadable date or time zone');
  });

/** An id-keyed object `{ "<id>": row }`, `[]` when empty (or null), or a plain array → the rows, unchecked. */
export const collection = z
  .union([z.array(z.unknown()), z.record(z.string(), z.unknown()), z.null()])
  .transform((value) => (value === null ? [] : Array.isArray(value) ? value : Object.values(value)));

/** The `error` field every reply carries (0 on success); numbers, numeric strings and booleans seen. */
export const errorFlag = z.union([z.number(), z.string(), z.boolean()]).transform((value) => {
  if (typeof value === 'boolean') return value ? 1 : 0;
  const n = Number(typeof value === 'string' ? value.trim() : value);
  return Number.isNaN(n) ? 1 : n;
});

export const failureReply = z.object({ error: errorFlag, message: nullable(text) });

// ---- per endpoint ----

export const tokenReply = z.object({ token: z.string().trim().min(1) });
export const addSmsReply = z.object({ sms_id: intLike });
export const countReply = z.object({ count: intLike });
export const messagesReply = z.object({ count: nullable(intLike).optional(), smss: collection.optional() });

export const messageRow = z.object({
  id: intLike,
  sendto: text,
  body: nullable(text).transform((value) => value ?? ''),
  customerid: nullable(intLike),
  status: intLike,
  statustitle: nullable(text),
  deviceid: intLike,
  sim: nullable(simSlot).transform((value) => value ?? 0),
  urgent: boolLike.optional().transform((value) => value ?? false),
  created: phpDate,
  senttime: nullable(phpDate),
  timetosend: nullable(phpDate),
  paketid: nullable(intLike),
  pakettitle: nullable(text),
  paketbody: nullable(text),
});
export type MessageRow = z.output<typeof messageRow>;

export const smsStatusReply = z.object({
  sms_id: intLike,
  status: intLike,
  status_description: nullable(text),
});

export const deviceStatusReply = z.object({
  device_id: intLike,
  online: boolLike,
  lastseen: nullable(phpDate),
  diffseconds: nullable(numberLike),
  title: nullable(text),
});

export const simInfoRow = z.object({
  Slot: intLike,
  IccId: nullable(trimmedText),
  Number: nullable(trimmedText),
  Roaming: boolLike.optional().transform((value) => value ?? false),
  CountryIso: nullable(trimmedText),
  CarrierName: nullable(trimmedText),
});

export const deviceRow = z.object({
  id: intLike,
  title: nullable(text),
  number: nullable(trimmedText),
  imei: nullable(trimmedText),
  serialnumber: nullable(trimmedText),
  created: nullable(phpDate),
  lastseen: nullable(phpDate),
  siminfo: collection.optional(),
  appversion: nullable(trimmedText),
  isappversionactual: boolLike.optional().transform((value) => value ?? false),
  delaybetweeneachsms: nullable(numberLike),
  delaybetweenrequest: numberLike,
  subscription: boolLike.optional().transform((value) => value ?? false),
});
export type DeviceRow = z.output<typeof deviceRow>;

export const devicesReply = z.object({ device: collection.optional() });

export const tagReply = z.object({ tag_id: intLike });
export const contactReply = z.object({ contact_id: intLike });
export const paketReply = z.object({ paket_id: intLike });
