import type { z } from 'zod';
import { MESSAGE_STATUS } from '../../../shared/domain';
import type { Device, DeviceStatus, Message, MessageStatusCode, SimInfo } from '../../../shared/domain';
import { deviceRow, messageRow, simInfoRow } from './schemas';
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
export function parseRows<S extends z.ZodType>(
  rows: readonly unknown[],
  schema: S,
): { rows: z.output<S>[]; rejected: RowProblem[] } {
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
    seconds = reply.lastseen
      ? Math.max(0, Math.round((nowMs - Date.parse(reply.lastseen.iso)) / 1000))
      : Number.MAX_SAFE_INTEGER;
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

/** getallsms `smss` rows (already flattened from the id-keyed object) → messages, plus the rows rejected. */
export function messagesFromRows(
  raw: readonly unknown[],
  onUnknownStatus?: UnknownStatusHandler,
): { messages: Message[]; rejected: RowProblem[] } {
  const { rows, rejected } = parseRows(raw, messageRow);
  return { messages: rows.map((row) => toMessage(row, onUnknownStatus)), rejected };
}

/** getalldevices `device` rows → devices; a device whose sim entries are odd keeps the readable ones. */
export function devicesFromRows(raw: readonly unknown[]): {
  devices: Device[];
  rejected: RowProblem[];
  rejectedSims: { deviceId: number; count: number }[];
} {
  const { rows, rejected } = parseRows(raw, deviceRow);
  const rejectedSims: { deviceId: number; count: number }[] = [];
  const devices = rows.map((row) => {
    const sims = parseRows(row.siminfo ?? [], simInfoRow);
    if (sims.rejected.length > 0) rejectedSims.push({ deviceId: row.id, count: sims.rejected.length });
    return toDevice(row, sims.rows.map(toSimInfo));
  });
  return { devices, rejected, rejectedSims };
}
