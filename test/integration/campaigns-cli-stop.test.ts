import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../electron/main/gateway';
import type { Sandbox } from '../../electron/sandbox';
import { spawnCli } from '../fixtures/cli';
import { sandboxAccount, type SandboxAccount } from './sandbox-account';

// relay campaign --keep-here and relay campaigns: a campaign for tomorrow kept in the account's database (nothing
// on the gateway), listed with when it starts and what can still be stopped, paused, resumed and cancelled by id.

let account: SandboxAccount;
let sandbox: Sandbox;
let dir: string;
let client: GatewayClient;
let device: number;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  account = await sandboxAccount({
    folder: 'relay-campaigns-stop',
    device: { title: 'CLI phone' },
    account: { email: 'stop-cli@example.com', password: 'cli-pass' },
    sandbox: { clock: 'real', newsletterAutoStartSeconds: null },
  });
  ({ sandbox, dir, client, device, env } = account);
});
afterAll(() => account.close());

const common = () => ['--server', sandbox.baseUrl, '--data-dir', join(dir, 'data')];

describe('relay campaigns', () => {
  it('keeps a scheduled campaign here, lists it, pauses, resumes and cancels it by id; nothing reaches the gateway', async () => {
    const path = join(dir, 'amanha.csv');
    writeFileSync(path, 'nome,telefone\nAna,+55 11 94444-0001\nBia,+55 11 94444-0002\n');
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const kept = await spawnCli(
      ['campaign', ...common(), '--file', path, '--body', 'Oi {nome}', '--device', String(device), '--at', at, '--keep-here', '--json'],
      env,
    ).done;
    expect(kept.code, kept.stderr).toBe(0);
    const { campaignId } = JSON.parse(kept.stdout) as { campaignId: number };
    expect(JSON.parse(kept.stdout)).toMatchObject({ state: 'scheduled', recipients: 2 });

    const list = await spawnCli(['campaigns', ...common()], env).done;
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(
        `^${campaignId}\\tscheduled\\t2 recipients, 0 delivered, 0 failed; starts .* UTC; 2 messages not yet handed to the gateway`,
        'm',
      ),
    );

    for (const [action, state] of [
      ['pause', 'paused'],
      ['resume', 'kept'],
      ['cancel', 'cancelled'],
    ] as const) {
      const run = await spawnCli(['campaigns', action, String(campaignId), ...common(), '--json'], env).done;
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ campaignId, state });
    }
    const again = await spawnCli(['campaigns', 'resume', String(campaignId), ...common()], env).done;
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/cancelled: nothing of it can be sent/);
    expect(await client.countSms({ deviceId: device })).toBe(0);

    const usage = await spawnCli(['campaigns', 'pause', ...common()], env).done;
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/needs the campaign's id/);
  }, 90_000);
});
