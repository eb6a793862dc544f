import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSingle } from '../../electron/main/sending/singles';
import { GatewayError, type GatewayClient } from '../../electron/main/gateway';
import { AppFailure } from '../../shared/errors';
import { openThread } from '../../electron/main/inbox/conversations';
import { sendReply } from '../../electron/main/inbox/reply';
import { syncHistory } from '../../electron/main/messages/sync';
import { spawnCli } from '../fixtures/cli';
import { sandboxAccount, type SandboxAccount } from './sandbox-account';

// The inbox against the sandbox over HTTP: customers answer a message (the simulated phone receives their
// replies), `relay inbox` lists the conversations with names, unread counts and opt-outs, and `relay reply`
// answers on the phone the customer wrote to, once, never to someone who opted out. A lost addsms reply is
// settled by reading the message back by its customerid, not by sending again.

const ANA = '+5511987650001';
const BRUNO = '+5511987650002';
const CARLA = '+5511987650003';

let account: SandboxAccount;

beforeAll(async () => {
  account = await sandboxAccount({
    folder: 'relay-inbox',
    device: { title: 'Shop phone' },
    account: { email: 'inbox@example.com', password: 'inbox-pass' },
    sandbox: { clock: 'manual' },
  });
  const db = account.db();
  db.prepare(`INSERT INTO contact_tags (id, title, created_here, created_at) VALUES (1, 'Clientes', 1, 0)`).run();
  db.prepare(`INSERT INTO contacts (tag_id, phone, name, added_at) VALUES (1, ?, 'Ana Souza', 0), (1, ?, 'Carla Dias', 0)`).run(ANA, CARLA);
  // What we sent them, through the app's single-send path.
  const sent = await sendSingle(db, account.client, {
    to: [ANA, BRUNO, CARLA],
    body: 'Black Friday: 30% off everything until Sunday',
    deviceId: account.device,
    sim: 0,
    sendAt: null,
    urgent: false,
    image: null,
    test: false,
    country: 'BR',
  });
  expect(sent.map((s) => s.state)).toEqual(['queued', 'queued', 'queued']);
  await account.sandbox.advance(1_000);
  account.sandbox.receiveSms({ deviceId: account.device, from: ANA, body: 'Is it valid on Sunday too?' });
  await account.sandbox.advance(1_000);
  account.sandbox.receiveSms({ deviceId: account.device, from: BRUNO, body: 'PARAR' });
  // The sandbox's clock was moved ahead of this computer's: a relay started at once would read up to its own
  // "now", before the last reply. Wait until real time has passed the sandbox's.
  while (Date.now() <= account.sandbox.now().getTime() + 1_000) await new Promise((resolve) => setTimeout(resolve, 100));
}, 60_000);
afterAll(async () => account?.close());

const cli = (...args: string[]) => spawnCli([...args, '--server', account.sandbox.baseUrl, '--data-dir', account.dir], account.env).done;

interface InboxJson {
  counts: { unreadConversations: number; unreadReplies: number; conversations: number };
  conversations: { phone: string; name: string | null; unread: number; optedOut: boolean; lastMessage: { body: string; from: string } }[];
}

describe('relay inbox and relay reply', () => {
  it('list one conversation per customer who replied, newest first, with names, unread counts and STOP as an opt-out', async () => {
    const run = await cli('inbox', '--json');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as InboxJson;
    expect(doc.conversations.map((c) => [c.phone, c.name, c.unread, c.optedOut, c.lastMessage.body, c.lastMessage.from])).toEqual([
      [BRUNO, null, 1, true, 'PARAR', 'customer'],
      [ANA, 'Ana Souza', 1, false, 'Is it valid on Sunday too?', 'customer'],
    ]);
    expect(doc.counts).toEqual({ unreadConversations: 2, unreadReplies: 2, conversations: 2 });
  }, 60_000);

  it('answers on the phone the customer wrote to, once, and the conversation reads as answered', async () => {
    const before = await account.client.getAllSms({});
    const run = await cli('reply', '--to', '(11) 98765-0001', '--body', 'Yes, Sunday too!', '--json');
    expect(run.code).toBe(0);
    const { send } = JSON.parse(run.stdout) as { send: { state: string; smsId: number; to: string } };
    expect(send).toMatchObject({ state: 'queued', to: ANA });
    const after = await account.client.getAllSms({});
    const added = after.filter((m) => !before.some((b) => b.id === m.id));
    expect(added.map((m) => [m.id, m.sendTo, m.body, m.deviceId, m.sim])).toEqual([
      [send.smsId, ANA, 'Yes, Sunday too!', account.device, 0],
    ]);

    const listed = JSON.parse((await cli('inbox', '--unread', '--json')).stdout) as InboxJson;
    expect(listed.conversations.map((c) => c.phone)).toEqual([BRUNO]);
  }, 60_000);

  it('refuses to answer a customer who opted out, and sends nothing', async () => {
    const before = await account.client.countSms({});
    const run = await cli('reply', '--to', BRUNO, '--body', 'Sorry to see you go');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/suppressed/);
    expect(await account.client.countSms({})).toBe(before);
  }, 60_000);

  it('says there is nothing to answer for a number that never wrote', async () => {
    const run = await cli('reply', '--to', CARLA, '--body', 'Hello?');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no conversation with this number/);
  }, 60_000);

  it('settles a reply whose answer was lost by reading it back by its customerid: one message, never two', async () => {
    account.sandbox.receiveSms({ deviceId: account.device, from: CARLA, body: 'Do you deliver?' });
    const db = account.db();
    await syncHistory({ db, client: account.client, from: Date.now() - 86_400_000 });
    const before = await account.client.countSms({});
    account.sandbox.dropRepliesAfterCommit({ next: 1 });
    const { send, thread } = await sendReply(db, account.client, { key: '5511987650003', body: 'Yes, same day', country: 'BR' });
    expect(send.state).toBe('queued');
    expect(send.smsId).not.toBeNull();
    expect(await account.client.countSms({})).toBe(before + 1);
    // Until the history has it, the thread shows it as on its way.
    expect(thread.pending.map((p) => [p.body, p.state])).toEqual([['Yes, same day', 'queued']]);
    await syncHistory({ db, client: account.client, from: Date.now() - 86_400_000 });
    const synced = openThread(db, '5511987650003')!;
    expect(synced.pending).toEqual([]);
    expect(synced.messages.map((m) => [m.body, m.incoming, m.single])).toEqual([
      ['Black Friday: 30% off everything until Sunday', false, true],
      ['Do you deliver?', true, false],
      ['Yes, same day', false, true],
    ]);
    expect(synced.name).toBe('Carla Dias');
  }, 60_000);

  it('refuses a reply, with a sentence saying to try again, when the latest replies cannot be read (a STOP might be missed)', async () => {
    account.sandbox.receiveSms({ deviceId: account.device, from: CARLA, body: 'Still there?' });
    const db = account.db();
    await syncHistory({ db, client: account.client, from: Date.now() - 86_400_000 });
    const blind: GatewayClient = {
      ...account.client,
      getAllSms: (query, call) =>
        query?.status === 5
          ? Promise.reject(new GatewayError('timeout', 'The gateway did not answer in time.', { endpoint: 'getallsms' }))
          : account.client.getAllSms(query, call),
    };
    const before = await account.client.countSms({});
    const refused = await sendReply(db, blind, { key: '5511987650003', body: 'Yes!', country: 'BR' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppFailure);
    expect((refused as AppFailure).key).toBe('refusals.optOutsUnread');
    expect((refused as AppFailure).message).toMatch(/Nothing was sent: try again in a moment/);
    expect(await account.client.countSms({})).toBe(before);
  }, 60_000);

  it('answers a customer whose number the gateway wrote nationally at their E.164 number, not as "+1…"', async () => {
    account.sandbox.receiveSms({ deviceId: account.device, from: '11987650009', body: 'Oi, tem entrega?' });
    const db = account.db();
    await syncHistory({ db, client: account.client, from: Date.now() - 86_400_000 });
    const { send } = await sendReply(db, account.client, { key: '11987650009', body: 'Tem sim', country: 'BR' });
    expect(send).toMatchObject({ state: 'queued', to: '+5511987650009' });
    const sent = (await account.client.getAllSms({})).filter((m) => m.id === send.smsId);
    expect(sent.map((m) => m.sendTo)).toEqual(['+5511987650009']);
  }, 60_000);
});
