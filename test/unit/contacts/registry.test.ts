import { afterEach, describe, expect, it } from 'vitest';
import { addSuppressed } from '../../../electron/main/optouts/store';
import { headerSetKey } from '../../../electron/main/preflight/columns';
import {
  addTagById,
  finishImport,
  findContact,
  findTagByTitle,
  listContacts,
  listImports,
  listTags,
  recordImport,
  rememberedDiffers,
  rememberedMapping,
  rememberMapping,
  saveContact,
  saveTag,
  suppressionLookup,
  tagLookup,
  type ImportRecord,
} from '../../../electron/main/contacts/registry';
import { openMemoryDatabase, type Db } from '../../../electron/main/db';

// The account's own memory of tags and contacts (the gateway cannot list them), the imports' history and the
// columns remembered per kind of file: what the Contacts screen shows comes from here.

const dbs: Db[] = [];
function fresh(): Db {
  const db = openMemoryDatabase();
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

const contact = (tagId: number, phone: string, name = '', jobId: number | null = null) => ({ tagId, phone, name, contactId: null, jobId });

describe('tags', () => {
  it('are listed newest first, each with the number of contacts the registry holds for it', () => {
    const db = fresh();
    saveTag(db, { id: 10, title: 'Old customers', createdHere: true }, 1_000);
    saveTag(db, { id: 20, title: 'Newsletter', createdHere: true }, 2_000);
    addTagById(db, { id: 30, title: 'Site leads' }, 3_000);
    for (let i = 0; i < 3; i++) saveContact(db, contact(20, `+551198765000${i}`), 2_500);
    saveContact(db, contact(10, '+5511987650000'), 2_500); // the same number in another tag counts there too
    // Saving a contact again (a retry, a resume) does not count it twice.
    saveContact(db, contact(20, '+5511987650001', 'Ana'), 2_600);

    expect(listTags(db).map((t) => [t.id, t.title, t.contacts, t.createdHere])).toEqual([
      [30, 'Site leads', 0, false],
      [20, 'Newsletter', 3, true],
      [10, 'Old customers', 1, true],
    ]);
  });

  it('added by id take the name the user gives; a tag Relay Desk created stays marked as its own', () => {
    const db = fresh();
    saveTag(db, { id: 7, title: 'Clientes', createdHere: true }, 1_000);
    const renamed = addTagById(db, { id: 7, title: '  Clientes da loja ' }, 5_000);
    expect(renamed).toMatchObject({ id: 7, title: 'Clientes da loja', createdHere: true, createdAt: 1_000 });
    expect(listTags(db)).toHaveLength(1);

    const elsewhere = addTagById(db, { id: 8001, title: 'From the website' }, 6_000);
    expect(elsewhere).toMatchObject({ id: 8001, createdHere: false, contacts: 0 });
    expect(findTagByTitle(db, 'FROM THE WEBSITE ')?.id).toBe(8001);
    expect(findTagByTitle(db, 'nope')).toBeNull();
  });
});

describe("a tag's contacts", () => {
  function seeded(): Db {
    const db = fresh();
    saveTag(db, { id: 1, title: 'Loja', createdHere: true }, 0);
    saveTag(db, { id: 2, title: 'Other', createdHere: true }, 0);
    for (let i = 0; i < 25; i++) saveContact(db, contact(1, `+55119876500${String(i).padStart(2, '0')}`, `Cliente ${i}`), i);
    saveContact(db, contact(1, '+5521998887777', 'Conceição 100%_off'), 30);
    saveContact(db, contact(2, '+5511987650003', 'Elsewhere'), 31);
    return db;
  }

  it('come in pages ordered by number, with the total of the tag', () => {
    const db = seeded();
    const first = listContacts(db, { tagId: 1, offset: 0, limit: 10 });
    const third = listContacts(db, { tagId: 1, offset: 20, limit: 10 });
    expect(first.total).toBe(26);
    expect(first.rows.map((r) => r.phone)).toEqual(Array.from({ length: 10 }, (_, i) => `+55119876500${String(i).padStart(2, '0')}`));
    expect(third.rows.map((r) => r.phone)).toEqual([...Array.from({ length: 5 }, (_, i) => `+551198765002${i}`), '+5521998887777']);
    expect(third.rows[0]).toMatchObject({ name: 'Cliente 20', contactId: null, addedAt: 20 });
  });

  it('are found by a piece of the name or of the number as people type it', () => {
    const db = seeded();
    expect(listContacts(db, { tagId: 1, search: 'cliente 1', offset: 0, limit: 100 }).total).toBe(11); // 1, 10–19
    const typed = listContacts(db, { tagId: 1, search: '(21) 99888-7777', offset: 0, limit: 100 });
    expect(typed.rows.map((r) => r.name)).toEqual(['Conceição 100%_off']);
    // Only this tag: the number is also in tag 2.
    expect(listContacts(db, { tagId: 1, search: 'Elsewhere', offset: 0, limit: 100 }).total).toBe(0);
  });

  it('take % and _ in a search literally', () => {
    const db = seeded();
    expect(listContacts(db, { tagId: 1, search: '%', offset: 0, limit: 100 }).rows.map((r) => r.phone)).toEqual(['+5521998887777']);
    expect(listContacts(db, { tagId: 1, search: '0%_', offset: 0, limit: 100 }).total).toBe(1);
    expect(listContacts(db, { tagId: 1, search: '_', offset: 0, limit: 100 }).total).toBe(1);
  });

  it('a contact saved again keeps the gateway id and the job that sent it', () => {
    const db = seeded();
    saveContact(db, { tagId: 1, phone: '+5511999990000', name: 'A', contactId: 555, jobId: 9 }, 40);
    saveContact(db, { tagId: 1, phone: '+5511999990000', name: 'A B', contactId: null, jobId: null }, 41);
    expect(findContact(db, 1, '+5511999990000')).toEqual({ contactId: 555, jobId: 9 });
    expect(findContact(db, 2, '+5511999990000')).toBeNull();
    expect(listContacts(db, { tagId: 1, search: 'A B', offset: 0, limit: 5 }).rows[0]?.contactId).toBe(555);
    expect(tagLookup(db, 1).has('+5511999990000')).toBe(true);
    expect(tagLookup(db, 2).has('+5511999990000')).toBe(false);
  });
});

describe('remembered columns', () => {
  it('are kept per header set: case, accents and spaces do not make another kind of file', () => {
    const db = fresh();
    const shop = headerSetKey(['Nome', 'E-mail', 'Telefone'], 3);
    rememberMapping(db, shop, { phones: [2], names: [0] }, 1);
    expect(rememberedMapping(db, headerSetKey([' NOME', 'e-mail ', 'TELEFONE'], 3))).toEqual({ phones: [2], names: [0], kept: null });
    expect(rememberedMapping(db, headerSetKey(['Nome', 'Telefone', 'E-mail'], 3))).toBeNull(); // other columns
    rememberMapping(db, shop, { phones: [1], names: [] }, 2); // the user chose again: no name
    expect(rememberedMapping(db, shop)).toEqual({ phones: [1], names: [], kept: null });
    // A file without a header has nothing to recognise it by.
    rememberMapping(db, '', { phones: [0], names: [1] }, 3);
    expect(rememberedMapping(db, '')).toBeNull();
  });

  it('keep several phone columns, several name columns and the fields kept', () => {
    const db = fresh();
    const google = headerSetKey(['First Name', 'Middle Name', 'Last Name', 'Phone 1 - Value', 'Phone 2 - Value', 'City', 'Birthday'], 7);
    rememberMapping(db, google, { phones: [4, 3], names: [0, 2], kept: [5] }, 1);
    const remembered = rememberedMapping(db, google)!;
    expect(remembered).toEqual({ phones: [4, 3], names: [0, 2], kept: [5] });
    // Compared with what the guess found: the order of the phone columns matters (the first mobile wins).
    expect(rememberedDiffers(remembered, { phones: [4, 3], names: [0, 2] }, 7)).toBe(false);
    expect(rememberedDiffers(remembered, { phones: [3, 4], names: [0, 2] }, 7)).toBe(true);
    expect(rememberedDiffers(remembered, { phones: [4, 3], names: [0, 1, 2] }, 7)).toBe(true);
    // A file with fewer columns than remembered is not this mapping's.
    expect(rememberedDiffers(remembered, { phones: [0], names: [] }, 5)).toBe(false);
  });

  it('written before several columns were kept still read as one phone and one name column', () => {
    const db = fresh();
    db.prepare('INSERT INTO contact_mappings (header_key, phone_column, name_column, updated_at) VALUES (?, ?, ?, ?)').run(
      'header:nome|celular',
      1,
      0,
      1,
    );
    expect(rememberedMapping(db, 'header:nome|celular')).toEqual({ phones: [1], names: [0], kept: null });
  });
});

describe('the history of imports', () => {
  const record = (jobId: number, fileName: string): ImportRecord => ({
    jobId,
    fileName,
    fileSize: 1234,
    contentHash: `hash-${jobId}`,
    tag: { id: 5, title: 'Loja' },
    counts: { rows: 10, valid: 7, invalid: 1, duplicates: 1, landlines: 1 },
  });

  it('has one row per import, newest first, with what the upload did once it ended', () => {
    const db = fresh();
    recordImport(db, record(1, 'old.csv'), 1_000);
    recordImport(db, record(2, 'new.csv'), 2_000);
    recordImport(db, record(2, 'new.csv'), 2_500); // the resumed job's first step again
    finishImport(db, record(1, 'old.csv'), { imported: 5, inTag: 1, optedOut: 1, failed: 0, unknown: 0 }, 3_000);
    // Written again after a resume: the latest outcome wins, still one row.
    finishImport(db, record(1, 'old.csv'), { imported: 6, inTag: 1, optedOut: 1, failed: 0, unknown: 0 }, 4_000);

    const rows = listImports(db, 10);
    expect(rows.map((r) => r.fileName)).toEqual(['new.csv', 'old.csv']);
    expect(rows[0]).toMatchObject({
      jobId: 2,
      state: null,
      finishedAt: null,
      createdAt: 2_000,
      counts: { rows: 10, valid: 7, imported: 0 },
    });
    expect(rows[1]).toMatchObject({
      jobId: 1,
      size: 1234,
      tag: { id: 5, title: 'Loja' },
      createdAt: 1_000,
      finishedAt: 4_000,
      counts: { rows: 10, valid: 7, invalid: 1, duplicates: 1, landlines: 1, imported: 6, inTag: 1, optedOut: 1, failed: 0, unknown: 0 },
    });
    expect(listImports(db, 1)).toHaveLength(1);
  });

  it('a finish without an earlier first step still leaves its row', () => {
    const db = fresh();
    finishImport(db, record(3, 'all-skipped.csv'), { imported: 0, inTag: 7, optedOut: 0, failed: 0, unknown: 0 }, 9_000);
    expect(listImports(db, 10)).toMatchObject([{ jobId: 3, createdAt: 9_000, finishedAt: 9_000, counts: { inTag: 7 } }]);
  });
});

describe('opted out', () => {
  it("matches the campaigns' suppression list however the gateway wrote the number", () => {
    const db = fresh();
    addSuppressed(
      db,
      [
        { phone: '+5511987650000', source: 'manual' },
        { phone: '5511987650001', source: 'reply', keyword: 'SAIR' },
      ],
      0,
    );
    const lookup = suppressionLookup(db)!;
    expect(lookup.has('+5511987650000')).toBe(true);
    expect(lookup.has('+5511987650001')).toBe(true); // a STOP reply, kept without "+"
    expect(lookup.has('+5511987650002')).toBe(false);
  });

  it('is nobody when the account has no suppression table', () => {
    const db = fresh();
    db.exec('DROP TABLE suppression');
    expect(suppressionLookup(db)).toBeNull();
  });
});
