import type { CountryCode } from 'libphonenumber-js';
import { SIM_CHANNEL, type SimSlot } from '../../../shared/domain';
import { AppFailure, refusal } from '../../../shared/errors';
import type { SingleSendView } from '../../../shared/ipc';
import { createPhoneReader } from '../preflight';
import type { Db } from '../db';
import { GatewayError } from '../gateway';
import type { GatewayClient, SendSmsInput } from '../gateway/types';
import { unfilledPlaceholders, takeCustomerIds } from '../campaigns';
import { suppressionLookup } from '../optouts';

// Single sends (addsms). A single send is never retried: each number gets its own customerid, written before the
// request leaves, so a lost reply is settled by reading it back.

export type SingleImage = NonNullable<SendSmsInput['image']>;

export interface SingleSendInput {
  to: string[];
  body: string;
  deviceId: number;
  sim: SimSlot;
  sendAt: string | null;
  urgent: boolean;
  image: SingleImage | null;
  test: boolean;
  country: string;
}

/** Why an image cannot go on this channel, or null when it can (WhatsApp slots 2 and 3 only). */
export function imageRefusal(sim: SimSlot): string | null {
  const channel = SIM_CHANNEL[sim];
  if (channel === 'whatsapp' || channel === 'whatsapp-business') return null;
  return channel === 'sms'
    ? 'An SMS cannot carry an image: choose a WhatsApp channel (WhatsApp Business or WhatsApp) to send it.'
    : 'Images go only over WhatsApp (WhatsApp Business or WhatsApp), not RCS.';
}

export async function sendSingle(
  db: Db,
  client: GatewayClient,
  input: SingleSendInput,
  now: () => number = Date.now,
): Promise<SingleSendView[]> {
  if (input.image) {
    const refusal = imageRefusal(input.sim);
    if (refusal) throw new AppFailure('validation', refusal, 'imageId', undefined, 'refusals.imageOnlyWhatsApp');
  }
  if (input.body.trim() === '' && !input.image)
    throw new AppFailure('validation', 'Write a message (or attach an image on WhatsApp).', 'body', undefined, 'refusals.writeAMessage');
  // addsms fills in nothing: a {nome} would reach the customer as written.
  const unfilled = unfilledPlaceholders(input.body);
  if (unfilled.length > 0) {
    throw refusal(
      'singlePlaceholder',
      `A single message fills in nothing: the customer would read "${unfilled[0]!}" as written. Nothing was sent. Write the words themselves (the customer's name, for example), or send a campaign, which fills it in for each person.`,
      { placeholder: unfilled[0]! },
      { field: 'body' },
    );
  }
  const read = createPhoneReader(input.country as CountryCode);
  const optedOut = suppressionLookup(db);
  const insert = db.prepare(
    `INSERT INTO single_sends (sendto, body, device_id, sim, urgent, test, image, send_at, customer_id, state, reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare('UPDATE single_sends SET state = ?, sms_id = ?, reason = ?, status = ? WHERE id = ?');
  const ids: number[] = [];
  const seen = new Set<string>();
  for (const raw of input.to) {
    const reading = read(raw);
    const phone = reading.ok ? reading.phone : raw.trim();
    if (seen.has(phone)) continue; // the same number twice in one send is one message
    seen.add(phone);
    const common = [
      input.body,
      input.deviceId,
      input.sim,
      input.urgent ? 1 : 0,
      input.test ? 1 : 0,
      input.image?.fileName ?? null,
      input.sendAt,
    ] as const;
    if (!reading.ok) {
      ids.push(Number(insert.run(phone, ...common, null, 'invalid', reading.text, now()).lastInsertRowid));
      continue;
    }
    if (optedOut.has(phone)) {
      ids.push(
        Number(
          insert.run(phone, ...common, null, 'suppressed', 'This number opted out (it is on the suppression list).', now()).lastInsertRowid,
        ),
      );
      continue;
    }
    // On WhatsApp an image replaces the body (the gateway sends its URL instead): the text goes as its own
    // message right before the image, same phone and slot. Each part has its own customerid and row.
    const parts = splitImageAndText(input.body, input.image);
    let previous: SingleSendView['state'] | null = null;
    for (const part of parts) {
      const partCommon = [
        part.body,
        input.deviceId,
        input.sim,
        input.urgent ? 1 : 0,
        input.test ? 1 : 0,
        part.image?.fileName ?? null,
        input.sendAt,
      ] as const;
      if (previous !== null && previous !== 'queued') {
        // The text did not surely go: the image is held rather than sent without its words.
        ids.push(Number(insert.run(phone, ...partCommon, null, 'refused', IMAGE_HELD, now()).lastInsertRowid));
        continue;
      }
      const { id, state } = await sendPart(db, client, { phone, input, part, partCommon, insert, update, now });
      ids.push(id);
      previous = state;
    }
  }
  return ids.map((id) => singleView(db, id));
}

const IMAGE_HELD =
  'Not sent: its text did not go (see the message above), and the image would have reached them without it. Check Messages, then send it again.';

/** The messages one send makes: the text, then the image on its own (WhatsApp replaces a body by the image). */
export function splitImageAndText(body: string, image: SingleImage | null): { body: string; image: SingleImage | null }[] {
  if (!image) return [{ body, image: null }];
  if (body.trim() === '') return [{ body: '', image }];
  return [
    { body, image: null },
    { body: '', image },
  ];
}

type Statement = { run(...values: unknown[]): { lastInsertRowid: number | bigint } };

/** One addsms, journaled: its row and customerid committed before it leaves, a lost reply read back, never resent. */
async function sendPart(
  db: Db,
  client: GatewayClient,
  p: {
    phone: string;
    input: SingleSendInput;
    part: { body: string; image: SingleImage | null };
    partCommon: readonly unknown[];
    insert: Statement;
    update: Statement;
    now: () => number;
  },
): Promise<{ id: number; state: SingleSendView['state'] }> {
  const { phone, input, part, insert, update, now } = p;
  const { id, customerId } = db
    .transaction(() => {
      const range = takeCustomerIds(db, 1);
      return {
        id: Number(insert.run(phone, ...p.partCommon, range.first, 'sending', null, now()).lastInsertRowid),
        customerId: range.first,
      };
    })
    .immediate();
  const request: SendSmsInput = { sendTo: phone, deviceId: input.deviceId, sim: input.sim, customerId, urgent: input.urgent };
  if (part.body.trim() !== '') request.body = part.body;
  if (input.sendAt) request.sendAt = new Date(input.sendAt);
  if (part.image) request.image = part.image;
  try {
    const { smsId } = await client.addSms(request);
    update.run('queued', smsId, null, 1, id);
    return { id, state: 'queued' };
  } catch (error) {
    if (error instanceof GatewayError && error.kind === 'unknown-outcome') {
      const found = await client.getAllSms({ customerId }).catch(() => null);
      const message = found?.find((m) => m.customerId === customerId) ?? null;
      if (message) {
        update.run('queued', message.id, null, message.status, id);
        return { id, state: 'queued' };
      }
      update.run(
        'unknown',
        null,
        found === null
          ? 'The reply was lost and the gateway could not be asked: check the history before sending again.'
          : 'The reply was lost and the gateway does not list this message (yet): check the history before sending again.',
        null,
        id,
      );
      return { id, state: 'unknown' };
    }
    if (
      error instanceof GatewayError &&
      (error.kind === 'refused' || error.kind === 'network' || error.kind === 'timeout' || error.kind === 'cancelled')
    ) {
      update.run('refused', null, error.message, null, id);
      return { id, state: 'refused' };
    }
    update.run('unknown', null, error instanceof Error ? error.message : String(error), null, id);
    return { id, state: 'unknown' };
  }
}

/** A single send not found by its customerid this long after it was recorded is unknown for the user. */
export const SINGLE_GRACE_MS = 10 * 60_000;

/**
 * Re-reads single sends whose outcome is not known ('sending' left by a crash, or 'unknown' not found at first)
 * by their customerid, at most `max` per call, the oldest read longest ago first. Found → queued with its sms_id;
 * still absent once the grace has passed → unknown for the user, and no longer read. Never resent.
 * Returns the ids whose row changed.
 */
export async function settleSingles(
  db: Db,
  client: GatewayClient,
  now: number,
  options: { max: number; graceMs?: number },
): Promise<{ changed: number[]; reads: number }> {
  const grace = options.graceMs ?? SINGLE_GRACE_MS;
  const rows = db
    .prepare(
      `SELECT id, customer_id AS customerId, state, created_at AS createdAt FROM single_sends
       WHERE customer_id IS NOT NULL AND (state = 'sending' OR (state = 'unknown' AND status IS NULL AND created_at >= ?))
       ORDER BY id LIMIT ?`,
    )
    .all(now - grace, Math.max(0, options.max)) as { id: number; customerId: number; state: string; createdAt: number }[];
  const changed: number[] = [];
  let reads = 0;
  for (const row of rows) {
    reads += 1;
    const found = await client.getAllSms({ customerId: row.customerId }).catch(() => null);
    if (found === null) continue; // the gateway could not be asked: next round
    const message = found.find((m) => m.customerId === row.customerId);
    if (message) {
      db.prepare("UPDATE single_sends SET state = 'queued', sms_id = ?, status = ?, reason = NULL WHERE id = ?").run(
        message.id,
        message.status,
        row.id,
      );
      changed.push(row.id);
    } else if (now - row.createdAt >= grace) {
      // status -1 marks "given up reading": only the user decides whether to send it again.
      db.prepare("UPDATE single_sends SET state = 'unknown', status = -1, reason = ? WHERE id = ?").run(
        `The gateway has not listed this message ${Math.round(grace / 60_000)} minutes after it was sent: it may not have arrived. Check the history before sending it again.`,
        row.id,
      );
      changed.push(row.id);
    }
  }
  return { changed, reads };
}

interface SingleRow {
  id: number;
  sendto: string;
  body: string;
  device_id: number;
  sim: SimSlot;
  urgent: number;
  test: number;
  image: string | null;
  send_at: string | null;
  customer_id: number | null;
  sms_id: number | null;
  state: SingleSendView['state'] | 'sending';
  reason: string | null;
  status: number | null;
  created_at: number;
}

function toView(r: SingleRow): SingleSendView {
  return {
    id: r.id,
    to: r.sendto,
    body: r.body,
    deviceId: r.device_id,
    sim: r.sim,
    urgent: r.urgent === 1,
    test: r.test === 1,
    image: r.image,
    sendAt: r.send_at,
    customerId: r.customer_id,
    smsId: r.sms_id,
    // 'sending' left behind by a crash: its outcome is unknown until read back.
    state: r.state === 'sending' ? 'unknown' : r.state,
    reason: r.reason,
    status: r.status === -1 ? null : r.status,
    createdAt: r.created_at,
  };
}

export function singleView(db: Db, id: number): SingleSendView {
  return toView(db.prepare('SELECT * FROM single_sends WHERE id = ?').get(id) as SingleRow);
}

export function singleViews(db: Db, limit: number): SingleSendView[] {
  return (db.prepare('SELECT * FROM single_sends ORDER BY id DESC LIMIT ?').all(limit) as SingleRow[]).map(toView);
}

/** Of these customer ids, the ones the app's single sends (replies included) carry. */
export function singleSendCustomerIds(db: Db, customerIds: readonly number[]): Set<number> {
  if (customerIds.length === 0) return new Set();
  return new Set(
    db
      .prepare('SELECT customer_id FROM single_sends WHERE customer_id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify(customerIds)) as number[],
  );
}

/** Of these customerids, the ones a test send carried (the history marks those messages "Test"). */
export function testSendCustomerIds(db: Db, customerIds: readonly number[]): Set<number> {
  if (customerIds.length === 0) return new Set();
  const rows = db
    .prepare('SELECT customer_id FROM single_sends WHERE test = 1 AND customer_id IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(JSON.stringify(customerIds)) as number[];
  return new Set(rows);
}
