import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_SETTINGS, mergeSettings } from '../../shared/settings';
import { FakeBridge, Refusal, refuse, settingsIn, signedOut } from './fake-bridge';
import { renderApp } from './render-app';

// Forms check with the contract's own schemas (what the form lets through is what main accepts), say
// what is wrong in the user's language, and put main's field errors on the field.

describe('sign-in form', () => {
  const signedOutBridge = (extra: ConstructorParameters<typeof FakeBridge>[0] = {}) =>
    new FakeBridge({ 'session:get': () => signedOut, ...extra });

  it('says what is missing or malformed, field by field, and sends nothing', async () => {
    const bridge = signedOutBridge();
    const { user } = await renderApp({ bridge });
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Enter an email address, like name@example.com.')).toBeTruthy();
    expect(screen.getByText('Please fill this in.')).toBeTruthy(); // the password
    expect(bridge.callsTo('session:signIn')).toHaveLength(0);

    await user.type(email, '  ana@padaria.com.br ');
    await user.type(screen.getByLabelText('Password'), 'pão-de-queijo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(bridge.callsTo('session:signIn')).toHaveLength(1));
    expect(bridge.callsTo('session:signIn')[0]).toEqual({
      email: 'ana@padaria.com.br',
      password: 'pão-de-queijo',
      server: DEFAULT_SETTINGS.serverUrl,
    });
  });

  it('opens "Advanced" when the server address is the problem', async () => {
    const { user } = await renderApp({ bridge: signedOutBridge() });
    await user.type(await screen.findByLabelText('Email'), 'ana@padaria.com.br');
    await user.type(screen.getByLabelText('Password'), 'x');
    const server = screen.getByLabelText('Server address');
    await user.clear(server);
    await user.type(server, 'not a url');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    // The reason is the shared https-only rule's own (shared/server-url), as main would give it.
    await waitFor(() => expect(screen.getByLabelText('Server address').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/should start with https:\/\//)).toBeTruthy();
    expect((screen.getByText('Advanced').closest('details') as HTMLDetailsElement).open).toBe(true);
  });

  it('refuses a plain-http gateway with the reason, in the user’s language', async () => {
    const bridge = signedOutBridge({ 'settings:get': settingsIn('pt-BR') });
    const { user } = await renderApp({ bridge, language: 'pt-BR' });
    await user.type(await screen.findByLabelText('E-mail'), 'ana@padaria.com.br');
    await user.type(screen.getByLabelText('Senha'), 'x');
    const server = screen.getByLabelText('Endereço do servidor');
    await user.clear(server);
    await user.type(server, 'http://gateway.example.com/getdata/');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));
    expect(await screen.findByText(/senha e sua sessão poderiam ser lidas/)).toBeTruthy();
    expect(bridge.callsTo('session:signIn')).toHaveLength(0);
  });

  it('a slow sign-in can be cancelled: main is told, and no error is shown', async () => {
    let release: () => void = () => {};
    const bridge = signedOutBridge({
      'session:signIn': () =>
        new Promise((_, reject) => (release = () => reject(new Refusal({ code: 'not-signed-in', message: 'Sign-in was cancelled.' })))),
      'session:cancelSignIn': () => release(),
    });
    const { user } = await renderApp({ bridge });
    await user.type(await screen.findByLabelText('Email'), 'ana@padaria.com.br');
    await user.type(screen.getByLabelText('Password'), 'x');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull());
    expect(bridge.callsTo('session:cancelSignIn')).toHaveLength(1);
    expect(screen.queryByTestId('sign-in-error')).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in' }).disabled).toBe(false);
  });

  it('shows the gateway’s own words for a wrong password, and main’s field error on the field', async () => {
    const bridge = signedOutBridge({ 'session:signIn': () => refuse('wrong-credentials', 'Login or password incorrect') });
    const { user } = await renderApp({ bridge });
    await user.type(await screen.findByLabelText('Email'), 'ana@padaria.com.br');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('Login or password incorrect');

    bridge.answer('session:signIn', () => refuse('validation', 'email: Invalid email address', { field: 'email' }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('This value is not valid.')).toBeTruthy();
    expect(screen.queryByTestId('sign-in-error')).toBeNull();
  });

  it('words problems in Portuguese for a Portuguese user', async () => {
    const { user } = await renderApp({ bridge: signedOutBridge({ 'settings:get': settingsIn('pt-BR') }), language: 'pt-BR' });
    await user.click(await screen.findByRole('button', { name: 'Entrar' }));
    expect(await screen.findByText('Informe um e-mail, como nome@exemplo.com.br.')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
  });
});

describe('settings reset notice', () => {
  it('names the settings that fell back to their defaults, once', async () => {
    const bridge = new FakeBridge({
      'settings:get': () => ({
        settings: DEFAULT_SETTINGS,
        corruptFileMovedTo: '/data/config.corrupt-1.json',
        resetFields: ['timeZone', 'notifications.deviceOffline'],
      }),
    });
    await renderApp({ bridge });
    const notice = await screen.findByTestId('settings-reset');
    expect(notice.textContent).toContain('Time zone for dates, Desktop notifications');
    expect(notice.textContent).toContain('/data/config.corrupt-1.json');
  });
});

describe('settings form', () => {
  it('refuses what main would refuse, before sending', async () => {
    const bridge = new FakeBridge();
    const { user } = await renderApp({ bridge, path: '/settings' });
    const seconds = await screen.findByLabelText('Check phones every (seconds)');
    await user.clear(seconds);
    await user.type(seconds, '3');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter 5 or more.')).toBeTruthy();
    expect(bridge.callsTo('settings:update')).toHaveLength(0);
  });

  it('saves, confirms, and the whole screen follows a new language', async () => {
    const bridge = new FakeBridge({
      'settings:update': (patch) => mergeSettings(DEFAULT_SETTINGS, patch),
    });
    const { user } = await renderApp({ bridge, path: '/settings' });
    await user.selectOptions(await screen.findByLabelText('Language'), 'pt-BR');
    await user.selectOptions(screen.getByLabelText('Default country for phone numbers'), 'PT');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Configurações' })).toBeTruthy();
    expect(within(screen.getByRole('navigation')).getByRole('link', { name: 'Aparelhos' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Salvo');
    expect(bridge.callsTo('settings:update')[0]).toMatchObject({
      language: 'pt-BR',
      defaultCountry: 'PT',
      devicePollSeconds: 30,
      timeZone: null,
      defaultDeviceId: null,
    });
  });

  it('puts a field error from main on that field', async () => {
    const bridge = new FakeBridge({ 'settings:update': () => refuse('validation', 'timeZone: unknown zone', { field: 'timeZone' }) });
    const { user } = await renderApp({ bridge, path: '/settings' });
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByLabelText('Time zone for dates').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('This value is not valid.')).toBeTruthy();
  });
});
