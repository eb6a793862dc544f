import { describe, expect, it } from 'vitest';
import { RECONCILE_GRACE_MS, decideChunk } from '../../../electron/main/campaigns/reconcile';
import { phoneKey } from '../../../electron/main/lib/phone-key';

const sentAt = Date.UTC(2026, 2, 10, 12, 0, 0);
const recipients = ['+5511987650001', '+5511987650002', '+5511987650003'];
const found = (...numbers: string[]) => numbers.map((sendTo) => ({ sendTo }));

describe('decideChunk', () => {
  it('is done when every recipient is there, even written with spaces or without "+"', () => {
    const decision = decideChunk({ recipients, sentAt }, found('+55 11 98765 0001', '5511987650002', '+5511987650003'), sentAt + 1000);
    expect(decision).toEqual({ kind: 'done', surplus: [] });
  });

  it('waits and reads again while none are there within the grace period', () => {
    const decision = decideChunk({ recipients, sentAt }, [], sentAt + 5_000, { recheckMs: 15_000 });
    expect(decision).toEqual({ kind: 'wait', recheckAt: sentAt + 20_000, found: 0 });
  });

  it('never schedules a re-read past the end of the grace period', () => {
    const decision = decideChunk({ recipients, sentAt }, [], sentAt + RECONCILE_GRACE_MS - 1_000, { recheckMs: 15_000 });
    expect(decision).toMatchObject({ kind: 'wait', recheckAt: sentAt + RECONCILE_GRACE_MS });
  });

  it('hands the whole chunk to the user when none are there after the grace period', () => {
    const decision = decideChunk({ recipients, sentAt }, [], sentAt + RECONCILE_GRACE_MS);
    expect(decision).toEqual({
      kind: 'attention',
      reason: 'none-found',
      missing: recipients.map((phone, index) => ({ index, phone })),
      surplus: [],
    });
  });

  it('names exactly the missing recipients when the chunk is partly there', () => {
    const decision = decideChunk({ recipients, sentAt }, found('+5511987650003', '+5511987650001'), sentAt + RECONCILE_GRACE_MS + 1);
    expect(decision).toEqual({
      kind: 'attention',
      reason: 'partly-found',
      missing: [{ index: 1, phone: '+5511987650002' }],
      surplus: [],
    });
  });

  it('waits out the grace period before calling a chunk partly there (the insert may be under way)', () => {
    const decision = decideChunk({ recipients, sentAt }, found('+5511987650001'), sentAt + 1_000);
    expect(decision).toMatchObject({ kind: 'wait', found: 1 });
  });

  it('matches a number that appears twice in the chunk only against two messages', () => {
    const twice = { recipients: ['+351912345678', '+351912345678', '+351918888888'], sentAt };
    const late = sentAt + RECONCILE_GRACE_MS;
    expect(decideChunk(twice, found('+351 912 345 678', '+351918888888'), late)).toEqual({
      kind: 'attention',
      reason: 'partly-found',
      missing: [{ index: 1, phone: '+351912345678' }],
      surplus: [],
    });
    expect(decideChunk(twice, found('+351912345678', '+351912345678', '+351918888888'), late)).toEqual({
      kind: 'done',
      surplus: [],
    });
  });

  it('reports messages found more often than sent (a duplicate already happened)', () => {
    const decision = decideChunk({ recipients, sentAt }, found(...recipients, '+5511987650002'), sentAt);
    expect(decision).toEqual({ kind: 'done', surplus: ['+5511987650002'] });
  });

  it('does not count messages to other numbers under the same id as ours', () => {
    const decision = decideChunk({ recipients, sentAt }, found('+4915752982212'), sentAt + RECONCILE_GRACE_MS);
    expect(decision).toMatchObject({ kind: 'attention', reason: 'none-found', surplus: ['+4915752982212'] });
  });
});

describe('phoneKey', () => {
  it('reads +, 00 and bare international forms as the same number', () => {
    expect(phoneKey('+55 (11) 98765-0001')).toBe('5511987650001');
    expect(phoneKey('005511987650001')).toBe('5511987650001');
    expect(phoneKey('5511987650001')).toBe('5511987650001');
  });
});
