import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { effectiveLanguage, initI18n } from './i18n';
import { call } from './api/client';
import { keys } from './api/keys';
import { LiveEvents } from './api/live';
import { createQueryClient } from './api/query-client';
import { createAppRouter } from './app/routes';
import './styles.css';
import './theme.css';
import { applyTheme } from './theme';

// Reads what every screen needs first (app info, settings for the language), then renders the router.
async function boot() {
  const queryClient = createQueryClient();
  const [info, view] = await Promise.all([call('app:info'), call('settings:get').catch(() => null)]);
  await initI18n(effectiveLanguage(view?.settings.language, info.locale));
  queryClient.setQueryData(keys.app.info, info);
  if (view) queryClient.setQueryData(keys.settings.view, view);
  applyTheme(view?.settings.desktop.theme ?? 'system'); // before the first paint: no light flash in dark mode
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <LiveEvents />
        <RouterProvider router={createAppRouter()} />
      </QueryClientProvider>
    </StrictMode>,
  );
}

void boot();
