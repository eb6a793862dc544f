import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFileName } from '../../electron/main/db';
import { createGatewayClient, type GatewayClient } from '../../electron/main/gateway';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { spawnCli } from '../fixtures/cli';

// Local faults in words, with real `relay` processes: a damaged account file, a read-only folder and a full
// disk each get one sentence naming the file and what to do (exit 1), never "SQLITE_…" or "unexpected error";
// after a full disk is freed, the same command carries on and nobody gets a message twice.

let sandbox: Sandbox;
let client: GatewayClient;
let work: string;
let device: number;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'relay-local-faults-'));
  sandbox = await startSandbox({ clock: 'real', newsletterAutoStartSeconds: null, stopReplyRate: 0 });
  device = sandbox.addDevice({ title: 'Fault phone' });
  const token = await createGatewayClient({ baseUrl: sandbox.baseUrl }).getToken(sandbox.demo.email, sandbox.demo.password);
  client = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token });
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
});

const env = () => ({ RELAY_EMAIL: sandbox.demo.email, RELAY_PASSWORD: sandbox.demo.password, TZ: 'America/Sao_Paulo' });
const accountFile = (dataDir: string) =>
  join(dataDir, 'accounts', accountFileName({ server: sandbox.baseUrl, email: sandbox.demo.email, sandbox: false }));
/** Today in the CLI's zone (TZ above), not UTC's: between 21:00 and midnight there UTC is already tomorrow. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());

/** A small tmpfs (root only); null where mounting is not allowed, and the disk tests say so. */
function mountTmpfs(sizeKb: number): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'relay-fs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}
const unmount = (dir: string) => execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = mountTmpfs(64);
  if (probe) unmount(probe);
  return probe !== null;
})();

describe('local faults in words', () => {
  it('a damaged account file: one sentence naming it and what to do, exit 1', async () => {
    const dataDir = join(work, 'damaged');
    mkdirSync(join(dataDir, 'accounts'), { recursive: true });
    writeFileSync(accountFile(dataDir), Buffer.alloc(8192, 7));
    const run = await spawnCli(['history', '--server', sandbox.baseUrl, '--data-dir', dataDir, '--from', today(), '--json'], env()).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(accountFile(dataDir));
    expect(run.stderr).toMatch(/is damaged or is not a Relay Desk database\. Quit Relay Desk, move that file somewhere safe/);
    expect(run.stderr).not.toMatch(/SQLITE|unexpected error|file is not a database/);
  }, 60_000);

  it.skipIf(!canMount)(
    'a read-only folder: the sentence says so and names the file',
    async () => {
      const dir = mountTmpfs(4096)!;
      try {
        execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'ignore' });
        const run = await spawnCli(['history', '--server', sandbox.baseUrl, '--data-dir', dir, '--from', today(), '--json'], env()).done;
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/cannot write its data file .* the file or its folder is read-only/);
        expect(run.stderr).not.toMatch(/SQLITE|unexpected error|EROFS/);
      } finally {
        unmount(dir);
      }
    },
    60_000,
  );

  it.skipIf(!canMount)(
    'a full disk: the campaign stops with the sentence, sends nothing twice, and finishes once space is freed',
    async () => {
      const dir = mountTmpfs(3072)!;
      try {
        // The account's database exists (a first command made it); then the disk fills up.
        const first = await spawnCli(['history', '--server', sandbox.baseUrl, '--data-dir', dir, '--from', today(), '--json'], env()).done;
        expect(first.code, first.stderr).toBe(0);
        const filler = join(dir, 'filler.bin');
        try {
          execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k', 'count=100000'], { stdio: 'ignore' });
        } catch {
          // dd stops when the disk is full: that is the point
        }
        const list = join(work, 'full.csv');
        writeFileSync(
          list,
          ['nome,telefone', ...Array.from({ length: 200 }, (_, i) => `C${i},+55 11 97${String(i).padStart(7, '0')}`)].join('\n'),
        );
        const args = [
          'campaign',
          '--server',
          sandbox.baseUrl,
          '--data-dir',
          dir,
          '--file',
          list,
          '--body',
          'Oi {nome}',
          '--device',
          String(device),
        ];
        const full = await spawnCli(args, env()).done;
        expect(full.code).toBe(1);
        expect(full.stderr).toMatch(/The disk that holds Relay Desk's data is full/);
        expect(full.stderr).not.toMatch(/SQLITE|unexpected error/);
        rmSync(filler);
        const again = await spawnCli(args, env()).done;
        expect(again.code, again.stderr).toBe(0);
        const counts = new Map<string, number>();
        for (const m of await client.getAllSms({ deviceId: device }))
          if (m.sendTo.includes('5511970')) counts.set(m.sendTo, (counts.get(m.sendTo) ?? 0) + 1);
        expect(counts.size).toBe(200);
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
      } finally {
        unmount(dir);
      }
    },
    90_000,
  );
});
