import { z } from 'zod';
import type { SimSlot } from '../../../shared/domain';
import {
  FieldProblem,
  nullAs,
  orNull,
  readBool,
  readCollection,
  readId,
  readInt,
  readNumber,
  readPhpDate,
  readSimSlot,
  readText,
  readTrimmedText,
  rowReader,
} from './fields';
import type { FieldReader, RowReadOf } from './fields';

// zod schemas for the gateway's replies. The loose field types (numeric strings, "null" strings, `true|null`
// flags, id-keyed objects that come back as `[]` when empty) are read by ./fields.ts; here they are wrapped
// as zod schemas and put together per endpoint. Shapes are checked; unknown extra fields are ignored.

function issue(ctx: z.RefinementCtx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** A field reader as one zod transform (no unions or pipes: cheap, and the same rules as the reader). */
function fromReader<T>(read: FieldReader<T>) {
  return z.transform((value: unknown, ctx): T => {
    const result = read(value);
    return result instanceof FieldProblem ? issue(ctx, result.message) : result;
  });
}

/** An integer as a number or a numeric string (surrounding spaces allowed). */
export const intLike = fromReader(readInt);

/** An id: a safe positive integer, as a number or a numeric string. */
export const idLike = fromReader(readId);

/** Any finite number as a number or a numeric string (surrounding spaces allowed). */
export const numberLike = fromReader(readNumber);

/** Text; a bare number is accepted and turned into its decimal text. */
export const text = fromReader(readText);

/** Text with surrounding whitespace removed (phone numbers "may carry spaces"). */
export const trimmedText = fromReader(readTrimmedText);

/** true/false, 1/0, "1"/"0", "true"/"false"; null and "" mean false (`urgent` is `true` or `null`). */
export const boolLike = fromReader(readBool);

/** `schema`, or null for a missing field, null, "null" or "". */
export function nullable<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (value === undefined || value === null || value === 'null' || value === '' ? null : value),
    schema.nullable(),
  );
}

/** A PHP DateTime object → Instant {iso (UTC), zone}. */
export const phpDate = fromReader(readPhpDate);

/** An id-keyed object `{ "<id>": row }`, `[]` when empty (or null), or a plain array → the rows, unchecked. */
export const collection = fromReader(readCollection);

/** The `error` field every reply carries (0 on success); numbers, numeric strings and booleans seen. */
export const errorFlag = z.union([z.number(), z.string(), z.boolean()]).transform((value) => {
  if (typeof value === 'boolean') return value ? 1 : 0;
  const n = Number(typeof value === 'string' ? value.trim() : value);
  return Number.isNaN(n) ? 1 : n;
});

export const failureReply = z.object({ error: errorFlag, message: nullable(text) });

// ---- per endpoint ----

export const tokenReply = z.object({ token: z.string().trim().min(1) });
export const addSmsReply = z.object({ sms_id: idLike });
export const countReply = z.object({ count: intLike });
export const messagesReply = z.object({ count: nullable(intLike).optional(), smss: collection.optional() });

/**
 * One getallsms `smss` row. A plain reader, not a zod schema: this is the shape that comes 50,000 at a time,
 * and a zod field per column cost ~6 µs a row (plus the garbage) where this costs ~1 µs, dates included.
 */
export const readMessageRow = rowReader({
  id: readId,
  sendto: readText,
  body: nullAs(readText, ''),
  customerid: orNull(readInt),
  status: readInt,
  statustitle: orNull(readText),
  deviceid: readInt,
  sim: nullAs<SimSlot, SimSlot>(readSimSlot, 0),
  urgent: nullAs(readBool, false),
  created: readPhpDate,
  senttime: orNull(readPhpDate),
  timetosend: orNull(readPhpDate),
  paketid: orNull(readInt),
  pakettitle: orNull(readText),
  paketbody: orNull(readText),
});
export type MessageRow = RowReadOf<typeof readMessageRow>;

/** A reader that never fails: a value it cannot read is null. */
const orUnreadable =
  <T>(read: (value: unknown) => T | FieldProblem) =>
  (value: unknown): T | null => {
    const result = read(value);
    return result instanceof FieldProblem ? null : result;
  };

/**
 * The same row with only what an incoming reply needs (its number and text) required: dates, id and phone id
 * may be missing or unreadable (null). For the opt-out check, which must not skip a STOP for its odd date.
 */
export const readUndatedMessageRow = rowReader({
  id: orUnreadable(readId),
  sendto: readText,
  body: nullAs(readText, ''),
  customerid: orUnreadable(readInt),
  status: readInt,
  statustitle: orUnreadable(readText),
  deviceid: orUnreadable(readInt),
  sim: orUnreadable(readSimSlot),
  urgent: orUnreadable(readBool),
  created: orUnreadable(readPhpDate),
  senttime: orUnreadable(readPhpDate),
  timetosend: orUnreadable(readPhpDate),
  paketid: orUnreadable(readInt),
  pakettitle: orUnreadable(readText),
  paketbody: orUnreadable(readText),
});

export const smsStatusReply = z.object({
  sms_id: idLike,
  status: intLike,
  status_description: nullable(text),
});

export const deviceStatusReply = z.object({
  device_id: idLike,
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
  id: idLike,
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

export const tagReply = z.object({ tag_id: idLike });
export const contactReply = z.object({ contact_id: idLike });
export const paketReply = z.object({ paket_id: idLike });
