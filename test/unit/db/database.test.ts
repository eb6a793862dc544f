import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  accountFileName,
  DatabaseTooNewError,
  MIGRATIONS,
  migrate,
  openAccountDatabase,
  openDatabaseFile,
  openMemoryDatabase,
} from '../../../electron/main/db';
import type { Migration } from '../../../electron/main/db';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relay-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const account = { server: 'https://smsgateway24.com/getdata/', email: 'Ana@Shop.example', sandbox: false };

describe('account database files', () => {
  it('gives each account its own file, and the same account the same file however it is spelled', () => {
    const same = accountFileName({ ...account, server: 'HTTPS://SMSGateway24.com/getdata', email: ' ana@shop.example ' });
    expect(same).toBe(accountFileName(account));
    expect(accountFileName({ ...account, email: 'bob@shop.example' })).not.toBe(accountFileName(account));
    expect(accountFileName({ ...account, server: 'https://other.example/getdata/' })).not.toBe(accountFileName(account));
    expect(accountFileName({ ...account, sandbox: true })).not.toBe(accountFileName(account));
    // The sandbox listens on a new port each start: its practice data stays in one file.
    expect(accountFileName({ server: 'http://127.0.0.1:4001/getdata/', email: 'demo', sandbox: true })).toBe(
      accountFileName({ server: 'http://127.0.0.1:5123/getdata/', email: 'demo', sandbox: true }),
    );
  });

  it('makes names that are safe on every file system', () => {
    const name = accountFileName({ server: 'https://a:b@evil/../..\\x?:*', email: '../../CON<>|"*?.', sandbox: false });
    expect(name).toMatch(/^[a-z0-9-]+\.sqlite$/);
    expect(name.length).toBeLessThan(120);
  });

  it('opens WAL with foreign keys and a busy timeout, under <dataDir>/accounts', () => {
    const db = openAccountDatabase({ dataDir: dir, account });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    expect(readdirSync(join(dir, 'accounts'))).toContain(accountFileName(account));
  });

  it('an in-memory database has the full schema', () => {
    const db = openMemoryDatabase();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['jobs', 'job_steps', 'job_decisions']));
    db.close();
  });
});

describe('migrations', () => {
  it('moves a version-1 file with rows forward and keeps its rows', () => {
    const path = join(dir, 'old.sqlite');
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!.sql);
    old.pragma('user_version = 1');
    old
      .prepare(
        `INSERT INTO jobs (id, kind, title, input, writes, state, planned, total, done_count, created_at, updated_at)
       VALUES (7, 'contacts.import', 'Import shop.csv', '{"file":1}', 1, 'paused', 1, 2, 1, 1, 2)`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO job_steps (job_id, seq, key, payload, state, updated_at) VALUES (7, 0, '+351911', '{}', 'done', 2), (7, 1, '+351912', '{}', 'pending', 2)`,
      )
      .run();
    old.close();

    const db = openDatabaseFile(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT kind, title, state, done_count FROM jobs WHERE id = 7').get()).toEqual({
      kind: 'contacts.import',
      title: 'Import shop.csv',
      state: 'paused',
      done_count: 1,
    });
    expect(db.prepare('SELECT key, state FROM job_steps WHERE job_id = 7 ORDER BY seq').all()).toEqual([
      { key: '+351911', state: 'done' },
      { key: '+351912', state: 'pending' },
    ]);
    // The later steps' tables exist and work with the old rows.
    db.prepare(`INSERT INTO job_decisions (job_id, decision, at) VALUES (7, 'resume', 3)`).run();
    db.close();
  });

  it('refuses a file written by a newer app, and leaves it as it was', () => {
    const path = join(dir, 'new.sqlite');
    const future = new Database(path);
    future.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    future.close();
    expect(() => openDatabaseFile(path)).toThrow(DatabaseTooNewError);
    expect(() => openDatabaseFile(path)).toThrow(/newer version of Relay Desk/);
    const after = new Database(path);
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    after.close();
  });

  it('a failing step leaves the file at the previous version with nothing half-applied', () => {
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE extra (a); INSERT INTO nowhere VALUES (1);' },
    ];
    const db = openMemoryDatabase();
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'extra'`).get()).toBeUndefined();
    db.close();
  });

  it('rejects a list with gaps, so a step cannot be skipped', () => {
    const db = new Database(':memory:');
    expect(() =>
      migrate(db, [
        { version: 1, name: 'a', sql: '' },
        { version: 3, name: 'c', sql: '' },
      ]),
    ).toThrow(/expected 2/);
    db.close();
  });
});
