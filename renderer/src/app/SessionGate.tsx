import { Suspense, lazy, useEffect } from 'react';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useInvoke } from '../api/hooks';
import { effectiveLanguage } from '../i18n';
import { useThemeFromSettings } from '../theme';
import { Shell } from '../components/Shell';
import { StorageConsentDialog } from '../components/StorageConsentDialog';
import { SettingsResetNotice } from '../components/SettingsResetNotice';

// Signed-in starts never need the sign-in form (and its form library): its code comes when it shows.
const SignInPage = lazy(async () => ({ default: (await import('../pages/sign-in/SignInPage')).SignInPage }));

/** The screen speaks the language chosen in Settings (else the OS's), whoever changed it. */
function useLanguageFromSettings() {
  const { i18n } = useTranslation();
  const chosen = useInvoke('settings:get').data?.settings.language;
  const locale = useInvoke('app:info').data?.locale;
  const language = effectiveLanguage(chosen, locale);
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, language]);
}

// Session gate: signed out → the sign-in screen (the URL keeps the screen asked for, so signing in lands
// there); signed in → the shell with the current route's screen. Main pushes session changes (e.g. a
// token the gateway no longer accepts) and LiveEvents puts them in the cache, so the gate follows.
export function SessionGate() {
  const { t } = useTranslation();
  const session = useInvoke('session:get');
  useLanguageFromSettings();
  useThemeFromSettings();

  const loading = <p className="boot">{t('common.loading')}</p>;
  if (session.isPending) return loading;
  if (session.isError || !session.data.signedIn) {
    return (
      <>
        <SettingsResetNotice />
        <Suspense fallback={loading}>
          <SignInPage endedBecause={session.data?.endedBecause ?? null} />
        </Suspense>
      </>
    );
  }
  return (
    <>
      <SettingsResetNotice />
      <Shell session={session.data}>
        <Outlet />
      </Shell>
      {session.data.storageConsentNeeded ? <StorageConsentDialog /> : null}
    </>
  );
}
