import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { MirrorStatus, ReportView, TodayView } from '../../shared/ipc';
import { FakeBridge, settingsIn } from './fake-bridge';
import { renderApp } from './render-app';
import { phone as fakePhone, snapshot } from './phones';
import { job } from './job-view';

// Home's states: all well, things that need attention (each a link to where to act), jobs running with
// their progress, an empty day, and the figures following pushed events without asking main again.

const phone = (id: number, title: string, online: boolean) =>
  fakePhone(id, title, { online, slots: 0, queue: null, device: { sendDelaySeconds: null, lastSeen: null } });
/** messages:report for the seven days before today: only its totals matter to Home. */
const recentWeek = (delivered: number, failed: number): ReportView => ({
  edges: [],
  timeZone: 'UTC',
  lines: [],
  totals: { waiting: 0, sent: 0, delivered, failed, incoming: 0 },
  deliveryRate: delivered / (delivered + failed),
  medianCreatedToSentMs: null,
  medianSentToDeliveredMs: null,
  deliverySeenCount: 0,
});

const today = (extra: Partial<TodayView> = {}): TodayView => ({
  waiting: 4,
  sent: 10,
  delivered: 120,
  failed: 3,
  incoming: 2,
  total: 139,
  fromMs: 0,
  toMs: 1,
  timeZone: 'UTC',
  phones: [],
  lastSyncAt: Date.now() - 60_000,
  ...extra,
});
const mirror = (extra: Partial<MirrorStatus> = {}): MirrorStatus => ({
  reachFromMs: 1,
  oldestCoveredMs: 1,
  lastSyncAt: Date.now() - 5 * 60_000,
  lastError: null,
  messages: 5_000,
  syncing: false,
  jobId: null,
  defaultDays: 30,
  lastRefreshAt: null,
  ...extra,
});

describe('Home', () => {
  it('says a sync that finished after the screen\'s clock last ticked was "now", never "in 20 seconds"', async () => {
    const bridge = new FakeBridge({
      'messages:today': () => today(),
      // Main's sync ended a moment after the page read its clock (which ticks every 15 s).
      'messages:status': () => mirror({ lastSyncAt: Date.now() + 20_000 }),
      'jobs:list': () => [],
    });
    await renderApp({ bridge, path: '/home' });
    const history = await screen.findByTestId('home-history');
    await waitFor(() => expect(history.textContent).toContain('Last synced now'));
    expect(history.textContent).not.toMatch(/in \d+ seconds?/);
  });

  it('says nothing needs attention when all is well, and shows today by status with links', async () => {
    const bridge = new FakeBridge({
      'devices:snapshot': () => snapshot([phone(1, 'Front desk', true), phone(2, 'Warehouse', true)]),
      'messages:today': () => today({ failed: 0, total: 136 }),
      'messages:status': () => mirror(),
      'jobs:list': () => [],
    });
    await renderApp({ bridge, path: '/home' });
    const attention = await screen.findByTestId('home-attention');
    await waitFor(() => expect(screen.getByTestId('home-today').textContent).toContain('136 messages today'));
    expect(attention.textContent).toContain('Nothing needs your attention.');
    expect(screen.getByTestId('home-phones').textContent).toMatch(/2 online.*0 offline/);
    expect(screen.getByRole('img', { name: 'Today by status: Waiting 4, Sent 10, Delivered 120, Incoming 2' })).toBeTruthy();
    const delivered = within(screen.getByTestId('home-today')).getByRole('link', { name: /120\s*Delivered/ });
    expect(delivered.getAttribute('href')).toMatch(/^\/messages\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d&status=delivered$/);
    expect(screen.getByTestId('home-jobs').textContent).toContain('Nothing running.');
    expect(screen.getByTestId('home-history').textContent).toMatch(/Last synced 5 minutes ago.*5,000 messages on this computer/);
  });

  it('lists what needs attention, most pressing first, each linking to its screen', async () => {
    const bridge = new FakeBridge({
      'gateway:health': () => ({ reachable: false, checkedAt: '2026-05-01T10:00:00Z', unreachableSince: '2026-05-01T09:50:00Z' }),
      'devices:snapshot': () => snapshot([phone(1, 'Front desk', true), phone(2, 'Warehouse', false), phone(3, 'Drawer', false)]),
      // 30 of 150 finished failed today, where the last days failed 1 %: unusual, so an alert.
      'messages:today': () => today({ failed: 30 }),
      'messages:report': () => recentWeek(990, 10),
      'messages:status': () => mirror({ lastError: 'The gateway stopped answering.' }),
      'jobs:list': () => [
        job(5, { kind: 'campaigns.send', title: 'Promo de maio', state: 'needs-attention', unknown: 2 }),
        job(6, { title: 'Import Clientes.csv into VIP' }),
      ],
    });
    const { user, router } = await renderApp({ bridge, path: '/home' });
    const attention = await screen.findByTestId('home-attention');
    await waitFor(() => expect(within(attention).getAllByRole('link')).toHaveLength(5));
    await waitFor(() =>
      expect(
        within(attention)
          .getAllByRole('link')
          .map((a) => [a.textContent, a.getAttribute('href')]),
      ).toEqual([
        ['The gateway does not answer.', '/devices'],
        ['2 phones are offline: Warehouse, Drawer', '/devices?show=offline'],
        ['20% of today’s messages failed (30 of 150); usually 1%.', expect.stringMatching(/^\/messages\?from=.*&status=failed$/)],
        ['Campaign “Promo de maio”: 2 sends have an unknown outcome', '/campaigns'],
        ['The last history sync did not finish.', '/messages'],
      ]),
    );
    // A job still running shows its progress and links to its screen.
    const jobs = screen.getByTestId('home-jobs');
    expect(within(jobs).getByRole('link', { name: 'Import contacts' }).getAttribute('href')).toBe('/contacts');
    expect(within(jobs).getByRole<HTMLProgressElement>('progressbar', { name: 'Import contacts' }).value).toBe(40);
    expect(jobs.textContent).not.toContain('Promo de maio');

    await user.click(within(attention).getByRole('link', { name: /phones are offline/ }));
    await waitFor(() => expect(router.state.location.pathname + router.state.location.search).toBe('/devices?show=offline'));
  });

  it('says the older history is being read in the background (not a problem), where to change how far, and reads in pt-BR', async () => {
    const bridge = new FakeBridge({
      'settings:get': settingsIn('pt-BR'),
      'devices:snapshot': () => snapshot([phone(1, 'Balcão', true)]),
      'messages:today': () => today({ waiting: 0, sent: 0, delivered: 0, failed: 0, incoming: 0, total: 0 }),
      'messages:status': () => mirror({ reachFromMs: null, oldestCoveredMs: null, lastSyncAt: null, messages: 0 }),
      'jobs:list': () => [],
    });
    await renderApp({ bridge, path: '/home', language: 'pt-BR' });
    const step = await screen.findByTestId('home-step-reach');
    expect(
      within(step)
        .getByRole('link', { name: /^Os últimos dois dias já estão aqui; as mensagens mais antigas, até 30 dias atrás \(Configurações\)/ })
        .getAttribute('href'),
    ).toBe('/settings');
    await waitFor(() => expect(screen.getByTestId('home-attention').textContent).not.toMatch(/histórico/));
    expect(screen.getByTestId('home-today').textContent).toContain('Nenhuma mensagem hoje ainda.');
    expect(screen.getByTestId('home-phones').textContent).toMatch(/1 online.*0 offline/);
  });

  it('words jobs by their kind in the language chosen in Settings, and shows the stored title of a kind it does not know', async () => {
    const bridge = new FakeBridge({
      'settings:get': settingsIn('pt-BR'),
      'messages:today': () => today(),
      'messages:status': () => mirror(),
      'jobs:list': () => [
        job(1, { kind: 'messages.sync', title: 'Sync message history' }),
        job(2, { kind: 'contacts.import', title: 'Import Clientes.csv into VIP' }),
        job(3, { kind: 'contacts.saveTag', title: 'Create the tag VIP' }),
        job(4, { kind: 'campaigns.send', title: 'Promo de maio' }),
        job(5, { kind: 'someone.else', title: 'Backup' }),
      ],
    });
    await renderApp({ bridge, path: '/home', language: 'pt-BR' });
    const jobs = await screen.findByTestId('home-jobs');
    await waitFor(() => expect(within(jobs).getAllByRole('link')).toHaveLength(5));
    expect(
      within(jobs)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Sincronizar o histórico de mensagens', 'Importar contatos', 'Criar uma etiqueta', 'Campanha “Promo de maio”', 'Backup']);
    expect(within(jobs).getByRole('progressbar', { name: 'Sincronizar o histórico de mensagens' })).toBeTruthy();
  });

  it('follows pushed figures and job progress without asking main again', async () => {
    const bridge = new FakeBridge({
      'devices:snapshot': () => snapshot([phone(1, 'Front desk', true)]),
      'messages:today': () => today(),
      'messages:report': () => recentWeek(970, 30),
      'messages:status': () => mirror(),
      'jobs:list': () => [job(9, { kind: 'messages.sync', title: 'History sync' })],
    });
    await renderApp({ bridge, path: '/home' });
    await waitFor(() => expect(screen.getByTestId('home-today').textContent).toContain('139 messages today'));
    act(() =>
      bridge.emit('messages:changed', { changes: [{ id: 1, from: 6, to: 8 }], more: 0, added: 1, today: today({ failed: 4, total: 140 }) }),
    );
    await waitFor(() => expect(screen.getByTestId('home-today').textContent).toContain('140 messages today'));
    // 4 of 124 finished failed, as this account's recent days do: stated plainly, not an alert.
    await waitFor(() =>
      expect(screen.getByTestId('failure-rate').textContent).toBe(
        '3.2% of today’s finished messages failed (4 of 124), as usual for this account.',
      ),
    );
    expect(screen.getByTestId('home-attention').textContent).not.toContain('failed');
    act(() => bridge.emit('jobs:changed', job(9, { kind: 'messages.sync', title: 'History sync', done: 90 })));
    await waitFor(() => expect(screen.getByRole<HTMLProgressElement>('progressbar', { name: 'Sync message history' }).value).toBe(90));
    expect(screen.getByRole('link', { name: 'Sync message history' }).getAttribute('href')).toBe('/messages');
    expect(bridge.callsTo('messages:today')).toHaveLength(1);
  });
});
