import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { CampaignPreview, SettingsView } from '../../shared/ipc';
import { countSms } from '../../shared/sms';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render-app';
import { phone as fakePhone, settingsView, snapshot } from './phones';

// The composers guide: Settings' default phone and SIM come pre-selected, a disabled button says why,
// and what was left out of a list is named here instead of pointing to a preview this flow does not have.

const phone = (id: number, title: string) => fakePhone(id, title, { slots: 2 });
const phones = snapshot([phone(7, 'Front desk'), phone(8, 'Warehouse')]);
const withDefaults = () => settingsView({ defaultDeviceId: 8, defaultSim: 1, timeZone: 'UTC' });
const noDefault = () => settingsView({ timeZone: 'UTC' });

function preview(body: string, patch: Partial<CampaignPreview> = {}): CampaignPreview {
  const rendered = body.replace('{nome}', 'Ana');
  return {
    columns: ['nome', 'phone'],
    problems: [],
    recipients: 80,
    suppressed: 0,
    optedOut: [],
    skipped: { invalid: 1, duplicates: 2, landlines: 0 },
    rows: [{ index: 0, phone: '+5511987654321', name: 'Ana', body: rendered, count: countSms(rendered), blanks: [] }],
    longest: { index: 0, body: rendered, count: countSms(rendered) },
    totalSegments: 80,
    rowsWithBlanks: 0,
    plan: null,
    schedule: null,
    sameAs: null,
    ...patch,
  };
}

const campaignBridge = (settings: () => SettingsView = withDefaults) =>
  new FakeBridge({
    'settings:get': settings,
    'devices:snapshot': () => phones,
    'contacts:tags': () => [],
    'campaigns:list': () => [],
    'campaigns:pickFile': () => ({ fileId: 'f1', name: 'pedidos.csv', size: 2000 }),
    'campaigns:preview': (input) => preview(input.body),
  });

// Walking the steps takes a few more clicks than one form did: a loaded machine needs the time.
describe('default phone and SIM', { timeout: 15_000 }, () => {
  it('come pre-selected on Send', async () => {
    const bridge = new FakeBridge({
      'settings:get': withDefaults,
      'devices:snapshot': () => phones,
      'contacts:tags': () => [],
      'newsletters:list': () => [],
    });
    await renderApp({ bridge, path: '/send' });
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Phone' }) as HTMLSelectElement).value).toBe('8'));
    expect((screen.getByRole('combobox', { name: /^Channel/ }) as HTMLSelectElement).value).toBe('1');
  });

  it('come pre-ticked in the campaign composer', async () => {
    const { user } = await renderApp({ bridge: campaignBridge(), path: '/campaigns' });
    await user.click(await screen.findByRole('radio', { name: 'A CSV file' }));
    await user.click(screen.getByRole('button', { name: 'Choose a CSV file…' }));
    await next(user);
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Oi {{nome}');
    await next(user);
    await waitFor(() => expect((screen.getByRole('checkbox', { name: /Warehouse · SIM 2/ }) as HTMLInputElement).checked).toBe(true));
    expect((screen.getByRole('checkbox', { name: /Front desk · SIM 1/ }) as HTMLInputElement).checked).toBe(false);
  });
});

/** Presses Next once it can be pressed (main's preview answers first). */
async function next(user: Awaited<ReturnType<typeof renderApp>>['user'], name = 'Next') {
  const button = await screen.findByRole('button', { name });
  await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false), { timeout: 5_000 });
  await user.click(button);
}

// Walking the steps takes a few more clicks than one form did: a loaded machine needs the time.
describe('a disabled button says why', { timeout: 15_000 }, () => {
  it('the campaign’s Next names the first thing missing on each step, until nothing is', async () => {
    const { user } = await renderApp({ bridge: campaignBridge(noDefault), path: '/campaigns' });
    const button = () => screen.getByRole('button', { name: /^(Next|Review)$/ }) as HTMLButtonElement;
    const why = () => screen.getByTestId('why-disabled').textContent;
    await screen.findByRole('button', { name: 'Next' });
    expect(button().disabled).toBe(true);
    expect(why()).toBe('Choose who receives it first.');
    expect(button().getAttribute('aria-describedby')).toBe(screen.getByTestId('why-disabled').id);

    await user.click(screen.getByRole('radio', { name: 'A CSV file' }));
    await user.click(screen.getByRole('button', { name: 'Choose a CSV file…' }));
    await screen.findByText('File: pedidos.csv');
    await next(user);
    expect(why()).toBe('Write the message first.');
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Oi {{nome}');
    await next(user);
    expect(why()).toBe('Choose a phone first.');
    await user.click(screen.getByRole('checkbox', { name: /Front desk · SIM 1/ }));
    await waitFor(() => expect(screen.queryByTestId('why-disabled')).toBeNull());
    expect(button().disabled).toBe(false);
  });

  it('names each reason a list’s rows were left out, instead of pointing to a preview that is not there', async () => {
    const { user } = await renderApp({ bridge: campaignBridge(), path: '/campaigns' });
    await user.click(await screen.findByRole('radio', { name: 'A CSV file' }));
    await user.click(screen.getByRole('button', { name: 'Choose a CSV file…' }));
    const figures = await screen.findByTestId('source-figures', {}, { timeout: 5_000 });
    await waitFor(() => expect(within(figures).getByText('3 rows left out: 1 not a phone number, 2 repeated numbers')).toBeTruthy(), {
      timeout: 5_000,
    });
    expect(figures.textContent).not.toMatch(/see the/i);
  });

  it('Send says why it cannot send an image by SMS', async () => {
    const bridge = new FakeBridge({
      'settings:get': noDefault,
      'devices:snapshot': () => phones,
      'sending:pickImage': () => ({
        imageId: 'i1',
        name: 'promo.png',
        size: 1000,
        mimeType: 'image/png',
        dataUrl: 'data:image/png;base64,AA==',
      }),
    });
    const { user } = await renderApp({ bridge, path: '/send' });
    await user.click(await screen.findByRole('button', { name: /image/i }));
    await waitFor(() =>
      expect(screen.getByTestId('why-disabled').textContent).toBe(
        'An SMS cannot carry an image: choose a WhatsApp channel or remove the image.',
      ),
    );
    expect((screen.getByRole('button', { name: 'Review and send…' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
