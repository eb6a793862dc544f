import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { NewsletterPreview } from '../../shared/ipc';
import { countSms } from '../../shared/sms';
import { FakeBridge, refuse } from './fake-bridge';
import { counts, newsletter } from './campaign-views';
import { renderApp } from './render-app';
import { phone, settingsView, snapshot } from './phones';

// The newsletter composer when the tags hold opted-out contacts (savepaket would reach them: said plainly,
// sent as a campaign without them or included after a confirmation), a create whose reply was lost, and a
// newsletter watched like a campaign (time left, a stalled phone, failures by code).

/** The account's one phone, Front desk, online with one SIM. */
const phones = () => snapshot([phone(7, 'Front desk')]);
const settings = () => settingsView({ defaultDeviceId: 7, timeZone: 'UTC' });
const tags = () => [{ id: 31, title: 'Clientes VIP', contacts: 120, createdHere: true, createdAt: 1 }];

const preview = (body: string, optedOut: number): NewsletterPreview => ({
  recipients: 120 - optedOut,
  suppressed: optedOut,
  tagContacts: 120,
  optedOut: {
    count: optedOut,
    sample: ['+5511987650001'],
    people: [
      {
        phone: '+5511987650001',
        name: 'Ana',
        source: 'reply',
        keyword: 'parar',
        reply: 'PARAR',
        replyAt: Date.parse('2026-05-01T09:58:00Z'),
        addedAt: Date.parse('2026-05-01T09:58:10Z'),
      },
    ],
  },
  unknownTags: [],
  placeholders: [],
  count: countSms(body),
  totalSegments: 120 - optedOut,
  durationMs: 600_000,
  schedule: null,
  device: { id: 7, title: 'Front desk', online: true },
});

async function review(bridge: FakeBridge) {
  const rendered = await renderApp({ bridge, path: '/newsletters' });
  const { user } = rendered;
  // The steps: tags → title and message → phone and time (Settings' default phone) → review.
  await user.click(await screen.findByRole('checkbox', { name: 'Clientes VIP (120 contacts)' }));
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await user.type(await screen.findByRole('textbox', { name: /^Title/ }), 'Promoção de maio');
  await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Tudo com 20% off');
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await user.click(await screen.findByRole('button', { name: 'Review' }));
  await screen.findByTestId('newsletter-summary');
  return rendered;
}

// Walking the steps takes a few more clicks than one form did: a loaded machine needs the time.
describe('Newsletter with opted-out contacts in its tags', { timeout: 15_000 }, () => {
  const composing = (extra: ConstructorParameters<typeof FakeBridge>[0] = {}) =>
    new FakeBridge({
      'settings:get': settings,
      'devices:snapshot': phones,
      'contacts:tags': tags,
      'newsletters:list': () => [],
      'newsletters:preview': (input) => preview(input.body, 3),
      ...extra,
    });

  it('says plainly that the newsletter would reach them, never that they are left out, and recommends a campaign without them', async () => {
    const bridge = composing();
    await review(bridge);
    const summary = screen.getByTestId('newsletter-summary');
    const notice = within(summary).getByTestId('opted-out');
    expect(notice.textContent).toContain(
      '3 contacts in these tags opted out. A newsletter goes to the whole tag on the gateway, so it would reach them too.',
    );
    expect(summary.textContent).not.toMatch(/left out: they opted out/);
    const asCampaign = within(notice).getByRole('radio', {
      name: /^Send it as a campaign that leaves them out \(recommended\): 117 recipients/,
    });
    expect((asCampaign as HTMLInputElement).checked).toBe(true);
    expect(summary.textContent).toContain('117 recipients');
  });

  it('sends it as a campaign without them and links to that campaign', async () => {
    const bridge = composing({
      'newsletters:create': (input) => ({
        newsletter: newsletter({
          title: input.title,
          state: 'campaign',
          paketId: 0,
          campaignId: 12,
          recipients: 117,
          optedOut: { count: 3, decision: 'send-as-campaign' },
        }),
        startOn: { deviceId: 7, title: 'Front desk' },
        campaign: { campaign: { id: 12, title: input.title, recipients: 117 } as never, job: undefined as never },
      }),
    });
    const { user } = await review(bridge);
    await user.click(screen.getByRole('button', { name: 'Send it as a campaign' }));
    const created = await screen.findByTestId('newsletter-created');
    expect(created.textContent).toContain('Sent as a campaign to 117 recipients, leaving out the 3 who opted out.');
    expect(created.textContent).not.toContain('presses Start');
    expect(within(created).getByRole('link', { name: 'Watch the campaign' }).getAttribute('href')).toBe('/campaigns?id=12');
    expect(bridge.callsTo('newsletters:create')).toEqual([expect.objectContaining({ optedOut: 'send-as-campaign', again: false })]);
  });

  it('includes them only after a confirmation, and the summary then counts the whole tag', async () => {
    const bridge = composing({
      'newsletters:create': (input) => ({
        newsletter: newsletter({ title: input.title, optedOut: { count: 3, decision: 'include' } }),
        startOn: { deviceId: 7, title: 'Front desk' },
        campaign: null,
      }),
    });
    const { user } = await review(bridge);
    await user.click(
      screen.getByRole('radio', { name: /^Send the newsletter to the whole tag anyway, including the 3 contacts who opted out/ }),
    );
    expect(screen.getByTestId('newsletter-summary').textContent).toContain('120 recipients');
    await user.click(screen.getByRole('button', { name: 'Create the newsletter' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send to 3 contacts who opted out?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsTo('newsletters:create')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Create the newsletter' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Yes, include them' }));
    const created = await screen.findByTestId('newsletter-created');
    expect(created.textContent).toContain('presses Start in the SMSGateway24 app on Front desk');
    expect(bridge.callsTo('newsletters:create')).toEqual([expect.objectContaining({ optedOut: 'include' })]);
  });
});

// Walking the steps takes a few more clicks than one form did: a loaded machine needs the time.
describe('Newsletter created exactly once', { timeout: 15_000 }, () => {
  it('asks before creating again a newsletter whose reply was lost, and sends again: true only when confirmed', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings,
      'devices:snapshot': phones,
      'contacts:tags': tags,
      'newsletters:list': () => [],
      'newsletters:preview': (input) => preview(input.body, 0),
      'newsletters:create': (input) =>
        input.again
          ? { newsletter: newsletter(), startOn: { deviceId: 7, title: 'Front desk' }, campaign: null }
          : refuse('validation', 'may exist', { field: 'again', params: { newsletterId: 4 } }),
    });
    const { user } = await review(bridge);
    await user.click(screen.getByRole('button', { name: 'Create the newsletter' }));
    const dialog = await screen.findByRole('dialog', { name: 'This newsletter may already exist' });
    expect(dialog.textContent).toContain('Look in the SMSGateway24 app on Front desk before creating it again.');
    await user.click(within(dialog).getByRole('button', { name: 'Create it again' }));
    await screen.findByTestId('newsletter-created');
    expect(bridge.callsTo('newsletters:create').map((i) => (i as { again: boolean }).again)).toEqual([false, true]);
  });

  it('says a newsletter whose reply was lost may have been created, and to check the phone', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings,
      'devices:snapshot': phones,
      'contacts:tags': tags,
      'newsletters:list': () => [newsletter({ state: 'unknown', paketId: 0 })],
    });
    await renderApp({ bridge, path: '/newsletters' });
    const entry = await screen.findByTestId('newsletter-1');
    expect(entry.textContent).toContain('May have been created — check the phone');
    expect(within(entry).getByRole('alert').textContent).toBe(
      'The gateway did not answer: this newsletter may have been created. Check the SMSGateway24 app on Front desk before creating it again.',
    );
    expect(within(entry).queryByRole('img')).toBeNull();
  });
});

describe('Newsletter watched like a campaign', () => {
  it('shows the time left, a stalled phone and the failures grouped by code with what to do', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings,
      'devices:snapshot': phones,
      'contacts:tags': tags,
      'newsletters:list': () => [
        newsletter({
          counts: counts({ total: 120, delivered: 50, sent: 10, taken: 40, failed: 6 }),
          etaSeconds: 480,
          stall: { deviceId: 7, title: 'Front desk', sinceMs: Date.now() - 15 * 60_000 },
          failures: [
            {
              code: 10,
              kind: 'retryable',
              titleKey: 'failures.10.title',
              whatKey: 'failures.10.what',
              todoKey: 'failures.10.todo',
              count: 6,
              sample: ['+5511911110002'],
            },
          ],
        }),
      ],
      'newsletters:refresh': () => newsletter(),
    });
    await renderApp({ bridge, path: '/newsletters' });
    const entry = await screen.findByTestId('newsletter-1');
    expect(within(entry).getByText('about 8 minutes left')).toBeTruthy();
    expect(within(entry).getByTestId('newsletter-stall').textContent).toContain('Front desk took messages 15 minutes ago');
    expect(within(entry).getByTestId('failure-groups').textContent).toContain('Not sent: no signal — 6 messages (status 10)');
  });
});
