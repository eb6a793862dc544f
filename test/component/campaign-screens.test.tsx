import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { CampaignDetail, CampaignPreview, CampaignSummary, NewsletterView, PlanView } from '../../shared/ipc';
import { countSms } from '../../shared/sms';
import type { DEFAULT_SETTINGS } from '../../shared/settings';
import { FakeBridge, refuse } from './fake-bridge';
import { counts, newsletter as newsletterView } from './campaign-views';
import { renderApp } from './render-app';
import { phone as fakePhone, settingsView, snapshot } from './phones';

// The sending screens' states over a FakeBridge: what a person sees and what reaches main.

const phone = (id: number, title: string, online: boolean, slots = 1) => fakePhone(id, title, { online, slots });
const phones = snapshot([phone(7, 'Front desk', true), phone(8, 'Drawer', false)]);
const settingsWith = (patch: Partial<typeof DEFAULT_SETTINGS>) => () => settingsView(patch);
const tags = () => [
  { id: 31, title: 'Clientes VIP', contacts: 120, createdHere: true, createdAt: 1 },
  { id: 32, title: 'Atacado', contacts: 1, createdHere: true, createdAt: 2 },
];

/** Presses a step's button once it can be pressed (main's preview answers first). */
async function press(user: Awaited<ReturnType<typeof renderApp>>['user'], name: string) {
  const button = await screen.findByRole('button', { name });
  await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false), { timeout: 5_000 });
  await user.click(button);
}

// Walking the steps takes a few more clicks than one form did: a loaded machine needs the time.
describe('Send screen', { timeout: 15_000 }, () => {
  it('counts the message live and names the characters that forced Unicode', async () => {
    const { user } = await renderApp({ bridge: new FakeBridge({ 'devices:snapshot': () => phones }), path: '/send' });
    const body = await screen.findByRole('textbox', { name: /^Message/ });
    await user.type(body, 'Olá, seu pedido saiu');
    const counter = screen.getByTestId('sms-counter');
    expect(counter.textContent).toContain('1 SMS');
    expect(counter.textContent).toContain('50 characters left'); // 20 UCS-2 units of 70
    expect(screen.getByTestId('forced-unicode').textContent).toBe('These characters forced Unicode: á');
  });

  it('offers plain quotes when only typography forced Unicode, and the count drops back to 160 per SMS', async () => {
    const { user } = await renderApp({ bridge: new FakeBridge({ 'devices:snapshot': () => phones }), path: '/send' });
    const body = await screen.findByRole('textbox', { name: /^Message/ });
    await user.click(body);
    await user.paste(`It’s ready — ${'x'.repeat(60)}`);
    expect(screen.getByTestId('sms-counter').textContent).toContain('2 SMS');
    await user.click(screen.getByRole('button', { name: 'Use plain quotes and dashes' }));
    expect((body as HTMLTextAreaElement).value).toBe(`It's ready - ${'x'.repeat(60)}`);
    expect(screen.getByTestId('sms-counter').textContent).toContain('1 SMS');
    expect(screen.queryByTestId('forced-unicode')).toBeNull();
  });

  it('refuses an image on an SMS channel with the reason, and sends it once a WhatsApp channel is chosen', async () => {
    const bridge = new FakeBridge({
      'settings:get': settingsWith({ defaultDeviceId: 7 }),
      'devices:snapshot': () => phones,
      'sending:pickImage': () => ({
        imageId: 'img-1',
        name: 'promo.png',
        size: 2048,
        mimeType: 'image/png',
        dataUrl: 'data:image/png;base64,iVBORw0KGgo=',
      }),
      'sending:send': (input) =>
        input.to.map((to, i) => ({
          id: i + 1,
          to,
          body: input.body ?? '',
          deviceId: input.deviceId,
          sim: input.sim,
          urgent: false,
          test: false,
          image: 'https://x/img.png',
          sendAt: null,
          customerId: 900 + i,
          smsId: 100 + i,
          state: 'queued' as const,
          reason: null,
          status: 1,
          createdAt: 0,
        })),
    });
    const { user } = await renderApp({ bridge, path: '/send' });
    await user.type(await screen.findByRole('textbox', { name: /^Numbers/ }), '11 98765-4321');
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Nova coleção');
    await user.click(screen.getByRole('button', { name: 'Choose an image…' }));
    expect(await screen.findByRole('img', { name: 'Preview of promo.png' })).toBeTruthy();
    expect((await screen.findByTestId('image-refused')).textContent).toMatch(
      /an SMS cannot carry one\. Choose WhatsApp or WhatsApp Business/,
    );
    expect((screen.getByRole('button', { name: 'Review and send…' }) as HTMLButtonElement).disabled).toBe(true);

    await user.selectOptions(screen.getByRole('combobox', { name: /^Channel/ }), 'WhatsApp Business');
    expect(screen.queryByTestId('image-refused')).toBeNull();
    await press(user, 'Review and send…');
    expect(bridge.callsTo('sending:send')).toEqual([]);
    await press(user, 'Send now');
    expect((await screen.findByTestId('send-results')).textContent).toContain('Queued for 1 number.');
    expect(bridge.callsTo('sending:send')).toEqual([
      { to: ['+5511987654321'], body: 'Nova coleção', deviceId: 7, sim: 2, sendAt: null, urgent: false, imageId: 'img-1', country: 'BR' },
    ]);
  });

  it('normalises the numbers as they are typed, folds repeats, and shows what main left out', async () => {
    const bridge = new FakeBridge({
      'settings:get': settingsWith({ defaultDeviceId: 7 }),
      'devices:snapshot': () => phones,
      'sending:send': (input) =>
        input.to.map((to, i) => ({
          id: i + 1,
          to,
          body: input.body ?? '',
          deviceId: 7,
          sim: 0,
          urgent: true,
          test: false,
          image: null,
          sendAt: null,
          customerId: 1,
          smsId: null,
          state: i === 1 ? ('suppressed' as const) : ('queued' as const),
          reason: null,
          status: null,
          createdAt: 0,
        })),
    });
    const { user } = await renderApp({ bridge, path: '/send' });
    await user.type(await screen.findByRole('textbox', { name: /^Numbers/ }), '(11) 98765-4321, +55 21 99876-5432; 11987654321, hello');
    const list = screen.getByTestId('checked-numbers');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['ready +5511987654321', 'ready +5521998765432', 'repeated, sent once +5511987654321', 'not a phone number hello']);
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Código 1234');
    await user.click(screen.getByRole('checkbox', { name: /Urgent/ }));
    await press(user, 'Review and send…');
    await press(user, 'Send now');
    const results = await screen.findByTestId('send-results');
    expect(results.textContent).toContain('Queued for 1 number.');
    expect(results.textContent).toContain('+5521998765432: opted out, left out');
    expect(bridge.callsTo('sending:send')[0]).toMatchObject({ to: ['+5511987654321', '+5521998765432'], urgent: true });
  });
});

/** The watch's newsletters wait for someone to press start on the phone. */
const newsletter = (patch: Partial<NewsletterView> = {}): NewsletterView => newsletterView({ waitingForStart: true, ...patch });

// Walking the steps takes a few more clicks than one form did: a loaded machine needs the time.
describe('Newsletters screen', { timeout: 15_000 }, () => {
  it('lists the tags with their contact counts and asks for a tag before reviewing', async () => {
    const bridge = new FakeBridge({ 'devices:snapshot': () => phones, 'contacts:tags': tags, 'newsletters:list': () => [] });
    const { user } = await renderApp({ bridge, path: '/newsletters' });
    expect(await screen.findByRole('checkbox', { name: 'Clientes VIP (120 contacts)' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Atacado (1 contact)' })).toBeTruthy();
    expect(screen.getByTestId('empty-state').textContent).toMatch(/No newsletter yet/);
    // The first step cannot go on without a tag, and says so beside its button.
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('why-disabled').textContent).toBe('Pick at least one tag.');
    await user.click(screen.getByRole('checkbox', { name: 'Atacado (1 contact)' }));
    expect(screen.queryByTestId('why-disabled')).toBeNull();
    expect(bridge.callsTo('newsletters:preview')).toEqual([]);
    void user;
  });

  it('reviews (summary, both zones), sends a test, creates, and reminds to press Start on the named phone', async () => {
    const bridge = new FakeBridge({
      'settings:get': settingsWith({ defaultDeviceId: 7, timeZone: 'America/Sao_Paulo' }),
      'devices:snapshot': () => phones,
      'contacts:tags': tags,
      'newsletters:list': () => [],
      'newsletters:preview': (input) => ({
        recipients: 118,
        suppressed: 0,
        tagContacts: 118,
        optedOut: { count: 0, sample: [], people: [] },
        unknownTags: [],
        placeholders: [],
        count: countSms(input.body),
        totalSegments: 118,
        durationMs: 118 * 5_000,
        schedule: {
          iso: input.sendAt!,
          localZone: 'America/Sao_Paulo',
          local: '2026-06-01 09:00',
          gatewayZone: 'Europe/Paris',
          gateway: '01.06.2026 14:00:00',
          differs: true,
        },
        device: { id: 7, title: 'Front desk', online: true },
      }),
      'sending:test': (input) => ({
        id: 9,
        to: '+5511987654321',
        body: input.body,
        deviceId: 7,
        sim: 0,
        urgent: false,
        test: true,
        image: null,
        sendAt: null,
        customerId: 1,
        smsId: 77,
        state: 'queued',
        reason: null,
        status: 1,
        createdAt: 0,
      }),
      'newsletters:create': (input) => ({
        newsletter: newsletter({ title: input.title }),
        startOn: { deviceId: 7, title: 'Front desk' },
        campaign: null,
      }),
    });
    const { user } = await renderApp({ bridge, path: '/newsletters' });
    await user.click(await screen.findByRole('checkbox', { name: 'Clientes VIP (120 contacts)' }));
    await press(user, 'Next');
    await user.type(await screen.findByRole('textbox', { name: /^Title/ }), 'Promoção de maio');
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Tudo com 20% off');
    await press(user, 'Next');
    await user.click(screen.getByRole('radio', { name: 'At a date and time' }));
    const picker = screen.getByLabelText('Date and time (your time)');
    await user.clear(picker);
    await user.type(picker, '2030-06-01T09:00');
    await press(user, 'Review');

    const summary = await screen.findByTestId('newsletter-summary');
    expect(summary.textContent).toContain('118 recipients');
    expect(summary.textContent).toContain('1 SMS each');
    expect(summary.textContent).toContain('118 SMS in total');
    expect(summary.textContent).toContain('Takes roughly 10 minutes');
    // No opted-out contact in the tags: nothing is said to be left out.
    expect(summary.textContent).not.toContain('left out');
    expect(screen.queryByTestId('opted-out')).toBeNull();
    const zones = screen.getByTestId('schedule-zones').textContent!;
    expect(zones).toContain('(America/Sao_Paulo)');
    expect(zones).toContain('Gateway’s time:');
    expect(zones).toContain('(Europe/Paris)');
    // 09:00 in São Paulo is 12:00 UTC: the instant main was given.
    expect(bridge.callsTo('newsletters:preview')[0]).toMatchObject({
      tagIds: [31],
      deviceId: 7,
      sim: 0,
      sendAt: '2030-06-01T12:00:00Z',
      footer: null,
    });

    await user.type(screen.getByRole('textbox', { name: 'Test number' }), '11987654321');
    await user.click(screen.getByRole('button', { name: 'Send the test' }));
    expect((await screen.findByText(/Test sent to \+5511987654321/)).textContent).toMatch(/shows as a test/);

    await user.click(screen.getByRole('button', { name: 'Create the newsletter' }));
    const created = await screen.findByTestId('newsletter-created');
    expect(created.textContent).toContain('It starts only when someone presses Start in the SMSGateway24 app on Front desk.');
    expect(bridge.callsTo('newsletters:create')[0]).toMatchObject({ title: 'Promoção de maio', tagIds: [31] });
  });

  it('shows each registry entry with its progress per status, kept live by main’s newsletters:changed', async () => {
    let delivered = 60;
    const bridge = new FakeBridge({
      'devices:snapshot': () => phones,
      'contacts:tags': tags,
      'newsletters:list': () => [
        newsletter({
          waitingForStart: false,
          counts: counts({ total: 120, delivered, sent: 20, taken: 10, new: 85 - delivered, failed: 5 }),
        }),
      ],
      'newsletters:refresh': () => newsletter(),
    });
    await renderApp({ bridge, path: '/newsletters' });
    const entry = await screen.findByTestId('newsletter-1');
    expect(entry.textContent).toContain('5501');
    expect(entry.textContent).toContain('Front desk · SIM 1 (SMS)');
    expect(within(entry).getByRole('img').getAttribute('aria-label')).toBe(
      'Progress of “Promoção de maio”: 60 delivered · 20 sent · 5 failed · 35 waiting',
    );
    expect(within(entry).getByText('Delivered: 60')).toBeTruthy();
    // Main watches it (campaigns/watch.ts) and says when its counts moved: the entry follows, the window polls nothing.
    delivered = 70;
    bridge.emit('newsletters:changed', { id: 1 });
    await waitFor(() => expect(within(entry).getByText('Delivered: 70')).toBeTruthy());
    expect(bridge.callsTo('newsletters:refresh')).toEqual([]);
  });
});

const plan: PlanView = {
  phones: [
    {
      deviceId: 7,
      sim: 0,
      title: 'Front desk',
      health: 'good',
      count: 80,
      chunks: 2,
      firstAt: Date.parse('2026-05-01T12:00:00Z'),
      lastAt: Date.parse('2026-05-01T12:40:00Z'),
      spacingMs: 5000,
    },
    { deviceId: 8, sim: 0, title: 'Drawer', health: 'offline', count: 0, chunks: 0, firstAt: null, lastAt: null, spacingMs: 5000 },
  ],
  excluded: [],
  firstAt: Date.parse('2026-05-01T12:00:00Z'),
  lastAt: Date.parse('2026-05-01T12:40:00Z'),
  durationMs: 40 * 60_000,
  days: [{ date: '2026-05-01', count: 80 }],
  spillsToLaterDays: false,
  startDeferred: false,
  zone: 'UTC',
};

function campaignPreview(body: string, patch: Partial<CampaignPreview> = {}): CampaignPreview {
  const unknown = [...body.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((p) => !['nome', 'phone', 'pedido'].includes(p));
  const rendered = body.replace('{nome}', 'Ana');
  return {
    columns: ['nome', 'phone', 'pedido'],
    problems: unknown.map((placeholder) => ({
      placeholder,
      kind: 'no-column' as const,
      suggestions: placeholder === 'name' ? ['nome'] : [],
    })),
    recipients: 80,
    suppressed: 3,
    optedOut: [
      {
        phone: '+5511987650009',
        name: 'Bia',
        source: 'reply',
        keyword: 'parar',
        reply: 'PARAR',
        replyAt: Date.parse('2026-05-01T09:59:59Z'),
        addedAt: Date.parse('2026-05-01T10:00:00Z'),
      },
    ],
    skipped: { invalid: 1, duplicates: 2, landlines: 0 },
    rows: [{ index: 0, phone: '+5511987654321', name: 'Ana', body: rendered, count: countSms(rendered), blanks: [] }],
    longest: { index: 0, body: rendered, count: countSms(rendered) },
    totalSegments: 80,
    rowsWithBlanks: 0,
    plan,
    schedule: null,
    sameAs: null,
    ...patch,
  };
}

function summary(patch: Partial<CampaignSummary> = {}): CampaignSummary {
  return {
    id: 5,
    title: 'Entregas de sexta',
    createdAt: Date.parse('2026-05-01T10:00:00Z'),
    state: 'watching',
    final: false,
    jobId: 3,
    recipients: 80,
    customerIds: { first: 1_000_000_500, last: 1_000_000_501 },
    suppressed: 3,
    phones: [{ deviceId: 7, sim: 0, title: 'Front desk' }],
    counts: counts({ total: 80, delivered: 40, sent: 10, taken: 5, failed: 9, new: 16 }),
    etaSeconds: 600,
    stall: null,
    resendOf: null,
    refreshedAt: null,
    ...patch,
  };
}

// Walking the steps takes a few more clicks than one form did: a loaded machine needs the time.
describe('Campaigns screen', { timeout: 15_000 }, () => {
  const composing = (extra: ConstructorParameters<typeof FakeBridge>[0] = {}) =>
    new FakeBridge({
      'settings:get': settingsWith({ defaultDeviceId: 7 }),
      'devices:snapshot': () => phones,
      'contacts:tags': tags,
      'campaigns:list': () => [],
      'campaigns:pickFile': () => ({ fileId: 'f1', name: 'pedidos.csv', size: 2000 }),
      'campaigns:preview': (input) => campaignPreview(input.body),
      ...extra,
    });

  it('offers the CSV’s columns as buttons and flags a placeholder with no column before anything is sent', async () => {
    const bridge = composing();
    const { user } = await renderApp({ bridge, path: '/campaigns' });
    await user.click(await screen.findByRole('radio', { name: 'A CSV file' }));
    await user.click(screen.getByRole('button', { name: 'Choose a CSV file…' }));
    expect(await screen.findByText('File: pedidos.csv')).toBeTruthy();
    await press(user, 'Next');
    const insert = await screen.findByRole('button', { name: 'Insert nome' });
    const body = screen.getByRole('textbox', { name: /^Message/ }) as HTMLTextAreaElement;
    await user.type(body, 'Olá , seu pedido saiu');
    body.setSelectionRange(4, 4);
    await user.click(insert);
    expect(body.value).toBe('Olá {nome}, seu pedido saiu');

    await user.type(body, ' {{name}');
    expect(await screen.findByText(/\{name\} is not a column of this list\. Did you mean \{nome\}\?/)).toBeTruthy();
    // The message step cannot go on towards sending, and says why.
    await waitFor(() => expect(screen.getByTestId('why-disabled').textContent).toBe('Fix the problems above first.'));
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    expect(bridge.callsTo('campaigns:start')).toEqual([]);
  });

  it('previews the first rows, the longest one’s length and the plan per phone before sending', async () => {
    const bridge = composing();
    const { user } = await renderApp({ bridge, path: '/campaigns' });
    await screen.findByRole('option', { name: 'Clientes VIP (120 contacts)' });
    await user.selectOptions(screen.getByRole('combobox', { name: /^Tag/ }), 'Clientes VIP (120 contacts)');
    // The recipients step says who is left out before anything else is chosen.
    await waitFor(() => expect(screen.getByTestId('source-figures').textContent).toContain('3 numbers left out: they opted out'));
    await press(user, 'Next');
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Oi {{nome}, seu pedido saiu');
    const rows = await screen.findByTestId('campaign-preview');
    expect(within(rows).getByText('Oi Ana, seu pedido saiu')).toBeTruthy();
    await press(user, 'Next');
    await press(user, 'Review');
    const planned = await screen.findByTestId('plan');
    expect(planned.textContent).toMatch(/Front desk · SIM 1 \(SMS\): 80 messages, /);
    expect(planned.textContent).toContain('Drawer · SIM 1 (SMS): nothing (offline)');
    const figures = screen.getByTestId('campaign-summary').textContent!;
    expect(figures).toContain('80 recipients');
    expect(figures).toContain('3 opted-out recipients left out');
    const request = bridge.callsTo('campaigns:preview').at(-1);
    expect(request).toMatchObject({
      source: { kind: 'tag', tagId: 31 },
      phones: [{ deviceId: 7, sim: 0 }],
      quietHours: null,
      dailyCap: null,
    });
  });

  it('asks before running the same campaign again, and sends it only after the user confirms', async () => {
    const bridge = composing({
      'campaigns:preview': (input) =>
        campaignPreview(input.body, { sameAs: { campaignId: 4, title: 'Entregas', createdAt: Date.parse('2026-04-30T10:00:00Z') } }),
      'campaigns:start': (input) =>
        input.again
          ? { campaign: summary(), job: undefined as never }
          : refuse('validation', 'same campaign', { field: 'again', params: { campaignId: 4 } }),
      'campaigns:get': () => ({
        ...summary(),
        plan: null,
        chunks: { total: 2, done: 2, pending: 0, attention: 0 },
        attention: [],
        failures: [],
        retryableFailures: 0,
        missing: 0,
        job: null,
      }),
    });
    const { user, router } = await renderApp({ bridge, path: '/campaigns' });
    await screen.findByRole('option', { name: 'Clientes VIP (120 contacts)' });
    await user.selectOptions(screen.getByRole('combobox', { name: /^Tag/ }), 'Clientes VIP (120 contacts)');
    await press(user, 'Next');
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Oi {{nome}');
    await press(user, 'Next');
    await press(user, 'Review');
    expect((await screen.findByTestId('same-as')).textContent).toMatch(/was sent on/);
    // The confirmation step first: who, how many, when, which phones, how many SMS.
    const confirm = screen.getByRole('region', { name: /Send this campaign\?/ });
    expect(within(confirm).getByTestId('confirm-send').textContent).toMatch(
      /To: Clientes VIP.*80 recipients.*When: now.*From: Front desk.*80 SMS in all.*3 opted-out recipients left out/,
    );
    expect(bridge.callsTo('campaigns:start')).toEqual([]);
    await press(user, 'Send now');
    const dialog = await screen.findByRole('dialog', { name: 'You already sent this campaign' });
    await user.click(within(dialog).getByRole('button', { name: 'Yes, send it again' }));
    await waitFor(() => expect(router.state.location.search).toBe('?id=5'));
    expect(bridge.callsTo('campaigns:start').map((i) => (i as { again: boolean }).again)).toEqual([false, true]);
  });

  const detail = (patch: Partial<CampaignDetail> = {}): CampaignDetail => ({
    ...summary(),
    plan,
    chunks: { total: 2, done: 2, pending: 0, attention: 0 },
    attention: [],
    failures: [
      {
        code: 100,
        kind: 'fix-phone',
        titleKey: 'failures.100.title',
        whatKey: 'failures.100.what',
        todoKey: 'failures.100.todo',
        count: 6,
        sample: ['+5511911110001'],
      },
      {
        code: 10,
        kind: 'retryable',
        titleKey: 'failures.10.title',
        whatKey: 'failures.10.what',
        todoKey: 'failures.10.todo',
        count: 3,
        sample: ['+5511911110002'],
      },
    ],
    retryableFailures: 3,
    missing: 0,
    job: null,
    ...patch,
  });

  it('watches a campaign: progress by status, time left, a stalled phone, failures in plain words', async () => {
    const bridge = new FakeBridge({
      'devices:snapshot': () => phones,
      'campaigns:get': () => detail({ stall: { deviceId: 7, title: 'Front desk', sinceMs: Date.now() - 12 * 60_000 } }),
    });
    await renderApp({ bridge, path: '/campaigns?id=5' });
    const watch = await screen.findByTestId('campaign-watch');
    expect(within(watch).getByRole('heading', { name: 'Entregas de sexta' })).toBeTruthy();
    expect(within(watch).getByText('about 10 minutes left')).toBeTruthy();
    expect(screen.getByTestId('stall').textContent).toContain('Front desk took messages 12 minutes ago');
    const groups = screen.getByTestId('failure-groups');
    expect(groups.textContent).toContain('Not sent: app not allowed to send — 6 messages (status 100)');
    expect(groups.textContent).toContain('Settings › Apps › SMSGateway24 › Permissions');
    expect(groups.textContent).toContain('Not sent: no signal — 3 messages (status 10)');
  });

  it('says how a campaign ended when main says it is final, and stops asking again', async () => {
    const bridge = new FakeBridge({
      'devices:snapshot': () => phones,
      'campaigns:get': () => detail({ state: 'done', final: true, etaSeconds: null }),
    });
    await renderApp({ bridge, path: '/campaigns?id=5' });
    const watch = await screen.findByTestId('campaign-watch');
    // 9 failed: never a green "Done" over failures; said once in the pill and once in the line, no time left.
    expect(within(watch).getAllByText('Finished with 9 failed')).toHaveLength(2);
    const asked = bridge.callsTo('campaigns:get').length;
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(bridge.callsTo('campaigns:get')).toHaveLength(asked);
  });

  it('links a campaign to its messages in the history by its customerid range', async () => {
    const bridge = new FakeBridge({ 'devices:snapshot': () => phones, 'campaigns:get': () => detail() });
    await renderApp({ bridge, path: '/campaigns?id=5' });
    const link = await screen.findByRole('link', { name: 'See these messages' });
    expect(link.getAttribute('href')).toMatch(/\/messages\?customers=1000000500-1000000501$/);
  });

  it('says the failures in Portuguese for a pt-BR user', async () => {
    const bridge = new FakeBridge({
      'settings:get': settingsWith({ language: 'pt-BR' }),
      'devices:snapshot': () => phones,
      'campaigns:get': () => detail(),
    });
    await renderApp({ bridge, path: '/campaigns?id=5', language: 'pt-BR' });
    const groups = await screen.findByTestId('failure-groups');
    expect(groups.textContent).toContain('Não enviada: sem sinal — 3 mensagens (status 10)');
    expect(groups.textContent).toContain('Leve o celular para um lugar com sinal');
  });

  it('sends the retryable failures again from another phone only after confirming, then watches the new send', async () => {
    const bridge = new FakeBridge({
      'devices:snapshot': () => phones,
      'campaigns:get': (input) =>
        detail(
          input.id === 6
            ? { id: 6, title: 'Reenvio', failures: [], retryableFailures: 0, resendOf: { campaignId: 5, reason: 'failures' } }
            : {},
        ),
      'campaigns:resendFailures': () => ({ campaign: summary({ id: 6 }), job: undefined as never }),
    });
    const { user, router } = await renderApp({ bridge, path: '/campaigns?id=5' });
    await screen.findByRole('option', { name: 'Drawer (offline)' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Send them from' }), 'Drawer (offline)');
    await user.click(screen.getByRole('button', { name: 'Send the retryable failures again' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Send 3 messages again? This is a new send, recorded as such.');
    expect(bridge.callsTo('campaigns:resendFailures')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Yes' }));
    await waitFor(() => expect(router.state.location.search).toBe('?id=6'));
    expect(bridge.callsTo('campaigns:resendFailures')).toEqual([{ id: 5, phones: [{ deviceId: 8, sim: 0 }] }]);
    expect(await screen.findByRole('heading', { name: 'Reenvio' })).toBeTruthy();
  });
});
