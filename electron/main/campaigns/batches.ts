import type { SimSlot } from '../../../shared/domain';
import type { BulkSmsItem } from '../gateway/types';
import type { PlannedChunk } from './pacing';

// One planned chunk → the items of its addalotofsms request: its recipients in order, each with the chunk's
// customerid (so the chunk can be found again) and its own staggered timetosend.

export interface RenderedRecipient {
  /** The number as normalised by the preflight (E.164). */
  phone: string;
  body: string;
}

export interface ChunkRequest {
  chunk: PlannedChunk;
  phone: { deviceId: number; sim: SimSlot };
  /** Every recipient of the campaign, in the order the plan handed them out. */
  recipients: readonly RenderedRecipient[];
  customerId: number;
  /** Epoch ms; a time already past is sent without timetosend (the phone takes it at once). */
  now: number;
}

export function chunkItems({ chunk, phone, recipients, customerId, now }: ChunkRequest): BulkSmsItem[] {
  const slice = recipients.slice(chunk.firstRecipient, chunk.firstRecipient + chunk.count);
  if (slice.length !== chunk.count) {
    throw new RangeError(
      `The plan's chunk needs recipients ${chunk.firstRecipient}–${chunk.firstRecipient + chunk.count - 1}; the list has ${recipients.length}.`,
    );
  }
  return slice.map((recipient, i) => {
    const at = chunk.sendAt + i * chunk.spacingMs;
    const item: BulkSmsItem = { sendTo: recipient.phone, body: recipient.body, deviceId: phone.deviceId, sim: phone.sim, customerId };
    if (at > now) item.sendAt = new Date(at);
    return item;
  });
}
