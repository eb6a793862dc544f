import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../shared/domain';
import { useInvoke } from '../api/hooks';
import { formatDateTime } from '../format';
import { SignOutButton } from './SignOut';

/**
 * Who is signed in, where, where the token is kept, and whether the gateway answers: one line at any width.
 * Each part shrinks to an ellipsis (its whole text in the tooltip); the less needed parts go first.
 */
export function StatusBar({ session }: { session: SessionState }) {
  const { t, i18n } = useTranslation();
  const health = useInvoke('gateway:health');
  const h = health.data;
  const gateway =
    !h || h.reachable === null
      ? t('status.gatewayUnknown')
      : h.reachable
        ? t('status.gatewayOk')
        : t('status.gatewayDown', { time: h.unreachableSince ? formatDateTime(h.unreachableSince, i18n.language) : '?' });
  const user = t('status.signedInAs', { email: session.email ?? '' });
  const where = session.sandbox ? t('status.sandbox') : t('status.server', { server: session.server ?? '' });
  const keychain =
    session.keychainBackend && !session.sandbox ? t('status.keychain', { backend: t(`status.backend.${session.keychainBackend}`) }) : null;
  return (
    <footer className="statusbar">
      <span
        data-testid="status-gateway"
        className={`status-part status-gateway ${h?.reachable === false ? 'bad' : h?.reachable ? 'good' : ''}`}
        title={gateway}
      >
        {gateway}
      </span>
      <span data-testid="status-user" className="status-part" title={user}>
        {user}
      </span>
      <span className="status-part status-where" title={where}>
        {where}
      </span>
      {keychain ? (
        <span className="status-part status-keychain" title={keychain}>
          {keychain}
        </span>
      ) : null}
      <SignOutButton />
    </footer>
  );
}
