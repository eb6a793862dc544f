import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../electron/main/gateway';
import type { Sandbox } from '../../electron/sandbox';
import { spawnCli } from '../fixtures/cli';
import { sandboxAccount, type SandboxAccount } from './sandbox-account';

// relay campaign / relay send as child processes: malformed pacing flags are usage errors (exit 2, nothing
// sent); a STOP reply that came in since the last run is synced before sending, so that number is left out;
// --footer adds the opt-out line in the message's language.

let account: SandboxAccount;
let sandbox: Sandbox;
let dir: string;
let client: GatewayClient;
let device: number;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  account = await sandboxAccount({
    folder: 'relay-campaign-flags',
    device: { title: 'CLI phone' },
    account: { email: 'cli@example.com', password: 'cli-pass' },
    sandbox: { clock: 'real', newsletterAutoStartSeconds: null },
  });
  ({ sandbox, dir, client, device, env } = account);
});
afterAll(() => account.close());

const common = () => ['--server', sandbox.baseUrl, '--data-dir', join(dir, 'data')];

describe('relay campaign flags and opt-outs', () => {
  it('malformed --quiet-hours, --daily-cap or --footer: exit 2 with what to write, nothing sent', async () => {
    const path = join(dir, 'few.csv');
    writeFileSync(path, 'nome,telefone\nAna,+55 11 91111-0001\n');
    const base = ['campaign', ...common(), '--file', path, '--body', 'Oi {nome}', '--device', String(device)];
    for (const [flag, value, words] of [
      ['--quiet-hours', '21h-8h', /--quiet-hours takes two times of day/],
      ['--daily-cap', '0', /--daily-cap takes a whole number/],
      ['--footer', 'klingon', /--footer takes the message's language/],
    ] as const) {
      const run = await spawnCli([...base, flag, value], env).done;
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(words);
    }
    expect(await client.countSms({ deviceId: device })).toBe(0);
  }, 60_000);

  it('syncs STOP replies first, leaves that number out, and adds the footer', async () => {
    sandbox.receiveSms({ deviceId: device, from: '+5511922220002', body: 'PARAR' });
    const path = join(dir, 'list.csv');
    writeFileSync(path, ['nome,telefone', 'Ana,+55 11 92222-0001', 'Bia,+55 11 92222-0002', 'Caio,+55 11 92222-0003'].join('\n'));
    const run = await spawnCli(
      [
        'campaign',
        ...common(),
        '--file',
        path,
        '--body',
        'Oi {nome}',
        '--device',
        String(device),
        '--quiet-hours',
        '21:00-08:00',
        '--daily-cap',
        '100',
        '--footer',
        'pt',
        '--json',
      ],
      env,
    ).done;
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { recipients: number; suppressed: number; queuedRecipients: number };
    expect(report).toMatchObject({ recipients: 2, suppressed: 1, queuedRecipients: 2 });
    const sent = (await client.getAllSms({ deviceId: device })).filter((m) => m.status !== 5);
    expect(sent.map((m) => m.sendTo).sort()).toEqual(['+5511922220001', '+5511922220003']);
    for (const m of sent) expect(m.body).toMatch(/^Oi (Ana|Caio)\nResponda SAIR para parar de receber$/);

    const single = await spawnCli(
      ['send', ...common(), '--to', '+55 11 92222-0002', '--body', 'Oi', '--device', String(device), '--json'],
      env,
    ).done;
    expect(single.code).toBe(1);
    expect((JSON.parse(single.stdout) as { sends: { state: string }[] }).sends[0]!.state).toBe('suppressed');
  }, 60_000);

  it('relay send --image over 5 MB: refused with the limit, the file’s size and what to do; a PDF named .jpg is not an image; nothing sent', async () => {
    const big = join(dir, 'vitrine.jpg');
    const photo = Buffer.alloc(Math.round(6.3 * 1048576));
    photo.set([0xff, 0xd8, 0xff, 0xe0]);
    writeFileSync(big, photo);
    const before = await client.countSms({});
    const run = await spawnCli(
      [
        'send',
        ...common(),
        '--to',
        '+55 11 93333-0001',
        '--body',
        'Vitrine nova',
        '--device',
        String(device),
        '--sim',
        '2',
        '--image',
        big,
      ],
      env,
    ).done;
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      /“vitrine\.jpg” is 6\.3 MB; an image can be at most 5 MB\. Nothing was sent\. Make it smaller .* Relay Desk app, which shrinks photos by itself/,
    );
    expect(run.stderr).not.toMatch(/imageId|at \w+ \(|\.ts:\d+/);

    const pdf = join(dir, 'menu.jpg');
    writeFileSync(pdf, Buffer.from('%PDF-1.7\n…'));
    const notImage = await spawnCli(
      ['send', ...common(), '--to', '+55 11 93333-0001', '--device', String(device), '--sim', '2', '--image', pdf],
      env,
    ).done;
    expect(notImage.code).not.toBe(0);
    expect(notImage.stderr).toMatch(/“menu\.jpg” is not an image/);
    expect(await client.countSms({})).toBe(before);
  }, 60_000);
});
