import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createMemoryRouter } from 'react-router';
import i18next from 'i18next';
import type { Language } from '../../shared/domain';
import { initI18n } from '../../renderer/src/i18n';
import { createQueryClient } from '../../renderer/src/api/query-client';
import { LiveEvents } from '../../renderer/src/api/live';
import { routes } from '../../renderer/src/app/routes';
import { SCREENS } from '../../renderer/src/app/screens';
import { FakeBridge } from './fake-bridge';

// Renders the whole renderer (routes, session gate, LiveEvents) at a path, over a FakeBridge: the same
// tree as the app, with a memory router instead of the hash.

let i18nReady: Promise<unknown> | null = null;
// Screens load their code on first use (a chunk in the build); here they are loaded once up front, as
// the tests' imports did before, so a case's waits measure the screen, not the first transform of its code.
let screensReady: Promise<unknown> | null = null;

export async function renderApp({
  bridge = new FakeBridge(),
  path = '/home',
  language = 'en',
}: { bridge?: FakeBridge; path?: string; language?: Language } = {}) {
  window.api = bridge.api;
  i18nReady ??= initI18n(language);
  screensReady ??= Promise.all(SCREENS.map((s) => s.load()));
  await Promise.all([i18nReady, screensReady]);
  await i18next.changeLanguage(language);
  const queryClient = createQueryClient();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <LiveEvents />
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, bridge, router, queryClient, user };
}
