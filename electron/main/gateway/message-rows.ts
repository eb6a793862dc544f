import { MESSAGE_STATUS } from '../../../shared/domain';
import type { Instant, Message, MessageStatusCode, SimSlot } from '../../../shared/domain';
import { FieldProblem, readPhpDate } from './fields';
import { lastFastEpochMs, phpDateToInstantFast } from './time';

// The getallsms row as the gateway writes it, read straight into a Message: a sync reads a million of them on
// the thread that answers the window. Each field is taken only in its everyday JSON form (numbers as numbers,
// null for nothing, dates as PHP writes them), checked with typeof alone, with no row object, result object or
// date regex in between. A row with any other form — a numeric string, "null", an unknown status, an odd
// date — is not read here (null) but by the lenient readMessageRow + toMessage, so every row gets exactly the
// Message (or the rejection) it always did: test/unit/gateway/message-rows.test.ts compares the two.

/** "Absent" for the readers' nullAs/orNull: a missing field, null, "null" or "". */
const isAbsent = (value: unknown): boolean => value === undefined || value === null || value === 'null' || value === '';

/** readInt's answer for a JSON number, or NaN (the lenient path decides). */
const intOf = (value: unknown): number =>
  typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 1e21 ? value + 0 : Number.NaN;

/** orNull(readText) for the forms JSON gives most: text, or undefined when not text nor absent. */
function textOrNull(value: unknown): string | null | undefined {
  if (typeof value === 'string') return value === '' || value === 'null' ? null : value;
  return value === undefined || value === null ? null : undefined;
}

/** Whether dateOf's last answer came from phpDateToInstantFast (whose lastFastEpochMs is then its instant). */
let lastDateWasFast = false;

/** readPhpDate, through phpDateToInstantFast when the date is in PHP's own form; null when unreadable. */
function dateOf(value: unknown): Instant | null {
  lastDateWasFast = false;
  if (typeof value === 'object' && value !== null) {
    const { date, timezone, timezone_type: type } = value as Record<string, unknown>;
    if (typeof date === 'string' && typeof timezone === 'string' && (type === 3 || type === 1 || type === 2 || type == null)) {
      const fast = phpDateToInstantFast(date, timezone, type === 2);
      if (fast !== undefined) {
        lastDateWasFast = true;
        return fast;
      }
    }
  }
  const read = readPhpDate(value);
  return read instanceof FieldProblem ? null : read;
}

/** orNull(readPhpDate): null when absent, undefined when unreadable. */
function dateOrNull(value: unknown): Instant | null | undefined {
  return isAbsent(value) ? null : (dateOf(value) ?? undefined);
}

/**
 * toMessage(readMessageRow(value).row) for a row in the gateway's everyday form, with its `created` instant in
 * ms pushed onto `createdMs`; null (and nothing pushed) for any other row, which the lenient path reads.
 */
export function fastMessage(value: unknown, createdMs: number[]): Message | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const row = value as Record<string, unknown>;
  const id = row.id;
  if (typeof id !== 'number' || !(id > 0) || !Number.isSafeInteger(id)) return null;
  const sendTo = row.sendto;
  if (typeof sendTo !== 'string') return null;
  const rawBody = row.body;
  const body = typeof rawBody === 'string' ? (rawBody === 'null' ? '' : rawBody) : rawBody === undefined || rawBody === null ? '' : null;
  if (body === null) return null;
  const rawCustomer = row.customerid;
  const customerId = rawCustomer === undefined || rawCustomer === null ? null : intOf(rawCustomer);
  if (Number.isNaN(customerId)) return null;
  const status = intOf(row.status);
  // An unknown status is logged by toMessage: that row goes the lenient way.
  if (!Object.hasOwn(MESSAGE_STATUS, status)) return null;
  const statusTitle = textOrNull(row.statustitle);
  if (statusTitle === undefined) return null;
  const deviceId = intOf(row.deviceid);
  if (Number.isNaN(deviceId)) return null;
  const rawSim = row.sim;
  const sim = rawSim === undefined || rawSim === null ? 0 : intOf(rawSim);
  if (!(sim >= 0 && sim <= 5)) return null;
  const rawUrgent = row.urgent;
  const urgent =
    rawUrgent === undefined || rawUrgent === null || rawUrgent === false || rawUrgent === 0
      ? false
      : rawUrgent === true || rawUrgent === 1
        ? true
        : null;
  if (urgent === null) return null;
  const created = dateOf(row.created);
  if (created === null) return null;
  // The instant as orderMessages reads it back from its ISO text (the same ms: that text is exact).
  const createdAt = lastDateWasFast ? lastFastEpochMs() : Date.parse(created.iso);
  const sentAt = dateOrNull(row.senttime);
  if (sentAt === undefined) return null;
  const sendAt = dateOrNull(row.timetosend);
  if (sendAt === undefined) return null;
  const rawPaket = row.paketid;
  const paketId = rawPaket === undefined || rawPaket === null ? null : intOf(rawPaket);
  if (Number.isNaN(paketId)) return null;
  let newsletter: Message['newsletter'] = null;
  if (paketId) {
    const title = textOrNull(row.pakettitle);
    const paketBody = textOrNull(row.paketbody);
    if (title === undefined || paketBody === undefined) return null;
    newsletter = { id: paketId, title, body: paketBody };
  } else if (textOrNull(row.pakettitle) === undefined || textOrNull(row.paketbody) === undefined) {
    return null;
  }
  createdMs.push(createdAt);
  // The property order of toMessage's literal: the objects are the same down to their JSON text.
  return {
    id,
    sendTo,
    body,
    customerId,
    status: status as MessageStatusCode,
    statusTitle: statusTitle ?? '',
    deviceId,
    sim: sim as SimSlot,
    urgent,
    created,
    sentAt,
    sendAt,
    newsletter,
  };
}
