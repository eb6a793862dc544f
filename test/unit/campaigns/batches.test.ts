import { describe, expect, it } from 'vitest';
import { chunkItems } from '../../../electron/main/campaigns/batches';
import { planPacing } from '../../../electron/main/campaigns/pacing';
import { allocateRange, customerIdAt, CUSTOMER_ID_REGION_START } from '../../../electron/main/campaigns/customer-ids';

const now = Date.UTC(2026, 5, 1, 10, 0);
const recipients = Array.from({ length: 120 }, (_, i) => ({ phone: `+55119876${String(i).padStart(5, '0')}`, body: `Olá ${i}` }));

describe('chunkItems', () => {
  it('turns a plan into requests that carry every recipient once, each chunk under its own customerid', () => {
    const phones = [
      { deviceId: 7, sim: 0 as const, health: 'good' as const, sendDelaySeconds: 5 },
      { deviceId: 9, sim: 1 as const, health: 'good' as const, sendDelaySeconds: 5 },
    ];
    const plan = planPacing({ recipients: recipients.length, phones, start: now, zone: 'UTC' });
    const { range } = allocateRange(CUSTOMER_ID_REGION_START, plan.chunks.length);
    const requests = plan.chunks.map((chunk, k) =>
      chunkItems({ chunk, phone: phones[chunk.phone]!, recipients, customerId: customerIdAt(range, k), now }),
    );
    const sent = requests.flat();
    expect(sent.map((item) => item.sendTo).sort()).toEqual(recipients.map((r) => r.phone).sort());
    for (const [k, items] of requests.entries()) {
      expect(new Set(items.map((item) => item.customerId))).toEqual(new Set([range.first + k]));
      expect(items.length).toBeLessThanOrEqual(50);
    }
    expect(new Set(sent.map((item) => item.deviceId))).toEqual(new Set([7, 9]));
    const body = sent.find((item) => item.sendTo === recipients[42]!.phone)!.body;
    expect(body).toBe('Olá 42');
  });

  it('staggers timetosend inside a chunk and leaves it out for a time already due', () => {
    const chunk = { phone: 0, firstRecipient: 10, count: 3, sendAt: now, spacingMs: 5000 };
    const items = chunkItems({ chunk, phone: { deviceId: 7, sim: 0 }, recipients, customerId: 1_000_000_123, now });
    expect(items.map((item) => [item.sendTo, item.sendAt?.getTime()])).toEqual([
      [recipients[10]!.phone, undefined],
      [recipients[11]!.phone, now + 5000],
      [recipients[12]!.phone, now + 10_000],
    ]);
    expect(items.every((item) => item.customerId === 1_000_000_123 && item.sim === 0)).toBe(true);
  });

  it('refuses a chunk the recipient list cannot fill (the list changed since the plan)', () => {
    const chunk = { phone: 0, firstRecipient: 110, count: 50, sendAt: now, spacingMs: 5000 };
    expect(() => chunkItems({ chunk, phone: { deviceId: 7, sim: 0 }, recipients, customerId: 1_000_000_123, now })).toThrow(RangeError);
  });
});
