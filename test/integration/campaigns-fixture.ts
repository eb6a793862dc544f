import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignSendKind } from '../../electron/main/campaigns/send-job';
import { createCampaignService, type CampaignService } from '../../electron/main/campaigns/service';
import { type PhoneInfo } from '../../electron/main/campaigns/phones';
import { closeDatabase, openAccountDatabase, type Db } from '../../electron/main/db';
import { createGatewayClient, type GatewayClient } from '../../electron/main/gateway';
import { createJobRunner, type JobRunner } from '../../electron/main/jobs';
import { createManualClock, type ManualClock } from '../../electron/main/lib';
import { startSandbox, type Sandbox } from '../../electron/sandbox';

// A campaigns test bench: a manual-clock sandbox with one account and phones, the account's database, a job
// runner with the campaign kind, and the campaign service, all on one clock. For the campaigns-*.test.ts files.

export interface CampaignBench {
  sandbox: Sandbox;
  dir: string;
  db: Db;
  client: GatewayClient;
  clock: ManualClock;
  runner: JobRunner;
  service: CampaignService;
  devices: number[];
  phones: PhoneInfo[];
  /** Writes a CSV (header nome,telefone) into the bench's folder; returns its path (the service's fileId). */
  csv(name: string, rows: string[]): string;
  /** Moves the sandbox and the app's clock together. */
  pass(ms: number, step?: number): Promise<void>;
  close(): Promise<void>;
}

export interface BenchOptions {
  email: string;
  devices?: number;
  zone?: string;
  /** The campaign job's read-back grace (default the job's own). */
  graceMs?: number;
  /** Wraps the client the app uses (faults the sandbox cannot make). */
  wrap?: (client: GatewayClient) => GatewayClient;
}

export async function campaignBench(options: BenchOptions = { email: 'bench@example.com' }): Promise<CampaignBench> {
  const password = 'bench-pass';
  const sandbox = await startSandbox({ clock: 'manual', seed: false, accounts: [{ email: options.email, password }] });
  const dir = mkdtempSync(join(tmpdir(), 'relay-campaigns-'));
  const token = await createGatewayClient({ baseUrl: sandbox.baseUrl }).getToken(options.email, password);
  const real = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token });
  const client = options.wrap ? options.wrap(real) : real;
  const devices = Array.from({ length: options.devices ?? 1 }, (_, i) =>
    sandbox.addDevice({ title: `Phone ${i + 1}`, email: options.email, pollIntervalSeconds: 10, sendDelaySeconds: 5, failureRate: 0 }),
  );
  const phones: PhoneInfo[] = devices.map((id, i) => ({ deviceId: id, title: `Phone ${i + 1}`, online: true, sendDelaySeconds: 5 }));
  const db = openAccountDatabase({ dataDir: dir, account: { server: sandbox.baseUrl, email: options.email, sandbox: false } });
  const clock = createManualClock(sandbox.now().getTime());
  const runner = createJobRunner({ db });
  runner.register(
    campaignSendKind({
      client: () => client,
      now: () => clock.now(),
      ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
    }),
  );
  const service = createCampaignService({
    db: () => db,
    jobs: () => runner,
    client: () => client,
    phones: async () => phones,
    filePath: (id) => id,
    country: () => 'BR',
    zone: () => options.zone ?? 'America/Sao_Paulo',
    gatewayZone: () => 'UTC',
    now: () => clock.now(),
  });
  return {
    sandbox,
    dir,
    db,
    client,
    clock,
    runner,
    service,
    devices,
    phones,
    csv(name, rows) {
      const path = join(dir, name);
      writeFileSync(path, ['nome,telefone', ...rows].join('\n'));
      return path;
    },
    async pass(ms, step = 5_000) {
      for (let done = 0; done < ms; done += step) {
        await sandbox.advance(step);
        await clock.advance(step);
      }
    },
    async close() {
      await runner.stop();
      closeDatabase(db);
      await real.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `count` Brazilian mobile numbers as CSV rows "Cliente i,+55 11 9…", from `base`. */
export const brRows = (count: number, base: number): string[] =>
  Array.from({ length: count }, (_, i) => `Cliente ${i},+55 11 9${String(base + i).padStart(8, '0')}`);
