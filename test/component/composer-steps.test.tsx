import { useState } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CampaignPreview, NewsletterPreview, OptedOutView } from '../../shared/ipc';
import type { DEFAULT_SETTINGS } from '../../shared/settings';
import { countSms } from '../../shared/sms';
import { initI18n } from '../../renderer/src/i18n';
import { Steps } from '../../renderer/src/composer/Steps';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render-app';
import { phone, settingsView, snapshot } from './phones';

// The composers' steps (issue 23) as a person meets them: an indicator to click back through, the step's
// heading focused when it opens, Next disabled with its reason in words, nothing lost going back and forth,
// Enter in a field never sends, and the Send screen's confirmation saying who, from which phone, when, and how
// many SMS or which image.

const phones = () => snapshot([phone(7, 'Front desk'), phone(8, 'Warehouse', { slots: 2 })]);
const settings =
  (patch: Partial<typeof DEFAULT_SETTINGS> = {}) =>
  () =>
    settingsView({ defaultDeviceId: 7, timeZone: 'UTC', ...patch });
const tags = () => [{ id: 31, title: 'Clientes VIP', contacts: 120, createdHere: true, createdAt: 1 }];

function campaignPreview(body: string): CampaignPreview {
  const rendered = body.replace('{nome}', 'Ana');
  return {
    columns: ['nome', 'phone'],
    problems: [],
    recipients: 120,
    suppressed: 0,
    optedOut: [],
    skipped: { invalid: 0, duplicates: 0, landlines: 0 },
    rows: [{ index: 0, phone: '+5511987654321', name: 'Ana', body: rendered, count: countSms(rendered), blanks: [] }],
    longest: { index: 0, body: rendered, count: countSms(rendered) },
    totalSegments: 120,
    rowsWithBlanks: 0,
    plan: null,
    schedule: null,
    sameAs: null,
  };
}

const campaignBridge = (patch: Partial<typeof DEFAULT_SETTINGS> = {}) =>
  new FakeBridge({
    'settings:get': settings(patch),
    'devices:snapshot': phones,
    'contacts:tags': tags,
    'campaigns:list': () => [],
    'campaigns:pickFile': () => ({ fileId: 'f1', name: 'pedidos.csv', size: 2000 }),
    'campaigns:preview': (input) => campaignPreview(input.body),
  });

type User = ReturnType<typeof userEvent.setup>;

/** Presses a step's button once it can be pressed (main's preview answers first). */
async function press(user: User, name: string | RegExp) {
  const button = await screen.findByRole('button', { name });
  await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false), { timeout: 5_000 });
  await user.click(button);
}

const heading = () => document.activeElement as HTMLElement;
/** The open step's number, from the frame. */
const openStep = () => document.querySelector('[data-step]')!.getAttribute('data-step');

describe('the step frame', () => {
  beforeAll(() => initI18n('en'));

  function Frame() {
    const [step, setStep] = useState(0);
    const [done, setDone] = useState(false);
    return (
      <Steps
        labels={['Recipients', 'Message', 'When and phones', 'Review']}
        current={step}
        onGo={setStep}
        canOpen={(target) => target <= 1 || done}
        title={`Title ${step + 1}`}
        next={{ reason: step === 1 && !done ? 'Write the message first.' : null, onNext: () => setStep(step + 1) }}
      >
        <label className="check">
          <input type="checkbox" checked={done} onChange={(e) => setDone(e.target.checked)} />
          Done
        </label>
      </Steps>
    );
  }

  it('numbers the steps, marks the current one, focuses its heading when it opens, and says why Next waits', async () => {
    const user = userEvent.setup();
    render(<Frame />);
    const nav = screen.getByRole('navigation', { name: 'Steps' });
    expect(
      within(nav)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['1 Recipients', '2 Message', '3 When and phones', '4 Review']);
    expect(within(nav).getByRole('button', { name: '1 Recipients' }).getAttribute('aria-current')).toBe('step');
    // Not on first showing: the page's own heading leads then.
    expect(document.activeElement).toBe(document.body);
    // Later steps that cannot open yet are words, not buttons.
    expect(within(nav).queryByRole('button', { name: '3 When and phones' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(heading().tagName).toBe('H3');
    expect(heading().textContent).toBe('Step 2 of 4 Title 2');
    const next = screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement;
    expect(next.disabled).toBe(true);
    expect(screen.getByTestId('why-disabled').textContent).toBe('Write the message first.');
    expect(next.getAttribute('aria-describedby')).toBe(screen.getByTestId('why-disabled').id);

    await user.click(screen.getByRole('checkbox', { name: 'Done' }));
    expect(screen.queryByTestId('why-disabled')).toBeNull();
    await user.click(within(nav).getByRole('button', { name: '4 Review' }));
    expect(heading().textContent).toBe('Step 4 of 4 Title 4');
    await user.click(within(nav).getByRole('button', { name: '1 Recipients' }));
    expect(heading().textContent).toBe('Step 1 of 4 Title 1');
    expect(screen.queryByRole('button', { name: 'Back' })).toBeNull();
  });
});

describe('the campaign composer in steps', () => {
  it('keeps every step’s choices going back and forth, and Enter in a field neither sends nor moves on', async () => {
    const bridge = campaignBridge();
    const { user } = await renderApp({ bridge, path: '/campaigns' });
    await user.click(await screen.findByRole('radio', { name: 'A CSV file' }));
    await user.click(screen.getByRole('button', { name: 'Choose a CSV file…' }));
    await press(user, 'Next');
    expect(heading().textContent).toBe('Step 2 of 4 What does it say?');
    const body = screen.getByRole('textbox', { name: /^Message/ });
    await user.type(body, 'Oi {{nome}{Enter}até amanhã');
    expect((body as HTMLTextAreaElement).value).toBe('Oi {nome}\naté amanhã');
    await press(user, 'Next');
    expect(heading().textContent).toBe('Step 3 of 4 When, and from which phones?');
    await user.click(screen.getByText('Pacing'));
    await user.type(screen.getByRole('spinbutton', { name: /At most per phone per day/ }), '300{Enter}');
    // Enter stayed in the field: still this step, nothing sent.
    expect(openStep()).toBe('3');
    expect(bridge.callsTo('campaigns:start')).toEqual([]);

    const nav = screen.getByRole('navigation', { name: 'Steps' });
    await user.click(within(nav).getByRole('button', { name: '1 Recipients' }));
    expect(screen.getByText('File: pedidos.csv')).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'A CSV file' }) as HTMLInputElement).checked).toBe(true);
    // Later steps open from the indicator once main has checked the first ones again.
    await user.click(await within(nav).findByRole('button', { name: '2 Message' }, { timeout: 5_000 }));
    expect((screen.getByRole('textbox', { name: /^Message/ }) as HTMLTextAreaElement).value).toBe('Oi {nome}\naté amanhã');
    await user.click(await within(nav).findByRole('button', { name: '3 When and phones' }, { timeout: 5_000 }));
    expect((screen.getByRole('spinbutton', { name: /At most per phone per day/ }) as HTMLInputElement).value).toBe('300');
    await press(user, 'Review');
    expect((await screen.findByTestId('confirm-send')).textContent).toMatch(
      /To: pedidos\.csv.*120 recipients.*When: now.*From: Front desk.*120 SMS in all/,
    );
    expect(bridge.callsTo('campaigns:start')).toEqual([]);
    expect(bridge.callsTo('campaigns:preview').at(-1)).toMatchObject({
      body: 'Oi {nome}\naté amanhã',
      dailyCap: 300,
      phones: [{ deviceId: 7, sim: 0 }],
    });
  }, 20_000);

  it('ticks only SIM slots a phone has, and Settings’ default SIM on a phone without it falls back to its first SIM', async () => {
    // Settings says SIM 2 on Front desk, a single-SIM phone: SIM 1 is ticked, never a slot the phone lacks.
    const { user } = await renderApp({ bridge: campaignBridge({ defaultSim: 1 }), path: '/campaigns' });
    await user.click(await screen.findByRole('radio', { name: 'A CSV file' }));
    await user.click(screen.getByRole('button', { name: 'Choose a CSV file…' }));
    await press(user, 'Next');
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Oi');
    await press(user, 'Next');
    const boxes = screen
      .getAllByRole('checkbox')
      .filter((box) => box.closest('fieldset')?.querySelector('legend')?.textContent === 'Phones to spread over');
    expect(boxes.map((box) => [box.closest('label')!.textContent, (box as HTMLInputElement).checked])).toEqual([
      [expect.stringMatching(/^Front desk/), true],
      [expect.stringMatching(/^Warehouse · SIM 1 \(SMS\)/), false],
      [expect.stringMatching(/^Warehouse · SIM 2 \(SMS\)/), false],
    ]);
    expect(boxes[0]!.closest('label')!.textContent).not.toMatch(/SIM/);
  }, 20_000);
});

describe('the newsletter composer in steps', () => {
  const preview = (body: string): NewsletterPreview => ({
    recipients: 120,
    suppressed: 0,
    tagContacts: 120,
    optedOut: { count: 0, sample: [], people: [] },
    unknownTags: [],
    placeholders: [],
    count: countSms(body),
    totalSegments: 120,
    durationMs: 600_000,
    schedule: null,
    device: { id: 7, title: 'Front desk', online: true },
  });

  it('asks for a title before going on, keeps it going back, never creates on Enter, and confirms to whom, from which phone, when', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings(),
      'devices:snapshot': phones,
      'contacts:tags': tags,
      'newsletters:list': () => [],
      'newsletters:preview': (input) => preview(input.body),
    });
    const { user } = await renderApp({ bridge, path: '/newsletters' });
    await user.click(await screen.findByRole('checkbox', { name: 'Clientes VIP (120 contacts)' }));
    await press(user, 'Next');
    expect(screen.getByTestId('why-disabled').textContent).toBe('Give it a title first.');
    await user.type(screen.getByRole('textbox', { name: /^Title/ }), 'Promoção{Enter}');
    expect(openStep()).toBe('2');
    expect(screen.getByTestId('why-disabled').textContent).toBe('Write the message first.');
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Tudo com 20% off');
    await press(user, 'Next');
    expect((screen.getByRole('combobox', { name: 'Phone' }) as HTMLSelectElement).value).toBe('7');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect((screen.getByRole('textbox', { name: /^Title/ }) as HTMLInputElement).value).toBe('Promoção');
    await press(user, 'Next');
    await press(user, 'Review');
    const confirm = await screen.findByTestId('confirm-newsletter');
    expect(confirm.textContent).toBe('To: Clientes VIPFrom: Front desk · SIM 1 (SMS)When: now');
    expect(bridge.callsTo('newsletters:create')).toEqual([]);
    expect(bridge.callsTo('newsletters:preview')).toEqual([
      { tagIds: [31], body: 'Tudo com 20% off', deviceId: 7, sim: 0, sendAt: null, footer: null },
    ]);
  }, 20_000);

  it('“plain quotes” fixes what was typed, not the footer added after it', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings(),
      'devices:snapshot': phones,
      'contacts:tags': tags,
      'newsletters:list': () => [],
    });
    const { user } = await renderApp({ bridge, path: '/newsletters' });
    await user.click(await screen.findByRole('checkbox', { name: 'Clientes VIP (120 contacts)' }));
    await press(user, 'Next');
    const body = screen.getByRole('textbox', { name: /^Message/ }) as HTMLTextAreaElement;
    await user.click(body);
    await user.paste(`It’s ready — ${'x'.repeat(60)}`);
    await user.click(screen.getByRole('checkbox', { name: /Reply STOP/ }));
    await user.click(screen.getByRole('button', { name: 'Use plain quotes and dashes' }));
    expect(body.value).toBe(`It's ready - ${'x'.repeat(60)}`);
  }, 20_000);
});

describe('the Send screen’s confirmation', () => {
  const parar: OptedOutView = {
    phone: '+5521998765432',
    name: null,
    source: 'reply',
    keyword: 'parar',
    reply: 'PARAR',
    replyAt: Date.parse('2026-05-01T09:58:00Z'),
    addedAt: Date.parse('2026-05-01T09:58:10Z'),
  };
  const sendBridge = (patch: Partial<typeof DEFAULT_SETTINGS> = {}) =>
    new FakeBridge({
      'settings:get': settings(patch),
      'devices:snapshot': phones,
      'sending:check': (input) =>
        input.to.map((p) =>
          p === parar.phone
            ? { input: p, phone: p, state: 'opted-out' as const, reason: null, optedOut: parar }
            : { input: p, phone: p, state: 'ready' as const, reason: null, optedOut: null },
        ),
      'sending:pickImage': () => ({
        imageId: 'img-1',
        name: 'promo.png',
        size: 348_160,
        mimeType: 'image/png',
        dataUrl: 'data:image/png;base64,iVBORw0KGgo=',
      }),
      // Main leaves the opted-out number out, as it does.
      'sending:send': (input) =>
        input.to.map((to, i) => ({
          id: i + 1,
          to,
          body: input.body ?? '',
          deviceId: input.deviceId,
          sim: input.sim,
          urgent: input.urgent ?? false,
          test: false,
          image: null,
          sendAt: null,
          customerId: 900 + i,
          smsId: 100 + i,
          state: to === parar.phone ? ('suppressed' as const) : ('queued' as const),
          reason: null,
          status: 1,
          createdAt: 0,
        })),
    });

  it('says to whom (the opted-out number named apart), from which phone, when and how many SMS, and sends only from there', async () => {
    const bridge = sendBridge();
    const { user } = await renderApp({ bridge, path: '/send' });
    await user.type(await screen.findByRole('textbox', { name: /^Numbers/ }), '11 98765-4321, 21 99876-5432');
    await waitFor(() => expect(screen.getByTestId('checked-numbers').textContent).toContain('Opted out'));
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Seu pedido saiu');
    await user.click(screen.getByRole('radio', { name: 'At a date and time' }));
    const picker = screen.getByLabelText('Date and time (your time)');
    await user.type(picker, '2030-06-01T09:00{Enter}');
    // Enter in the time field neither sends nor opens the confirmation.
    expect(screen.queryByTestId('confirm-single')).toBeNull();
    expect(bridge.callsTo('sending:send')).toEqual([]);
    await press(user, 'Review and send…');
    expect(heading().textContent).toBe('Step 2 of 2 Send this message?');
    expect(screen.getByTestId('confirm-single').textContent).toMatch(
      /^To 1 number: \+5511987654321Left out, 1 opted out: \+5521998765432From: Front desk · SIM 1 \(SMS\)When: 6\/1\/30, 9:00:00 AM1 SMS per number · 1 SMS in all$/,
    );
    expect(bridge.callsTo('sending:send')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect((screen.getByRole('textbox', { name: /^Message/ }) as HTMLTextAreaElement).value).toBe('Seu pedido saiu');
    await press(user, 'Review and send…');
    await press(user, 'Schedule it');
    expect((await screen.findByTestId('send-results')).textContent).toContain('Queued for 1 number.');
    expect(bridge.callsTo('sending:send')).toEqual([
      expect.objectContaining({
        to: ['+5511987654321', '+5521998765432'],
        body: 'Seu pedido saiu',
        deviceId: 7,
        sim: 0,
        sendAt: '2030-06-01T09:00:00Z',
      }),
    ]);
  }, 20_000);

  it('on WhatsApp names the image and that the text goes first, with no SMS count', async () => {
    const { user } = await renderApp({ bridge: sendBridge({ defaultSim: 2 }), path: '/send' });
    await user.type(await screen.findByRole('textbox', { name: /^Numbers/ }), '11 98765-4321');
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Nova coleção');
    await user.click(screen.getByRole('button', { name: 'Choose an image…' }));
    await screen.findByRole('img', { name: 'Preview of promo.png' });
    await press(user, 'Review and send…');
    const confirm = screen.getByTestId('confirm-single').textContent!;
    expect(confirm).toContain('From: Front desk · WhatsApp Business');
    expect(confirm).toContain('On WhatsApp: no SMS count');
    expect(confirm).toContain('Image: promo.png · 340 KB — The text goes as its own message right before the image.');
    expect(confirm).not.toMatch(/SMS per number/);
  }, 20_000);

  it('Review and send waits, with its reason, until there is a number and a message or image', async () => {
    const { user } = await renderApp({ bridge: sendBridge(), path: '/send' });
    const review = (await screen.findByRole('button', { name: 'Review and send…' })) as HTMLButtonElement;
    expect(review.disabled).toBe(true);
    expect(screen.getByTestId('why-disabled').textContent).toBe('Enter at least one valid number.');
    await user.type(screen.getByRole('textbox', { name: /^Numbers/ }), '11 98765-4321');
    expect(screen.getByTestId('why-disabled').textContent).toBe('Write the message or choose an image first.');
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Oi');
    await waitFor(() => expect(review.disabled).toBe(false));
  }, 20_000);
});
