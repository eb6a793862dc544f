import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE, runCli } from '../../../electron/cli';
import { captureIo } from '../../fixtures/cli';

// `relay import FILE --country BR --dry-run --json` on the exports people have: the same guesses and rules as
// the window (landlines and refused consent left out unless asked for), sending nothing and signing in nowhere.

const dataDir = mkdtempSync(join(tmpdir(), 'relay-import-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const source = (name: string): string => join(import.meta.dirname, '../../fixtures/sources', name);

interface DryRun {
  rows: number;
  columns: { phone: string[]; name: string[]; consent: string | null };
  contacts: { line: number; name: string; phone: string; others?: string[] }[];
  leftOut: { landlines: { line: number }[]; noConsent: { line: number; name: string }[] };
  invalid: { line: number; code: string; reason: string }[];
}

async function dryRun(name: string, ...more: string[]): Promise<DryRun> {
  const io = captureIo();
  const code = await runCli(['import', source(name), '--country', 'BR', '--dry-run', '--json', '--data-dir', dataDir, ...more], io);
  expect(io.err()).toBe('');
  expect(code).toBe(EXIT_OK);
  return JSON.parse(io.out()) as DryRun;
}

describe('relay import --dry-run on exports', () => {
  it('Google Contacts: all 4 contacts with their whole names, the mobile of each', async () => {
    const doc = await dryRun('google-contacts.csv');
    expect(doc.columns).toEqual({
      phone: ['Phone 1 - Value', 'Phone 2 - Value'],
      name: ['First Name', 'Middle Name', 'Last Name'],
      consent: null,
    });
    expect(doc.contacts.map((c) => [c.name, c.phone])).toEqual([
      ['Ana Maria Souza', '+5511987654321'],
      ['Bruno Lima', '+5521998765432'],
      ['Carla Dias', '+5531991234567'],
      ['Diego', '+5511912345678'],
    ]);
  });

  it('Shopify: 3 contacts; the one who said no to SMS marketing is left out, and included when asked', async () => {
    const doc = await dryRun('shopify-customers.csv');
    expect(doc.contacts.map((c) => c.name)).toEqual(['Joana Prado', 'Marcos Reis', 'Rafael Costa']);
    expect(doc.leftOut.noConsent).toEqual([{ line: 4, name: 'Paula Neves', phone: '+5531991112222' }]);
    const all = await dryRun('shopify-customers.csv', '--include-no-consent');
    expect(all.leftOut.noConsent).toEqual([]);
  });

  it('Outlook: whole names; a landline-only contact is left out unless --include-landlines', async () => {
    const doc = await dryRun('outlook.csv');
    expect(doc.contacts.map((c) => c.name)).toEqual(['Fernanda Alves', 'Gustavo Henrique Martins', 'Heloísa Ramos']);
    expect(doc.leftOut.landlines.map((c) => c.line)).toEqual([5]);
    expect((await dryRun('outlook.csv', '--include-landlines')).contacts).toHaveLength(4);
  });

  it('--name-column "First Name+Last Name" makes the name of both', async () => {
    const doc = await dryRun('outlook.csv', '--name-column', 'First Name+Last Name');
    expect(doc.columns.name).toEqual(['First Name', 'Last Name']);
    expect(doc.contacts[1]!.name).toBe('Gustavo Martins');
  });

  it('--consent-column none: no row is left out for consent', async () => {
    const doc = await dryRun('shopify-customers.csv', '--consent-column', 'none');
    expect(doc.columns.consent).toBeNull();
    expect(doc.contacts).toHaveLength(4);
  });

  it('a number without its DDD says so', async () => {
    const doc = await dryRun('planilha-pt.csv');
    expect(doc.invalid).toEqual([{ line: 3, code: 'missing-area-code', reason: expect.stringContaining('has no area code') }]);
  });

  it('a country libphonenumber does not know is a usage error, said plainly', async () => {
    const io = captureIo();
    expect(await runCli(['import', source('outlook.csv'), '--country', 'XX', '--dry-run', '--data-dir', dataDir], io)).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/--country XX is not a country code: use two letters such as BR, PT or US/);
  });
});
