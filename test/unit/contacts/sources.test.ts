import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { preflightSummary, type PreflightOptions } from '../../../electron/main/preflight';
import { consentHeader, consentValue, nameHeaderRole, phoneHeaderScore } from '../../../electron/main/preflight/words';

// Exports as the programs small businesses use write them (fixtures written from each format's public
// description): the phone columns are found by what their cells hold, the name from First / Middle / Last,
// several numbers per row give the mobile first and the others in the report, and a consent column that says
// no leaves the row out with its own count.

const source = (name: string): string => join(import.meta.dirname, '../../fixtures/sources', name);

async function dryRun(name: string, options: Partial<PreflightOptions> = {}) {
  const outcome = await preflightSummary({ path: source(name) }, { country: 'BR', ...options });
  if (!outcome.ok) throw new Error(`${name}: ${outcome.problem.message}`);
  const header = outcome.file.header ?? [];
  const { phones, names, consent } = outcome.file.mapping;
  return {
    ...outcome,
    phones: phones.map((c) => header[c]),
    names: names.map((c) => header[c]),
    consent: consent ? { column: header[consent.column], refusesWhen: consent.refusesWhen } : null,
  };
}

describe('exports of contact programs and shops', () => {
  it('Google Contacts: "Phone 1 - Value", not its label; First + Middle + Last; " ::: " cells give the mobile and report the other', async () => {
    const r = await dryRun('google-contacts.csv');
    expect(r.phones).toEqual(['Phone 1 - Value', 'Phone 2 - Value']);
    expect(r.names).toEqual(['First Name', 'Middle Name', 'Last Name']);
    expect(r.summary.contacts).toEqual([
      { line: 2, name: 'Ana Maria Souza', phone: '+5511987654321' },
      // The landline is first in the file; the mobile under "Phone 2" is the one imported.
      { line: 4, name: 'Bruno Lima', phone: '+5521998765432', others: ['+551133334444'] },
      { line: 5, name: 'Carla Dias', phone: '+5531991234567', others: ['+553132221100'] },
      { line: 6, name: 'Diego', phone: '+5511912345678' },
    ]);
    expect(r.counts.otherNumbers).toBe(2);
  });

  it('Google Contacts (older export): the whole "Name" column, "Phone 1 - Type" is not a number', async () => {
    const r = await dryRun('google-legacy.csv');
    expect(r.phones).toEqual(['Phone 1 - Value', 'Phone 2 - Value']);
    expect(r.names).toEqual(['Name']);
    expect(r.summary.contacts.map((c) => [c.name, c.phone])).toEqual([
      ['Helena Costa', '+5511976543210'],
      ['Igor Nunes', '+5548999123456'],
    ]);
  });

  it('Shopify: "Phone" and "Default Address Phone" with their leading apostrophe; "Accepts SMS Marketing" = no leaves the row out', async () => {
    const r = await dryRun('shopify-customers.csv');
    expect(r.phones).toEqual(['Phone', 'Default Address Phone']);
    expect(r.consent).toEqual({ column: 'Accepts SMS Marketing', refusesWhen: 'no' });
    expect(r.summary.contacts).toEqual([
      { line: 2, name: 'Joana Prado', phone: '+5511987651234' },
      { line: 3, name: 'Marcos Reis', phone: '+5521988887777' },
      { line: 5, name: 'Rafael Costa', phone: '+5541999990000', others: ['+554133334444'] },
    ]);
    expect(r.counts).toMatchObject({ rows: 4, valid: 3, noConsent: 1, invalid: 0 });
    expect(r.summary.withoutConsent).toEqual([{ line: 4, name: 'Paula Neves', phone: '+5531991112222' }]);
  });

  it('Shopify: the user may say the file has no consent column, and every row counts', async () => {
    const r = await dryRun('shopify-customers.csv', { consentColumn: null });
    expect(r.consent).toBeNull();
    expect(r.counts).toMatchObject({ valid: 4, noConsent: 0 });
  });

  it('Outlook: names from First / Middle / Last; the mobile before home and business phones; a fax is never a number to text', async () => {
    const r = await dryRun('outlook.csv');
    expect(r.phones[0]).toBe('Mobile Phone');
    expect(r.phones).not.toContain('Home Fax');
    expect(r.names).toEqual(['First Name', 'Middle Name', 'Last Name']);
    expect(r.summary.contacts.map((c) => [c.name, c.phone, c.others ?? []])).toEqual([
      ['Fernanda Alves', '+5511981112222', ['+551130304040']],
      ['Gustavo Henrique Martins', '+5521977771111', ['+552122223333']],
      ['Heloísa Ramos', '+5531994445555', ['+553135556666']],
      ['Ivo Souza', '+554132227777', []], // only a business landline: counted as one
    ]);
    expect(r.counts.landlines).toBe(1);
  });

  it('Mailchimp: First + Last Name, "Phone Number"; opt-in times and IPs are not consent flags', async () => {
    const r = await dryRun('mailchimp-audience.csv');
    expect(r.phones).toEqual(['Phone Number']);
    expect(r.names).toEqual(['First Name', 'Last Name']);
    expect(r.consent).toBeNull();
    expect(r.summary.contacts.map((c) => c.name)).toEqual(['Lúcia Barros', 'Mateus', 'Nina Prates']);
  });

  it('HubSpot: mobile, WhatsApp and phone columns; "Marketing contact status" is not a name', async () => {
    const r = await dryRun('hubspot-contacts.csv');
    expect(r.phones.sort()).toEqual(['Mobile Phone Number', 'Phone Number', 'WhatsApp Phone Number']);
    expect(r.names).toEqual(['First Name', 'Last Name']);
    expect(r.summary.contacts).toEqual([
      { line: 2, name: 'Olga Pires', phone: '+5511988881000', others: ['+551132221000'] },
      { line: 3, name: 'Paulo Queiroz', phone: '+5562997772000' },
      { line: 4, name: 'Quésia Rocha', phone: '+5551996663000' },
    ]);
  });

  it('WooCommerce: billing_phone and first_name + last_name', async () => {
    const r = await dryRun('woocommerce-customers.csv');
    expect(r.phones).toEqual(['billing_phone']);
    expect(r.names).toEqual(['first_name', 'last_name']);
    expect(r.summary.contacts.map((c) => c.phone)).toEqual(['+5581987650001', '+5584987650002', '+5592987650003']);
  });

  it('RD Station: "Celular" before "Telefone", the whole "Nome", a consent column in Portuguese', async () => {
    const r = await dryRun('rdstation-leads.csv');
    expect(r.phones).toEqual(['Celular', 'Telefone']);
    expect(r.names).toEqual(['Nome']);
    expect(r.consent).toEqual({ column: 'Consentimento de comunicação', refusesWhen: 'no' });
    expect(r.summary.contacts.map((c) => [c.line, c.name, c.phone])).toEqual([
      [2, 'Úrsula Vieira', '+5511991110001'],
      [4, 'Wagner Zanetti', '+554131110003'], // consent left empty: not a refusal
    ]);
    expect(r.summary.withoutConsent.map((c) => c.line)).toEqual([3]);
  });

  it('a sheet typed in Excel (Windows-1252, ";"): Nome + Sobrenome, "Aceita receber WhatsApp?", a number without its DDD named as such', async () => {
    const r = await dryRun('planilha-pt.csv');
    expect(r.names).toEqual(['Nome', 'Sobrenome']);
    expect(r.consent).toEqual({ column: 'Aceita receber WhatsApp?', refusesWhen: 'no' });
    expect(r.summary.contacts).toEqual([
      { line: 2, name: 'Aline Moraes', phone: '+5511987651111' },
      { line: 5, name: 'Davi Esteves', phone: '+5519987654444', others: ['+551932325555'] },
    ]);
    expect(r.summary.invalid).toEqual([
      { line: 3, code: 'missing-area-code', reason: expect.stringMatching(/"98765-2222" has no area code/) },
    ]);
    expect(r.summary.withoutConsent).toEqual([{ line: 4, name: 'Cíntia Duarte', phone: '+5519987653333' }]);
  });

  it('several name columns can be chosen, by name joined with "+" or as indexes', async () => {
    const byName = await dryRun('outlook.csv', { nameColumn: 'First Name+Last Name' });
    expect(byName.names).toEqual(['First Name', 'Last Name']);
    expect(byName.file.mappingSource.name).toBe('chosen');
    expect(byName.summary.contacts[1]!.name).toBe('Gustavo Martins');
    const byIndex = await dryRun('google-contacts.csv', { nameColumn: [2, 0] });
    expect(byIndex.summary.contacts[0]!.name).toBe('Souza Ana');
    const none = await dryRun('google-contacts.csv', { nameColumn: null });
    expect(none.summary.contacts[0]!.name).toBe('');
  });
});

describe('header words', () => {
  it.each([
    ['Accepts SMS Marketing', 'grants'],
    ['SMS opt-in', 'grants'],
    ['Aceita receber WhatsApp?', 'grants'],
    ['Acepta WhatsApp', 'grants'],
    ['SMS opt-out', 'refuses'],
    ['Unsubscribed from SMS', 'refuses'],
    ['Não aceita SMS', 'refuses'],
    ['Accepts Email Marketing', null],
    ['OPTIN_TIME', null],
    ['Marketing contact status', null],
    ['Mobile Phone', null],
  ])('%s → %s', (header, kind) => expect(consentHeader(header)).toBe(kind));

  it('consent cells: yes / no in three languages; anything else is not a refusal', () => {
    expect(['yes', 'Sim', 'sí', 'TRUE', '1', 'x'].map(consentValue)).toEqual([true, true, true, true, true, true]);
    expect(['no', 'Não', 'nao', 'FALSE', '0', 'unsubscribed'].map(consentValue)).toEqual([false, false, false, false, false, false]);
    expect(['', 'talvez', '2024-01-01'].map(consentValue)).toEqual([null, null, null]);
  });

  it('labels, faxes and consent flags are not phone columns; names are told from what merely mentions one', () => {
    expect(['Phone 1 - Label', 'Home Fax', 'Accepts SMS Marketing', 'Phone 1 - Type'].map(phoneHeaderScore)).toEqual([0, 0, 0, 0]);
    expect(phoneHeaderScore('Mobile Phone')).toBeGreaterThan(phoneHeaderScore('Home Phone'));
    expect(['Phonetic First Name', 'Name Prefix', 'Nickname', 'File As', 'Contact owner', 'E-mail Address'].map(nameHeaderRole)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(nameHeaderRole('Given Name')?.role).toBe('first');
    expect(nameHeaderRole('Sobrenome')?.role).toBe('last');
    expect(nameHeaderRole('Apellidos')?.role).toBe('last');
    expect(nameHeaderRole('billing_first_name')?.role).toBe('first');
    expect(nameHeaderRole('Nome completo')).toEqual({ role: 'full', score: 4 });
  });
});
