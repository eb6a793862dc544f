import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail, PhoneChoice } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { formatDateTime } from '../../format';
import { Button, ConfirmDialog, Field, etaText } from '../../ui';
import { statePill, useCampaignState } from './CampaignsPage';
import { stalledFor } from '../../progress/stall';
import { StopPanel } from './parts/StopPanel';
import { useFocusOnAppear } from '../../composer/focus';
import { FailureGroups } from '../../progress/FailureGroups';
import { PlanChart } from './parts/PlanChart';
import { usePhones } from '../../composer/PhonePicker';
import { StatusBar } from '../../progress/StatusBar';
import { useNow } from '../../ui/useNow';
import page from '../../composer/sending.module.css';

// One campaign, live: new → queued → taken → sent → delivered / failed with the time left, a warning when a
// phone stalls, the failures grouped by status code with what to do, and the explicit decisions (send the
// retryable failures again, perhaps from another phone; send the recipients the gateway never listed).

const REFRESH_MS = 5_000;

export function CampaignWatch({ id, onOpen, onBack }: { id: number; onOpen: (id: number) => void; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const stateName = useCampaignState();
  const zone = useInvoke('settings:get').data?.settings.timeZone ?? null;
  // campaigns:changed refreshes it; the interval keeps the ETA and the chunks' progress current between events,
  // until main says the campaign ended.
  const detail = useInvoke('campaigns:get', { id }, { refetchInterval: (query) => (query.state.data?.final ? false : REFRESH_MS) });
  const exportReport = useAction('campaigns:exportReport');
  const campaign = detail.data;
  // The campaign just opened (or just sent): its heading takes the focus, once per campaign.
  const heading = useFocusOnAppear<HTMLHeadingElement>(campaign ? campaign.id : null);
  const now = useNow(30_000);
  return (
    <>
      <p>
        <Button onClick={onBack}>← {t('campaigns.bulk.back')}</Button>
      </p>
      {detail.error ? (
        <p role="alert" className="error">
          {errorMessage(detail.error)}
        </p>
      ) : null}
      {!campaign && !detail.error ? <p>{t('common.loading')}</p> : null}
      {campaign ? (
        <article className={page.panel} aria-labelledby="campaign-title" data-testid="campaign-watch" data-state={campaign.state}>
          <div className={page.entryHead}>
            <h2 id="campaign-title" tabIndex={-1} ref={heading}>
              {campaign.title}
            </h2>
            <span className="muted small">{formatDateTime(new Date(campaign.createdAt).toISOString(), i18n.language, zone)}</span>
            <span className={`pill ${statePill(campaign)}`}>{stateName(campaign)}</span>
          </div>
          <ul className={page.figures}>
            <li>{t('campaigns.summary.recipients', { count: campaign.recipients })}</li>
            {campaign.suppressed > 0 ? (
              <li className="muted">{t('campaigns.summary.suppressed', { count: campaign.suppressed })}</li>
            ) : null}
            <li className="muted">{campaign.phones.map((p) => p.title).join(', ')}</li>
          </ul>
          <StatusBar counts={campaign.counts} label={campaign.title} />
          <p className="muted" aria-live="polite">
            {/* The truth in one line: its state when it ended, when it starts, or a time left that moves (none when unknown). */}
            {campaign.final
              ? stateName(campaign)
              : campaign.state === 'scheduled' && campaign.startsAt
                ? t('sending.state.startsAt', { when: formatDateTime(new Date(campaign.startsAt).toISOString(), i18n.language, zone) })
                : campaign.etaSeconds !== null && campaign.state !== 'paused'
                  ? etaText(t, campaign.etaSeconds)
                  : ''}{' '}
            {/* Its messages in the history: the campaign is its customerid range. */}
            <Link to={`/messages?customers=${campaign.customerIds.first}-${campaign.customerIds.last}`}>
              {t('campaigns.status.openMessages')}
            </Link>{' '}
            <span>
              ·{' '}
              <Link to={`?id=${campaign.id}&view=results`} data-testid="open-results">
                {t('results.openLong')}
              </Link>
            </span>
          </p>
          {campaign.stall ? (
            <p role="alert" className="notice" data-testid="stall">
              {t('campaigns.status.stalled', { phone: campaign.stall.title, ...stalledFor(campaign.stall, now, i18n.language) })}
            </p>
          ) : null}
          <StopPanel campaign={campaign} />
          {campaign.attention.length > 0 || campaign.missing > 0 ? <Attention campaign={campaign} onOpen={onOpen} /> : null}
          <section aria-labelledby="failures-title">
            <h3 id="failures-title">{t('campaigns.failures.title')}</h3>
            <FailureGroups groups={campaign.failures} />
            {campaign.failures.length > 0 ? <Resend campaign={campaign} onOpen={onOpen} /> : null}
          </section>
          {campaign.plan ? <PlanChart plan={campaign.plan} /> : null}
          <div className={page.actions}>
            {exportReport.data?.saved ? (
              <span className={page.ok} role="status">
                {t('campaigns.bulk.exported', { file: exportReport.data.name ?? '' })}
              </span>
            ) : null}
            {exportReport.error ? (
              <span role="alert" className="error">
                {errorMessage(exportReport.error)}
              </span>
            ) : null}
            <Button disabled={exportReport.isPending} onClick={() => exportReport.mutate({ id })}>
              {t('campaigns.bulk.export')}
            </Button>
          </div>
        </article>
      ) : null}
    </>
  );
}

/** Phones to send from again: the campaign's own, or one the user picks. */
function usePhoneChoices() {
  const phones = usePhones();
  return phones.map(({ device, online }) => ({ choice: { deviceId: device.id, sim: 0 } as PhoneChoice, title: device.title, online }));
}

/** "Send the retryable failures again", optionally from another phone: a new send, confirmed and recorded. */
function Resend({ campaign, onOpen }: { campaign: CampaignDetail; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const choices = usePhoneChoices();
  const [phone, setPhone] = useState<string>('same');
  const [confirming, setConfirming] = useState(false);
  const resend = useAction('campaigns:resendFailures');
  if (campaign.retryableFailures === 0) return <p className="muted small">{t('campaigns.failures.nothingToRetry')}</p>;
  const picked = phone === 'same' ? undefined : choices.find((c) => String(c.choice.deviceId) === phone)?.choice;
  return (
    <div className={page.inline}>
      <Field label={t('campaigns.failures.retryOn')}>
        {(control) => (
          <select {...control} value={phone} onChange={(e) => setPhone(e.target.value)}>
            <option value="same">{t('campaigns.failures.retrySamePhone')}</option>
            {choices.map((c) => (
              <option key={c.choice.deviceId} value={c.choice.deviceId}>
                {t('campaigns.phone.option', { title: c.title, state: t(c.online ? 'campaigns.phone.online' : 'campaigns.phone.offline') })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Button variant="primary" onClick={() => setConfirming(true)}>
        {t('campaigns.failures.retry')}
      </Button>
      {resend.error ? (
        <p role="alert" className="error">
          {errorMessage(resend.error)}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('campaigns.failures.retry')}
          busy={resend.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            resend.mutate(
              { id: campaign.id, ...(picked ? { phones: [picked] } : {}) },
              {
                onSuccess: ({ campaign: next }) => {
                  setConfirming(false);
                  onOpen(next.id);
                },
              },
            )
          }
        >
          <p>{t('campaigns.failures.retryConfirm', { count: campaign.retryableFailures })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** Chunks whose outcome the gateway never confirmed: only the user may send their missing recipients. */
function Attention({ campaign, onOpen }: { campaign: CampaignDetail; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const sendMissing = useAction('campaigns:sendMissing');
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="notice" data-testid="attention">
      <p>{t('campaigns.bulk.attention', { count: campaign.missing })}</p>
      {campaign.missing > 0 ? (
        <Button onClick={() => setConfirming(true)}>{t('campaigns.bulk.sendMissing', { count: campaign.missing })}</Button>
      ) : null}
      {sendMissing.error ? (
        <p role="alert" className="error">
          {errorMessage(sendMissing.error)}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('campaigns.bulk.sendMissing', { count: campaign.missing })}
          busy={sendMissing.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            sendMissing.mutate(
              { id: campaign.id },
              {
                onSuccess: ({ campaign: next }) => {
                  setConfirming(false);
                  onOpen(next.id);
                },
              },
            )
          }
        >
          <p>{t('campaigns.bulk.sendMissingConfirm', { count: campaign.missing })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
