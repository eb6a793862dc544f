import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../../../shared/ipc';
import { errorMessage } from '../../../api/client';
import { useAction, useInvoke } from '../../../api/hooks';
import { formatDateTime } from '../../../format';
import { Button, ConfirmDialog } from '../../../ui';
import page from '../../../composer/sending.module.css';

// What of a campaign can still be stopped (the messages not yet handed to the gateway), how its scheduled
// messages are handed over, and pause / resume / cancel. Cancelling asks first.

export function StopPanel({ campaign }: { campaign: CampaignSummary }) {
  const { t, i18n } = useTranslation();
  const zone = useInvoke('settings:get').data?.settings.timeZone ?? null;
  const stop = useAction('campaigns:stop');
  const [confirming, setConfirming] = useState(false);
  const view = campaign.stop;
  if (!view) return null;
  const when = (ms: number) => formatDateTime(new Date(ms).toISOString(), i18n.language, zone);
  const act = (action: 'pause' | 'resume' | 'cancel') =>
    stop.mutate({ id: campaign.id, action }, { onSettled: () => setConfirming(false) });
  return (
    <section aria-labelledby="stop-title" className={page.stack} data-testid="stop-panel" data-stop={view.state}>
      <h3 id="stop-title">{t('sending.stop.title')}</h3>
      {view.handOver === 'kept-here' && view.handOverAt !== null && view.state !== 'cancelled' ? (
        <p>{t('sending.stop.keptHere', { when: when(view.handOverAt) })}</p>
      ) : null}
      {view.handOver === 'gateway' && campaign.state === 'scheduled' ? <p className="muted">{t('sending.stop.handedOver')}</p> : null}
      {view.state === 'paused' ? <p className="notice">{t('sending.stop.paused')}</p> : null}
      {view.state === 'cancelled' ? <p className="notice">{t('sending.stop.cancelled')}</p> : null}
      {view.state !== 'cancelled' ? (
        <p data-testid="stoppable">
          {view.stoppable === 0
            ? t('sending.stop.noneLeft')
            : t(view.state === 'paused' ? 'sending.stop.stoppablePaused' : 'sending.stop.stoppable', { count: view.stoppable })}
        </p>
      ) : null}
      {stop.error ? (
        <p role="alert" className="error">
          {errorMessage(stop.error)}
        </p>
      ) : null}
      {view.canPause || view.canResume || view.canCancel ? (
        <div className={page.actions}>
          {view.canPause ? (
            <Button disabled={stop.isPending} onClick={() => act('pause')}>
              {t('sending.stop.pause')}
            </Button>
          ) : null}
          {view.canResume ? (
            <Button variant="primary" disabled={stop.isPending} onClick={() => act('resume')}>
              {t('sending.stop.resume')}
            </Button>
          ) : null}
          {view.canCancel ? (
            <Button disabled={stop.isPending} onClick={() => setConfirming(true)}>
              {t('sending.stop.cancel')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('sending.stop.cancelTitle', { count: view.stoppable })}
          confirm={t('sending.stop.cancelConfirm')}
          busy={stop.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => act('cancel')}
        >
          <p>{t('sending.stop.cancelBody')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
