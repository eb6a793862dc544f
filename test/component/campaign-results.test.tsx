import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { SendResults } from '../../shared/ipc';
import { FakeBridge, pending, settingsIn } from './fake-bridge';
import { renderApp } from './render-app';

// A campaign's results page in its three states: still sending, finished, nothing delivered yet; and its
// buttons: print, save as PDF (what reaches main), back to the campaign.

const T0 = Date.UTC(2026, 11, 6, 14, 0);
const MIN = 60_000;

function results(patch: Partial<SendResults> = {}): SendResults {
  return {
    kind: 'campaign',
    id: 12,
    title: 'Promo de Natal',
    createdAt: T0,
    phase: 'finished',
    sentFrom: T0,
    recipients: 200,
    delivered: 182,
    failed: 12,
    failures: [
      { code: 8, titleKey: 'failures.8.title', count: 8 },
      { code: 10, titleKey: 'failures.10.title', count: 4 },
    ],
    pending: { waiting: 0, sentNoReport: 0, notListed: 0, total: 0 },
    deliveredShare: 0.91,
    replies: {
      messages: 5,
      customers: 4,
      latest: [
        { phone: '+5511987650002', name: 'Bruno Lima', body: 'SAIR', at: T0 + 30 * MIN, key: '5511987650002', optOut: true },
        { phone: '+5511987650001', name: null, body: 'Vale no domingo?', at: T0 + 20 * MIN, key: '5511987650001', optOut: false },
      ],
    },
    optOuts: { count: 1, latest: [] },
    segments: { sent: 364, planned: 400 },
    createdToSent: { median: 2 * MIN, p90: 6 * MIN, count: 190 },
    sentToSeenDelivered: null,
    statusesFrom: 'campaign',
    historySyncedAt: T0 + 50 * MIN,
    computedAt: T0 + 51 * MIN,
    ...patch,
  };
}

const open = (r: SendResults, language: 'en' | 'pt-BR' = 'en') => {
  const bridge = new FakeBridge({
    'results:get': () => r,
    'results:savePdf': () => ({ saved: true, name: 'Results - Promo de Natal - 2026-12-06.pdf' }),
    'campaigns:get': () => pending(),
    'settings:get': settingsIn(language),
  });
  return renderApp({ bridge, path: '/campaigns?id=12&view=results', language });
};

describe('campaign results page', () => {
  it('finished: the headline says how it did, the figures and the failures by reason follow', async () => {
    const { bridge } = await open(results());
    expect((await screen.findByTestId('results-headline', {}, { timeout: 5_000 })).textContent).toBe(
      'Delivered to 182 of 200 (91%). 12 failed: not delivered (8), not sent – no signal (4).',
    );
    expect(screen.getByTestId('results-phase').textContent).toBe('Finished: every message has its final status.');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Results: Promo de Natal');
    expect(within(screen.getByTestId('figure-delivered')).getByText('182')).toBeTruthy();
    expect(screen.getByTestId('figure-replies').textContent).toContain('from 4 customers, after it was sent');
    expect(screen.getByTestId('figure-opt-outs').textContent).toContain('1');
    expect(screen.getByTestId('figure-segments').textContent).toBe('SMS segments sent364of 400 planned; a long message counts as several');
    expect(screen.getByTestId('figure-time').textContent).toBe('Time until sent (median)2 min90% within 6 min');
    const failures = within(screen.getByTestId('results-failures'))
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(failures[0]).toBe('ReasonMessages');
    // Each reason with what to do about it.
    expect(failures[1]).toMatch(/^Not delivered.*Check the number with the person.*8$/);
    expect(failures[2]).toMatch(/^Not sent: no signal.*Move the phone to where it has signal.*4$/);
    // The opt-out is marked, and each reply opens its conversation in the Inbox.
    const bruno = within(screen.getByTestId('results-replies')).getByRole('link', { name: 'Bruno Lima' });
    expect(bruno.getAttribute('href')).toBe('/inbox?c=5511987650002');
    expect(within(screen.getByTestId('results-replies')).getByText('Opted out')).toBeTruthy();
    expect(screen.getByText(/from the moment the gateway queued each message until the phone sent it, over 190 messages/)).toBeTruthy();
    expect(bridge.callsTo('results:get')).toEqual([{ kind: 'campaign', id: 12 }]);
  });

  it('running: says it is still sending and what is still on its way', async () => {
    await open(
      results({
        phase: 'running',
        delivered: 50,
        failed: 0,
        failures: [],
        deliveredShare: 0.25,
        pending: { waiting: 100, sentNoReport: 40, notListed: 10, total: 150 },
      }),
    );
    expect((await screen.findByTestId('results-headline', {}, { timeout: 5_000 })).textContent).toBe(
      'Delivered to 50 of 200 (25%). 150 still on their way.',
    );
    expect(screen.getByTestId('results-phase').textContent).toBe('Still sending: these figures change as the phones report.');
    expect(screen.getByTestId('figure-pending').textContent).toBe(
      'Still on their way150100 waiting for the phone · 40 sent, no delivery report yet · 10 not listed by the gateway yet',
    );
    expect(screen.getByText('No failures.')).toBeTruthy();
  });

  it('nothing delivered yet: no percentage to show, no times, no replies', async () => {
    await open(
      results({
        phase: 'running',
        delivered: 0,
        failed: 0,
        failures: [],
        deliveredShare: 0,
        pending: { waiting: 200, sentNoReport: 0, notListed: 0, total: 200 },
        replies: { messages: 0, customers: 0, latest: [] },
        optOuts: { count: 0, latest: [] },
        segments: { sent: 0, planned: 400 },
        createdToSent: null,
        historySyncedAt: null,
      }),
      'pt-BR',
    );
    expect((await screen.findByTestId('results-headline', {}, { timeout: 5_000 })).textContent).toBe(
      'Nada entregue ainda: 200 mensagens a caminho.',
    );
    expect(screen.getByTestId('figure-time').textContent).toBe('Tempo até o envio (mediana)—ainda não medido');
    expect(screen.getByText('Nenhuma resposta dos destinatários ainda.')).toBeTruthy();
    expect(screen.getByText(/O histórico de mensagens ainda não sincronizou/)).toBeTruthy();
  });

  it('saves as PDF through main, and goes back to the campaign', async () => {
    const { bridge, user } = await open(results());
    await user.click(await screen.findByRole('button', { name: 'Save as PDF' }, { timeout: 5_000 }));
    expect(await screen.findByText('Saved as Results - Promo de Natal - 2026-12-06.pdf')).toBeTruthy();
    expect(bridge.callsTo('results:savePdf')).toEqual([{ kind: 'campaign', id: 12 }]);
    await user.click(screen.getByRole('button', { name: /Back to the campaign/ }));
    expect(screen.queryByTestId('campaign-results')).toBeNull();
    expect(bridge.callsTo('campaigns:get')).toEqual([{ id: 12 }]);
  });

  it('a newsletter has the same page, from the Newsletters screen, with its own way back', async () => {
    const bridge = new FakeBridge({
      'results:get': () => results({ kind: 'newsletter', id: 4, title: 'Novidades de dezembro', segments: { sent: 180, planned: null } }),
      'newsletters:list': () => [],
    });
    await renderApp({ bridge, path: '/newsletters?id=4&view=results' });
    expect((await screen.findByRole('heading', { level: 2 }, { timeout: 5_000 })).textContent).toBe('Results: Novidades de dezembro');
    expect(screen.getByText('Newsletter', { selector: 'p' })).toBeTruthy();
    expect(screen.getByTestId('figure-segments').textContent).toBe('SMS segments sent180a long message counts as several');
    expect(screen.getByRole('button', { name: /Back to the newsletters/ })).toBeTruthy();
    expect(bridge.callsTo('results:get')).toEqual([{ kind: 'newsletter', id: 4 }]);
  });
});
