import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPreflight } from '../../../electron/main/preflight';
import { COUNTRIES, VARIANTS } from './preflight-golden.cases';
import { fullReport, generatedExpectation, messyCsv } from './preflight-report';

// The preflight answers exactly as it did before its hot path was reworked for speed (issue 22): every
// fixture's whole report (counts, file facts, statuses, reasons, line numbers, numbers, names, cells, the
// preview) against the golden files written by the earlier code (preflight-golden.write.ts), and a generated
// 10k-row file of messy numbers, read in several countries and with several options, against the earlier
// code's counts and the digest of its rows. Counts and facts added later by other features do not count.
const fixtures = join(import.meta.dirname, '../../fixtures');
const goldens = join(fixtures, 'preflight-golden');

describe('the preflight answers as before (golden reports)', () => {
  for (const file of readdirSync(goldens).sort()) {
    const [dir, name] = file.replace(/\.json$/, '').split('--') as [string, string];
    it(`${dir}/${name}`, async () => {
      const golden = JSON.parse(readFileSync(join(goldens, file), 'utf8')) as Record<string, unknown>;
      for (const country of COUNTRIES) {
        expect(await fullReport(runPreflight, { path: join(fixtures, dir, name) }, { country }), country).toMatchObject(golden[country]!);
      }
    });
  }

  // From preflight-golden.write.ts, run on the earlier code: messyCsv(10_000) in Windows-1252, per variant.
  const expected: Record<string, { counts: Record<string, number>; digest: string }> = {
    BR: {
      counts: {
        rows: 9948,
        ready: 3615,
        landlines: 140,
        valid: 3755,
        invalid: 2767,
        duplicates: 915,
        inTag: 0,
        optedOut: 0,
        noConsent: 2511,
        noConsentLandlines: 88,
        otherNumbers: 2684,
        corrected: 0,
        short: 28,
        undecodable: 0,
      },
      digest: '3a2f745bde79d16534b22e44d9d748ebcbbcee0f46567f898872f1e8c1741499',
    },
    'BR in a tag, with opt-outs, short preview': {
      counts: {
        rows: 9948,
        ready: 3608,
        landlines: 140,
        valid: 3748,
        invalid: 2767,
        duplicates: 915,
        inTag: 2,
        optedOut: 6,
        noConsent: 2510,
        noConsentLandlines: 88,
        otherNumbers: 2684,
        corrected: 0,
        short: 28,
        undecodable: 0,
      },
      digest: '061e93a08da88a5b14fc87b3927bc86c9c1969b160fa3de317ab99f7c0774773',
    },
    'BR both phone columns, name chosen, no consent column': {
      counts: {
        rows: 9948,
        ready: 6038,
        landlines: 228,
        valid: 6266,
        invalid: 2767,
        duplicates: 915,
        inTag: 0,
        optedOut: 0,
        noConsent: 0,
        noConsentLandlines: 0,
        otherNumbers: 2684,
        corrected: 0,
        short: 28,
        undecodable: 0,
      },
      digest: 'ed4631c6c3bd6d45a53bb15959ae19e57e776cebf06f6fb1b8e4df75b7634bdf',
    },
    'BR no header': {
      counts: {
        rows: 9949,
        ready: 6038,
        landlines: 228,
        valid: 6266,
        invalid: 2768,
        duplicates: 915,
        inTag: 0,
        optedOut: 0,
        noConsent: 0,
        noConsentLandlines: 0,
        otherNumbers: 2684,
        corrected: 0,
        short: 28,
        undecodable: 0,
      },
      digest: 'cf04da7eae03b167fa23ba455c5ec5ca36b9d793e89493a4b2ed8d12274995c6',
    },
    PT: {
      counts: {
        rows: 9948,
        ready: 1653,
        landlines: 53,
        valid: 1706,
        invalid: 6807,
        duplicates: 263,
        inTag: 0,
        optedOut: 0,
        noConsent: 1172,
        noConsentLandlines: 33,
        otherNumbers: 74,
        corrected: 0,
        short: 15,
        undecodable: 0,
      },
      digest: '6d8855b1fe7cf425bb9f3e2651510ee75a90d81e6e911a1f8caa588152858739',
    },
    US: {
      counts: {
        rows: 9948,
        ready: 1732,
        landlines: 49,
        valid: 1781,
        invalid: 6671,
        duplicates: 264,
        inTag: 0,
        optedOut: 0,
        noConsent: 1232,
        noConsentLandlines: 31,
        otherNumbers: 219,
        corrected: 0,
        short: 16,
        undecodable: 0,
      },
      digest: '43e9da11fe56165c23630463f10dd48a45c76d42b25fb355285b8ab7e776a6e5',
    },
    DE: {
      counts: {
        rows: 9948,
        ready: 1934,
        landlines: 2011,
        valid: 3945,
        invalid: 2584,
        duplicates: 814,
        inTag: 0,
        optedOut: 0,
        noConsent: 2605,
        noConsentLandlines: 1281,
        otherNumbers: 2700,
        corrected: 0,
        short: 34,
        undecodable: 0,
      },
      digest: '3a0f822749bd931a991faf83002be0e248808bdbabe133513f43c987332c68c4',
    },
  };
  const bytes = Buffer.from(messyCsv(10_000), 'latin1');
  for (const [label, options] of Object.entries(VARIANTS)) {
    it(`10k rows of messy numbers: ${label}`, async () => {
      const { counts, digest } = generatedExpectation(await fullReport(runPreflight, { bytes }, options));
      expect(counts).toMatchObject(expected[label]!.counts);
      expect(digest).toBe(expected[label]!.digest);
    });
  }
});
