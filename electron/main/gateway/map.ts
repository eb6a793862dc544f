import type { z } from 'zod';
import { MESSAGE_STATUS } from '../../../shared/domain';
import type { Device, DeviceStatus, Instant, Message, MessageStatusCode, SimInfo } from '../../../shared/domain';
import type { RowFieldProblem, RowOf, RowResult, RowShape } from './fields';
import { fastMessage } from './message-rows';
import { deviceRow, readMessageRow, readUndatedMessageRow, simInfoRow } from './schemas';
import type { DeviceRow, MessageRow, deviceStatusReply } from './schemas';

// Parsed reply rows → domain types (shared/domain.ts).

/**
 * Status codes outside the documented table are shown as 2 "taken" (pending, not final): the conservative
 * reading. Calling it delivered would hide a failure; calling it failed could make the user send it again.
 * The gateway's own title is kept, and the caller logs the unknown code.
 */
export const UNKNOWN_STATUS_FALLBACK: MessageStatusCode = 2;

export function knownStatus(code: number): MessageStatusCode | null {
  return Object.hasOwn(MESSAGE_STATUS, code) ? (code as MessageStatusCode) : null;
}

export interface RowProblem {
  index: number;
  id?: unknown;
  problem: string;
}

/**
 * Checks each row on its own, so one odd row does not hide the others; the caller logs the rejected ones
 * (and treats "every row rejected" as a bad reply).
 */
export function parseRows<S extends z.ZodType>(rows: readonly unknown[], schema: S): { rows: z.output<S>[]; rejected: RowProblem[] } {
  const ok: z.output<S>[] = [];
  const rejected: RowProblem[] = [];
  rows.forEach((row, index) => {
    const result = schema.safeParse(row);
    if (result.success) {
      ok.push(result.data);
    } else {
      const id = typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : undefined;
      rejected.push({ index, id, problem: describeIssues(result.error) });
    }
  });
  return { rows: ok, rejected };
}

/** parseRows for a plain row reader (./fields.ts): same result, without zod's per-row overhead. */
export function readRows<S extends RowShape>(
  rows: readonly unknown[],
  read: (value: unknown) => RowResult<S>,
): { rows: RowOf<S>[]; rejected: RowProblem[] } {
  const ok: RowOf<S>[] = [];
  const rejected: RowProblem[] = [];
  rows.forEach((row, index) => {
    const result = read(row);
    if (result.ok) ok.push(result.row);
    else rejected.push(rowProblem(row, index, result.problems));
  });
  return { rows: ok, rejected };
}

function rowProblem(row: unknown, index: number, problems: readonly RowFieldProblem[]): RowProblem {
  const id = typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : undefined;
  const problem = problems
    .slice(0, 5)
    .map((p) => `${p.field || '(root)'}: ${p.message}`)
    .join('; ');
  return { index, id, problem };
}

/**
 * Keeps the first row of each id. An id-keyed object cannot repeat a key, but the rows' own ids can repeat
 * (and a reply may come as an array): a device listed twice used to raise its offline notification twice.
 */
export function dropDuplicateIds<T extends { id: number }>(rows: readonly T[]): { rows: T[]; duplicateIds: number[] } {
  const seen = new Set<number>();
  const kept: T[] = [];
  const duplicateIds: number[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) duplicateIds.push(row.id);
    else {
      seen.add(row.id);
      kept.push(row);
    }
  }
  return { rows: kept, duplicateIds };
}

/** Field paths and zod's wording, never the values (which could be anything, including secrets). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

export function toMessage(row: MessageRow, onUnknownStatus?: (code: number, id: number) => void): Message {
  let status = knownStatus(row.status);
  if (status === null) {
    onUnknownStatus?.(row.status, row.id);
    status = UNKNOWN_STATUS_FALLBACK;
  }
  return {
    id: row.id,
    sendTo: row.sendto,
    body: row.body,
    customerId: row.customerid,
    status,
    statusTitle: row.statustitle ?? '',
    deviceId: row.deviceid,
    sim: row.sim,
    urgent: row.urgent,
    created: row.created,
    sentAt: row.senttime,
    sendAt: row.timetosend,
    // A paketid of 0 / null means the message is not part of a newsletter.
    newsletter: row.paketid ? { id: row.paketid, title: row.pakettitle, body: row.paketbody } : null,
  };
}

export function toSimInfo(row: z.output<typeof simInfoRow>): SimInfo {
  return {
    slot: row.Slot,
    iccId: row.IccId,
    number: row.Number,
    roaming: row.Roaming,
    countryIso: row.CountryIso,
    carrier: row.CarrierName,
  };
}

export function toDevice(row: DeviceRow, sims: SimInfo[]): Device {
  return {
    id: row.id,
    title: row.title ?? '',
    number: row.number,
    imei: row.imei,
    serialNumber: row.serialnumber,
    created: row.created,
    lastSeen: row.lastseen,
    sims,
    appVersion: row.appversion,
    appVersionCurrent: row.isappversionactual,
    sendDelaySeconds: row.delaybetweeneachsms,
    pollIntervalSeconds: row.delaybetweenrequest,
    subscription: row.subscription,
  };
}

/**
 * getdevicestatus → DeviceStatus. When the gateway leaves out `diffseconds`, it is worked out from
 * `lastseen` and `nowMs`; a phone never seen gets Number.MAX_SAFE_INTEGER (JSON-safe, unlike Infinity).
 */
export function toDeviceStatus(reply: z.output<typeof deviceStatusReply>, nowMs: number): DeviceStatus {
  let seconds = reply.diffseconds;
  if (seconds === null) {
    seconds = reply.lastseen ? Math.max(0, Math.round((nowMs - Date.parse(reply.lastseen.iso)) / 1000)) : Number.MAX_SAFE_INTEGER;
  }
  return {
    deviceId: reply.device_id,
    title: reply.title ?? '',
    online: reply.online,
    lastSeen: reply.lastseen,
    secondsSinceSeen: seconds,
  };
}

export type UnknownStatusHandler = (code: number, id: number) => void;

/**
 * getallsms `smss` rows (already flattened from the id-keyed object) → messages in creation order (see
 * orderByCreated), plus the rows rejected. Rows in the gateway's everyday form are read straight into
 * messages (./message-rows.ts); any other row as readMessageRow + toMessage read it, in the same turn.
 */
export function messagesFromRows(
  raw: readonly unknown[],
  options: { newestFirst?: boolean | undefined; onUnknownStatus?: UnknownStatusHandler; undatedAt?: number } = {},
): { messages: Message[]; rejected: RowProblem[]; duplicateIds: number[] } {
  // Messages, and rows read leniently (made messages after the duplicates go, as toMessage logs).
  let read: (Message | MessageRow)[] = [];
  // Each one's `created` in ms; NaN for a lenient row.
  let createdMs: number[] = [];
  let rejected: RowProblem[] = [];
  raw.forEach((row, index) => {
    const message = fastMessage(row, createdMs);
    if (message) {
      read.push(message);
      return;
    }
    const result = readMessageRow(row);
    if (result.ok) {
      read.push(result.row);
      createdMs.push(Number.NaN);
    } else {
      rejected.push(rowProblem(row, index, result.problems));
    }
  });
  if (options.undatedAt !== undefined && rejected.length > 0) {
    // Rows with an odd date, id or phone id are kept with what they have (see MessageQuery.keepUndated).
    const kept = keptUndated(raw, rejected, options.undatedAt);
    for (const row of kept.rows) {
      read.push(row);
      createdMs.push(Number.NaN);
    }
    rejected = kept.rejected;
  }
  const duplicateIds: number[] = [];
  if (!idsAscending(read)) {
    // dropDuplicateIds, keeping createdMs alongside.
    const seen = new Set<number>();
    const keptRead: (Message | MessageRow)[] = [];
    const keptMs: number[] = [];
    read.forEach((entry, i) => {
      if (seen.has(entry.id)) duplicateIds.push(entry.id);
      else {
        seen.add(entry.id);
        keptRead.push(entry);
        keptMs.push(createdMs[i]!);
      }
    });
    read = keptRead;
    createdMs = keptMs;
  }
  const messages = read.map((entry, i) => {
    if (!Number.isNaN(createdMs[i])) return entry as Message;
    const message = toMessage(entry as MessageRow, options.onUnknownStatus);
    createdMs[i] = Date.parse(message.created.iso);
    return message;
  });
  return { messages: orderByCreated(messages, createdMs, options.newestFirst ?? false), rejected, duplicateIds };
}

/** True when every id is above the one before: no id repeats (the rows of an id-keyed object come so). */
function idsAscending(rows: readonly { id: number }[]): boolean {
  for (let i = 1; i < rows.length; i++) if (!(rows[i]!.id > rows[i - 1]!.id)) return false;
  return true;
}

/** Rejected rows read again leniently: only the number, text and status must be there. Ids made up are negative. */
export function keptUndated(raw: readonly unknown[], rejected: RowProblem[], at: number): { rows: MessageRow[]; rejected: RowProblem[] } {
  const rows: MessageRow[] = [];
  const still: RowProblem[] = [];
  const now: Instant = { iso: new Date(at).toISOString(), zone: 'UTC' };
  for (const problem of rejected) {
    const result = readUndatedMessageRow(raw[problem.index]);
    if (!result.ok) {
      still.push(problem);
      continue;
    }
    const r = result.row;
    rows.push({
      ...r,
      id: r.id ?? -(problem.index + 1),
      deviceid: r.deviceid ?? 0,
      sim: r.sim ?? 0,
      urgent: r.urgent ?? false,
      created: r.created ?? now,
    });
  }
  return { rows, rejected: still };
}

/**
 * Messages by `created` instant (`createdMs`, each one's Date.parse(created.iso)), newest first or oldest
 * first; equal instants by id in the same direction. The order has to be restored here: `smss` is an object
 * keyed by id and JSON.parse lists integer-like keys in ascending order, whatever order the gateway wrote them
 * in. The ids are distinct, so the order is total and one answer whatever the sort: rows that already come
 * in it (ids and instants rise together in a sync's replies) are only checked, or reversed.
 */
function orderByCreated(messages: Message[], createdMs: readonly number[], newestFirst: boolean): Message[] {
  const compare = (a: number, b: number): number => createdMs[a]! - createdMs[b]! || messages[a]!.id - messages[b]!.id;
  let rising = true;
  let falling = true;
  for (let i = 1; i < messages.length && (rising || falling); i++) {
    const order = compare(i - 1, i);
    if (!(order < 0)) rising = false;
    if (!(order > 0)) falling = false;
  }
  if (newestFirst ? falling : rising) return messages;
  if (newestFirst ? rising : falling) return messages.reverse();
  const direction = newestFirst ? -1 : 1;
  return Array.from(messages.keys())
    .sort((a, b) => direction * compare(a, b))
    .map((i) => messages[i]!);
}

/** getalldevices `device` rows → devices; a device whose sim entries are odd keeps the readable ones. */
export function devicesFromRows(raw: readonly unknown[]): {
  devices: Device[];
  rejected: RowProblem[];
  rejectedSims: { deviceId: number; count: number }[];
  duplicateIds: number[];
} {
  const parsed = parseRows(raw, deviceRow);
  const { rejected } = parsed;
  const { rows, duplicateIds } = dropDuplicateIds(parsed.rows);
  const rejectedSims: { deviceId: number; count: number }[] = [];
  const devices = rows.map((row) => {
    const sims = parseRows(row.siminfo ?? [], simInfoRow);
    if (sims.rejected.length > 0) rejectedSims.push({ deviceId: row.id, count: sims.rejected.length });
    return toDevice(row, sims.rows.map(toSimInfo));
  });
  return { devices, rejected, rejectedSims, duplicateIds };
}
