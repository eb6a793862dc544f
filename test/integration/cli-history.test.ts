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
  messages: { id: number; created: string; statusCode: number; status: string; deviceId: number; recipient: string }[];
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
    const run = await spawnCli([...base(), '--status', 'delivered', '--device', String(healthy), '--csv', file], env('America/Sao_Paulo')).done;
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
    expect(run.stderr).toMatch(/--from takes a date such as 2024-03-01: "2024-02-30" is not a day of the calendar\.\nUsage: relay history /);
    const reversed = await spawnCli([...base(), '--from', '2024-03-10', '--to', '2024-03-01', '--json'], { TZ: 'UTC' }).done;
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toMatch(/--from must not be after --to/);
  }, 30_000);
});
