import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SERVER_URL } from '../../../../shared/settings';
import type { SessionEndReason } from '../../../../shared/domain';
import { signInInput } from '../../../../shared/ipc';
import { useAction, useInvoke } from '../../api/hooks';
import { ApiError, call, errorMessage } from '../../api/client';
import { showServerError, useContractForm } from '../../forms/contract-form';
import { Button, Field } from '../../ui';
import { LanguageSwitch } from './LanguageSwitch';

const FIELDS = ['email', 'password', 'server'] as const;

export function SignInPage({ endedBecause }: { endedBecause: SessionEndReason | null }) {
  const { t } = useTranslation();
  const info = useInvoke('app:info');
  const settings = useInvoke('settings:get');
  const signIn = useAction('session:signIn', { writes: 'session:changed' });
  const sandbox = useAction('session:trySandbox', { writes: 'session:changed' });
  // The form checks with the contract's own schema: what it accepts, main accepts.
  const form = useContractForm(signInInput, {
    defaultValues: { email: '', password: '', server: settings.data?.settings.serverUrl ?? DEFAULT_SERVER_URL },
  });
  const { errors } = form.formState;
  const [advancedOpen, setAdvancedOpen] = useState(false);

  const busy = signIn.isPending || sandbox.isPending;
  // A field-less failure (wrong password, gateway down) is said above the form.
  const formError = errors.root?.['server']?.message ?? (sandbox.error ? errorMessage(sandbox.error) : null);

  const submit = form.handleSubmit(
    (input) => {
      sandbox.reset();
      signIn.mutate(input, {
        onError: (error) => {
          // A sign-in the user cancelled (main answers not-signed-in) is no error to show: the form is simply back.
          if (error instanceof ApiError && error.error.code === 'not-signed-in') return;
          showServerError(form, error, FIELDS);
        },
      });
    },
    // The server address sits under "Advanced": open it when that is where the problem is.
    (invalid) => {
      if (invalid.server) setAdvancedOpen(true);
    },
  );

  return (
    <main className="sign-in">
      <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        {endedBecause && !formError ? (
          <p role="alert" className="notice" data-testid="session-ended">
            {t(`signIn.ended.${endedBecause}`)}
          </p>
        ) : null}
        {formError ? (
          <p role="alert" className="error" data-testid="sign-in-error">
            {formError}
          </p>
        ) : null}
        <Field label={t('signIn.email')} error={errors.email?.message}>
          {(control) => (
            <input
              type="email"
              autoComplete="username"
              autoFocus
              {...control}
              {...form.register('email', { setValueAs: (value: unknown) => (typeof value === 'string' ? value.trim() : value) })}
            />
          )}
        </Field>
        <Field label={t('signIn.password')} error={errors.password?.message}>
          {(control) => <input type="password" autoComplete="current-password" {...control} {...form.register('password')} />}
        </Field>
        <details open={advancedOpen} onToggle={(event) => setAdvancedOpen(event.currentTarget.open)}>
          <summary>{t('signIn.advanced')}</summary>
          <Field label={t('signIn.server')} error={errors.server?.message}>
            {(control) => (
              <input
                type="url"
                {...control}
                {...form.register('server', { setValueAs: (value: unknown) => (typeof value === 'string' ? value.trim() : value) })}
              />
            )}
          </Field>
        </details>
        <Button type="submit" variant="primary" disabled={busy}>
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </Button>
        {signIn.isPending ? <Button onClick={() => void call('session:cancelSignIn').catch(() => {})}>{t('common.cancel')}</Button> : null}
        <div className="divider">{t('signIn.or')}</div>
        <Button
          onClick={() => {
            form.clearErrors('root');
            sandbox.mutate(undefined);
          }}
          disabled={busy}
        >
          {t('signIn.trySandbox')}
        </Button>
        <p className="muted small">{t('signIn.trySandboxHint')}</p>
      </form>
      <LanguageSwitch />
      {info.data ? <p className="muted small version">{t('signIn.version', { version: info.data.version })}</p> : null}
    </main>
  );
}
