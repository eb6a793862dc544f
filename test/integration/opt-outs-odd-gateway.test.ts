import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optOutsBeforeSending } from '../../electron/main/optouts/sync';
import { sendSingle } from '../../electron/main/sending/singles';
import { createGatewayClient, type GatewayClient } from '../../electron/main/gateway';
import { campaignBench, type CampaignBench } from './campaigns-fixture';

// Opt-outs against a gateway we have not seen: a proxy in front of the sandbox rewrites the incoming replies the
// way other gateways (and other phones) write them — numbers without "+", national, with spaces; dates missing,
// as plain text, or in odd zones — and the STOPs come in the forms customers type. Whatever the form, the
// customer who asked gets nothing from a single send or a campaign; a customer who did not ask still does.

let bench: CampaignBench;
let proxy: Server;
let odd: GatewayClient;
/** How the proxy rewrites each incoming row of a getallsms reply, by the number the sandbox wrote. */
const rewrites = new Map<string, (row: Record<string, unknown>) => void>();

beforeAll(async () => {
  bench = await campaignBench({ email: 'odd@example.com' });
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = new URL(req.url ?? '/', bench.sandbox.baseUrl);
      void fetch(upstream, {
        method: req.method ?? 'GET',
        headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
        ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
      })
        .then(async (reply) => {
          let text = await reply.text();
          if ((req.url ?? '').includes('getallsms')) {
            const doc = JSON.parse(text) as { smss?: Record<string, Record<string, unknown>> | unknown[] };
            for (const row of Object.values(doc.smss ?? {}) as Record<string, unknown>[]) {
              if (Number(row.status) === 5) rewrites.get(String(row.sendto))?.(row);
            }
            text = JSON.stringify(doc);
          }
          res.writeHead(reply.status, { 'content-type': 'text/html; charset=UTF-8' }).end(text);
        })
        .catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/getdata/`;
  const token = await createGatewayClient({ baseUrl }).getToken('odd@example.com', 'bench-pass');
  odd = createGatewayClient({ baseUrl, token: () => token, log: () => {} });
  // The cursor where a running app sits.
  await optOutsBeforeSending(bench.db, odd, bench.clock.now(), 'BR');
});
afterAll(async () => {
  await odd.close();
  proxy.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await bench.close();
});

const device = () => bench.devices[0]!;
const single = (to: string) =>
  sendSingle(
    bench.db,
    bench.client,
    { to: [to], body: 'Promoção!', deviceId: device(), sim: 0, sendAt: null, urgent: false, image: null, test: false, country: 'BR' },
    () => bench.clock.now(),
  );
const sentTo = async (phone: string) => (await bench.client.getAllSms({ deviceId: device(), phone })).filter((m) => m.status !== 5);

/** Customers reply; the proxy rewrites each row; the check before sending reads them through the proxy. */
async function replies(list: { from: string; body: string; rewrite?: (row: Record<string, unknown>) => void }[]): Promise<void> {
  for (const r of list) {
    if (r.rewrite) rewrites.set(r.from, r.rewrite);
    bench.sandbox.receiveSms({ deviceId: device(), from: r.from, body: r.body });
  }
  await bench.pass(1_000, 1_000);
  await optOutsBeforeSending(bench.db, odd, bench.clock.now(), 'BR');
}

describe('opt-outs from a gateway we have not seen', () => {
  it('STOP in the forms customers type opts out; a question that only contains "sair" does not', async () => {
    const forms = [
      'sair',
      ' SAÍR',
      'Parar por favor',
      'STOP.',
      '   stop',
      'BAJA',
      'UNSUBSCRIBE',
      'Oi, quero sair da lista',
      'Não quero mais receber',
      'descadastrar!!',
    ];
    await replies(forms.map((body, i) => ({ from: `+55119777700${String(i).padStart(2, '0')}`, body })));
    await replies([{ from: '+5511977770099', body: 'Quando vai sair meu pedido?' }]);
    for (let i = 0; i < forms.length; i += 1) {
      const phone = `+55119777700${String(i).padStart(2, '0')}`;
      expect((await single(phone))[0]!.state, forms[i]).toBe('suppressed');
      expect(await sentTo(phone), forms[i]).toHaveLength(0);
    }
    expect((await single('+5511977770099'))[0]!.state).toBe('queued');
  });

  it('a reply from a number written without "+", nationally or with spaces matches the contact’s E.164 number', async () => {
    const written = {
      '+5511977771001': '5511977771001', // country code, no "+"
      '+5511977771002': '11977771002', // national
      '+5511977771003': '(11) 97777-1003', // national, as people write it
      '+5511977771004': '011977771004', // national with the trunk 0
      '+5511977771005': '+55 11 97777 1005', // spaces
    };
    await replies(Object.entries(written).map(([from, as]) => ({ from, body: 'PARAR', rewrite: (row) => void (row.sendto = as) })));
    for (const phone of Object.keys(written)) {
      expect((await single(phone))[0]!.state, phone).toBe('suppressed');
      expect(await sentTo(phone), phone).toHaveLength(0);
    }
    // A campaign from a file with the same people written yet another way leaves them all out.
    const path = bench.csv('odd-numbers.csv', [
      'Ana,11 97777-1001',
      'Bia,+55 (11) 97777-1002',
      'Caio,011 97777 1003',
      'Duda,5511977771004',
      'Eva,11977771005',
      'Fábio,11 97777-1006',
    ]);
    const input = {
      source: { kind: 'file' as const, fileId: path },
      body: 'Oi {nome}',
      phones: [{ deviceId: device(), sim: 0 as const }],
      sendAt: null,
      quietHours: null,
      dailyCap: null,
      footer: null,
    };
    const { preview } = await bench.service.prepare(input);
    expect(preview).toMatchObject({ recipients: 1, suppressed: 5 });
    const started = await bench.service.start({ ...input, again: false });
    await bench.runner.idle(started.job.id);
    for (const phone of Object.keys(written)) expect(await sentTo(phone), phone).toHaveLength(0);
    expect(await sentTo('+5511977771006')).toHaveLength(1);
  });

  it('a STOP whose date is missing, plain text, unreadable or in an odd zone still counts', async () => {
    const dates: Record<string, (row: Record<string, unknown>) => void> = {
      '+5511977772001': (row) => void delete row.created,
      '+5511977772002': (row) => void (row.created = null),
      '+5511977772003': (row) => void (row.created = '2026-12-06 10:00:00'),
      '+5511977772004': (row) => void (row.created = { date: 'yesterday', timezone_type: 3, timezone: 'Nowhere/Town' }),
      '+5511977772005': (row) => void (row.created = { ...(row.created as object), timezone_type: 1, timezone: '+14:00' }),
      '+5511977772006': (row) => void (row.created = { ...(row.created as object), timezone_type: 3, timezone: 'Pacific/Kiritimati' }),
      '+5511977772007': (row) => void (row.created = { ...(row.created as object), timezone_type: 1, timezone: '-12:00' }),
      '+5511977772008': (row) => {
        delete row.id;
        delete row.deviceid;
      },
    };
    await replies(Object.entries(dates).map(([from, rewrite]) => ({ from, body: 'STOP', rewrite })));
    for (const phone of Object.keys(dates)) {
      expect((await single(phone))[0]!.state, phone).toBe('suppressed');
      expect(await sentTo(phone), phone).toHaveLength(0);
    }
  });
});
