import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayClient, type GatewayClient } from '../../electron/main/gateway';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { spawnCli } from '../fixtures/cli';

// `relay history` as a script runs it: a child process that syncs the range from the sandbox over HTTP into
// the account's database, then writes the export. TZ decides the zone of the output.

let sandbox: Sandbox;
let dataDir: string;
let client: GatewayClient;

beforeAll(async () => {
  sandbox = await startSandbox({ clock: 'manual' });
  dataDir = await mkdtemp(join(tmpdir(), 'relay-cli-history-'));
  let token: string | null = null;
  client = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token });
  token = await client.getToken(sandbox.demo.email, sandbox.demo.password);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

const env = (tz: string) => ({ RELAY_EMAIL: sandbox.demo.email, RELAY_PASSWORD: sandbox.demo.password, TZ: tz });
const base = () => ['history', '--server', sandbox.baseUrl, '--data-dir', dataDir];

/** How far back the app keeps the mirror (null: the app still asks its "how far back" question). */
async function appReach(): Promise<number | null> {
  const dir = join(dataDir, 'accounts');
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sqlite'));
  expect(files).toHaveLength(1);
  const db = new Database(join(dir, files[0]!), { readonly: true });
  try {
    return (db.prepare('SELECT reach_from_ms FROM message_sync_state WHERE id = 1').pluck().get() as number | null | undefined) ?? null;
  } finally {
    db.close();
  }
}

interface HistoryJson {
  timeZone: string;
  from: string;
  to: string;
  count: number;
  messages: {
    id: number;
    created: string;
    statusCode: number;
    status: string;
    deviceId: number;
    recipient: string;
    sim: number;
    channel: string;
  }[];
}

describe('relay history', () => {
  it('--json syncs the last 30 days and prints every message once, in the TZ zone, newest first', async () => {
    const run = await spawnCli([...base(), '--json'], env('Asia/Kolkata')).done;
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as HistoryJson;
    const onGateway = await client.countSms({});
    expect(onGateway).toBeGreaterThan(20);
    expect(['Asia/Kolkata', 'Asia/Calcutta']).toContain(doc.timeZone); // ICU's name for it varies
    expect(doc.count).toBe(onGateway);
    expect(doc.messages).toHaveLength(onGateway);
    expect(new Set(doc.messages.map((m) => m.id)).size).toBe(onGateway);
    expect(doc.from).toMatch(/T00:00:00\+05:30$/);
    for (const m of doc.messages) expect(m.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+05:30$/);
    const created = doc.messages.map((m) => Date.parse(m.created));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    // The same instants the gateway reports (it answers in Europe/Paris).
    const sample = doc.messages[0]!;
    const fromGateway = (await client.getAllSms({})).find((m) => m.id === sample.id)!;
    expect(Date.parse(sample.created)).toBe(Date.parse(fromGateway.created.iso));
  }, 60_000);

  it('--csv writes the filtered messages (status and phone) with a BOM and the TZ offset', async () => {
    const healthy = sandbox.seeded!.healthy;
    const file = join(dataDir, 'delivered.csv');
    const run = await spawnCli([...base(), '--status', 'delivered', '--device', String(healthy), '--csv', file], env('America/Sao_Paulo'))
      .done;
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const expected = await client.countSms({ status: 7, deviceId: healthy });
    expect(expected).toBeGreaterThan(0);
    expect(run.stderr).toContain(`Wrote ${expected} messages`);
    const text = await readFile(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,created,sent,scheduled,status_code,status,recipient/);
    expect(lines).toHaveLength(expected + 1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d+,\d{4}-\d{2}-\d{2}T[\d:.]+-03:00,.*,7,Delivered,/);
  }, 60_000);

  it('--phone finds a number however it is written (part of one too); --sim keeps one channel; both combine', async () => {
    const all = await client.getAllSms({});
    const digits = (text: string) => text.replace(/\D+/g, '');
    const target = digits(all[0]!.sendTo);
    // Written the way a person types it: spaces, a dash, a leading +.
    const typed = `+${target.slice(0, 2)} ${target.slice(2, 5)}-${target.slice(5)}`;
    const byPhone = JSON.parse((await spawnCli([...base(), '--phone', typed, '--json'], env('UTC')).done).stdout) as HistoryJson;
    const expectedPhone = all
      .filter((m) => digits(m.sendTo).includes(target))
      .map((m) => m.id)
      .sort();
    expect(expectedPhone.length).toBeGreaterThan(0);
    expect(byPhone.messages.map((m) => m.id).sort()).toEqual(expectedPhone);

    const part = target.slice(-4);
    const byPart = JSON.parse((await spawnCli([...base(), '--phone', part, '--json'], env('UTC')).done).stdout) as HistoryJson;
    expect(byPart.messages.map((m) => m.id).sort()).toEqual(
      all
        .filter((m) => digits(m.sendTo).includes(part))
        .map((m) => m.id)
        .sort(),
    );

    const whatsapp = all.filter((m) => m.sim === 2);
    expect(whatsapp.length).toBeGreaterThan(0);
    expect(whatsapp.length).toBeLessThan(all.length);
    const bySim = JSON.parse((await spawnCli([...base(), '--sim', '2', '--json'], env('UTC')).done).stdout) as HistoryJson;
    expect(bySim.count).toBe(whatsapp.length);
    expect(bySim.messages.every((m) => m.sim === 2 && m.channel === 'whatsapp-business')).toBe(true);

    const sim = all[0]!.sim;
    const both = JSON.parse(
      (await spawnCli([...base(), '--phone', target, '--sim', String(sim), '--json'], env('UTC')).done).stdout,
    ) as HistoryJson;
    expect(both.messages.map((m) => m.id).sort()).toEqual(
      all
        .filter((m) => m.sim === sim && digits(m.sendTo).includes(target))
        .map((m) => m.id)
        .sort(),
    );

    const badSim = await spawnCli([...base(), '--sim', '9', '--json'], env('UTC')).done;
    expect(badSim.code).toBe(2);
    expect(badSim.stderr).toMatch(/--sim takes 0 to 5, not "9"/);
    const badPhone = await spawnCli([...base(), '--phone', 'reception', '--json'], env('UTC')).done;
    expect(badPhone.code).toBe(2);
    expect(badPhone.stderr).toMatch(/--phone takes a number \(or part of one\)/);
  }, 90_000);

  it('--from / --to are local days: a range before the history holds nothing', async () => {
    const run = await spawnCli([...base(), '--from', '2020-01-01', '--to', '2020-01-31', '--json'], env('UTC')).done;
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as HistoryJson;
    expect(doc).toMatchObject({ from: '2020-01-01T00:00:00+00:00', to: '2020-02-01T00:00:00+00:00', count: 0, messages: [] });
    // The CLI shares the app's data folder: its ranges must not become the app's reach (the app would sync from 2020).
    expect(await appReach()).toBeNull();
  }, 60_000);

  it('without --csv or --json it is a usage error (exit 2, with the usage)', async () => {
    const run = await spawnCli([...base()], env('UTC')).done;
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^relay history: Give either --csv FILE or --json\.\nUsage: relay history /);
  }, 30_000);

  it('a date that is not on the calendar exits 2 with the usage, before asking the gateway anything', async () => {
    const run = await spawnCli([...base(), '--from', '2024-02-30', '--json'], { TZ: 'UTC' }).done;
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /--from takes a date such as 2024-03-01: "2024-02-30" is not a day of the calendar\.\nUsage: relay history /,
    );
    const reversed = await spawnCli([...base(), '--from', '2024-03-10', '--to', '2024-03-01', '--json'], { TZ: 'UTC' }).done;
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toMatch(/--from must not be after --to/);
  }, 30_000);
});
