import { useEffect } from 'react';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useInvoke } from '../api/hooks';
import { pickLanguage } from '../i18n';
import { SignInPage } from '../pages/sign-in/SignInPage';
import { Shell } from '../components/Shell';
import { StorageConsentDialog } from '../components/StorageConsentDialog';
import { SettingsResetNotice } from '../components/SettingsResetNotice';

/** The screen speaks the language chosen in Settings (else the OS's), whoever changed it. */
function useLanguageFromSettings() {
  const { i18n } = useTranslation();
  const chosen = useInvoke('settings:get').data?.settings.language;
  const locale = useInvoke('app:info').data?.locale;
  const language = chosen ?? pickLanguage(locale);
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
      <Shell session={session.data}>
        <Outlet />
      </Shell>
      {session.data.storageConsentNeeded ? <StorageConsentDialog /> : null}
    </>
  );
}
