import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../electron/main/gateway';
import type { Sandbox } from '../../electron/sandbox';
import { spawnCli } from '../fixtures/cli';
import { sandboxAccount, type SandboxAccount } from './sandbox-account';

// relay campaign --again as a child process: a finished campaign run again by mistake is refused and sends
// nothing; confirmed with --again it is sent once more — each recipient exactly one more message.

let account: SandboxAccount;
let sandbox: Sandbox;
let dir: string;
let client: GatewayClient;
let device: number;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  account = await sandboxAccount({
    folder: 'relay-campaign-again',
    device: { title: 'Again phone' },
    account: { email: 'again@example.com', password: 'again-pass' },
    sandbox: { clock: 'real', newsletterAutoStartSeconds: null },
  });
  ({ sandbox, dir, client, device, env } = account);
});
afterAll(() => account.close());

describe('relay campaign --again', () => {
  it('refuses a mistaken re-run, then a confirmed one sends each recipient once more', async () => {
    const path = join(dir, 'list.csv');
    writeFileSync(path, ['nome,telefone', 'Ana,+55 11 93333-0001', 'Bia,+55 11 93333-0002', 'Caio,+55 11 93333-0003'].join('\n'));
    const args = [
      'campaign',
      '--server',
      sandbox.baseUrl,
      '--data-dir',
      join(dir, 'data'),
      '--file',
      path,
      '--body',
      'Oi {nome}',
      '--device',
      String(device),
      '--json',
    ];
    const perNumber = async () => {
      const counts = new Map<string, number>();
      for (const m of await client.getAllSms({ deviceId: device })) counts.set(m.sendTo, (counts.get(m.sendTo) ?? 0) + 1);
      return Object.fromEntries([...counts].sort());
    };

    const first = await spawnCli(args, env).done;
    expect(first.code, first.stderr).toBe(0);
    expect(await perNumber()).toEqual({ '+5511933330001': 1, '+5511933330002': 1, '+5511933330003': 1 });

    const mistaken = await spawnCli(args, env).done;
    expect(mistaken.code).not.toBe(0);
    expect(mistaken.stderr).toMatch(/same campaign/);
    expect(await perNumber()).toEqual({ '+5511933330001': 1, '+5511933330002': 1, '+5511933330003': 1 });

    const confirmed = await spawnCli([...args, '--again'], env).done;
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(JSON.parse(confirmed.stdout)).toMatchObject({ recipients: 3, queuedRecipients: 3, state: 'done' });
    expect(await perNumber()).toEqual({ '+5511933330001': 2, '+5511933330002': 2, '+5511933330003': 2 });
  }, 60_000);
});
