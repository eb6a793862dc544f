import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { DeviceView } from '../../shared/ipc';
import { DEFAULT_SETTINGS, mergeSettings } from '../../shared/settings';
import { FakeBridge, refuse, settingsIn, signedIn } from './fake-bridge';
import { renderApp } from './render-app';
import { phone as fakePhone, snapshot } from './phones';
import { job } from './job-view';

// The app's frame and the small details that decide whether a shop owner trusts it: the sidebar's names,
// signing out with work unfinished, the storage question's safer answer, an inactive subscription,
// and Settings' country and time-zone lists with the server address under "Advanced".

const phone = (id: number, title: string, device: Partial<DeviceView['device']> = {}, waiting = 0) =>
  fakePhone(id, title, { slots: 0, queue: { waiting, taken: 0 }, device: { sendDelaySeconds: null, ...device } });

describe('sidebar', () => {
  it('names every screen’s link by its words (the icon is decoration), the opt-out list among them', async () => {
    await renderApp({ path: '/home' });
    const nav = await screen.findByRole('navigation', { name: 'Sections' });
    const names = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(names).toEqual(['Home', 'Inbox', 'Devices', 'Contacts', 'Newsletters', 'Campaigns', 'Messages', 'Send', 'Opt-outs', 'Settings']);
    for (const icon of nav.querySelectorAll('svg')) expect(icon.getAttribute('aria-hidden')).toBe('true');
    expect(within(nav).getByRole('link', { name: 'Opt-outs' }).getAttribute('href')).toBe('/optOuts');
  });
});

describe('signing out', () => {
  it('signs out at once when nothing is unfinished', async () => {
    const bridge = new FakeBridge({
      'jobs:list': () => [job(1, { kind: 'messages.sync', writes: false }), job(2, { state: 'done' })],
      'session:signOut': () => ({ ...signedIn, signedIn: false }),
    });
    const { user } = await renderApp({ bridge, path: '/home' });
    await waitFor(() => expect(bridge.callsTo('jobs:list')).toHaveLength(1));
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(bridge.callsTo('session:signOut')).toHaveLength(1));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('with a campaign sending and an import paused, says what happens to them and asks', async () => {
    const bridge = new FakeBridge({
      'jobs:list': () => [
        job(4, { kind: 'campaigns.send', title: 'Promo de maio', total: 1200, done: 300 }),
        job(5, { state: 'paused', total: 0, done: 0 }),
      ],
      'session:signOut': () => ({ ...signedIn, signedIn: false }),
    });
    const { user } = await renderApp({ bridge, path: '/home' });
    await waitFor(() => expect(bridge.callsTo('jobs:list')).toHaveLength(1));
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out with work unfinished?' });
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Campaign “Promo de maio” — still running, 300 of 1,200 done', 'Import contacts — paused']);
    expect(dialog.textContent).toContain('It carries on when you sign in again to this account');
    expect(dialog.textContent).toContain('already handed to the gateway are still sent');

    await user.click(within(dialog).getByRole('button', { name: 'Stay signed in' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('session:signOut')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(bridge.callsTo('session:signOut')).toHaveLength(1));
  });

  it('asks in Portuguese for a Portuguese user', async () => {
    const bridge = new FakeBridge({ 'settings:get': settingsIn('pt-BR'), 'jobs:list': () => [job(5, { state: 'paused' })] });
    const { user } = await renderApp({ bridge, path: '/home', language: 'pt-BR' });
    await waitFor(() => expect(bridge.callsTo('jobs:list')).toHaveLength(1));
    await user.click(await screen.findByRole('button', { name: 'Sair' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sair com trabalho por terminar?' });
    expect(dialog.textContent).toContain('Importar contatos — pausado, 40 de 100 feitos');
    expect(within(dialog).getByRole('button', { name: 'Continuar conectado' })).toBeTruthy();
  });
});

describe('storage question', () => {
  it('makes "only for this session" the primary, focused answer', async () => {
    const bridge = new FakeBridge({
      'session:get': () => ({ ...signedIn, storageConsentNeeded: true }),
      'session:answerStorage': () => signedIn,
    });
    const { user } = await renderApp({ bridge, path: '/home' });
    const dialog = await screen.findByRole('dialog', { name: 'Keep you signed in?' });
    const safer = within(dialog).getByRole('button', { name: 'Only for this session' });
    expect(safer.className).toContain('primary');
    expect(within(dialog).getByRole('button', { name: 'Save it anyway' }).className).not.toContain('primary');
    expect(document.activeElement).toBe(safer);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(bridge.callsTo('session:answerStorage')).toEqual([{ storeUnencrypted: false }]));
  });
});

describe('Devices', () => {
  it('puts offline phones first, so the one that needs the owner is never below the fold', async () => {
    const offline = (view: DeviceView): DeviceView => ({ ...view, online: false });
    const bridge = new FakeBridge({
      'devices:snapshot': () =>
        snapshot([phone(1, 'Front desk'), offline(phone(2, 'Drawer')), phone(3, 'Warehouse'), offline(phone(4, 'Spare'))]),
    });
    await renderApp({ bridge, path: '/devices' });
    await screen.findByTestId('device-1');
    expect(
      screen
        .getAllByRole('heading', { level: 2 })
        .map((h) => h.textContent)
        .slice(0, 4),
    ).toEqual(['Drawer', 'Spare', 'Front desk', 'Warehouse']);
  });

  it('says why it matters, how many messages wait, and what to do', async () => {
    const bridge = new FakeBridge({
      'devices:snapshot': () => snapshot([phone(1, 'Front desk'), phone(2, 'Drawer', { subscription: false }, 4)]),
    });
    await renderApp({ bridge, path: '/devices' });
    const card = await screen.findByTestId('device-2');
    const inactive = within(card).getByTestId('subscription-inactive');
    expect(card.textContent).toContain('Subscriptioninactive');
    expect(inactive.textContent).toContain('Without an active SMSGateway24 subscription this phone may not get its messages');
    expect(inactive.textContent).toContain('4 messages are waiting for it.');
    expect(inactive.textContent).toContain('Renew it in your account on the SMSGateway24 site, then press “Refresh now”.');
    expect(within(screen.getByTestId('device-1')).queryByTestId('subscription-inactive')).toBeNull();
  });
});

describe('Settings lists', () => {
  const saving = () =>
    new FakeBridge({
      'settings:get': settingsIn('pt-BR'),
      'settings:update': (patch) => mergeSettings(DEFAULT_SETTINGS, patch),
    });

  it('offers countries by name in the app’s language, narrowed by a search, and saves the code', async () => {
    const bridge = saving();
    const { user } = await renderApp({ bridge, path: '/settings', language: 'pt-BR' });
    const country = await screen.findByLabelText<HTMLSelectElement>('País padrão dos números de telefone');
    expect(country.selectedOptions[0]?.textContent).toBe('Brasil (+55)');
    expect([...country.options].some((o) => o.value === 'XX')).toBe(false);
    await user.type(screen.getByRole('searchbox', { name: 'Buscar países' }), 'alem');
    expect([...country.options].map((o) => o.textContent)).toEqual(['Alemanha (+49)', 'Brasil (+55)']);
    await user.selectOptions(country, 'DE');
    await user.clear(screen.getByRole('searchbox', { name: 'Buscar países' }));
    await user.type(screen.getByRole('searchbox', { name: 'Buscar países' }), 'xyz');
    expect(screen.getByText('Nenhum país corresponde a “xyz”.')).toBeTruthy();
    expect(country.value).toBe('DE');
    await user.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(bridge.callsTo('settings:update')[0]).toMatchObject({ defaultCountry: 'DE' }));
  });

  it('lists time zones by region with their offsets, the chosen one first', async () => {
    const bridge = new FakeBridge({
      'settings:get': () => ({ settings: { ...DEFAULT_SETTINGS, timeZone: 'America/Manaus' }, corruptFileMovedTo: null, resetFields: [] }),
    });
    await renderApp({ bridge, path: '/settings' });
    const zone = await screen.findByLabelText<HTMLSelectElement>('Time zone for dates');
    expect(zone.options[0]?.textContent).toMatch(/^Same as this computer: .+ \(UTC/);
    const groups = [...zone.querySelectorAll('optgroup')].map((g) => g.label);
    expect(groups.slice(0, 3)).toEqual(['Current', 'Africa', 'Americas']);
    expect(zone.querySelector('optgroup')?.textContent).toBe('Manaus (UTC−04:00)');
    expect(zone.value).toBe('America/Manaus');
    const americas = [...zone.querySelectorAll('optgroup')][2]!;
    expect(americas.textContent).toContain('Sao Paulo (UTC−03:00)');
    expect(americas.textContent).not.toContain('Manaus');
  });

  it('keeps the server address under "Advanced", opened when it is what needs fixing', async () => {
    const bridge = new FakeBridge({ 'settings:update': () => refuse('validation', 'serverUrl: bad', { field: 'serverUrl' }) });
    const { user } = await renderApp({ bridge, path: '/settings' });
    const advanced = (await screen.findByText('Advanced')).closest('details') as HTMLDetailsElement;
    expect(advanced.open).toBe(false);
    expect(within(advanced).getByLabelText('Server address')).toBeTruthy();
    // The first field of the form is the language, no longer the server.
    expect(screen.getAllByRole('combobox')[0]).toBe(screen.getByLabelText('Language'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(advanced.open).toBe(true));
    expect(within(advanced).getByLabelText('Server address').getAttribute('aria-invalid')).toBe('true');
  });
});
