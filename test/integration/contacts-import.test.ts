import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSuppressed } from '../../electron/main/optouts/store';
import { IMPORT_CONCURRENCY } from '../../electron/main/contacts/import-job';
import { listImports } from '../../electron/main/contacts/registry';
import { closeDatabase, openDatabaseFile } from '../../electron/main/db';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { spawnCli } from '../fixtures/cli';

// `relay import` as a child process against the sandbox over HTTP: the sandbox's own state (saved to a file)
// is the witness of what reached the gateway, one contact record per savecontact that was committed.

let sandbox: Sandbox;
let work: string;
const statePath = () => join(work, 'sandbox-state.json');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'relay-contacts-'));
  sandbox = await startSandbox({ clock: 'manual', persistPath: join(work, 'sandbox-state.json') });
});
afterAll(async () => {
  await sandbox.close();
  await rm(work, { recursive: true, force: true });
});

const credentials = () => ({ RELAY_EMAIL: sandbox.demo.email, RELAY_PASSWORD: sandbox.demo.password });

interface SandboxContact {
  tagId: number;
  phone: string;
  fullname: string | null;
}

/** The sandbox's contacts, per phone, for one tag (after its debounced save). */
async function sandboxContacts(tagId: number): Promise<Map<string, SandboxContact[]>> {
  await new Promise((resolve) => setTimeout(resolve, 400));
  const state = JSON.parse(await readFile(statePath(), 'utf8')) as { contacts: SandboxContact[]; tags: { id: number; title: string }[] };
  const byPhone = new Map<string, SandboxContact[]>();
  for (const c of state.contacts) if (c.tagId === tagId) byPhone.set(c.phone, [...(byPhone.get(c.phone) ?? []), c]);
  return byPhone;
}

async function sandboxTagIds(title: string): Promise<number[]> {
  await new Promise((resolve) => setTimeout(resolve, 400));
  const state = JSON.parse(await readFile(statePath(), 'utf8')) as { tags: { id: number; title: string }[] };
  return state.tags.filter((t) => t.title === title).map((t) => t.id);
}

/** n distinct valid Brazilian mobiles (+ a duplicate and an invalid row), `;`-separated with a header. */
async function csvFile(name: string, n: number, base: number): Promise<{ path: string; phones: string[] }> {
  const phones: string[] = [];
  let text = 'Nome;Celular\n';
  for (let i = 0; i < n; i++) {
    const local = String(base + i).padStart(8, '0');
    phones.push(`+55119${local}`);
    text += `Cliente ${i};(11) 9${local.slice(0, 4)}-${local.slice(4)}\n`;
  }
  text += `Repetido;+55 11 9${String(base).padStart(8, '0')}\nSem numero;abc\n`;
  const path = join(work, name);
  await writeFile(path, text);
  return { path, phones };
}

interface Outcome {
  job: number;
  state: string;
  tag: { id: number; title: string };
  imported: number;
  unknown: number;
  duplicates: number;
  invalid: number;
}

const args = (path: string, dataDir: string, ...more: string[]) => [
  'import',
  path,
  '--server',
  sandbox.baseUrl,
  '--data-dir',
  dataDir,
  '--json',
  ...more,
];

async function untilWrites(count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (sandbox.faultStats().writes < count) {
    if (Date.now() > deadline) throw new Error('the import did not get going');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('relay import against the sandbox', () => {
  it('--dry-run --json prints the preflight and sends nothing', async () => {
    const { path } = await csvFile('dry.csv', 5, 10_000_000);
    const before = sandbox.faultStats().writes;
    const run = await spawnCli(args(path, join(work, 'dd-dry'), '--dry-run'), credentials()).done;
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      rows: number;
      valid: number;
      duplicates: number;
      invalid: { line: number; reason: string }[];
      contacts: { line: number; phone: string }[];
    };
    expect(doc).toMatchObject({ rows: 7, valid: 5, duplicates: 1 });
    expect(doc.invalid).toEqual([{ line: 8, code: 'not-a-number', reason: expect.any(String) }]);
    expect(doc.contacts.map((c) => c.line)).toEqual([2, 3, 4, 5, 6]);
    expect(sandbox.faultStats().writes).toBe(before);
  }, 30_000);

  it('--dry-run without --tag counts opted-out numbers as such when the account is known, and says when it could not check', async () => {
    const { path, phones } = await csvFile('dry-optout.csv', 5, 11_000_000);
    const dataDir = join(work, 'dd-dry-optout');
    // The account's database, with the third number on its opt-out list (written as a STOP reply keeps it, without "+").
    expect((await spawnCli(args(path, dataDir, '--dry-run'), credentials()).done).code).toBe(0);
    const [file] = await readdir(join(dataDir, 'accounts'));
    const db = openDatabaseFile(join(dataDir, 'accounts', file!));
    addSuppressed(db, [{ phone: phones[2]!.slice(1), source: 'reply', keyword: 'STOP' }], Date.now());
    closeDatabase(db);

    const checked = await spawnCli(args(path, dataDir, '--dry-run'), credentials()).done;
    expect(checked.code).toBe(0);
    const doc = JSON.parse(checked.stdout) as { valid: number; optedOut?: number; optOutsChecked: boolean; contacts: { phone: string }[] };
    expect(doc).toMatchObject({ optOutsChecked: true, optedOut: 1, valid: 4 });
    expect(doc.contacts.map((c) => c.phone)).not.toContain(phones[2]);

    const unchecked = await spawnCli(args(path, dataDir, '--dry-run'), {}).done;
    expect(unchecked.code).toBe(0);
    const blind = JSON.parse(unchecked.stdout) as { valid: number; optOutsChecked: boolean; contacts: { phone: string }[] };
    expect(blind.optOutsChecked).toBe(false);
    expect(blind).not.toHaveProperty('optedOut');
    expect(blind.contacts.map((c) => c.phone)).toContain(phones[2]);

    const text = await spawnCli(
      args(path, dataDir, '--dry-run').filter((a) => a !== '--json'),
      {},
    ).done;
    expect(text.stdout).toMatch(/Opt-outs were not checked: set RELAY_EMAIL/);
  }, 30_000);

  it('--report FILE writes the rows left out (dry run or import), and --json counts them', async () => {
    const { path } = await csvFile('with-problems.csv', 3, 12_000_000);
    const dataDir = join(work, 'dd-report');
    const expected = [
      '\ufeffLine,Status,Reason,Nome,Celular',
      '5,duplicate,Same number as line 2,Repetido,+55 11 912000000',
      expect.stringMatching(/^6,invalid,[^,]+,Sem numero,abc$/),
      '',
    ];
    const dryReport = join(work, 'dry-report.csv');
    const dry = await spawnCli(args(path, dataDir, '--dry-run', '--report', dryReport), credentials()).done;
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ report: { rows: 2, file: dryReport } });
    expect((await readFile(dryReport, 'utf8')).split('\r\n')).toEqual(expected);

    const report = join(work, 'import-report.csv');
    const run = await spawnCli(args(path, dataDir, '--tag', 'Reported', '--report', report), credentials()).done;
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ state: 'done', imported: 3, report: { rows: 2, file: report } });
    expect((await readFile(report, 'utf8')).split('\r\n')).toEqual(expected);
    // Kept with the import: the window's history has it too.
    const [file] = await readdir(join(dataDir, 'accounts'));
    const db = openDatabaseFile(join(dataDir, 'accounts', file!));
    const [record] = listImports(db, 10);
    closeDatabase(db);
    expect(record).toMatchObject({ fileName: 'with-problems.csv', reportRows: 2 });
  }, 30_000);

  it('an unimportable file exits 1 with one line', async () => {
    const path = join(work, 'empty.csv');
    await writeFile(path, '');
    const run = await spawnCli(args(path, join(work, 'dd-empty'), '--tag', 'Empty'), credentials()).done;
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/empty\.csv/);
  }, 30_000);

  it('imports a file into a new tag: the sandbox has every contact once, with its name; re-running changes nothing', async () => {
    const { path, phones } = await csvFile('full.csv', 120, 20_000_000);
    const dataDir = join(work, 'dd-full');
    const run = await spawnCli(args(path, dataDir, '--tag', 'Newsletter'), credentials()).done;
    expect(run.stderr).not.toMatch(/relay import:/);
    expect(run.code).toBe(0);
    const outcome = JSON.parse(run.stdout) as Outcome;
    expect(outcome).toMatchObject({ state: 'done', imported: 120, unknown: 0, duplicates: 1, invalid: 1 });
    const contacts = await sandboxContacts(outcome.tag.id);
    expect([...contacts.keys()].sort()).toEqual([...phones].sort());
    expect([...contacts.values()].every((list) => list.length === 1)).toBe(true);
    expect(contacts.get(phones[3]!)?.[0]?.fullname).toBe('Cliente 3');

    // The same command again: the tag is found by its title, every contact is already there, nothing is sent.
    const before = sandbox.faultStats().writes;
    const again = await spawnCli(args(path, dataDir, '--tag', 'Newsletter'), credentials()).done;
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, tag: { id: outcome.tag.id } });
    expect(sandbox.faultStats().writes).toBe(before);
    expect(await sandboxTagIds('Newsletter')).toHaveLength(1);
  }, 60_000);

  it('killed mid-way (SIGKILL) and run again: nothing lost, nothing confirmed sent twice', async () => {
    const { path, phones } = await csvFile('killed.csv', 300, 30_000_000);
    const dataDir = join(work, 'dd-kill');
    sandbox.setLatency(30);
    const start = sandbox.faultStats().writes;
    const child = spawnCli(args(path, dataDir, '--tag', 'Killed'), credentials());
    await untilWrites(start + 60);
    child.kill('SIGKILL');
    const killed = await child.done;
    expect(killed.signal).toBe('SIGKILL');
    sandbox.setLatency(0);

    // The dead process's job lock expires (30 s) before a re-run may take the job over: until then the
    // re-run says the job is running elsewhere and sends nothing.
    let resumed = await spawnCli(args(path, dataDir, '--tag', 'Killed'), credentials()).done;
    while (/running in another/.test(resumed.stderr)) {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      resumed = await spawnCli(args(path, dataDir, '--tag', 'Killed'), credentials()).done;
    }
    const outcome = JSON.parse(resumed.stdout) as Outcome;
    expect(await sandboxTagIds('Killed')).toEqual([outcome.tag.id]);
    const contacts = await sandboxContacts(outcome.tag.id);
    // Nothing doubled: one savecontact committed per phone at most.
    expect([...contacts.values()].filter((list) => list.length > 1)).toEqual([]);
    // Nothing lost: every phone reached the gateway, or is one of the few in flight at the kill (unknown:
    // listed for the user, not resent by itself).
    const missing = phones.filter((p) => !contacts.has(p));
    expect(missing.length).toBeLessThanOrEqual(outcome.unknown);
    expect(outcome.unknown).toBeLessThanOrEqual(IMPORT_CONCURRENCY); // at most the requests in flight
    expect(outcome.imported + outcome.unknown).toBe(300);
    if (outcome.unknown > 0) {
      expect(resumed.code).toBe(1);
      expect(resumed.stderr).toMatch(/no answer/);
    } else expect(resumed.code).toBe(0);
  }, 90_000);

  it('a graceful stop (SIGTERM) leaves no unknown outcome; the next run finishes with every contact once', async () => {
    const { path, phones } = await csvFile('stopped.csv', 300, 40_000_000);
    const dataDir = join(work, 'dd-term');
    sandbox.setLatency(30);
    const start = sandbox.faultStats().writes;
    const child = spawnCli(args(path, dataDir, '--tag', 'Stopped'), credentials());
    await untilWrites(start + 60);
    child.kill('SIGTERM');
    const stopped = await child.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/Run the same command again/);
    sandbox.setLatency(0);

    const resumed = await spawnCli(args(path, dataDir, '--tag', 'Stopped'), credentials()).done;
    expect(resumed.code).toBe(0);
    const outcome = JSON.parse(resumed.stdout) as Outcome;
    expect(outcome).toMatchObject({ state: 'done', imported: 300, unknown: 0 });
    const contacts = await sandboxContacts(outcome.tag.id);
    expect(contacts.size).toBe(300);
    expect(phones.every((p) => contacts.get(p)?.length === 1)).toBe(true);
  }, 90_000);

  it('a reply lost after the gateway committed lands in needs-attention and is not sent again by a re-run', async () => {
    const { path, phones } = await csvFile('dropped.csv', 20, 50_000_000);
    const dataDir = join(work, 'dd-drop');
    // An existing tag, created elsewhere, by its id.
    const token = (
      (await (
        await fetch(
          `${sandbox.baseUrl}gettoken?email=${encodeURIComponent(sandbox.demo.email)}&pass=${encodeURIComponent(sandbox.demo.password)}`,
        )
      ).json()) as { token: string }
    ).token;
    const tag = ((await (await fetch(`${sandbox.baseUrl}savetag?token=${token}&title=Elsewhere`)).json()) as { tag_id: number }).tag_id;
    sandbox.dropRepliesAfterCommit({ next: 2 });
    const run = await spawnCli(args(path, dataDir, '--tag-id', String(tag)), credentials()).done;
    sandbox.dropRepliesAfterCommit(null);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ state: 'needs-attention', imported: 18, unknown: 2 });
    expect(run.stderr).toMatch(/2 contacts got no answer/);
    // There is no Jobs screen: the way to the decision is Contacts → Import history.
    expect(run.stderr).toMatch(/open Contacts: under Import history this import says "Needs your attention"/);
    expect(run.stderr).not.toMatch(/\bJobs\b/);
    const writes = sandbox.faultStats().writes;

    const again = await spawnCli(args(path, dataDir, '--tag-id', String(tag)), credentials()).done;
    expect(again.code).toBe(1);
    expect(sandbox.faultStats().writes).toBe(writes);
    const contacts = await sandboxContacts(tag);
    expect(contacts.size).toBe(20);
    expect(phones.every((p) => contacts.get(p)?.length === 1)).toBe(true);
  }, 60_000);
});
