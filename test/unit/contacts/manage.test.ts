import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addSuppressed } from '../../../electron/main/optouts/store';
import { preflightSummary } from '../../../electron/main/preflight';
import { listContacts, removeContact, saveContact, updateContact, saveTag, tagContacts } from '../../../electron/main/contacts/registry';
import { sampleCsv, writeTagCsv } from '../../../electron/main/contacts/tag-export';
import { openMemoryDatabase } from '../../../electron/main/db';

// Contacts people manage here: a name changed, a contact removed from a tag, a tag saved as CSV with who opted
// out, and the sample file, which the import itself reads right.

const dir = mkdtempSync(join(tmpdir(), 'relay-manage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('managing the registry', () => {
  const db = openMemoryDatabase();
  saveTag(db, { id: 7, title: 'Clientes', createdHere: true }, 1);
  saveContact(db, { tagId: 7, phone: '+5511987650001', name: 'Ana', contactId: 1, jobId: null }, 1);
  saveContact(db, { tagId: 7, phone: '+5511987650002', name: 'Bia', contactId: 2, jobId: null }, 1);
  addSuppressed(db, [{ phone: '5511987650002', source: 'manual' }], 2);

  it('renames a contact; says when it is not there', () => {
    expect(updateContact(db, 7, '+5511987650001', '  Ana Souza ')).toMatchObject({ name: 'Ana Souza', optedOut: false });
    expect(updateContact(db, 7, '+5511999999999', 'X')).toBeNull();
  });

  it('lists who opted out (matched by digits), and saves the tag as CSV', async () => {
    expect(listContacts(db, { tagId: 7, offset: 0, limit: 10 }).rows.map((c) => [c.name, c.optedOut])).toEqual([
      ['Ana Souza', false],
      ['Bia', true],
    ]);
    const path = join(dir, 'clientes.csv');
    expect(await writeTagCsv(path, tagContacts(db, 7))).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe('\ufeffName,Phone,Opted out\r\nAna Souza,+5511987650001,no\r\nBia,+5511987650002,yes\r\n');
  });

  it('removes a contact from the tag here', () => {
    expect(removeContact(db, 7, '+5511987650001')).toBe(true);
    expect(removeContact(db, 7, '+5511987650001')).toBe(false);
    expect(listContacts(db, { tagId: 7, offset: 0, limit: 10 }).total).toBe(1);
  });

  it.each(['en', 'pt-BR'] as const)('the sample CSV (%s) is read right by the import: names, mobiles, consent', async (language) => {
    const outcome = await preflightSummary({ bytes: new TextEncoder().encode(sampleCsv(language)) }, { country: 'BR' });
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.summary.contacts).toHaveLength(2);
    expect(outcome.summary.contacts[0]!.name).toBe('Ana Souza');
    expect(outcome.file.mapping.consent).not.toBeNull();
  });
});
