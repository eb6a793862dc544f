import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Db } from '../../../electron/main/db';
import type { GatewayClient } from '../../../electron/main/gateway/types';
import { createJobRunner, type JobRunner } from '../../../electron/main/jobs';
import { createManualClock } from '../../../electron/main/lib/clock';
import {
  fieldChoices,
  fieldKey,
  fieldValues,
  keptFields,
  MAX_FIELD_CHARS,
  resolveKeepFields,
} from '../../../electron/main/contacts/fields';
import { editContactFields, rememberTagFields, saveContactFields, tagFieldNames } from '../../../electron/main/contacts/field-store';
import { createImportKind, IMPORT_KIND, type ImportInput } from '../../../electron/main/contacts/import-job';
import { tagMembers } from '../../../electron/main/contacts/members';
import { preflightSummary, type PreflightPreview } from '../../../electron/main/preflight';
import { listContacts, removeContact, saveContact, saveTag, tagContacts, updateContact } from '../../../electron/main/contacts/registry';
import { fileDigest } from '../../../electron/main/contacts/source';
import { writeTagCsv } from '../../../electron/main/contacts/tag-export';

// The other columns of an import kept as contact fields: their placeholder names, which are offered and kept
// by default, how they are stored per contact (bounded), and how the import job and the tag export carry them.

const dbs: Db[] = [];
const runners: JobRunner[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop({ timeoutMs: 0 });
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const fresh = (): Db => {
  const db = openMemoryDatabase();
  dbs.push(db);
  return db;
};
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'relay-fields-'));
  dirs.push(dir);
  return dir;
};
const GOOGLE = join(import.meta.dirname, '../../fixtures/sources/google-contacts-fields.csv');

describe('a field’s placeholder name', () => {
  it('is the header in lower case, without accents, words joined by "_"', () => {
    expect(fieldKey('Cidade')).toBe('cidade');
    expect(fieldKey('Data de Nascimento')).toBe('data_de_nascimento');
    expect(fieldKey('  Nº do Pedido ')).toBe('no_do_pedido');
    expect(fieldKey('Address 1 - City')).toBe('address_1_city');
    expect(fieldKey('Órgão/Região')).toBe('orgao_regiao');
    expect(fieldKey('###')).toBe('');
  });

  it('is unique in a file and never {name} or {phone}, which every tag campaign already has', () => {
    const file = {
      columns: 6,
      header: ['Telefone', 'Nome', 'City', 'city ', 'Name', '#'],
      mapping: { phone: 0, name: 1, phones: [0], names: [1], consent: null },
    };
    const choices = fieldChoices(file, [{ cells: ['11987650001', 'Ana', 'Recife', 'x', 'Aninha', '7'] }]);
    expect(choices.map((c) => [c.column, c.header, c.key])).toEqual([
      [2, 'City', 'city'],
      [3, 'city', 'city_2'],
      [4, 'Name', 'name_2'],
      [5, '#', 'column_6'],
    ]);
  });
});

describe('the columns offered as fields', () => {
  it('are every column but the phones, the name parts and the consent; those with a value in the preview are kept by default', async () => {
    let preview: PreflightPreview | null = null;
    const outcome = await preflightSummary({ path: GOOGLE }, { country: 'BR' }, { onPreview: (p) => void (preview = p) });
    expect(outcome.ok).toBe(true);
    const choices = fieldChoices(preview!, preview!.rows);
    const byHeader = new Map(choices.map((c) => [c.header, c]));
    // Not offered: the name parts and the phone numbers.
    for (const taken of ['First Name', 'Last Name', 'Phone 1 - Value']) expect(byHeader.has(taken)).toBe(false);
    expect(byHeader.get('Address 1 - City')).toMatchObject({ key: 'address_1_city', sample: 'São Paulo', keep: true });
    expect(byHeader.get('Birthday')).toMatchObject({ key: 'birthday', sample: '1990-04-12', keep: true });
    // Empty in every row of the preview: offered, not ticked.
    expect(byHeader.get('Phonetic First Name')).toMatchObject({ keep: false, sample: '' });
    // An export's labels of other columns ("Mobile", "* myContacts"): offered, not ticked.
    expect(byHeader.get('Phone 1 - Label')).toMatchObject({ sample: 'Mobile', keep: false });
    expect(byHeader.get('Labels')).toMatchObject({ sample: '* myContacts', keep: false });
  });

  it('are chosen in the CLI by header (case and accents ignored), by number, all or none; an unknown name says which', () => {
    const file = {
      columns: 5,
      header: ['Nome', 'Celular', 'Cidade', 'Aniversário', 'Vazia'],
      mapping: { phone: 1, name: 0, phones: [1], names: [0], consent: null },
    };
    const choices = fieldChoices(file, [{ cells: ['Ana', '11987650001', 'Recife', '12/04', ''] }]);
    expect(resolveKeepFields('cidade, ANIVERSARIO', choices)).toEqual({ columns: [2, 3] });
    expect(resolveKeepFields('3', choices)).toEqual({ columns: [2] });
    expect(resolveKeepFields('all', choices)).toEqual({ columns: [2, 3] });
    expect(resolveKeepFields('none', choices)).toEqual({ columns: [] });
    expect(resolveKeepFields('Cidade,Estado', choices)).toEqual({ unknown: ['Estado'] });
  });

  it('keep a row’s values trimmed and bounded, empty cells left out', () => {
    const fields = keptFields(
      [
        { column: 2, header: 'Cidade', key: 'cidade', sample: '', keep: true },
        { column: 3, header: 'Obs', key: 'obs', sample: '', keep: true },
        { column: 4, header: 'Pedido', key: 'pedido', sample: '', keep: true },
      ],
      [2, 3, 4],
    );
    expect(fieldValues(['Ana', '1', '  Recife ', 'x'.repeat(2_000), ''], fields)).toEqual({
      cidade: 'Recife',
      obs: 'x'.repeat(MAX_FIELD_CHARS),
    });
    expect(fieldValues(['Ana', '1', ' ', '', ''], fields)).toBeNull();
  });
});

describe('fields in the registry', () => {
  it('are stored per contact, edited by hand, removed with the contact, and listed with the tag’s headers', () => {
    const db = fresh();
    saveTag(db, { id: 7, title: 'Clientes', createdHere: true }, 0);
    saveContact(db, { tagId: 7, phone: '+5511987650001', name: 'Ana', contactId: 1, jobId: null }, 1);
    saveContact(db, { tagId: 7, phone: '+5511987650002', name: 'Bia', contactId: 2, jobId: null }, 2);
    rememberTagFields(db, 7, [
      { key: 'cidade', header: 'Cidade' },
      { key: 'aniversario', header: 'Aniversário' },
    ]);
    rememberTagFields(db, 7, [
      { key: 'cidade', header: 'City' },
      { key: 'pedido', header: 'Pedido' },
    ]); // a later import
    expect(tagFieldNames(db, [7])).toEqual([
      { key: 'cidade', header: 'Cidade' },
      { key: 'aniversario', header: 'Aniversário' },
      { key: 'pedido', header: 'Pedido' },
    ]);
    saveContactFields(db, 7, '+5511987650001', { cidade: 'Recife', aniversario: '12/04' });

    // Edited on the Contacts screen: a field emptied goes, a new value stays, a key the tag has not is ignored.
    const edited = updateContact(db, 7, '+5511987650001', 'Ana Souza', { cidade: 'Olinda', aniversario: ' ', hacked: 'x' });
    expect(edited).toMatchObject({ name: 'Ana Souza', fields: { cidade: 'Olinda' } });
    editContactFields(db, 7, '+5511987650002', { pedido: 'A-17' });

    const list = listContacts(db, { tagId: 7, offset: 0, limit: 10 });
    expect(list.fields.map((f) => f.key)).toEqual(['cidade', 'aniversario', 'pedido']);
    expect(list.rows.map((r) => [r.name, r.fields ?? null])).toEqual([
      ['Ana Souza', { cidade: 'Olinda' }],
      ['Bia', { pedido: 'A-17' }],
    ]);
    // The campaign side asks for members with their fields, in the order they were added.
    expect([...tagMembers(db, 7)]).toEqual([
      { phone: '+5511987650001', name: 'Ana Souza', fields: { cidade: 'Olinda' } },
      { phone: '+5511987650002', name: 'Bia', fields: { pedido: 'A-17' } },
    ]);
    removeContact(db, 7, '+5511987650001');
    expect(db.prepare('SELECT COUNT(*) FROM contact_fields WHERE phone = ?').pluck().get('+5511987650001')).toBe(0);
  });

  it('refuses a value over the bound at the database too', () => {
    const db = fresh();
    saveTag(db, { id: 7, title: 'Clientes', createdHere: true }, 0);
    saveContact(db, { tagId: 7, phone: '+5511987650001', name: 'Ana', contactId: 1, jobId: null }, 1);
    expect(() => db.prepare('INSERT INTO contact_fields VALUES (7, ?, ?, ?)').run('+5511987650001', 'obs', 'x'.repeat(501))).toThrow(
      /CHECK/,
    );
    // Through the store it is cut, not refused.
    saveContactFields(db, 7, '+5511987650001', { obs: 'x'.repeat(600) });
    expect((db.prepare('SELECT value FROM contact_fields').pluck().get() as string).length).toBe(500);
  });

  it('go out in the tag’s CSV export under the headers they came with', async () => {
    const db = fresh();
    saveTag(db, { id: 7, title: 'Clientes', createdHere: true }, 0);
    saveContact(db, { tagId: 7, phone: '+5511987650001', name: 'Ana', contactId: 1, jobId: null }, 1);
    saveContact(db, { tagId: 7, phone: '+5511987650002', name: 'Bia', contactId: 2, jobId: null }, 2);
    rememberTagFields(db, 7, [{ key: 'cidade', header: 'Cidade' }]);
    saveContactFields(db, 7, '+5511987650001', { cidade: 'São Paulo' });
    const path = join(tempDir(), 'clientes.csv');
    expect(await writeTagCsv(path, tagContacts(db, 7), tagFieldNames(db, [7]))).toBe(2);
    expect(
      readFileSync(path, 'utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n'),
    ).toEqual(['Name,Phone,Opted out,Cidade', 'Ana,+5511987650001,no,São Paulo', 'Bia,+5511987650002,no,', '']);
  });
});

describe('the import job with kept fields', () => {
  it('stores the chosen columns of the rows it imports, and adds them to contacts the tag already had', async () => {
    const db = fresh();
    const sent: { phone: string; name?: string }[] = [];
    const client = {
      saveContact: (input: { phone: string; name?: string }) => {
        sent.push(input);
        return Promise.resolve({ contactId: 9_000 + sent.length });
      },
    } as unknown as GatewayClient;
    const runner = createJobRunner({ db, clock: createManualClock(0) });
    runners.push(runner);
    let time = 1_000;
    runner.register(createImportKind({ client: () => client, now: () => (time += 1_000) }));
    saveTag(db, { id: 500, title: 'Loja', createdHere: true }, 0);
    saveContact(db, { tagId: 500, phone: '+5511987650002', name: 'Bia', contactId: 1, jobId: null }, 0);

    const path = join(tempDir(), 'clientes.csv');
    writeFileSync(
      path,
      [
        'Nome;Celular;Cidade;Pedido;Obs',
        'Ana;(11) 98765-0001;Recife;A-1;vip',
        'Bia;(11) 98765-0002;Natal;;',
        'Sem número;abc;Lugar;A-3;',
        'Caio;(11) 98765-0003;;A-4;',
      ].join('\n'),
    );
    const { hash, size } = await fileDigest(path);
    const input: ImportInput = {
      file: { path, name: 'clientes.csv', size, hash },
      read: { country: 'BR', encoding: 'utf-8', delimiter: ';', header: true, phoneColumn: 1, nameColumn: 0 },
      tag: { id: 500, title: 'Loja' },
      includeLandlines: false,
      fields: [
        { column: 2, key: 'cidade', header: 'Cidade' },
        { column: 3, key: 'pedido', header: 'Pedido' },
      ],
      counts: { rows: 4, valid: 3, invalid: 1, duplicates: 0, landlines: 0 },
    };
    const job = await runner.start(IMPORT_KIND, input, { title: 'Import' });
    await runner.idle(job.id);
    expect(runner.get(job.id)).toMatchObject({ state: 'done' });
    // Nothing of the fields goes to the gateway: only the number and the name.
    expect(sent).toEqual([
      { phone: '+5511987650001', tagId: 500, name: 'Ana' },
      { phone: '+5511987650003', tagId: 500, name: 'Caio' },
    ]);
    expect(Object.fromEntries([...tagMembers(db, 500)].map((m) => [m.name, m.fields]))).toEqual({
      Ana: { cidade: 'Recife', pedido: 'A-1' }, // "Obs" was not chosen
      Bia: { cidade: 'Natal' }, // already in the tag: not sent again, its city kept
      Caio: { pedido: 'A-4' },
    });
    expect(tagFieldNames(db, [500])).toEqual([
      { key: 'cidade', header: 'Cidade' },
      { key: 'pedido', header: 'Pedido' },
    ]);
    // The invalid row's cells were never stored anywhere.
    expect(db.prepare("SELECT COUNT(*) FROM contact_fields WHERE value = 'Lugar'").pluck().get()).toBe(0);
  });
});
