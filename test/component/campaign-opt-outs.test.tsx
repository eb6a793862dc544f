import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { CampaignDetail, PlanView, SuppressionEntry } from '../../shared/ipc';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render-app';

// The opt-out list (its own screen, in the sidebar) (list, where each number came from, add, remove after a
// confirmation) and the plan's times when a campaign takes less than an hour.

const settings = () => ({
  settings: { ...DEFAULT_SETTINGS, timeZone: 'UTC', defaultCountry: 'BR' },
  corruptFileMovedTo: null,
  resetFields: [],
});

/** A suppression list in memory, answering the three channels as main does. */
function suppressionBridge(initial: SuppressionEntry[]) {
  let list = [...initial];
  return new FakeBridge({
    'settings:get': settings,
    'campaigns:list': () => [],
    'contacts:tags': () => [],
    'optouts:list': (input) => {
      const search = input?.search?.replace(/\D/g, '') ?? '';
      const rows = list.filter((r) => r.phone.includes(search));
      return { rows: rows.slice(input?.offset ?? 0, (input?.offset ?? 0) + (input?.limit ?? 100)), total: rows.length };
    },
    'optouts:add': (input) => {
      const valid = input.phones.filter((p) => /^\+?[\d\s-]{8,}$/.test(p)).map((p) => `+${p.replace(/\D/g, '')}`);
      list = [
        ...valid.map((phone) => ({
          phone,
          source: 'manual' as const,
          keyword: null,
          reply: null,
          replyAt: null,
          addedAt: Date.parse('2026-05-02T09:00:00Z'),
        })),
        ...list,
      ];
      return { added: valid.length, invalid: input.phones.filter((p) => !/^\+?[\d\s-]{8,}$/.test(p)) };
    },
    'optouts:remove': (input) => {
      const before = list.length;
      list = list.filter((r) => !input.phones.includes(r.phone));
      return { removed: before - list.length };
    },
  });
}

const replied: SuppressionEntry = {
  phone: '+5511987650001',
  source: 'reply',
  keyword: 'sair',
  reply: 'Sair',
  replyAt: Date.parse('2026-04-28T14:04:00Z'),
  addedAt: Date.parse('2026-04-28T14:05:00Z'),
};
const byHand: SuppressionEntry = {
  phone: '+5521998760002',
  source: 'manual',
  keyword: null,
  reply: null,
  replyAt: null,
  addedAt: Date.parse('2026-04-30T08:00:00Z'),
};

describe('Opt-out list', () => {
  it('lists the numbers with where each came from and the counts', async () => {
    await renderApp({ bridge: suppressionBridge([replied, byHand]), path: '/optOuts' });
    const panel = await screen.findByTestId('opt-outs');
    await waitFor(() =>
      expect(within(panel).getByTestId('opt-out-counts').textContent).toBe('2 numbers opted out · 1 by a reply · 1 added by hand'),
    );
    const rows = within(panel).getAllByTestId('opt-out-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('+5511987650001Replied SAIR'),
      expect.stringContaining('+5521998760002Added by hand'),
    ]);
  });

  it('adds typed numbers, keeps the ones that are not numbers in the box, and shows the new entries', async () => {
    const bridge = suppressionBridge([replied]);
    const { user } = await renderApp({ bridge, path: '/optOuts' });
    const panel = await screen.findByTestId('opt-outs');
    const box = within(panel).getByRole('textbox', { name: /^Numbers to add/ });
    await user.type(box, '+55 31 91234-5678, 12');
    await user.click(within(panel).getByRole('button', { name: 'Add to the list' }));
    expect((await within(panel).findByTestId('opt-out-added')).textContent).toBe('1 number added. Not a phone number: 12.');
    expect(bridge.callsTo('optouts:add')).toEqual([{ phones: ['+55 31 91234-5678', '12'], country: 'BR' }]);
    expect((box as HTMLTextAreaElement).value).toBe('12');
    await waitFor(() =>
      expect(
        within(panel)
          .getAllByTestId('opt-out-row')
          .map((r) => r.textContent),
      ).toContainEqual(expect.stringContaining('+5531912345678Added by hand')),
    );
    expect(within(panel).getByTestId('opt-out-counts').textContent).toContain('2 numbers opted out');
  });

  it('removes a number only after the person confirms, warning that it asked to stop', async () => {
    const bridge = suppressionBridge([replied, byHand]);
    const { user } = await renderApp({ bridge, path: '/optOuts' });
    const panel = await screen.findByTestId('opt-outs');
    await user.click(await within(panel).findByRole('button', { name: 'Remove +5511987650001 from the list' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove +5511987650001 from the opt-out list?' });
    expect(dialog.textContent).toContain('This person asked to stop receiving messages.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsTo('optouts:remove')).toEqual([]);

    await user.click(within(panel).getByRole('button', { name: 'Remove +5511987650001 from the list' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Yes, remove it' }));
    expect(bridge.callsTo('optouts:remove')).toEqual([{ phones: ['+5511987650001'] }]);
    await waitFor(() => expect(within(panel).getAllByTestId('opt-out-row')).toHaveLength(1));
    expect(within(panel).getByTestId('opt-out-counts').textContent).toBe('1 number opted out · 0 by a reply · 1 added by hand');
  });

  it('searches the list and says when nothing matches', async () => {
    const bridge = suppressionBridge([replied, byHand]);
    const { user } = await renderApp({ bridge, path: '/optOuts' });
    const panel = await screen.findByTestId('opt-outs');
    await user.type(within(panel).getByRole('searchbox', { name: 'Search a number' }), '2199');
    await waitFor(() => expect(within(panel).getAllByTestId('opt-out-row')).toHaveLength(1));
    expect(within(panel).getByTestId('opt-out-counts').textContent).toContain('1 number matches');
    await user.type(within(panel).getByRole('searchbox', { name: 'Search a number' }), '0000');
    expect(await within(panel).findByText('No number on the list matches.')).toBeTruthy();
  });

  it('says so when nobody opted out', async () => {
    await renderApp({ bridge: suppressionBridge([]), path: '/optOuts' });
    expect(await screen.findByText('Nobody has opted out yet.')).toBeTruthy();
  });
});

describe('Plan times', () => {
  const at = (time: string) => Date.parse(`2026-05-01T${time}Z`);
  const plan: PlanView = {
    phones: [
      {
        deviceId: 7,
        sim: 0,
        title: 'Front desk',
        health: 'good',
        count: 12,
        chunks: 1,
        firstAt: at('12:00:00'),
        lastAt: at('12:00:40'),
        spacingMs: 3000,
      },
      {
        deviceId: 8,
        sim: 0,
        title: 'Drawer',
        health: 'good',
        count: 60,
        chunks: 2,
        firstAt: at('12:00:00'),
        lastAt: at('12:05:30'),
        spacingMs: 5000,
      },
    ],
    excluded: [],
    firstAt: at('12:00:00'),
    lastAt: at('12:05:30'),
    durationMs: 330_000,
    days: [{ date: '2026-05-01', count: 72 }],
    spillsToLaterDays: false,
    startDeferred: false,
    zone: 'UTC',
  };
  const detail = (): CampaignDetail => ({
    id: 5,
    title: 'Entregas',
    createdAt: at('11:59:00'),
    state: 'watching',
    final: false,
    jobId: 3,
    recipients: 72,
    suppressed: 0,
    customerIds: { first: 1, last: 2 },
    phones: [],
    counts: { new: 0, queued: 72, taken: 0, sent: 0, delivered: 0, failed: 0, total: 72 },
    etaSeconds: 300,
    stall: null,
    resendOf: null,
    refreshedAt: null,
    plan,
    chunks: { total: 3, done: 3, pending: 0, attention: 0 },
    attention: [],
    failures: [],
    retryableFailures: 0,
    missing: 0,
    job: null,
  });

  it('shows a short plan to the second, and a phone done within a minute as such, never "12:00 – 12:00"', async () => {
    await renderApp({ bridge: new FakeBridge({ 'settings:get': settings, 'campaigns:get': detail }), path: '/campaigns?id=5' });
    const shown = (await screen.findByTestId('plan')).textContent;
    expect(shown).toContain('Front desk · SIM 1 (SMS): 12 messages within a minute from 5/1/26, 12:00:00');
    expect(shown).toContain('Drawer · SIM 1 (SMS): 60 messages, 5/1/26, 12:00:00 PM – 5/1/26, 12:05:30 PM');
    expect(shown).not.toMatch(/12:00 PM – 5\/1\/26, 12:00 PM/);
  });
});
