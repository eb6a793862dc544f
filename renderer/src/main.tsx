import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { initI18n, pickLanguage } from './i18n';
import { call } from './api/client';
import { App } from './App';
import './styles.css';

// Main pushes changes as events, so queries need no background refetching of their own.
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity } },
});

async function boot() {
  const [info, view] = await Promise.all([call('app:info'), call('settings:get').catch(() => null)]);
  await initI18n(view?.settings.language ?? pickLanguage(info.locale));
  queryClient.setQueryData(['app:info'], info);
  if (view) queryClient.setQueryData(['settings:get'], view);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

void boot();
