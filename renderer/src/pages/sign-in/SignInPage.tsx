import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SERVER_URL } from '../../../../shared/settings';
import type { SessionEndReason } from '../../../../shared/domain';
import { useAction, useInvoke } from '../../api/hooks';
import { errorMessage } from '../../api/client';

export function SignInPage({ endedBecause }: { endedBecause: SessionEndReason | null }) {
  const { t } = useTranslation();
  const info = useInvoke('app:info');
  const settings = useInvoke('settings:get');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [server, setServer] = useState<string | null>(null);
  const signIn = useAction('session:signIn', { updates: 'session:get' });
  const sandbox = useAction('session:trySandbox', { updates: 'session:get' });
  const busy = signIn.isPending || sandbox.isPending;
  const error = signIn.error ?? sandbox.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password, server: server ?? settings.data?.settings.serverUrl ?? DEFAULT_SERVER_URL });
  };

  return (
    <div className="sign-in">
      <form className="card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        {endedBecause && !error ? (
          <p role="alert" className="notice" data-testid="session-ended">
            {t(`signIn.ended.${endedBecause}`)}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="error" data-testid="sign-in-error">
            {errorMessage(error)}
          </p>
        ) : null}
        <label>
          {t('signIn.email')}
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </label>
        <label>
          {t('signIn.password')}
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <details>
          <summary>{t('signIn.advanced')}</summary>
          <label>
            {t('signIn.server')}
            <input
              type="url"
              required
              value={server ?? settings.data?.settings.serverUrl ?? DEFAULT_SERVER_URL}
              onChange={(e) => setServer(e.target.value)}
            />
          </label>
        </details>
        <button type="submit" className="primary" disabled={busy}>
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
        <div className="divider">{t('signIn.or')}</div>
        <button type="button" onClick={() => sandbox.mutate(undefined)} disabled={busy}>
          {t('signIn.trySandbox')}
        </button>
        <p className="muted small">{t('signIn.trySandboxHint')}</p>
      </form>
      {info.data ? <p className="muted small version">{t('signIn.version', { version: info.data.version })}</p> : null}
    </div>
  );
}
