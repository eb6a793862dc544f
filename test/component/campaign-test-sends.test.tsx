import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { Message } from '../../shared/domain';
import type { MessageDetail, MessagePage } from '../../shared/ipc';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render-app';

// "Test sent to … It shows as a test in Messages": the history's list and details mark a test send.

// jsdom lays nothing out: give the list's scroller a height so the virtual table renders its rows.
const savedHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 }));
afterAll(() => {
  if (savedHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', savedHeight);
});

const message = (id: number, body: string, customerId: number | null): Message => ({
  id,
  sendTo: `+5511999${String(id).padStart(5, '0')}`,
  body,
  customerId,
  status: 7,
  statusTitle: 'delivered',
  deviceId: 7,
  sim: 0,
  urgent: false,
  created: { iso: '2026-05-01T13:00:00.000Z', zone: 'UTC' },
  sentAt: null,
  sendAt: null,
  newsletter: null,
});

const status = () => ({
  reachFromMs: 0,
  oldestCoveredMs: 0,
  lastSyncAt: Date.now() - 60_000,
  lastError: null,
  messages: 2,
  syncing: false,
  jobId: null,
  defaultDays: 30,
  lastRefreshAt: null,
});

describe('test sends in Messages', () => {
  it('marks the test send in the list and in its details, and only that one', async () => {
    const test = message(1, 'Olá! Tudo com 20% off', 9001);
    const other = message(2, 'Pedido 2 saiu para entrega', 9002);
    const page: MessagePage = { rows: [test, other], total: 2, nextCursor: null, testIds: [1] };
    const detail = (id: number): MessageDetail => ({
      message: id === 1 ? test : other,
      group: 'delivered',
      statusKey: 'delivered',
      final: true,
      failureCode: null,
      timeZone: 'UTC',
      times: {
        created: { iso: test.created.iso, local: test.created.iso, gateway: test.created.iso, gatewayZone: 'UTC', differs: false },
        sent: null,
        scheduled: null,
      },
      newsletter: null,
      campaign: null,
      imageUrl: null,
      ...(id === 1 ? { test: true as const } : {}),
    });
    const bridge = new FakeBridge({ 'messages:status': status, 'messages:list': () => page, 'messages:get': ({ id }) => detail(id) });
    const { user } = await renderApp({ bridge, path: '/messages' });
    const testRow = (await screen.findByText('Olá! Tudo com 20% off')).closest('tr')!;
    expect(within(testRow).getByTestId('test-send').textContent).toBe('Test');
    const otherRow = screen.getByText('Pedido 2 saiu para entrega').closest('tr')!;
    expect(within(otherRow).queryByTestId('test-send')).toBeNull();

    await user.click(screen.getByText('Olá! Tudo com 20% off'));
    const box = await screen.findByTestId('message-detail');
    expect((await within(box).findByTestId('test-send')).textContent).toBe('Sent as a test');
  });
});
