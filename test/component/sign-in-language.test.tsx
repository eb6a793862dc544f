import { expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { FakeBridge, signedOut } from './fake-bridge';
import { renderApp } from './render-app';

// The sign-in screen has the language switch: someone who does not read the system's language changes it
// before signing in, and the choice is the one Settings keeps.

it('switches the sign-in screen to Portuguese and keeps the choice in Settings', async () => {
  const bridge = new FakeBridge({
    'session:get': () => signedOut,
    'settings:update': (patch) => ({ ...DEFAULT_SETTINGS, ...(patch as object) }),
  });
  const { user } = await renderApp({ bridge, path: '/home' });
  await screen.findByRole('heading', { name: 'Sign in to SMSGateway24' });
  await user.selectOptions(screen.getByRole('combobox', { name: /Language/ }), 'pt-BR');
  await waitFor(() => expect(bridge.callsTo('settings:update')).toEqual([{ language: 'pt-BR' }]));
  expect(await screen.findByRole('heading', { name: 'Entrar no SMSGateway24' })).toBeTruthy();
});
