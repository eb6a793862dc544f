import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openAccountDatabase, type Db } from '../../electron/main/db';
import { createGatewayClient, type GatewayClient } from '../../electron/main/gateway';
import { startSandbox, type AddDeviceOptions, type Sandbox, type SandboxOptions } from '../../electron/sandbox';

// One signed-in account on a sandbox with a phone of its own, a scratch folder, and (when asked for) the
// account's database: what most campaigns tests start from. The seeded demo account when no account is
// given (its zone, Europe/Paris, matters to the zone tests); a fresh empty one otherwise.

export interface SandboxAccount {
  sandbox: Sandbox;
  dir: string;
  client: GatewayClient;
  device: number;
  email: string;
  password: string;
  /** RELAY_EMAIL / RELAY_PASSWORD for `relay` child processes, in São Paulo time. */
  env: NodeJS.ProcessEnv;
  /** The account's database, opened on first use and closed by `close`. */
  db(): Db;
  close(): Promise<void>;
}

export async function sandboxAccount(options: {
  /** The scratch folder's name prefix. */
  folder: string;
  /** The account's own phone (so seeded history does not mix into counts). */
  device: Omit<AddDeviceOptions, 'email'>;
  /** A fresh account; absent: the seeded demo account. */
  account?: { email: string; password: string };
  sandbox?: Omit<SandboxOptions, 'accounts'>;
}): Promise<SandboxAccount> {
  const sandbox = await startSandbox({ ...options.sandbox, ...(options.account ? { seed: false, accounts: [options.account] } : {}) });
  const { email, password } = options.account ?? sandbox.demo;
  const dir = mkdtempSync(join(tmpdir(), `${options.folder}-`));
  const token = await createGatewayClient({ baseUrl: sandbox.baseUrl }).getToken(email, password);
  const client = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token });
  const device = sandbox.addDevice({ ...options.device, ...(options.account ? { email } : {}) });
  let db: Db | null = null;
  return {
    sandbox,
    dir,
    client,
    device,
    email,
    password,
    env: { RELAY_EMAIL: email, RELAY_PASSWORD: password, TZ: 'America/Sao_Paulo' },
    db: () => (db ??= openAccountDatabase({ dataDir: dir, account: { server: sandbox.baseUrl, email, sandbox: false } })),
    async close() {
      if (db) closeDatabase(db);
      await client.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
