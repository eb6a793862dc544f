import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { Message, MessageStatusCode } from '../../shared/domain';
import type { MessageDetail, MessagePage, MirrorStatus, ReportView, TimeView } from '../../shared/ipc';
import { FakeBridge, settingsIn } from './fake-bridge';
import { renderApp } from './render-app';

// The Messages screen's states over a FakeBridge: the first sync's question, the list with filters read
// from and written to the URL, a message's details (both zones, what the status means), the export's
// answer, and the report's figures and charts.

// jsdom has no canvas: uPlot is replaced by a recorder of what the report hands it (its options, the stacked
// data, resizes, new data without a new chart, destroy). The e2e test sees the real one paint in Chromium.
const plots = vi.hoisted(() => {
  type Options = {
    series: { label?: string; value?: (u: unknown, v: unknown, si: number, idx: number | null) => string }[];
    axes: { values?: (u: unknown, splits: number[]) => string[] }[];
  };
  class FakePlot {
    static readonly made: FakePlot[] = [];
    static readonly pxRatio = 1;
    static readonly paths = { bars: () => () => null };
    destroyed = false;
    readonly updates: unknown[][] = [];
    constructor(
      readonly opts: Options,
      public data: unknown[],
    ) {
      FakePlot.made.push(this);
    }
    setData(data: unknown[]) {
      this.data = data;
      this.updates.push(data);
    }
    setSize() {}
    destroy() {
      this.destroyed = true;
    }
  }
  return FakePlot;
});
vi.mock('uplot', () => ({ default: plots }));
const livePlots = () => plots.made.filter((p) => !p.destroyed);

// jsdom lays nothing out: give the list's scroller a height so the virtual table renders its rows.
const savedHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 }));
afterAll(() => {
  if (savedHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', savedHeight);
});

const SAO_PAULO = { ...settingsIn(null)().settings, timeZone: 'America/Sao_Paulo' };
const settings = () => ({ settings: SAO_PAULO, corruptFileMovedTo: null, resetFields: [] });

function message(id: number, status: MessageStatusCode, extra: Partial<Message> = {}): Message {
  return {
    id,
    sendTo: `+5511999${String(id).padStart(5, '0')}`,
    body: `Pedido ${id} saiu para entrega`,
    customerId: null,
    status,
    statusTitle: 'whatever the gateway says',
    deviceId: 7,
    sim: 0,
    urgent: false,
    created: { iso: '2026-05-01T13:00:00.000Z', zone: 'Europe/Paris' },
    sentAt: null,
    sendAt: null,
    newsletter: null,
    ...extra,
  };
}

const mirror = (extra: Partial<MirrorStatus> = {}): MirrorStatus => ({
  reachFromMs: Date.parse('2026-04-01T03:00:00Z'),
  oldestCoveredMs: Date.parse('2026-04-01T03:00:00Z'),
  lastSyncAt: Date.now() - 120_000,
  lastError: null,
  messages: 12_345,
  syncing: false,
  jobId: null,
  defaultDays: 30,
  lastRefreshAt: null,
  ...extra,
});

const page = (rows: Message[], total = rows.length): MessagePage => ({ rows, total, nextCursor: null });

describe('Messages screen', () => {
  it('says a sync that finished after the screen\'s clock last ticked was "now", never "in 1 second"', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings,
      'messages:status': () => mirror({ lastSyncAt: Date.now() + 1_000 }),
      'messages:list': () => page([message(1, 7)]),
    });
    await renderApp({ bridge, path: '/messages' });
    const bar = await screen.findByTestId('mirror');
    await waitFor(() => expect(bar.textContent).toContain('Last synced now'));
    expect(bar.textContent).not.toMatch(/in \d+ seconds?/);
  });

  it('before the first sync, asks how far back to reach and starts the sync with that local date', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings,
      'messages:status': () => mirror({ reachFromMs: null, oldestCoveredMs: null, lastSyncAt: null, messages: 0 }),
      'messages:list': () => page([]),
      'messages:sync': () => mirror({ syncing: true, jobId: 4, messages: 0 }),
    });
    const { user } = await renderApp({ bridge, path: '/messages' });
    const first = await screen.findByTestId('first-sync');
    expect(within(first).getByRole('radio', { name: 'The last 30 days' })).toHaveProperty('checked', true);
    expect(screen.getByText('No messages on this computer yet. Sync to bring in your history.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();

    await user.click(within(first).getByRole('radio', { name: 'The last 90 days' }));
    await user.click(within(first).getByRole('button', { name: 'Start the sync' }));
    await waitFor(() => expect(bridge.callsTo('messages:sync')).toHaveLength(1));
    const { since } = bridge.callsTo('messages:sync')[0] as { since: string };
    // 90 days before today in São Paulo (the Settings zone), as a local date.
    const expected = new Date(Date.now() - 3 * 3_600_000 - 90 * 86_400_000).toISOString().slice(0, 10);
    expect(since).toBe(expected);
    // The answer says a sync runs: the question goes away and the button says so.
    await waitFor(() => expect(screen.queryByTestId('first-sync')).toBeNull());
    expect(screen.getByRole('button', { name: 'Syncing…' })).toHaveProperty('disabled', true);
  });

  it('reads its filters from the URL into one filter for main, in the user’s zone, and shows the rows', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings,
      'messages:status': () => mirror(),
      'messages:list': () => page([message(1, 8), message(2, 10, { sim: 2 })], 2),
    });
    await renderApp({ bridge, path: '/messages?status=failed&from=2026-05-01&to=2026-05-02&q=pedido&device=7&sim=0&customer=42' });
    await screen.findByText('2 shown of 2');
    const input = bridge.callsTo('messages:list')[0] as { filter: Record<string, unknown>; sort: unknown };
    expect(input.filter).toEqual({
      groups: ['failed'],
      // Local midnights in São Paulo (UTC−3); "until the 2nd, included" ends at the 3rd's midnight.
      from: '2026-05-01T03:00:00Z',
      to: '2026-05-03T03:00:00Z',
      text: 'pedido',
      deviceIds: [7],
      sims: [0],
      customerId: 42,
    });
    expect(input.sort).toEqual({ column: 'created', direction: 'desc' });
    const table = screen.getByRole('table', { name: /Messages/ });
    expect(within(table).getByText('Not delivered')).toBeTruthy();
    expect(within(table).getByText('Not sent: no signal')).toBeTruthy();
    expect(within(table).getByText('WhatsApp Business')).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Failed' }).checked).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('Text in the message').value).toBe('pedido');
    expect(screen.getByTestId('mirror').textContent).toMatch(
      /Last synced 2 minutes ago · reaches back to Apr 1, 2026 · 12,345 messages on this computer/,
    );
  });

  it('says "more than" when a search over a large mirror stopped counting', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings,
      'messages:status': () => mirror(),
      'messages:list': () => ({ ...page([message(1, 7), message(2, 7)], 1_000), totalAtLeast: true }),
    });
    await renderApp({ bridge, path: '/messages?q=pedido' });
    await screen.findByText('2 shown of more than 1,000');
  });

  it('says "mais de" in Portuguese', async () => {
    const bridge = new FakeBridge({
      'settings:get': () => ({ ...settings(), settings: { ...SAO_PAULO, language: 'pt-BR' as const } }),
      'messages:status': () => mirror(),
      'messages:list': () => ({ ...page([message(1, 7), message(2, 7)], 1_000), totalAtLeast: true }),
    });
    await renderApp({ bridge, path: '/messages?q=pedido', language: 'pt-BR' });
    await screen.findByText('2 exibidas de mais de 1.000');
  });

  it('picks statuses by name under their groups, writing their codes to the URL, and reads codes and groups from it', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings,
      'messages:status': () => mirror(),
      'messages:list': () => page([message(1, 8)], 1),
    });
    const { user, router } = await renderApp({ bridge, path: '/messages?status=8&status=waiting' });
    await screen.findByText('1 shown of 1');
    // A code and a group from a link both reach main (?status=8 is not dropped).
    expect(bridge.callsTo('messages:list').at(-1)).toMatchObject({ filter: { statuses: [8], groups: ['waiting'] } });
    const picker = screen.getByTestId('status-by-name');
    expect(picker.hasAttribute('open')).toBe(true);
    expect(within(picker).getByText('Status by name (1 chosen)')).toBeTruthy();
    const failed = within(picker).getByRole('group', { name: 'Failed' });
    expect(within(failed).getByRole<HTMLInputElement>('checkbox', { name: 'Not delivered (8)' }).checked).toBe(true);
    expect(screen.getByRole('checkbox', { name: 'Waiting' })).toHaveProperty('checked', true);
    // Each status sits under its own group, worded from the catalogue.
    expect(within(within(picker).getByRole('group', { name: 'Delivered' })).getAllByRole('checkbox')).toHaveLength(1);

    await user.click(within(failed).getByRole('checkbox', { name: 'Not sent: sending blocked on the phone (101)' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=8&status=waiting&status=101'));
    await waitFor(() =>
      expect(bridge.callsTo('messages:list').at(-1)).toMatchObject({ filter: { statuses: [8, 101], groups: ['waiting'] } }),
    );
    await user.click(within(failed).getByRole('checkbox', { name: 'Not delivered (8)' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=waiting&status=101'));

    // A code the catalogue does not know is dropped, not a broken screen.
    await renderApp({ bridge, path: '/messages?status=77' });
    await waitFor(() => expect(bridge.callsTo('messages:list').at(-1)).toMatchObject({ filter: {} }));
    expect(JSON.stringify(bridge.callsTo('messages:list').at(-1))).not.toContain('77');
  });

  it('writes a change to the URL, asks main again, and sorts through main', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings,
      'messages:status': () => mirror(),
      'messages:list': () => page([message(1, 7)], 1),
    });
    const { user, router } = await renderApp({ bridge, path: '/messages' });
    await screen.findByText('1 shown of 1');
    await user.click(screen.getByRole('checkbox', { name: 'Delivered' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=delivered'));
    await user.type(screen.getByLabelText('Recipient number'), '11 999');
    await waitFor(() => expect(router.state.location.search).toBe('?status=delivered&phone=11+999'));
    await waitFor(() =>
      expect(bridge.callsTo('messages:list').at(-1)).toMatchObject({ filter: { groups: ['delivered'], phone: '11 999' } }),
    );

    await user.click(screen.getByRole('button', { name: /^Customer/ }));
    await waitFor(() => expect(bridge.callsTo('messages:list').at(-1)).toMatchObject({ sort: { column: 'sendTo', direction: 'asc' } }));
    expect(router.state.location.search).toContain('sort=sendTo');
    expect(screen.getByRole('columnheader', { name: /^Customer/ }).getAttribute('aria-sort')).toBe('ascending');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=sendTo&dir=asc'));
    expect(screen.getByLabelText<HTMLInputElement>('Recipient number').value).toBe('');
  });

  it('picks a newsletter and a campaign by name: the campaign becomes its customerid range', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings,
      'messages:status': () => mirror(),
      'messages:list': () => page([message(1, 7)], 1),
      'newsletters:list': () => [{ id: 1, paketId: 4411, title: 'Promoção de maio' } as never],
      'campaigns:list': () => [{ id: 3, title: 'Pedidos saindo', customerIds: { first: 1_000_000_100, last: 1_000_000_119 } } as never],
    });
    const { user, router } = await renderApp({ bridge, path: '/messages' });
    await screen.findByText('1 shown of 1');
    await user.selectOptions(screen.getByLabelText('Campaign'), 'Pedidos saindo');
    await waitFor(() => expect(router.state.location.search).toBe('?customers=1000000100-1000000119'));
    await waitFor(() =>
      expect(bridge.callsTo('messages:list').at(-1)).toMatchObject({ filter: { customerIdRange: [1_000_000_100, 1_000_000_119] } }),
    );
    await user.selectOptions(screen.getByLabelText('Newsletter'), 'Promoção de maio');
    await waitFor(() => expect(bridge.callsTo('messages:list').at(-1)).toMatchObject({ filter: { newsletterId: 4411 } }));
  });

  it('says so when nothing matches, and when the date range is reversed', async () => {
    const bridge = new FakeBridge({ 'settings:get': settings, 'messages:status': () => mirror(), 'messages:list': () => page([], 0) });
    await renderApp({ bridge, path: '/messages?from=2026-05-03&to=2026-05-01' });
    expect(await screen.findByText('No message matches these filters.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('The start of the date range must not be after its end.');
    expect(screen.getByRole('button', { name: 'Export CSV' })).toHaveProperty('disabled', true);
  });

  it('opens a row’s details: times in both zones, what the failure means and what to do, in pt-BR', async () => {
    const created: TimeView = {
      iso: '2026-05-01T13:00:00.000Z',
      local: '2026-05-01T10:00:00-03:00',
      gateway: '2026-05-01T15:00:00+02:00',
      gatewayZone: 'Europe/Paris',
      differs: true,
    };
    const detail: MessageDetail = {
      message: message(1, 10, { sim: 3, body: 'https://smsgateway24.com/uploads/img/abc.jpg' }),
      group: 'failed',
      statusKey: 'failedNoService',
      final: true,
      failureCode: 10,
      timeZone: 'America/Sao_Paulo',
      times: { created, sent: null, scheduled: null },
      newsletter: null,
      campaign: { id: 3, title: 'Promoção de maio' },
      imageUrl: 'https://smsgateway24.com/uploads/img/abc.jpg',
    };
    const bridge = new FakeBridge({
      'settings:get': () => ({ settings: { ...SAO_PAULO, language: 'pt-BR' }, corruptFileMovedTo: null, resetFields: [] }),
      'messages:status': () => mirror(),
      'messages:list': () => page([message(1, 10)], 1),
      'messages:get': () => detail,
      'messages:openImage': () => ({ opened: true }),
    });
    const { user, router } = await renderApp({ bridge, path: '/messages', language: 'pt-BR' });
    await user.click(await screen.findByText('Pedido 1 saiu para entrega'));
    const box = await screen.findByTestId('message-detail');
    await within(box).findByText('Não enviada: sem sinal');
    expect(router.state.location.search).toBe('?msg=1');
    expect(box.textContent).toContain('O celular estava sem sinal da operadora quando tentou enviar.');
    expect(box.textContent).toContain('Leve o celular para um lugar com sinal');
    // 10:00 in São Paulo, 15:00 at the gateway in Paris.
    expect(box.textContent).toMatch(
      /01\/05\/2026,? 10:00:00 seu horário \(America\/Sao_Paulo\) · 01\/05\/2026,? 15:00:00 gateway \(Europe\/Paris\)/,
    );
    expect(box.textContent).toContain('Promoção de maio');
    expect(box.textContent).toContain('ainda não');
    await user.click(within(box).getByRole('button', { name: 'Abrir a imagem no navegador' }));
    await waitFor(() => expect(bridge.callsTo('messages:openImage')).toEqual([{ id: 1 }]));

    await user.click(screen.getByRole('button', { name: 'Fechar' }));
    await waitFor(() => expect(screen.queryByTestId('message-detail')).toBeNull());
    expect(router.state.location.search).toBe('');
  });

  it('exports what is shown and says where it went, or that nothing was saved', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings,
      'messages:status': () => mirror(),
      'messages:list': () => page([message(1, 7)], 1),
      'messages:export': () => ({ saved: true, name: 'entregues.csv', rows: 1 }),
    });
    const { user } = await renderApp({ bridge, path: '/messages?status=delivered' });
    await screen.findByText('1 shown of 1');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect((await screen.findByRole('status')).textContent).toBe('1 message saved to entregues.csv');
    expect(bridge.callsTo('messages:export')[0]).toEqual({
      filter: { groups: ['delivered'] },
      sort: { column: 'created', direction: 'desc' },
    });

    bridge.answer('messages:export', () => ({ saved: false, name: null, rows: 0 }));
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Export cancelled: nothing was saved.'));
  });

  it('reads the list again when main pushes a status change or a finished sync', async () => {
    let answer = page([message(1, 6)], 1);
    const bridge = new FakeBridge({ 'settings:get': settings, 'messages:status': () => mirror(), 'messages:list': () => answer });
    await renderApp({ bridge, path: '/messages' });
    await screen.findByText('Sent', { selector: 'td span' });
    answer = page([message(1, 7)], 1);
    act(() =>
      bridge.emit('messages:changed', {
        changes: [{ id: 1, from: 6, to: 7 }],
        more: 0,
        added: 0,
        today: {
          waiting: 0,
          sent: 0,
          delivered: 1,
          failed: 0,
          incoming: 0,
          total: 1,
          fromMs: 0,
          toMs: 1,
          timeZone: 'UTC',
          phones: [],
          lastSyncAt: null,
        },
      }),
    );
    expect(await screen.findByText('Delivered', { selector: 'td span' })).toBeTruthy();
    act(() => bridge.emit('messages:synced', mirror({ messages: 99_999 })));
    await waitFor(() => expect(screen.getByTestId('mirror').textContent).toContain('99,999 messages on this computer'));
  });
});

describe('Report', () => {
  const edges = [0, 1, 2, 3].map((d) => Date.parse('2026-05-01T03:00:00Z') + d * 86_400_000);
  const report: ReportView = {
    edges,
    timeZone: 'America/Sao_Paulo',
    lines: [
      {
        key: 'phone:7',
        deviceId: 7,
        channel: null,
        delivered: [10, 20, 30],
        failed: [1, 0, 3],
        waiting: [0, 0, 2],
        sent: [0, 1, 0],
        incoming: [0, 0, 0],
      },
      {
        key: 'phone:8',
        deviceId: 8,
        channel: null,
        delivered: [5, 0, 5],
        failed: [5, 0, 0],
        waiting: [0, 0, 0],
        sent: [0, 0, 0],
        incoming: [1, 0, 0],
      },
    ],
    totals: { delivered: 70, failed: 9, waiting: 2, sent: 1, incoming: 1 },
    deliveryRate: 70 / 79,
    medianCreatedToSentMs: 95_000,
    medianSentToDeliveredMs: 42_000,
    deliverySeenCount: 12,
  };

  it('shows the delivery rate, the median time to send, and one chart per phone or all together', async () => {
    plots.made.length = 0;
    let answer = report;
    const bridge = new FakeBridge({ 'settings:get': settings, 'messages:status': () => mirror(), 'messages:report': () => answer });
    const { user } = await renderApp({ bridge, path: '/messages?view=report&rfrom=2026-05-01&rto=2026-05-03' });
    const figures = await screen.findByTestId('report-figures');
    expect(figures.textContent).toContain('88.6%');
    expect(figures.textContent).toContain('2 min');
    expect(figures.textContent).toContain('83');
    // Time to deliver, from the deliveries the app saw live, said to be as precise as the poll (30 s here).
    expect(screen.getByTestId('report-deliver').textContent).toBe(
      'Median time to deliver42 sFrom sent to delivered, over 12 deliveries this app saw happen; measured to within the poll interval (30 s).',
    );
    expect(bridge.callsTo('messages:report')[0]).toEqual({
      from: '2026-05-01T03:00:00Z',
      to: '2026-05-04T03:00:00Z',
      bucket: 'day',
      by: 'phone',
    });
    // All together: one chart that adds the phones up.
    expect(screen.getAllByRole('img', { name: /one bar per day/ }).map((img) => img.getAttribute('aria-label'))).toEqual([
      'All phones and channels: 70 delivered, 9 failed, 2 waiting, one bar per day',
    ]);
    // The chart gets the phones added up and stacked: delivered, then + failed, then + waiting.
    expect(livePlots()).toHaveLength(1);
    const all = livePlots()[0]!;
    expect(all.data).toEqual([
      [0, 1, 2],
      [15, 20, 35],
      [21, 20, 38],
      [21, 20, 40],
    ]);
    // The legend names the layers and says each one's own count for the bucket under the cursor, the totals otherwise.
    const legend = (idx: number | null) => all.opts.series.map((s, si) => s.value?.(all, null, si, idx));
    expect(all.opts.series.map((s) => s.label)).toEqual(['', 'Delivered', 'Failed', 'Waiting']);
    expect(legend(2)).toEqual(['Sun, May 3, 2026', '35', '3', '2']);
    expect(legend(null)).toEqual([expect.stringMatching(/^May 1\s–\s3, 2026$/), '70', '9', '2']);
    expect(all.opts.axes[1]!.values!(all, [0, 1500])).toEqual(['0', '1,500']);
    expect(all.opts.axes[0]!.values!(all, [0, 2])).toEqual(['May 1', 'May 3']);

    // New figures (a sync landed) reach the same chart: no new one is made.
    answer = { ...report, lines: [{ ...report.lines[0]!, delivered: [10, 20, 31] }, report.lines[1]!] };
    act(() => bridge.emit('messages:synced', mirror()));
    await waitFor(() =>
      expect(all.data).toEqual([
        [0, 1, 2],
        [15, 20, 36],
        [21, 20, 39],
        [21, 20, 41],
      ]),
    );
    expect(plots.made).toHaveLength(1);
    answer = report;

    await user.click(screen.getByRole('radio', { name: 'Phone' }));
    await waitFor(() => expect(screen.getAllByRole('img', { name: /one bar per day/ })).toHaveLength(2));
    expect(screen.getByRole('img', { name: 'Phone 7: 61 delivered, 4 failed, 2 waiting, one bar per day' })).toBeTruthy();
    // One chart per phone; the one that added them up is gone.
    expect(all.destroyed).toBe(true);
    expect(livePlots().map((p) => p.data[1])).toEqual([
      [10, 20, 31],
      [5, 0, 5],
    ]);
    const table = screen.getByRole('table', { name: 'Figures per group' });
    expect(within(table).getByRole('row', { name: /Phone 8/ }).textContent).toContain('66.7%');
  });

  it('asks for hours over a range of up to two days, by channel', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings,
      'messages:status': () => mirror(),
      'messages:report': () => ({
        ...report,
        lines: [],
        totals: { delivered: 0, failed: 0, waiting: 0, sent: 0, incoming: 0 },
        deliveryRate: null,
        medianCreatedToSentMs: null,
        medianSentToDeliveredMs: null,
        deliverySeenCount: 0,
      }),
    });
    await renderApp({ bridge, path: '/messages?view=report&rfrom=2026-05-02&rto=2026-05-01&by=channel' });
    expect(await screen.findByText(/No messages in this range/)).toBeTruthy();
    expect(bridge.callsTo('messages:report')[0]).toMatchObject({
      bucket: 'hour',
      by: 'channel',
      from: '2026-05-01T03:00:00Z',
      to: '2026-05-03T03:00:00Z',
    });
    expect(screen.getByTestId('report-figures').textContent).toContain('—');
    expect(screen.getByTestId('report-deliver').textContent).toContain('No delivery was seen live in this range');
  });
});
