import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimSlot } from '../../../shared/domain';
import { errorMessage } from '../api/client';
import { useAction } from '../api/hooks';
import { Button, Field } from '../ui';
import page from './sending.module.css';
import { WhyDisabled } from './WhyDisabled';

/** Sends the body once to one number (addsms), marked as a test in the history, before the real thing. */
export function TestSend({ body, deviceId, sim }: { body: string; deviceId: number; sim: SimSlot }) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const send = useAction('sending:test');
  const answer = send.data;
  return (
    <fieldset className={page.stack}>
      <legend>{t('campaigns.test.legend')}</legend>
      <div className={page.inline}>
        <Field label={t('campaigns.test.number')}>
          {(control) => <input {...control} type="tel" value={to} maxLength={40} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        <Button
          disabled={send.isPending || !to.trim()}
          aria-describedby={to.trim() ? undefined : 'test-why'}
          onClick={() => send.mutate({ to: to.trim(), body, deviceId, sim })}
        >
          {send.isPending ? t('campaigns.test.sending') : t('campaigns.test.send')}
        </Button>
      </div>
      <WhyDisabled id="test-why" reason={to.trim() ? null : t('composer.disabled.noTestNumber')} />
      {answer && answer.state === 'queued' ? (
        <p className={page.ok} role="status">
          {t('campaigns.test.sent', { number: answer.to })}
        </p>
      ) : null}
      {answer && answer.state !== 'queued' ? (
        <p role="alert" className="error">
          {answer.reason ?? answer.state}
        </p>
      ) : null}
      {send.error ? (
        <p role="alert" className="error">
          {errorMessage(send.error)}
        </p>
      ) : null}
    </fieldset>
  );
}
