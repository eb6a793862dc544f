import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNewsletter, type NewsletterCreateInput } from '../../electron/main/newsletters/create';
import { sendSingle } from '../../electron/main/sending/singles';
import { AppFailure } from '../../shared/errors';
import { campaignBench, type CampaignBench } from './campaigns-fixture';

// No literal placeholder reaches a customer, whatever a user types: a newsletter (the gateway fills nothing) and a
// single message refuse {nome} in every spelling people use and the look-alikes other tools teach ([nome], %NOME%);
// a campaign fills its placeholders from its list, refuses one with no column, and refuses a look-alike. Against
// the sandbox: each refusal in words, and nothing created or sent.

let bench: CampaignBench;
let tagId: number;

beforeAll(async () => {
  bench = await campaignBench({ email: 'literal@example.com' });
  ({ tagId } = await bench.client.saveTag('Clientes'));
  bench.db.prepare('INSERT INTO contact_tags (id, title, created_here, created_at) VALUES (?, ?, 1, 0)').run(tagId, 'Clientes');
  for (const [i, phone] of ['+5511944440001', '+5511944440002'].entries()) {
    await bench.client.saveContact({ phone, tagId, name: `Cliente ${i}` });
    bench.db.prepare('INSERT INTO contacts (tag_id, phone, name, added_at) VALUES (?, ?, ?, ?)').run(tagId, phone, `Cliente ${i}`, i);
  }
});
afterAll(() => bench.close());

const device = () => bench.devices[0]!;
const refusalOf = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
};
const outgoing = async () => (await bench.client.getAllSms({ deviceId: device() })).filter((m) => m.status !== 5);
const newsletter = (body: string) =>
  createNewsletter({ db: bench.db, client: bench.client, service: bench.service, now: bench.clock.now() }, {
    title: 'Promoção',
    tagIds: [tagId],
    body,
    deviceId: device(),
    sim: 0,
    sendAt: null,
    again: false,
  } satisfies NewsletterCreateInput);

const SPELLINGS: [string, string][] = [
  ['Olá {nome}!', '{nome}'],
  ['Olá { nome }!', '{nome}'],
  ['Olá {{nome}}!', '{nome}'],
  ['Olá {NOME}!', '{NOME}'],
  ['Olá {{{nome}}}!', '{nome}'],
  ['Olá [nome]!', '[nome]'],
  ['Olá %NOME%!', '%NOME%'],
  ['Olá <Nome>!', '<Nome>'],
  ['Hi *|FNAME|*!', '*|FNAME|*'],
];

describe('literal placeholders', () => {
  it.each(SPELLINGS)('a newsletter %j is refused naming %s; nothing created or sent', async (body, named) => {
    const waiting = bench.sandbox.waitingNewsletters().length;
    const refused = await refusalOf(newsletter(body));
    expect(refused).toMatchObject({ key: 'refusals.newsletterPlaceholder', params: { placeholder: named } });
    expect(bench.sandbox.waitingNewsletters()).toHaveLength(waiting);
    expect(bench.db.prepare('SELECT COUNT(*) FROM newsletters').pluck().get()).toBe(0);
  });

  it('text that only looks bracketed ("[promo]", "<3", "50%") is not a placeholder: that newsletter is created', async () => {
    const created = await newsletter('Promoção [promo] de maio <3 até 50% off');
    expect(created.kind).toBe('newsletter');
  });

  it.each(SPELLINGS)('a single message %j is refused naming %s; nothing sent', async (body, named) => {
    const before = (await outgoing()).length;
    const refused = await refusalOf(
      sendSingle(bench.db, bench.client, {
        to: ['+5511944440009'],
        body,
        deviceId: device(),
        sim: 0,
        sendAt: null,
        urgent: false,
        image: null,
        test: false,
        country: 'BR',
      }),
    );
    expect(refused).toMatchObject({ key: 'refusals.singlePlaceholder', params: { placeholder: named } });
    expect((await outgoing()).length).toBe(before);
  });

  it('a campaign fills {nome} in every spelling; {cidade} with no such column and [nome] are refused; nothing literal goes out', async () => {
    const path = bench.csv('literal.csv', ['Ana,+55 11 94444-0101', 'Bia,+55 11 94444-0102']);
    const base = {
      source: { kind: 'file' as const, fileId: path },
      phones: [{ deviceId: device(), sim: 0 as const }],
      sendAt: null,
      quietHours: null,
      dailyCap: null,
      footer: null,
    };
    const before = (await outgoing()).length;
    for (const body of ['Oi {cidade}!', 'Oi [nome]!', 'Oi %nome%!']) {
      const refused = await refusalOf(bench.service.start({ ...base, body, again: false }));
      expect(refused.key, body).toMatch(/^refusals\.(placeholderNoColumn|placeholderNoColumnSuggest|placeholderLookalike)$/);
      expect(refused.message, body).toMatch(/Nothing was sent/);
    }
    expect((await outgoing()).length).toBe(before);

    const started = await bench.service.start({ ...base, body: 'Oi {{ NOME }}, {nome}, {{{nome}}} e {Nome}!', again: false });
    await bench.runner.idle(started.job.id);
    const sent = (await outgoing())
      .slice(before)
      .map((m) => m.body)
      .sort();
    expect(sent).toEqual(['Oi Ana, Ana, Ana e Ana!', 'Oi Bia, Bia, Bia e Bia!']);
  });
});
