import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from '../../shared/settings';
import { FakeBridge, refuse } from './fake-bridge';
import { renderApp } from './render-app';

// Settings → "This computer": each switch saves at once (only its own field), the theme lands on <html>, a
// refused save says why and shows the stored value again, and Copy diagnostics confirms in the user's words.

function bridgeWith(overrides: ConstructorParameters<typeof FakeBridge>[0] = {}) {
  let settings: Settings = DEFAULT_SETTINGS;
  const bridge = new FakeBridge({
    'settings:get': () => ({ settings, corruptFileMovedTo: null, resetFields: [] }),
    'settings:update': (patch) => {
      settings = mergeSettings(settings, { desktop: patch.desktop ?? {} });
      return settings;
    },
    'desktop:copyDiagnostics': () => ({ copied: true }),
    ...overrides,
  });
  return bridge;
}

describe('Settings → This computer', () => {
  it('saves each switch at once with only what changed, and the theme follows', async () => {
    const bridge = bridgeWith();
    const { user } = await renderApp({ bridge, path: '/settings' });
    const section = await screen.findByRole('region', { name: 'This computer' });
    await user.click(within(section).getByRole('checkbox', { name: /Start Relay Desk when I sign in/ }));
    await user.selectOptions(within(section).getByRole('combobox', { name: 'Theme' }), 'dark');
    await waitFor(() => expect(bridge.callsTo('settings:update')).toHaveLength(2));
    expect(bridge.callsTo('settings:update')).toEqual([
      { desktop: { startAtLogin: true, askedStartAtLogin: true } },
      { desktop: { theme: 'dark' } },
    ]);
    await waitFor(() => expect(document.documentElement.dataset['theme']).toBe('dark'));
    expect(within(section).getByRole<HTMLInputElement>('checkbox', { name: /Start Relay Desk/ }).checked).toBe(true);
  });

  it('says why a save was refused and shows the stored value again', async () => {
    const bridge = bridgeWith({ 'settings:update': () => refuse('internal', 'Your settings could not be saved.') });
    const { user } = await renderApp({ bridge, path: '/settings' });
    const section = await screen.findByRole('region', { name: 'This computer' });
    const updates = within(section).getByRole<HTMLInputElement>('checkbox', { name: /Check for updates/ });
    await user.click(updates);
    expect(await within(section).findByRole('alert')).toBeTruthy();
    await waitFor(() => expect(updates.checked).toBe(true));
  });

  it('copies diagnostics and says so', async () => {
    const bridge = bridgeWith();
    const { user } = await renderApp({ bridge, path: '/settings' });
    const section = await screen.findByRole('region', { name: 'This computer' });
    await user.click(within(section).getByRole('button', { name: 'Copy diagnostics' }));
    expect((await within(section).findByRole('status')).textContent).toMatch(/Diagnostics copied/);
    expect(bridge.callsTo('desktop:copyDiagnostics')).toHaveLength(1);
  });
});
