import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../shared/domain';
import { useAction, useInvoke } from '../api/hooks';
import { formatDateTime } from '../format';

/** Who is signed in, where, where the token is kept, and whether the gateway answers. */
export function StatusBar({ session }: { session: SessionState }) {
  const { t, i18n } = useTranslation();
  const health = useInvoke('gateway:health');
  const signOut = useAction('session:signOut', { writes: 'session:changed' });
  const h = health.data;
  const gateway =
    !h || h.reachable === null
      ? t('status.gatewayUnknown')
      : h.reachable
        ? t('status.gatewayOk')
        : t('status.gatewayDown', { time: h.unreachableSince ? formatDateTime(h.unreachableSince, i18n.language) : '?' });
  return (
    <footer className="statusbar">
      <span data-testid="status-user">{t('status.signedInAs', { email: session.email ?? '' })}</span>
      <span>{session.sandbox ? t('status.sandbox') : t('status.server', { server: session.server ?? '' })}</span>
      <span data-testid="status-gateway" className={h?.reachable === false ? 'bad' : h?.reachable ? 'good' : ''}>
        {gateway}
      </span>
      {session.keychainBackend && !session.sandbox ? (
        <span>{t('status.keychain', { backend: t(`status.backend.${session.keychainBackend}`) })}</span>
      ) : null}
      <button type="button" className="link-button" onClick={() => signOut.mutate(undefined)} disabled={signOut.isPending}>
        {t('status.signOut')}
      </button>
    </footer>
  );
}
