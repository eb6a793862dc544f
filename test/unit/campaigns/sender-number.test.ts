import { describe, expect, it } from 'vitest';
import { senderE164 } from '../../../electron/main/optouts/sender-number';
import { addSuppressed, suppressionLookup } from '../../../electron/main/optouts/store';
import { openMemoryDatabase } from '../../../electron/main/db';

// A reply's number as gateways and phones write it, read to the E.164 the contacts and campaigns use.

describe('senderE164', () => {
  it.each([
    ['+5511987654321', 'BR', '+5511987654321'],
    ['+55 11 98765-4321', 'BR', '+5511987654321'],
    ['5511987654321', 'BR', '+5511987654321'], // country code without "+"
    ['5511987654321', null, '+5511987654321'], // … read by its own code when the country is not known
    ['11987654321', 'BR', '+5511987654321'], // national
    ['(11) 98765-4321', 'BR', '+5511987654321'],
    ['011987654321', 'BR', '+5511987654321'], // the trunk 0
    ['0055 11 98765 4321', null, '+5511987654321'],
    ['  +5511987654321 ', null, '+5511987654321'],
  ])('%j (%s) → %s', (raw, country, e164) => {
    expect(senderE164(raw, country)).toBe(e164);
  });

  it('keeps what it cannot read as written (a short code, a name)', () => {
    expect(senderE164('28282', 'BR')).toBe('28282');
    expect(senderE164('VIVO', 'BR')).toBe('VIVO');
  });

  it('never reads a national number as another country’s ("11987654321" is not +1 198…)', () => {
    expect(senderE164('11987654321', 'BR')).not.toMatch(/^\+1/);
  });
});

describe('the opt-out list matches numbers kept as written nationally', () => {
  it('an entry "11987654321" or "011987654321" (read before its country was known) keeps +55 11 98765-4321 out, and only it', () => {
    const db = openMemoryDatabase();
    addSuppressed(
      db,
      [
        { phone: '11987654321', source: 'reply', keyword: 'sair' },
        { phone: '021999887766', source: 'reply', keyword: 'parar' },
      ],
      0,
    );
    const lookup = suppressionLookup(db);
    expect(lookup.has('+5511987654321')).toBe(true);
    expect(lookup.has('+5521999887766')).toBe(true);
    expect(lookup.has('+5511987654322')).toBe(false);
    expect(lookup.has('+5511887654321')).toBe(false);
    db.close();
  });
});
