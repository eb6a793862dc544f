import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../electron/main/gateway';
import type { Sandbox } from '../../electron/sandbox';
import { spawnCli } from '../fixtures/cli';
import { sandboxAccount, type SandboxAccount } from './sandbox-account';

// relay newsletter as a child process, with the Newsletters screen's rules: a {placeholder} is refused naming
// relay campaign --tag (nothing created), opted-out contacts in the tags need --opted-out, and a STOP that came in
// a second before the run is honoured; the same tags and text as `relay campaign --tag A,B` fill {nome}.

let account: SandboxAccount;
let sandbox: Sandbox;
let dir: string;
let client: GatewayClient;
let device: number;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  account = await sandboxAccount({
    folder: 'relay-newsletter',
    device: { title: 'CLI phone' },
    account: { email: 'newsletter-cli@example.com', password: 'cli-pass' },
    sandbox: { clock: 'real', newsletterAutoStartSeconds: null },
  });
  ({ sandbox, dir, client, device, env } = account);
  for (const [tag, rows] of [
    ['Clientes', ['Ana,+55 11 93333-0001', 'Bia,+55 11 93333-0002']],
    ['VIP', ['Caio,+55 11 93333-0003', 'Ana,+55 11 93333-0001']],
  ] as const) {
    const path = join(dir, `${tag}.csv`);
    writeFileSync(path, ['nome,telefone', ...rows].join('\n'));
    const run = await spawnCli(['import', path, ...common(), '--tag', tag, '--json'], env).done;
    expect(run.code, run.stderr).toBe(0);
  }
}, 60_000);
afterAll(() => account.close());

const common = () => ['--server', sandbox.baseUrl, '--data-dir', join(dir, 'data')];
const newsletter = (...more: string[]) =>
  spawnCli(['newsletter', ...common(), '--tag', 'Clientes,VIP', '--title', 'Maio', '--device', String(device), ...more], env).done;
const outgoing = async () => (await client.getAllSms({ deviceId: device })).filter((m) => m.status !== 5);

describe('relay newsletter', () => {
  it('refuses a {placeholder}, naming it and relay campaign --tag; nothing is created or sent', async () => {
    const run = await newsletter('--body', 'Olá {nome}, promoção!');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot fill in \{nome\}/);
    expect(run.stderr).toMatch(/relay campaign --tag "Clientes,VIP"/);
    expect(sandbox.waitingNewsletters('newsletter-cli@example.com')).toEqual([]);
    expect(await outgoing()).toHaveLength(0);
  }, 30_000);

  it('a STOP from a second ago: refused until --opted-out says what to do; "campaign" sends to everyone else once', async () => {
    sandbox.receiveSms({ deviceId: device, from: '+5511933330002', body: 'PARAR' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const refused = await newsletter('--body', 'Promoção de maio');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/1 contact in these tags opted out.*--opted-out campaign/s);
    expect(sandbox.waitingNewsletters('newsletter-cli@example.com')).toEqual([]);

    const run = await newsletter('--body', 'Promoção de maio', '--opted-out', 'campaign', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ recipients: 2, optedOutLeftOut: 1 });
    const sent = await outgoing();
    expect(sent.map((m) => m.sendTo).sort()).toEqual(['+5511933330001', '+5511933330003']);
    for (const m of sent) expect(m.body).toBe('Promoção de maio');
  }, 60_000);

  it('--opted-out include creates the newsletter for whole tags (the phone runs it)', async () => {
    const run = await newsletter('--title', 'Todos', '--body', 'Aviso geral', '--opted-out', 'include', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ recipients: 3, optedOutIncluded: 1, paketId: expect.any(Number) });
    expect(sandbox.waitingNewsletters('newsletter-cli@example.com')).toHaveLength(1);
  }, 30_000);

  it('the same tags as relay campaign --tag A,B fill {nome} for each contact once, the opted-out one left out', async () => {
    const before = (await outgoing()).length;
    const run = await spawnCli(
      ['campaign', ...common(), '--tag', 'Clientes,VIP', '--body', 'Olá {nome}!', '--device', String(device), '--json'],
      env,
    ).done;
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ recipients: 2, suppressed: 1 });
    const after = await outgoing();
    expect(after.length - before).toBe(2);
    expect(
      after
        .map((m) => m.body)
        .filter((b) => b.startsWith('Olá'))
        .sort(),
    ).toEqual(['Olá Ana!', 'Olá Caio!']);
  }, 60_000);
});
