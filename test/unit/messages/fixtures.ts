import type { Message } from '../../../shared/domain';

// Known messages for the mirror's tests: each test states the rows it relies on.

export const T0 = Date.UTC(2024, 5, 10, 8, 0, 0); // Monday 10 June 2024, 08:00 UTC

export function message(
  id: number,
  fields: Partial<Omit<Message, 'created'>> & { createdMs?: number; sentMs?: number | null } = {},
): Message {
  const createdMs = fields.createdMs ?? T0 + id * 60_000;
  const sentMs = fields.sentMs === undefined ? null : fields.sentMs;
  return {
    id,
    sendTo: fields.sendTo ?? `+44770090${String(id).padStart(4, '0')}`,
    body: fields.body ?? `Message ${id}`,
    customerId: fields.customerId ?? null,
    status: fields.status ?? 7,
    statusTitle: fields.statusTitle ?? 'delivered',
    deviceId: fields.deviceId ?? 1,
    sim: fields.sim ?? 0,
    urgent: fields.urgent ?? false,
    created: { iso: new Date(createdMs).toISOString(), zone: 'Europe/Paris' },
    sentAt: sentMs === null ? null : { iso: new Date(sentMs).toISOString(), zone: 'Europe/Paris' },
    sendAt: fields.sendAt ?? null,
    newsletter: fields.newsletter ?? null,
  };
}
