import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { Message, MessageStatusCode } from '../../shared/domain';
import type { MessagePage, MirrorStatus } from '../../shared/ipc';
import { FakeBridge, settingsIn } from './fake-bridge';
import { renderApp } from './render-app';

// The Messages table read at a glance: the customer's name beside the number in the format people write it,
// the message on up to two lines with all of it on hover, and the columns people choose (the customer id
// hidden until asked for, the choice remembered). The same rows whatever the window's size; the e2e test
// looks at them at 1024×640 and at 200 % zoom.

const savedHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 }));
afterAll(() => {
  if (savedHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', savedHeight);
});
beforeEach(() => localStorage.clear());

const LONG = 'Olá Ana! Seu pedido #1042 saiu para entrega e chega hoje entre 14h e 18h. Qualquer dúvida, responda esta mensagem.';
const message = (id: number, sendTo: string, body: string, status: MessageStatusCode = 7): Message => ({
  id,
  sendTo,
  body,
  customerId: 9000 + id,
  status,
  statusTitle: 'x',
  deviceId: 7,
  sim: 0,
  urgent: false,
  created: { iso: '2026-05-01T13:00:00.000Z', zone: 'Europe/Paris' },
  sentAt: null,
  sendAt: null,
  newsletter: null,
});
const mirror: MirrorStatus = {
  reachFromMs: 0,
  oldestCoveredMs: 0,
  lastSyncAt: Date.now(),
  lastError: null,
  messages: 2,
  syncing: false,
  jobId: null,
  defaultDays: 30,
  lastRefreshAt: null,
};
const list = (): MessagePage => ({
  rows: [message(1, '+5511987650001', LONG), message(2, '+447700900123', 'Your order shipped')],
  total: 2,
  nextCursor: null,
  names: { '+5511987650001': 'Ana Souza' },
});

function bridge(language: 'en' | 'pt-BR' = 'en') {
  return new FakeBridge({
    'settings:get': () => ({ ...settingsIn(language)(), settings: { ...settingsIn(language)().settings, timeZone: 'America/Sao_Paulo' } }),
    'messages:status': () => mirror,
    'messages:list': list,
  });
}

const headers = () => screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼↕]/g, '').trim());

describe('the Messages table', () => {
  it('shows the contact name beside the number in national format, the whole message on hover, and no customer id by default', async () => {
    await renderApp({ bridge: bridge(), path: '/messages' });
    await screen.findByText('Ana Souza');
    const rows = screen.getAllByRole('row');
    expect(headers()).toEqual(['Created', 'Customer', 'Message', 'Status', 'Phone', 'Channel']);
    const ana = rows.find((r) => r.textContent?.includes('Ana Souza'))!;
    const cells = within(ana).getAllByRole('cell');
    expect(cells[1]!.textContent).toBe('Ana Souza (11) 98765-0001');
    expect(cells[1]!.getAttribute('title')).toBe('Ana Souza · (11) 98765-0001');
    expect(cells[2]!.getAttribute('title')).toBe(LONG);
    expect(cells[2]!.className).toMatch(/twoLines/);
    const other = rows.find((r) => r.textContent?.includes('Your order shipped'))!;
    expect(within(other).getAllByRole('cell')[1]!.textContent).toBe('+44 7700 900123');
  });

  it('lets people choose the columns, and remembers the choice', async () => {
    const { user, unmount } = await renderApp({ bridge: bridge(), path: '/messages' });
    await screen.findAllByRole('row');
    await user.click(screen.getByText('Columns'));
    await user.click(screen.getByRole('checkbox', { name: 'Customer id' }));
    await user.click(screen.getByRole('checkbox', { name: 'Channel' }));
    await waitFor(() => expect(headers()).toEqual(['Created', 'Customer', 'Message', 'Status', 'Phone', 'Customer id']));
    unmount();
    await renderApp({ bridge: bridge('pt-BR'), path: '/messages', language: 'pt-BR' });
    await screen.findAllByRole('row');
    await waitFor(() => expect(headers()).toEqual(['Criada', 'Cliente', 'Mensagem', 'Situação', 'Celular', 'Id do cliente']));
  });
});
