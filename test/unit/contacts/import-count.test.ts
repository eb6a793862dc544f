import { describe, expect, it } from 'vitest';
import { importableCount } from '../../../shared/ipc/contacts';
import { isImportable } from '../../../electron/main/contacts/import-job';
import type { RowStatus } from '../../../shared/ipc/contacts';

// The Import button's number (and relay import's "N to import") is what the import job's plan will send: counted
// from the preflight's counts, it must agree with isImportable row by row, whatever the user included.

const rows: { status: RowStatus; landline?: true }[] = [
  { status: 'ready' },
  { status: 'ready' },
  { status: 'landline', landline: true },
  { status: 'no-consent' },
  { status: 'no-consent', landline: true },
  { status: 'no-consent', landline: true },
  { status: 'invalid' },
  { status: 'duplicate' },
];
const counts = { ready: 2, landlines: 1, noConsent: 3, noConsentLandlines: 2 };

describe('the number of contacts an import adds', () => {
  for (const includeLandlines of [false, true]) {
    for (const includeNoConsent of [false, true]) {
      it(`equals the rows the plan takes (landlines ${includeLandlines ? 'in' : 'out'}, no consent ${includeNoConsent ? 'in' : 'out'})`, () => {
        const planned = rows.filter((row) => isImportable(row, { includeLandlines, includeNoConsent })).length;
        expect(importableCount(counts, { includeLandlines, includeNoConsent })).toBe(planned);
      });
    }
  }

  it('leaves a no-consent landline out while landlines are (the count was 1 too many)', () => {
    expect(importableCount(counts, { includeLandlines: false, includeNoConsent: true })).toBe(3);
    expect(importableCount(counts, { includeLandlines: true, includeNoConsent: true })).toBe(6);
  });
});
