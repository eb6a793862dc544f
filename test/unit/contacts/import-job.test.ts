import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { addSuppressed } from '../../../electron/main/optouts/store';
import { openMemoryDatabase, type Db } from '../../../electron/main/db';
import type { GatewayClient } from '../../../electron/main/gateway/types';
import { createJobRunner, type JobRunner } from '../../../electron/main/jobs';
import { createManualClock } from '../../../electron/main/lib/clock';
import {
  createImportKind,
  createSaveTagKind,
  IMPORT_KIND,
  importNotification,
  type ImportInput,
  type ImportKindDeps,
  type ImportSummary,
} from '../../../electron/main/contacts/import-job';
import { ensureNewTag, importKey } from '../../../electron/main/contacts/import-flow';
import { findContact, getTag, listContacts, listImports, saveContact, saveTag } from '../../../electron/main/contacts/registry';
import { fileDigest } from '../../../electron/main/contacts/source';

// The `contacts.import` and `contacts.saveTag` kinds on the real job runner and an in-memory account database,
// with a gateway double that records every savecontact / savetag that "left".

const dbs: Db[] = [];
const runners: JobRunner[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop({ timeoutMs: 0 });
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const TAG = { id: 500, title: 'Loja' };

// Nome;Celular with: 2 ready (lines 2, 8), one already in the tag (3), one opted out while the import runs (4),
// a landline (5), an invalid row (6), a repeat of line 2 (7), one the gateway refuses (9).
const CSV = [
  'Nome;Celular',
  'Ana;(11) 98765-0001',
  'Bia;(11) 98765-0002',
  'Caio;(11) 98765-0003',
  'Loja fixa;(11) 3333-4444',
  'Sem número;abc',
  'Ana de novo;+55 11 98765-0001',
  'Duda;(11) 98765-0005',
  'Eva;(11) 98765-0009',
].join('\r\n');

interface Gateway {
  client: GatewayClient;
  sent: string[];
  tags: string[];
  /** Per phone: what the double does when that number is sent. */
  onContact: Map<string, () => Promise<{ contactId: number }>>;
  onTag: (title: string) => Promise<{ tagId: number }>;
}

function gateway(): Gateway {
  let nextContact = 9_000;
  let nextTag = 700;
  const g: Gateway = {
    sent: [],
    tags: [],
    onContact: new Map(),
    onTag: () => Promise.resolve({ tagId: nextTag++ }),
    client: {
      saveContact: (input: { phone: string }) => {
        g.sent.push(input.phone);
        return g.onContact.get(input.phone)?.() ?? Promise.resolve({ contactId: nextContact++ });
      },
      saveTag: (title: string) => {
        g.tags.push(title);
        return g.onTag(title);
      },
    } as unknown as GatewayClient,
  };
  return g;
}

function setup(options: { concurrency?: number; notify?: boolean; language?: 'en' | 'pt-BR' } = {}) {
  const db = openMemoryDatabase();
  dbs.push(db);
  const g = gateway();
  let time = 1_000_000;
  const notes: { title: string; body: string }[] = [];
  const changes: (number | null)[] = [];
  const deps: ImportKindDeps & { concurrency?: number } = {
    client: () => g.client,
    // Each reading of the clock moves it on a second: the opt-out list read at send time is never stale here.
    now: () => (time += 1_000),
    changed: (tagId) => void changes.push(tagId),
    ...(options.notify === false
      ? {}
      : { notify: (n: { title: string; body: string }) => void notes.push(n), language: () => options.language ?? 'en' }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  };
  const runner = createJobRunner({ db, clock: createManualClock(0) });
  runners.push(runner);
  runner.register(createImportKind(deps));
  runner.register(createSaveTagKind(deps));
  // Every import's tag is in the registry before it starts (picked from it, added by id, or our savetag).
  saveTag(db, { ...TAG, createdHere: true }, 0);
  return { db, g, runner, notes, changes, deps };
}

async function csvInput(text = CSV, includeLandlines = false): Promise<ImportInput> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-import-job-'));
  dirs.push(dir);
  const path = join(dir, 'clientes.csv');
  writeFileSync(path, text);
  const { hash, size } = await fileDigest(path);
  return {
    file: { path, name: 'clientes.csv', size, hash },
    read: { country: 'BR', encoding: 'utf-8', delimiter: ';', header: true, phoneColumn: 1, nameColumn: 0 },
    tag: TAG,
    includeLandlines,
    counts: { rows: 8, valid: 6, invalid: 1, duplicates: 1, landlines: 1 },
  };
}

describe('the import job', () => {
  it('sends each importable contact once and leaves out those already in the tag or opted out at send time', async () => {
    const { db, g, runner, notes, changes } = setup({ concurrency: 1 });
    saveContact(db, { tagId: TAG.id, phone: '+5511987650002', name: 'Bia', contactId: 1, jobId: null }, 0); // an earlier import
    // Caio replies STOP while the import runs (the gateway writes the number without "+").
    g.onContact.set('+5511987650001', () => {
      addSuppressed(db, [{ phone: '5511987650003', source: 'reply', keyword: 'PARE' }], 0);
      return Promise.resolve({ contactId: 4_001 });
    });
    g.onContact.set('+5511987650009', () => Promise.reject(new AppFailure('gateway-refused', 'Invalid phone')));

    const job = await runner.start(IMPORT_KIND, await csvInput(), { title: 'Import', dedupeKey: 'k' });
    await runner.idle(job.id);

    expect(g.sent).toEqual(['+5511987650001', '+5511987650005', '+5511987650009']);
    const done = runner.get(job.id)!;
    expect(done).toMatchObject({ total: 5, done: 4, failed: 1, unknown: 0 });
    expect(done.summary).toEqual({ tagId: 500, tagTitle: 'Loja', imported: 2, inTag: 1, optedOut: 1, failed: 1, unknown: 0 });
    // The tag's contacts in the registry: the earlier one and the two confirmed, with the gateway's ids.
    expect(listContacts(db, { tagId: TAG.id, offset: 0, limit: 10 }).rows.map((r) => [r.phone, r.name, r.contactId])).toEqual([
      ['+5511987650001', 'Ana', 4_001],
      ['+5511987650002', 'Bia', 1],
      ['+5511987650005', 'Duda', expect.any(Number)],
    ]);
    expect(findContact(db, TAG.id, '+5511987650003')).toBeNull();
    // The history row: the preflight's counts and what the upload did.
    expect(listImports(db, 10)).toMatchObject([
      {
        jobId: job.id,
        state: done.state,
        fileName: 'clientes.csv',
        tag: TAG,
        counts: { rows: 8, valid: 6, invalid: 1, duplicates: 1, landlines: 1, imported: 2, inTag: 1, optedOut: 1, failed: 1, unknown: 0 },
      },
    ]);
    expect(notes).toEqual([{ title: 'Import finished', body: '2 contacts imported into Loja.' }]);
    expect(changes).toContain(TAG.id);
  });

  it('sends landlines only when the user kept them', async () => {
    const { g, runner } = setup({ notify: false });
    const job = await runner.start(IMPORT_KIND, await csvInput(CSV, true), { title: 'Import' });
    await runner.idle(job.id);
    expect(g.sent).toContain('+551133334444');
    expect(g.sent).toHaveLength(6);
    expect(new Set(g.sent).size).toBe(6);
  });

  it('writes a confirmed contact into the registry before its step is journaled done', async () => {
    const { db, g, runner } = setup({ concurrency: 2 });
    const violations: string[] = [];
    const check = () => {
      const done = db.prepare("SELECT key FROM job_steps WHERE state = 'done'").pluck().all() as string[];
      for (const phone of done) if (!findContact(db, TAG.id, phone)) violations.push(phone);
    };
    for (const phone of ['+5511987650001', '+5511987650003', '+5511987650005', '+5511987650009']) {
      g.onContact.set(phone, async () => {
        check();
        await new Promise((resolve) => setTimeout(resolve, 5));
        check();
        return { contactId: Number(phone.slice(-4)) };
      });
    }
    const job = await runner.start(IMPORT_KIND, await csvInput(), { title: 'Import' });
    await runner.idle(job.id);
    check();
    expect(runner.get(job.id)!.done).toBe(5);
    expect(violations).toEqual([]);
  });

  it('refuses a file that changed since it was checked, before sending anything', async () => {
    const { g, runner } = setup({ notify: false });
    const input = await csvInput();
    writeFileSync(input.file.path, CSV.replace('Ana;', 'Ana Maria;'));
    const job = await runner.start(IMPORT_KIND, input, { title: 'Import' });
    await runner.idle(job.id);
    expect(runner.get(job.id)).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('clientes.csv changed after it was checked'),
    });
    expect(g.sent).toEqual([]);
  });

  it('after a crash, settles a contact from the registry and leaves one with no trace unknown, sending neither again', async () => {
    const first = setup({ notify: false, concurrency: 4 });
    const { db } = first;
    // Two requests leave and the process dies before their steps are journaled: one had been answered and
    // written to the registry, the other never got a reply.
    const never = () => new Promise<{ contactId: number }>(() => {});
    first.g.onContact.set('+5511987650005', never);
    first.g.onContact.set('+5511987650009', never);
    const input = await csvInput();
    const job = await first.runner.start(IMPORT_KIND, input, { title: 'Import' });
    await expect.poll(() => first.runner.get(job.id)!.done).toBe(3);
    await expect.poll(() => first.g.sent.length).toBe(5);
    // The dead process is never heard from again (its requests never settle; its clock never moves).
    runners.splice(runners.indexOf(first.runner), 1);
    saveContact(db, { tagId: TAG.id, phone: '+5511987650005', name: 'Duda', contactId: 4_005, jobId: job.id }, 0);
    // Another process's earlier import put Eva in the tag: not this job's own answer.
    saveContact(db, { tagId: TAG.id, phone: '+5511987650009', name: 'Eva', contactId: 1, jobId: job.id + 100 }, 0);

    // The next start: a runner of another process, its clock long past the dead one's lock.
    const second = gateway();
    const runner = createJobRunner({ db, clock: createManualClock(10 ** 12) });
    runners.unshift(runner);
    const notes: { title: string; body: string }[] = [];
    runner.register(
      createImportKind({ client: () => second.client, now: () => 10 ** 12, notify: (n) => void notes.push(n), language: () => 'pt-BR' }),
    );
    runner.recover();
    expect(runner.get(job.id)).toMatchObject({ state: 'interrupted', unknown: 2 });
    runner.resume(job.id);
    await runner.idle(job.id);

    expect(second.sent).toEqual([]);
    expect(runner.get(job.id)).toMatchObject({ state: 'needs-attention', done: 4, unknown: 1 });
    expect(runner.get(job.id)!.summary).toMatchObject({ imported: 4, unknown: 1 });
    expect(notes).toEqual([
      {
        title: 'Uma importação precisa da sua atenção',
        body: 'O gateway não respondeu sobre 1 contato. Abra Contatos para decidir se ele deve ser enviado de novo.',
      },
    ]);
    expect(listImports(db, 1)[0]?.counts).toMatchObject({ imported: 4, unknown: 1 });
  });
});

describe('the notification', () => {
  const summary = (imported: number, unknown = 0): ImportSummary => ({
    tagId: 1,
    tagTitle: 'Clientes',
    imported,
    inTag: 0,
    optedOut: 0,
    failed: 0,
    unknown,
  });

  it('says how many contacts went into which tag, in English and Portuguese, one and many', () => {
    expect(importNotification('en', 'done', summary(1))).toEqual({ title: 'Import finished', body: '1 contact imported into Clientes.' });
    expect(importNotification('en', 'done', summary(120))).toEqual({
      title: 'Import finished',
      body: '120 contacts imported into Clientes.',
    });
    expect(importNotification('pt-BR', 'done', summary(1))).toEqual({
      title: 'Importação concluída',
      body: '1 contato importado para Clientes.',
    });
    expect(importNotification('pt-BR', 'done', summary(120))).toEqual({
      title: 'Importação concluída',
      body: '120 contatos importados para Clientes.',
    });
  });

  it('asks for a decision when contacts got no answer, and says nothing when the user stopped it', () => {
    expect(importNotification('en', 'needs-attention', summary(10, 3))).toEqual({
      title: 'An import needs your attention',
      body: 'The gateway did not answer for 3 contacts. Open Contacts to decide whether to send them again.',
    });
    expect(importNotification('pt-BR', 'needs-attention', summary(10, 2))?.body).toBe(
      'O gateway não respondeu sobre 2 contatos. Abra Contatos para decidir se eles devem ser enviados de novo.',
    );
    expect(importNotification('en', 'cancelled', summary(10))).toBeNull();
    expect(importNotification('pt-BR', 'failed', summary(0))).toBeNull();
  });
});

describe('a new tag', () => {
  const options = (title: string, hash = 'abc') => ({ hash, title, now: 5, waitMs: 5_000 });

  it('is created once per file content and title, however the title is typed again', async () => {
    const { db, g, runner } = setup();
    const tag = await ensureNewTag(runner, db, options('Clientes da loja'));
    expect(tag).toEqual({ id: 700, title: 'Clientes da loja' });
    expect(getTag(db, 700)).toMatchObject({ title: 'Clientes da loja', createdHere: true });
    expect(await ensureNewTag(runner, db, options('  clientes DA loja '))).toMatchObject({ id: 700 });
    expect(g.tags).toEqual(['Clientes da loja']);

    // Another title, or another file with the same title, is another tag.
    expect((await ensureNewTag(runner, db, options('VIP'))).id).toBe(701);
    expect((await ensureNewTag(runner, db, options('Clientes da loja', 'def'))).id).toBe(702);
    expect(g.tags).toEqual(['Clientes da loja', 'VIP', 'Clientes da loja']);
  });

  it('whose savetag got no answer is never sent again by asking again: the user is told', async () => {
    const { db, g, runner } = setup();
    g.onTag = () => Promise.reject(new AppFailure('unknown-outcome', 'no reply'));
    await expect(ensureNewTag(runner, db, options('Clientes'))).rejects.toMatchObject({
      code: 'unknown-outcome',
      message: expect.stringMatching(/"Clientes".*On the Contacts screen, under Import history, send it again or leave it out/),
    });
    await expect(ensureNewTag(runner, db, options('Clientes'))).rejects.toMatchObject({ code: 'unknown-outcome' });
    expect(g.tags).toEqual(['Clientes']);
  });

  it('refused by the gateway says so, and another attempt may send it again', async () => {
    const { db, g, runner } = setup();
    g.onTag = () => Promise.reject(new AppFailure('gateway-refused', 'Title too long'));
    await expect(ensureNewTag(runner, db, options('Clientes'))).rejects.toMatchObject({
      code: 'gateway-refused',
      message: expect.stringContaining('Title too long'),
    });
    g.onTag = () => Promise.resolve({ tagId: 42 });
    expect(await ensureNewTag(runner, db, options('Clientes'))).toEqual({ id: 42, title: 'Clientes' });
    expect(g.tags).toHaveLength(2);
  });

  it('the same file into the same tag is the same import (a re-run resumes it)', () => {
    expect(importKey('abc', 7)).toBe(importKey('abc', 7));
    expect(importKey('abc', 7)).not.toBe(importKey('abc', 8));
    expect(importKey('abc', 7)).not.toBe(importKey('abd', 7));
  });
});
