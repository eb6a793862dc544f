import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import type { CampaignsChange } from '../../shared/ipc';
import { addSuppressed } from '../../electron/main/optouts/store';
import { createNewsletter, newsletterAudience, type NewsletterCreateInput } from '../../electron/main/newsletters/create';
import { createCampaignWatch, type CampaignWatch } from '../../electron/main/campaigns/watch';
import { campaignBench, type CampaignBench } from './campaigns-fixture';

// Newsletters against the sandbox: savepaket goes to whole tags, so opted-out contacts in them need a decision
// (sent as a campaign without them, or included on purpose); savepaket is recorded before it leaves, and a lost
// reply leaves it "may have been created" and refuses an identical create until `again`; a started newsletter
// is watched like a campaign (ETA, failures by code, a stall announced once).

let bench: CampaignBench;
let tagId: number;
const numbers = ['+5511955550001', '+5511955550002', '+5511955550003', '+5511955550004'];
const pushed: CampaignsChange[] = [];
const notified: { title: string; body: string }[] = [];
let watch: CampaignWatch;

beforeAll(async () => {
  bench = await campaignBench({ email: 'news@example.com' });
  ({ tagId } = await bench.client.saveTag('Clientes'));
  bench.db.prepare('INSERT INTO contact_tags (id, title, created_here, created_at) VALUES (?, ?, 1, 0)').run(tagId, 'Clientes');
  for (const [i, phone] of numbers.entries()) {
    await bench.client.saveContact({ phone, tagId, name: `Cliente ${i}` });
    bench.db.prepare('INSERT INTO contacts (tag_id, phone, name, added_at) VALUES (?, ?, ?, ?)').run(tagId, phone, `Cliente ${i}`, i);
  }
  // The gateway writes it without "+": matched by digits all the same.
  addSuppressed(bench.db, [{ phone: '5511955550002', source: 'reply', keyword: 'sair' }], 0);
  watch = createCampaignWatch({
    db: () => bench.db,
    client: () => bench.client,
    service: bench.service,
    mirror: null,
    changed: (c) => pushed.push(c),
    notify: (n) => notified.push(n),
    stallWords: ({ campaign, phone, minutes }) => ({ title: `Stalled: ${campaign}`, body: `${phone} silent for ${minutes} min` }),
    clock: bench.clock,
    log: () => {},
    intervalMs: 3_600_000,
    phoneTitle: () => 'Phone 1',
  });
});
afterAll(async () => {
  watch.dispose();
  await bench.close();
});

const input = (over: Partial<NewsletterCreateInput> = {}): NewsletterCreateInput => ({
  title: 'Promoção',
  tagIds: [tagId],
  body: 'Promoção de maio!',
  deviceId: bench.devices[0]!,
  sim: 0,
  sendAt: null,
  again: false,
  ...over,
});
const create = (over: Partial<NewsletterCreateInput> = {}) =>
  createNewsletter({ db: bench.db, client: bench.client, service: bench.service, now: bench.clock.now() }, input(over));
const failure = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
};
const row = (id: number) => bench.db.prepare('SELECT * FROM newsletters WHERE id = ?').get(id) as Record<string, unknown>;

describe('newsletters and opted-out contacts', () => {
  it('the preview names the opted-out contacts in the tags; creating refuses until the user decides, nothing sent', async () => {
    const audience = newsletterAudience(bench.db, [tagId]);
    expect(audience.contacts).toHaveLength(4);
    expect(audience.optedOut.map((c) => c.phone)).toEqual(['+5511955550002']);
    const refused = await failure(create());
    expect(refused).toMatchObject({ code: 'validation', field: 'optedOut', params: { count: 1 } });
    expect(bench.sandbox.waitingNewsletters()).toEqual([]);
    expect(bench.db.prepare('SELECT COUNT(*) FROM newsletters').pluck().get()).toBe(0);
  });

  it("'send-as-campaign' sends the same body to the tag's other contacts, recorded as a campaign under the newsletter's title", async () => {
    const created = await create({ optedOut: 'send-as-campaign', body: 'Oi, promoção!' });
    if (created.kind !== 'campaign') throw new Error('expected a campaign');
    await bench.runner.idle(created.job.id);
    expect(created.campaign.title).toBe('Promoção');
    expect(row(created.id)).toMatchObject({
      state: 'campaign',
      campaign_id: created.campaign.id,
      opted_out: 1,
      opted_out_decision: 'send-as-campaign',
      recipients: 3,
    });
    const sent = await bench.client.getAllSms({ deviceId: bench.devices[0]! });
    expect(sent.map((m) => m.sendTo).sort()).toEqual(['+5511955550001', '+5511955550003', '+5511955550004']);
    for (const m of sent) expect(m.body).toBe('Oi, promoção!');
    expect(bench.sandbox.waitingNewsletters()).toEqual([]);
  });

  it("'include' creates the newsletter anyway and records the decision", async () => {
    const created = await create({ optedOut: 'include', title: 'Todos' });
    expect(created.kind).toBe('newsletter');
    expect(row(created.id)).toMatchObject({ state: 'created', opted_out: 1, opted_out_decision: 'include', recipients: 4 });
    expect(Number(row(created.id).paket_id)).toBeGreaterThan(0);
  });
});

describe('newsletters cannot fill placeholders', () => {
  it('a {placeholder} is refused whatever the opted-out decision, naming it and offering a campaign; nothing created or sent', async () => {
    const before = (await bench.client.getAllSms({ deviceId: bench.devices[0]! })).length;
    const waiting = bench.sandbox.waitingNewsletters().length;
    const rows = bench.db.prepare('SELECT COUNT(*) FROM newsletters').pluck().get();
    for (const optedOut of [undefined, 'send-as-campaign', 'include'] as const) {
      const refused = await failure(create({ optedOut, title: 'Com nome', body: 'Olá {nome}! Promoção de {{ mes }}' }));
      expect(refused).toMatchObject({
        code: 'validation',
        field: 'body',
        key: 'refusals.newsletterPlaceholder',
        params: { placeholders: '{nome}, {mes}', placeholder: '{nome}' },
      });
      expect(refused.message).toMatch(/cannot fill in \{nome\}, \{mes\}.*personalised campaign to the same tags/);
    }
    expect((await bench.client.getAllSms({ deviceId: bench.devices[0]! })).length).toBe(before);
    expect(bench.sandbox.waitingNewsletters()).toHaveLength(waiting);
    expect(bench.db.prepare('SELECT COUNT(*) FROM newsletters').pluck().get()).toBe(rows);
  });

  it('the same tags and body as a personalised campaign fill {nome} for each contact, each number once, opted-out left out', async () => {
    const { tagId: other } = await bench.client.saveTag('Outros');
    bench.db.prepare('INSERT INTO contact_tags (id, title, created_here, created_at) VALUES (?, ?, 1, 0)').run(other, 'Outros');
    // One contact in both tags, one only in the second.
    bench.db.prepare('INSERT INTO contacts (tag_id, phone, name, added_at) VALUES (?, ?, ?, ?)').run(other, numbers[0]!, 'Cliente 0', 10);
    bench.db.prepare('INSERT INTO contacts (tag_id, phone, name, added_at) VALUES (?, ?, ?, ?)').run(other, '+5511955550099', 'Zeca', 11);
    const preview = await bench.service.prepare({
      source: { kind: 'tags', tagIds: [tagId, other] },
      body: 'Olá {nome}!',
      phones: [{ deviceId: bench.devices[0]!, sim: 0 }],
      sendAt: null,
      quietHours: null,
      dailyCap: null,
      footer: null,
    });
    expect(preview.preview).toMatchObject({ recipients: 4, suppressed: 1, problems: [] });
    expect(preview.ready!.bodies).toEqual(['Olá Cliente 0!', 'Olá Cliente 2!', 'Olá Cliente 3!', 'Olá Zeca!']);
  });
});

describe('savepaket exactly once', () => {
  it('a lost reply leaves the newsletter "may have been created"; an identical create is refused unless again', async () => {
    bench.sandbox.dropRepliesAfterCommit({ next: 1 });
    const before = bench.sandbox.waitingNewsletters().length;
    const lost = await failure(create({ optedOut: 'include', title: 'Perdida' }));
    expect(lost.code).toBe('unknown-outcome');
    // The gateway did create it; the app knows it may have.
    expect(bench.sandbox.waitingNewsletters()).toHaveLength(before + 1);
    const id = Number(lost.params!.newsletterId);
    expect(row(id)).toMatchObject({ state: 'unknown', paket_id: 0, title: 'Perdida' });

    const refused = await failure(create({ optedOut: 'include', title: 'Perdida' }));
    expect(refused).toMatchObject({ code: 'validation', field: 'again', params: { newsletterId: id } });
    expect(bench.sandbox.waitingNewsletters()).toHaveLength(before + 1);
    // Another body is another newsletter: not refused.
    const other = await create({ optedOut: 'include', title: 'Perdida', body: 'Outra coisa' });
    expect(row(other.id)).toMatchObject({ state: 'created' });

    const again = await create({ optedOut: 'include', title: 'Perdida', again: true });
    expect(row(again.id)).toMatchObject({ state: 'created' });
    expect(bench.sandbox.waitingNewsletters()).toHaveLength(before + 3);
  });

  it('the row is written before the request leaves', async () => {
    let seen: unknown;
    const client = {
      ...bench.client,
      savePaket: async (...args: Parameters<typeof bench.client.savePaket>) => {
        seen = bench.db.prepare("SELECT state FROM newsletters WHERE title = 'Registrada'").pluck().get();
        return bench.client.savePaket(...args);
      },
    };
    const created = await createNewsletter(
      { db: bench.db, client, service: bench.service, now: bench.clock.now() },
      input({ optedOut: 'include', title: 'Registrada' }),
    );
    expect(seen).toBe('creating');
    expect(row(created.id)).toMatchObject({ state: 'created' });
  });
});

describe('a newsletter watched like a campaign', () => {
  it('counts, failures by code, and a stall announced once', async () => {
    // Only this newsletter is watched from here on.
    bench.db.prepare("UPDATE newsletters SET state = 'unknown' WHERE state = 'created'").run();
    bench.sandbox.setSmsPermission(bench.devices[0]!, 'not-allowed');
    const created = await create({ optedOut: 'include', title: 'Vigiada', body: 'Vigiada' });
    const paketId = Number(row(created.id).paket_id);
    bench.sandbox.startNewsletter(paketId);
    await bench.pass(120_000);
    await watch.tick();
    const watched = row(created.id);
    const counts = JSON.parse(watched.counts as string) as Record<string, number>;
    expect(counts.failed).toBe(4);
    const failures = JSON.parse(watched.failures as string) as { code: number; count: number; kind: string }[];
    expect(failures.reduce((n, f) => n + f.count, 0)).toBe(4);
    expect(failures.every((f) => f.code === 100 || f.code === 101)).toBe(true);
    expect(failures[0]!.kind).toBe('fix-phone');
    expect(pushed).toContainEqual({ what: 'newsletter', id: created.id });
  }, 30_000);

  it('a phone that took its messages and went silent is announced once', async () => {
    bench.sandbox.setSmsPermission(bench.devices[0]!, 'granted');
    bench.db.prepare("UPDATE newsletters SET state = 'unknown' WHERE state = 'created'").run();
    const created = await create({ optedOut: 'include', title: 'Parada', body: 'Parada' });
    bench.sandbox.startNewsletter(Number(row(created.id).paket_id));
    // The phone polls and takes the messages, then goes silent.
    await bench.pass(12_000, 1_000);
    await watch.tick();
    bench.sandbox.setDeviceOnline(bench.devices[0]!, false);
    const taken = JSON.parse(row(created.id).counts as string) as Record<string, number>;
    expect(taken.taken).toBeGreaterThan(0);
    await bench.pass(11 * 60_000, 60_000);
    await watch.tick();
    expect(notified).toEqual([{ title: 'Stalled: Parada', body: expect.stringMatching(/^Phone 1 silent for 1[01] min$/) as string }]);
    await bench.pass(60_000);
    await watch.tick();
    expect(notified).toHaveLength(1);
  }, 30_000);
});
