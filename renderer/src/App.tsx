import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useInvoke, useEvent } from './api/hooks';
import type { PayloadOf } from '../../shared/ipc';
import { SignInPage } from './pages/sign-in/SignInPage';
import { Shell } from './components/Shell';
import { StorageConsentDialog } from './components/StorageConsentDialog';
import { useTranslation } from 'react-i18next';
import { SettingsResetNotice } from './components/SettingsResetNotice';

// Session gate: signed out → sign-in screen; signed in → the shell. Main pushes session changes
// (e.g. a token the gateway no longer accepts), and the screen follows.
const KEPT_ON_SIGN_OUT = new Set(['session:get', 'app:info', 'settings:get']);

export function App() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useInvoke('session:get');
  const onSessionChanged = useCallback(
    (state: PayloadOf<'session:changed'>) => {
      queryClient.setQueryData(['session:get'], state);
      // Signed out: forget account data (devices, health); keep app info and settings.
      if (!state.signedIn) queryClient.removeQueries({ predicate: (q) => !KEPT_ON_SIGN_OUT.has(String(q.queryKey[0])) });
    },
    [queryClient],
  );
  useEvent('session:changed', onSessionChanged);

  if (session.isPending) return <p className="boot">{t('common.loading')}</p>;
  if (session.isError || !session.data.signedIn) {
    return (
      <>
        <SettingsResetNotice />
        <SignInPage endedBecause={session.data?.endedBecause ?? null} />
      </>
    );
  }
  return (
    <>
      <SettingsResetNotice />
      <Shell session={session.data} />
      {session.data.storageConsentNeeded ? <StorageConsentDialog /> : null}
    </>
  );
}
