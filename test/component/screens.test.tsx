import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { MonitorSnapshot } from '../../shared/ipc';
import { FakeBridge, pending, refuse, settingsIn, signedOut } from './fake-bridge';
import { renderApp } from './render-app';
import { phone as fakePhone, snapshot } from './phones';

const phone = (id: number, title: string, online: boolean) =>
  fakePhone(id, title, { online, slots: 0, queue: { waiting: 2, taken: 0 }, device: { sendDelaySeconds: null } });
const three = [phone(1, 'Front desk', true), phone(2, 'Warehouse', true), phone(3, 'Drawer', false)];

describe('Devices screen states', () => {
  it('says it is loading while main has not answered', async () => {
    await renderApp({ bridge: new FakeBridge({ 'devices:snapshot': () => pending() }), path: '/devices' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Devices' })).toBeTruthy();
    expect(screen.getByText('Loading…')).toBeTruthy();
  });

  it('shows a failed read in the catalogue’s words, not main’s English', async () => {
    const bridge = new FakeBridge({
      'settings:get': settingsIn('pt-BR'),
      'devices:snapshot': () => refuse('network', 'ECONNREFUSED 1.2.3.4:443'),
    });
    await renderApp({ bridge, path: '/devices', language: 'pt-BR' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Não foi possível falar com o gateway. Verifique a conexão com a internet.');
    expect(screen.queryByText('Carregando…')).toBeNull();
  });

  it('explains an account without phones', async () => {
    await renderApp({ bridge: new FakeBridge({ 'devices:snapshot': () => snapshot([]) }), path: '/devices' });
    expect((await screen.findByTestId('empty-state')).textContent).toMatch(/No phones are linked to this account yet/);
  });

  it('lists the phones, filters them from the URL, and writes the filter back to the URL', async () => {
    const { router, user } = await renderApp({
      bridge: new FakeBridge({ 'devices:snapshot': () => snapshot(three) }),
      path: '/devices?show=offline',
    });
    await screen.findByTestId('device-3');
    expect(screen.queryByTestId('device-1')).toBeNull();
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Offline' }).checked).toBe(true);

    await user.click(screen.getByRole('radio', { name: 'Online' }));
    await screen.findByTestId('device-1');
    expect(screen.queryByTestId('device-3')).toBeNull();
    expect(router.state.location.search).toBe('?show=online');

    await user.click(screen.getByRole('radio', { name: 'All' }));
    expect(screen.getAllByRole('listitem').filter((li) => li.dataset['testid']?.startsWith('device-'))).toHaveLength(3);
    expect(router.state.location.search).toBe(''); // the default leaves the URL
  });

  it('ignores a filter value it does not know (a stale or hand-edited URL) and shows every phone', async () => {
    await renderApp({ bridge: new FakeBridge({ 'devices:snapshot': () => snapshot(three) }), path: '/devices?show=sideways' });
    await screen.findByTestId('device-3');
    expect(screen.getByTestId('device-1')).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'All' }).checked).toBe(true);
  });
});

describe('LiveEvents: pushed events reach the cache whichever screen is open', () => {
  it('a snapshot pushed while Devices was closed is what Devices shows, without asking main again', async () => {
    const bridge = new FakeBridge({ 'devices:snapshot': () => snapshot([phone(1, 'Front desk', true)]) });
    const { user } = await renderApp({ bridge, path: '/home' });
    await screen.findByRole('heading', { level: 1, name: 'Welcome to Relay Desk' });
    // Home reads the snapshot once for its phones card; Devices must not ask again after the push.
    await waitFor(() => expect(screen.getByTestId('home-phones').textContent).toContain('1 online'));
    const asked = bridge.callsTo('devices:snapshot').length;
    act(() => bridge.emit('devices:changed', snapshot([phone(1, 'Front desk', false)])));

    await user.click(screen.getByRole('link', { name: 'Devices' }));
    const card = await screen.findByTestId('device-1');
    expect(card.dataset['online']).toBe('false');
    expect(bridge.callsTo('devices:snapshot')).toHaveLength(asked);
  });

  it('a transition shows the banner on any screen until dismissed', async () => {
    const bridge = new FakeBridge();
    const { user } = await renderApp({ bridge, path: '/settings' });
    await screen.findByRole('heading', { level: 1, name: 'Settings' });
    act(() => bridge.emit('devices:transition', { at: '2026-05-01T10:00:00Z', deviceId: 3, title: 'Drawer', online: false }));
    const banner = await screen.findByTestId('device-banner');
    expect(banner.textContent).toContain('Drawer went offline');
    await user.click(within(banner).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByTestId('device-banner')).toBeNull());
  });

  it('a session that ends in main brings the sign-in screen, and signing in again lands on the same screen', async () => {
    const bridge = new FakeBridge({ 'devices:snapshot': () => snapshot(three) });
    const { router } = await renderApp({ bridge, path: '/devices?show=offline' });
    await screen.findByTestId('device-3');
    act(() => bridge.emit('session:changed', { ...signedOut, endedBecause: 'expired' }));
    expect((await screen.findByTestId('session-ended')).textContent).toBe('Your session expired. Please sign in again.');
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(router.state.location.pathname + router.state.location.search).toBe('/devices?show=offline');

    act(() => bridge.emit('session:changed', { ...signedOut, signedIn: true, email: 'ana@padaria.com.br' }));
    expect(await screen.findByTestId('device-3')).toBeTruthy();
    expect(screen.queryByTestId('device-1')).toBeNull();
  });
});

describe('error boundary per screen', () => {
  it('a screen that cannot render shows what happened and a way back; the navigation stays', async () => {
    // A malformed snapshot (no device list) makes the Devices screen throw while rendering.
    const bridge = new FakeBridge({ 'devices:snapshot': () => ({ ...snapshot([]), devices: null }) as unknown as MonitorSnapshot });
    const { user, router } = await renderApp({ bridge, path: '/devices' });
    const box = await screen.findByTestId('route-error');
    expect(within(box).getByRole('heading', { level: 1 }).textContent).toBe('This screen ran into a problem');
    expect(screen.getByRole('navigation')).toBeTruthy();

    await user.click(within(box).getByRole('link', { name: 'Back to Home' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Relay Desk' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/home');
  });

  it('an address with no screen says so instead of a blank window', async () => {
    await renderApp({ path: '/nowhere' });
    expect((await screen.findByTestId('route-error')).textContent).toContain('There is no screen at this address.');
  });
});
