import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { imageRefusal } from '../../../electron/main/sending/singles';
import { takeCustomerIds } from '../../../electron/main/campaigns/store';
import { addSuppressed, suppressionLookup } from '../../../electron/main/optouts/store';
import { migrate } from '../../../electron/main/db';

const fresh = () => {
  const db = new Database(':memory:');
  migrate(db);
  return db;
};

describe('the customerid cursor', () => {
  it('hands out consecutive, non-overlapping ranges that survive across calls', () => {
    const db = fresh();
    const a = takeCustomerIds(db, 200, () => 0.5);
    const b = takeCustomerIds(db, 1);
    expect(a.count).toBe(200);
    expect(b.first).toBe(a.first + 200);
  });
});

describe('the suppression list', () => {
  it('matches a number however the gateway writes it, and ignores repeats', () => {
    const db = fresh();
    expect(
      addSuppressed(
        db,
        [
          { phone: '+5511987650000', source: 'reply', keyword: 'sair' },
          { phone: '+5511987650000', source: 'manual' },
        ],
        0,
      ),
    ).toBe(1);
    const lookup = suppressionLookup(db);
    expect(lookup.has('5511987650000')).toBe(true);
    expect(lookup.has('+55 11 98765-0000')).toBe(true);
    expect(lookup.has('+5511987650001')).toBe(false);
  });
});

describe('images on single sends', () => {
  it('go only on the WhatsApp slots, with the reason otherwise', () => {
    expect(imageRefusal(2)).toBeNull();
    expect(imageRefusal(3)).toBeNull();
    expect(imageRefusal(0)).toMatch(/SMS cannot carry an image/);
    expect(imageRefusal(1)).toMatch(/SMS/);
    expect(imageRefusal(4)).toMatch(/RCS/);
  });
});
