import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendResults } from '../../electron/main/campaigns/results-capability';
import { closeDatabase, openAccountDatabase } from '../../electron/main/db';
import type { SendResults } from '../../shared/ipc';
import { spawnCli } from '../fixtures/cli';
import { sandboxAccount, type SandboxAccount } from './sandbox-account';

// A small campaign against the sandbox, end to end: `relay campaign` sends it over two phones (one may send SMS,
// the other's app lost its permission), the simulated phones deliver and fail, one recipient asks a question and
// another replies STOP. `relay campaigns results ID --json` reads the history and prints the figures, and the
// results page's own figures (the same function behind results:get) agree with it and with the gateway.

const ROWS = [
  ['Ana', '+5511987650001'],
  ['Bruno', '+5511987650002'],
  ['Carla', '+5511987650003'],
  ['Dani', '+5511987650004'],
  ['Edu', '+5511987650005'],
  ['Fabi', '+5511987650006'],
];

let account: SandboxAccount;
let blocked: number;

beforeAll(async () => {
  account = await sandboxAccount({
    folder: 'relay-results',
    device: { title: 'Balcão', pollIntervalSeconds: 5, sendDelaySeconds: 1 },
    account: { email: 'results@example.com', password: 'results-pass' },
    sandbox: { clock: 'manual' },
  });
  blocked = account.sandbox.addDevice({
    title: 'Gaveta',
    email: account.email,
    pollIntervalSeconds: 5,
    sendDelaySeconds: 1,
    smsPermission: 'not-allowed-on-phone',
  });
}, 60_000);
afterAll(async () => account?.close());

const cli = (...args: string[]) => spawnCli([...args, '--server', account.sandbox.baseUrl, '--data-dir', account.dir], account.env).done;

/**
 * Lets the sandbox's clock run (phones poll, send, report) until `done`, never past this computer's clock: relay
 * reads the history "up to now", so nothing the sandbox did may be dated later than that.
 */
async function runUntil(done: () => Promise<boolean>, deadlineMs = 90_000) {
  const deadline = Date.now() + deadlineMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('the simulated phones did not settle in time');
    const room = Date.now() - 1_000 - account.sandbox.now().getTime();
    if (room > 0) await account.sandbox.advance(Math.min(room, 5_000));
    else await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
const settled = async () =>
  (await account.client.getAllSms({})).filter((m) => m.status !== 5 && [7, 8, 9, 10, 11, 12, 100, 101].includes(m.status)).length ===
  ROWS.length;

describe('relay campaigns results', () => {
  let campaignId: number;

  it('sends a small campaign over two phones', async () => {
    const file = join(account.dir, 'clientes.csv');
    writeFileSync(file, `nome,telefone\n${ROWS.map((r) => r.join(',')).join('\n')}\n`);
    const sent = await cli(
      'campaign',
      '--file',
      file,
      '--body',
      'Oi {nome}, a promo de Natal começou!',
      '--device',
      `${account.device},${blocked}`,
      '--json',
    );
    expect(sent.code, sent.stderr).toBe(0);
    campaignId = (JSON.parse(sent.stdout.trim().split('\n').at(-1)!) as { campaignId: number }).campaignId;
    expect(campaignId).toBeGreaterThan(0);
  }, 90_000);

  it('counts what the phones delivered and failed, the reply and the opt-out, and the page agrees', async () => {
    await runUntil(settled);
    const messages = (await account.client.getAllSms({})).filter((m) => m.status !== 5);
    const delivered = messages.filter((m) => m.status === 7);
    const notAllowed = messages.filter((m) => m.status === 100);
    expect(delivered.length + notAllowed.length).toBe(ROWS.length); // every message settled, on both phones
    expect(delivered.length).toBeGreaterThanOrEqual(2);
    expect(notAllowed.length).toBeGreaterThanOrEqual(1); // the plan used both phones
    // Two recipients whose message arrived answer: a question and a STOP.
    const [asks, stops] = delivered.map((m) => m.sendTo);
    account.sandbox.receiveSms({ deviceId: account.device, from: asks!, body: 'Vale para a loja do centro?' });
    account.sandbox.receiveSms({ deviceId: account.device, from: stops!, body: 'SAIR' });
    // relay reads "up to now": wait until this computer's clock has passed the sandbox's.
    while (Date.now() <= account.sandbox.now().getTime() + 1_000) await new Promise((resolve) => setTimeout(resolve, 100));

    const out = await cli('campaigns', 'results', String(campaignId), '--json');
    expect(out.code, out.stderr).toBe(0);
    const { results, headline, synced } = JSON.parse(out.stdout) as { results: SendResults; headline: string; synced: boolean };
    expect(synced).toBe(true);
    expect(results).toMatchObject({
      kind: 'campaign',
      id: campaignId,
      phase: 'finished',
      recipients: ROWS.length,
      delivered: delivered.length,
      failed: notAllowed.length,
    });
    expect(results.failures).toEqual(
      notAllowed.length > 0 ? [{ code: 100, titleKey: 'failures.100.title', count: notAllowed.length }] : [],
    );
    expect(results.pending.total).toBe(0);
    expect(results.replies).toMatchObject({ messages: 2, customers: 2 });
    expect(results.optOuts.count).toBe(1);
    expect(results.optOuts.latest.map((o) => [o.phone, o.body])).toEqual([[stops, 'SAIR']]);
    // One segment per message the phone sent (the blocked phone sent nothing).
    expect(results.segments).toEqual({ sent: delivered.length, planned: ROWS.length });
    expect(results.createdToSent?.count).toBe(delivered.length);
    const share = Math.round((delivered.length / ROWS.length) * 100);
    expect(headline).toBe(
      `Delivered to ${delivered.length} of ${ROWS.length} (${share}%).${notAllowed.length > 0 ? ` ${notAllowed.length} failed: not sent – app not allowed to send (${notAllowed.length}).` : ''}`,
    );

    // The page's figures (results:get) from the same account database.
    const db = openAccountDatabase({
      dataDir: account.dir,
      account: { server: account.sandbox.baseUrl, email: account.email, sandbox: false },
    });
    try {
      const page = sendResults(db, { kind: 'campaign', id: campaignId }, Date.now());
      expect({ ...page, computedAt: 0 }).toEqual({ ...results, computedAt: 0 });
    } finally {
      closeDatabase(db);
    }

    // The plain text says the same in sentences.
    const text = await cli('campaigns', 'results', String(campaignId));
    expect(text.stdout).toContain(headline);
    expect(text.stdout).toContain('Opt-outs: 1 (recipients who replied STOP, SAIR or PARAR after it was sent)');
  }, 120_000);

  it('an unknown campaign id is a sentence and exit 1', async () => {
    const out = await cli('campaigns', 'results', '999');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('there is no campaign 999');
  }, 60_000);
});
