import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../../shared/i18n';
import { measuredText, resultsHeadline } from '../../../shared/results-words';
import { campaignResults, computeResults, newsletterResults, percentile } from '../../../electron/main/campaigns/results';
import { openMemoryDatabase, type Db } from '../../../electron/main/db';
import { messageStore } from '../../../electron/main/messages/store';
import { message, T0 } from '../messages/fixtures';

// A campaign's results page: what its record, the history and the inbox say about it, in the figures and the
// headline a shop owner reads first.

const MIN = 60_000;
const FIRST_ID = 1_500_000_000;
const ANA = '+5511987650001';
const BRUNO = '+5511987650002';
const CARLA = '+5511987650003';
const DANI = '+5511987650004';
const EDU = '+5511987650005';
const FABI = '+5511987650006';
/** 170 GSM characters: two segments. */
const LONG = `Oi Fabi, ${'x'.repeat(161)}`;

let db: Db;
const put = (...messages: ReturnType<typeof message>[]) => messageStore(db).upsert(messages, T0 + 60 * MIN);

function addCampaign(
  recipients: { phone: string; name: string; body: string; status: number | null }[],
  options: { leftAt?: number | null; title?: string } = {},
): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO campaigns (title, fingerprint, body, columns, phones, recipients, first_customer_id, chunk_count, created_at) VALUES (?, 'f', 'Oi {nome}', '[]', '[]', ?, ?, 1, ?)`,
      )
      .run(options.title ?? 'Promo de junho', recipients.length, FIRST_ID, T0).lastInsertRowid,
  );
  db.prepare(
    `INSERT INTO campaign_chunks (campaign_id, chunk, customer_id, device_id, sim, first_recipient, count, send_at, spacing_ms, state, left_at) VALUES (?, 0, ?, 1, 0, 0, ?, ?, 0, ?, ?)`,
  ).run(
    id,
    FIRST_ID,
    recipients.length,
    T0,
    options.leftAt === null ? 'planned' : 'found',
    options.leftAt === undefined ? T0 : options.leftAt,
  );
  const insert = db.prepare(
    `INSERT INTO campaign_recipients (campaign_id, idx, chunk, phone, name, body, cells, status) VALUES (?, ?, 0, ?, ?, ?, '[]', ?)`,
  );
  recipients.forEach((r, i) => insert.run(id, i, r.phone, r.name, r.body, r.status));
  return id;
}

beforeEach(() => {
  db = openMemoryDatabase();
});
afterEach(() => db.close());

describe('a campaign with delivered, failed and pending messages, replies and an opt-out', () => {
  beforeEach(() => {
    addCampaign([
      { phone: ANA, name: 'Ana', body: 'Oi Ana, promo!', status: 7 },
      { phone: BRUNO, name: 'Bruno', body: 'Oi Bruno, promo!', status: 7 },
      { phone: CARLA, name: 'Carla', body: 'Oi Carla, promo!', status: 7 },
      { phone: DANI, name: 'Dani', body: 'Oi Dani, promo!', status: 10 },
      { phone: EDU, name: 'Edu', body: 'Oi Edu, promo!', status: 8 },
      { phone: FABI, name: 'Fabi', body: LONG, status: 2 },
    ]);
    // What the history holds: created → sent of 1, 2, 3 and 10 minutes for the ones the phone sent.
    put(
      message(1, { sendTo: ANA, customerId: FIRST_ID, status: 7, createdMs: T0, sentMs: T0 + MIN, body: 'Oi Ana, promo!' }),
      message(2, { sendTo: BRUNO, customerId: FIRST_ID, status: 7, createdMs: T0, sentMs: T0 + 2 * MIN, body: 'Oi Bruno, promo!' }),
      message(3, { sendTo: CARLA, customerId: FIRST_ID, status: 7, createdMs: T0, sentMs: T0 + 3 * MIN, body: 'Oi Carla, promo!' }),
      message(4, { sendTo: DANI, customerId: FIRST_ID, status: 10, createdMs: T0, body: 'Oi Dani, promo!' }),
      message(5, { sendTo: EDU, customerId: FIRST_ID, status: 8, createdMs: T0, sentMs: T0 + 10 * MIN, body: 'Oi Edu, promo!' }),
      message(6, { sendTo: FABI, customerId: FIRST_ID, status: 2, createdMs: T0, body: LONG }),
      // Another campaign's message and a single send to Ana: not this campaign's.
      message(7, { sendTo: ANA, customerId: FIRST_ID + 1, status: 7, createdMs: T0, sentMs: T0 + 50 * MIN }),
      // Replies: Ana twice after it was sent, Bruno SAIR, Ana once *before* it was sent, and a stranger's STOP.
      message(10, { sendTo: '5511987650001', status: 5, body: 'Vale no domingo?', createdMs: T0 + 20 * MIN }),
      message(11, { sendTo: ANA, status: 5, body: 'Obrigada!', createdMs: T0 + 25 * MIN }),
      message(12, { sendTo: BRUNO, status: 5, body: 'SAIR', createdMs: T0 + 30 * MIN }),
      message(13, { sendTo: ANA, status: 5, body: 'pare', createdMs: T0 - 5 * MIN }),
      message(14, { sendTo: '+5511900000000', status: 5, body: 'STOP', createdMs: T0 + 31 * MIN }),
    );
    db.prepare(`INSERT INTO contact_tags (id, title, created_here, created_at) VALUES (1, 'Clientes', 1, 0)`).run();
    db.prepare(`INSERT INTO contacts (tag_id, phone, name, added_at) VALUES (1, ?, 'Bruno Lima', 0)`).run(BRUNO);
  });

  it('counts delivered, failed by reason and pending, and says it in one sentence in both languages', () => {
    const r = campaignResults(db, 1, { now: T0 + 60 * MIN, historySyncedAt: T0 + 59 * MIN });
    expect(r).toMatchObject({
      kind: 'campaign',
      title: 'Promo de junho',
      phase: 'running',
      recipients: 6,
      delivered: 3,
      failed: 2,
      deliveredShare: 0.5,
      sentFrom: T0,
    });
    expect(r.failures).toEqual([
      { code: 8, titleKey: 'failures.8.title', count: 1 },
      { code: 10, titleKey: 'failures.10.title', count: 1 },
    ]);
    expect(r.pending).toEqual({ waiting: 1, sentNoReport: 0, notListed: 0, total: 1 });
    expect(resultsHeadline(r, translator('en'), 'en')).toBe(
      'Delivered to 3 of 6 (50%). 2 failed: not delivered (1), not sent – no signal (1). 1 still on its way.',
    );
    expect(resultsHeadline(r, translator('pt-BR'), 'pt-BR')).toBe(
      'Entregue a 3 de 6 (50%). 2 falharam: não entregue (1), não enviada – sem sinal (1). 1 ainda a caminho.',
    );
  });

  it('counts replies and opt-outs from its recipients after it was sent only, named as in the contacts or the campaign', () => {
    const r = campaignResults(db, 1, { now: T0 + 60 * MIN, historySyncedAt: T0 + 59 * MIN });
    expect(r.replies.messages).toBe(3);
    expect(r.replies.customers).toBe(2);
    expect(r.replies.latest.map((x) => [x.body, x.name, x.optOut])).toEqual([
      ['SAIR', 'Bruno Lima', true],
      ['Obrigada!', 'Ana', false],
      ['Vale no domingo?', 'Ana', false],
    ]);
    expect(r.optOuts.count).toBe(1);
    expect(r.optOuts.latest.map((x) => x.phone)).toEqual([BRUNO]);
  });

  it('counts the segments the phones sent and times created → sent with median and 90th percentile', () => {
    const r = campaignResults(db, 1, { now: T0 + 60 * MIN, historySyncedAt: T0 + 59 * MIN });
    // Sent (7 and 8): four one-segment messages; Fabi's two segments are not sent yet; Dani's never left the phone.
    expect(r.segments).toEqual({ sent: 4, planned: 7 });
    expect(r.createdToSent).toEqual({ median: 2 * MIN, p90: 10 * MIN, count: 4 });
    expect(measuredText(r, translator('en'))[0]).toBe(
      'Time until sent: from the moment the gateway queued each message until the phone sent it, over 4 messages. Median 2 min; 90% within 10 min.',
    );
  });

  it('is finished once every message is final', () => {
    db.prepare('UPDATE campaign_recipients SET status = 7 WHERE phone = ?').run(FABI);
    const r = campaignResults(db, 1, { now: T0 + 60 * MIN, historySyncedAt: null });
    expect(r.phase).toBe('finished');
    expect(resultsHeadline(r, translator('en'), 'en')).toBe(
      'Delivered to 4 of 6 (67%). 2 failed: not delivered (1), not sent – no signal (1).',
    );
  });
});

it('says nothing was delivered yet before the phones report, and counts recipients not listed yet as on their way', () => {
  addCampaign([
    { phone: ANA, name: 'Ana', body: 'Oi', status: 1 },
    { phone: BRUNO, name: 'Bruno', body: 'Oi', status: null },
  ]);
  const r = campaignResults(db, 1, { now: T0, historySyncedAt: null });
  expect(r.pending).toEqual({ waiting: 1, sentNoReport: 0, notListed: 1, total: 2 });
  expect(r.replies.messages).toBe(0);
  expect(r.createdToSent).toBeNull();
  expect(resultsHeadline(r, translator('en'), 'en')).toBe('Nothing delivered yet: 2 messages are on their way.');
  expect(resultsHeadline(r, translator('pt-BR'), 'pt-BR')).toBe('Nada entregue ainda: 2 mensagens a caminho.');
});

it('takes the history’s statuses when it synced after the campaign’s record was last refreshed', () => {
  addCampaign([
    { phone: ANA, name: 'Ana', body: 'Oi', status: null },
    { phone: BRUNO, name: 'Bruno', body: 'Oi', status: null },
  ]);
  put(
    message(1, { sendTo: ANA, customerId: FIRST_ID, status: 7, createdMs: T0, sentMs: T0 + MIN, body: 'Oi' }),
    message(2, { sendTo: BRUNO, customerId: FIRST_ID, status: 2, createdMs: T0, body: 'Oi' }),
  );
  const r = campaignResults(db, 1, { now: T0 + 2 * MIN, historySyncedAt: T0 + 2 * MIN });
  expect([r.statusesFrom, r.delivered, r.pending.waiting, r.pending.notListed, r.segments.sent]).toEqual(['history', 1, 1, 0, 1]);
  // Once the record knows as much, it speaks (it is what the campaign's own page shows).
  db.prepare('UPDATE campaign_recipients SET status = ? WHERE phone = ?').run(7, ANA);
  db.prepare('UPDATE campaign_recipients SET status = ? WHERE phone = ?').run(2, BRUNO);
  expect(campaignResults(db, 1, { now: T0 + 2 * MIN, historySyncedAt: T0 + 2 * MIN }).statusesFrom).toBe('campaign');
});

it('a cancelled campaign does not wait for the messages it never handed over', () => {
  addCampaign([{ phone: ANA, name: 'Ana', body: 'Oi', status: null }], { leftAt: null });
  db.prepare("UPDATE campaigns SET hold = 'cancelled'").run();
  const r = campaignResults(db, 1, { now: T0, historySyncedAt: null });
  expect(r.recipients).toBe(0);
  expect(resultsHeadline(r, translator('en'), 'en')).toBe('This send has no messages.');
});

it('a newsletter’s results come from its messages in the history', () => {
  db.prepare(
    `INSERT INTO newsletters (id, paket_id, title, body, tags, device_id, sim, recipients, created_at) VALUES (3, 77, 'Novidades', 'Oi', '[]', 1, 0, 3, ?)`,
  ).run(T0);
  const newsletter = { id: 77, title: 'Novidades', body: 'Oi' };
  put(
    message(1, { sendTo: ANA, status: 7, newsletter, createdMs: T0, sentMs: T0 + MIN, body: 'Oi' }),
    message(2, { sendTo: BRUNO, status: 12, newsletter, createdMs: T0, body: 'Oi' }),
    message(3, { sendTo: CARLA, status: 6, newsletter, createdMs: T0, sentMs: T0 + 2 * MIN, body: 'Oi' }),
    message(4, { sendTo: CARLA, status: 5, body: 'Parar', createdMs: T0 + 5 * MIN }),
  );
  const r = newsletterResults(db, 3, { now: T0 + 10 * MIN, historySyncedAt: T0 + 9 * MIN });
  expect(r).toMatchObject({
    kind: 'newsletter',
    recipients: 3,
    delivered: 1,
    failed: 1,
    statusesFrom: 'history',
    segments: { sent: 2, planned: null },
  });
  expect(r.pending).toEqual({ waiting: 0, sentNoReport: 1, notListed: 0, total: 1 });
  expect(r.optOuts.count).toBe(1);
});

describe('pure parts', () => {
  it('percentiles by nearest rank', () => {
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(() => percentile([], 0.5)).toThrow();
  });

  it('a status the table does not know is on its way, never delivered or failed', () => {
    const r = computeResults({
      kind: 'campaign',
      id: 1,
      title: 'x',
      createdAt: T0,
      recipients: 2,
      byStatus: { 7: 1, 42: 1 },
      statusesFrom: 'campaign',
      segments: { sent: 1, planned: 2 },
      history: { createdToSentMs: [], sentToSeenDeliveredMs: [] },
      sentFrom: T0,
      replies: [],
      names: new Map(),
      historySyncedAt: null,
      now: T0,
    });
    expect([r.delivered, r.failed, r.pending.total, r.phase]).toEqual([1, 0, 1, 'running']);
  });
});
