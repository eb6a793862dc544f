import { useTranslation } from 'react-i18next';
import type { SimSlot } from '../../../../shared/domain';
import type { JobView } from '../../../../shared/jobs';
import type { CampaignSummary, NewsletterPreview, NewsletterView } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { OptedOutPeople } from '../../composer/OptedOutPeople';
import { usePhoneName, useSimName } from '../../composer/PhonePicker';
import { TestSend } from '../../composer/TestSend';
import { durationText } from '../../composer/time';
import { ScheduleZones } from '../../composer/WhenPicker';
import page from '../../composer/sending.module.css';
import { useInvoke } from '../../api/hooks';
import { formatNumber } from '../../format';
import { Button } from '../../ui';

/** What newsletters:create answers: the newsletter, the phone to press Start on, or the campaign it became. */
export type Created = {
  newsletter: NewsletterView;
  startOn: { deviceId: number; title: string };
  campaign: { campaign: CampaignSummary; job: JobView } | null;
};

/** What to do about opted-out contacts in the chosen tags (savepaket sends to whole tags). */
export type OptedOutChoice = 'send-as-campaign' | 'include';

interface ReviewedDraft {
  tagIds: number[];
  deviceId: number | null;
  sim: SimSlot;
  sendAt: string | null;
  sentBody: string;
}

/**
 * The newsletter's last step, the confirmation: to which tags, how many, when (both zones), from which phone,
 * how many SMS; a {placeholder} refused in words with the one-click campaign; opted-out contacts said plainly
 * with the choice; a test send. savepaket sends to whole tags: never say opted-out contacts are left out unless
 * they are.
 */
export function NewsletterReview(props: {
  draft: ReviewedDraft;
  preview: NewsletterPreview | null;
  reviewError: Error | null;
  choice: OptedOutChoice;
  onChoice: (choice: OptedOutChoice) => void;
  onEdit: () => void;
  onAsCampaign: () => void;
  createError: string | null;
}) {
  const { draft, preview, reviewError, choice, onChoice, onEdit, onAsCampaign, createError } = props;
  const { t, i18n } = useTranslation();
  const tags = useInvoke('contacts:tags');
  const phoneName = usePhoneName();
  const simName = useSimName();
  if (reviewError) {
    return (
      <p role="alert" className="error">
        {errorMessage(reviewError)}
      </p>
    );
  }
  if (!preview) return <p className="muted">{t('screens.disabled.checking')}</p>;
  const optedOut = preview.optedOut?.count ?? 0;
  const reaches = optedOut > 0 && choice === 'include' ? preview.tagContacts : preview.recipients;
  const placeholders = preview.placeholders ?? [];
  const tagNames = draft.tagIds.map((id) => tags.data?.find((tag) => tag.id === id)?.title ?? `#${id}`).join(', ');
  const phone = preview.device
    ? phoneName(preview.device.id, preview.device.title)
    : draft.deviceId !== null
      ? phoneName(draft.deviceId, '')
      : '';
  return (
    <div className={page.stack} data-testid="newsletter-summary">
      <div className={page.reviewColumns}>
        <div className={page.stack}>
          <ul className={page.figures}>
            <li>{t('campaigns.summary.recipients', { count: reaches, formatted: formatNumber(reaches, i18n.language) })}</li>
            <li>{t('campaigns.summary.segmentsEach', { count: preview.count.segments })}</li>
            <li>{t('campaigns.summary.segmentsTotal', { count: reaches * preview.count.segments })}</li>
            <li className="muted">{t('campaigns.summary.duration', { duration: durationText(t, preview.durationMs) })}</li>
          </ul>
          <ul className={page.confirm} data-testid="confirm-newsletter">
            <li>{t('sending.confirm.who', { who: tagNames })}</li>
            <li>{t('sending.confirm.phones', { phones: `${phone} · ${simName(draft.sim)}` })}</li>
            <li>{draft.sendAt && preview.schedule ? <ScheduleZones schedule={preview.schedule} /> : t('sending.confirm.now')}</li>
          </ul>
        </div>
        {placeholders.length === 0 && draft.deviceId !== null ? (
          <TestSend body={draft.sentBody} deviceId={draft.deviceId} sim={draft.sim} />
        ) : null}
      </div>
      {placeholders.length > 0 ? (
        <div className={`notice ${page.stack}`} data-testid="newsletter-placeholders">
          <p role="alert">{t('refusals.newsletterPlaceholder', { placeholders: placeholders.join(', '), placeholder: placeholders[0] })}</p>
          <div className={page.actions}>
            <Button onClick={onEdit}>{t('campaigns.newsletters.edit')}</Button>
            <Button variant="primary" onClick={onAsCampaign}>
              {t('sending.placeholder.asCampaign')}
            </Button>
          </div>
        </div>
      ) : null}
      {optedOut > 0 && placeholders.length === 0 ? (
        <fieldset className={`notice ${page.stack}`} data-testid="opted-out">
          <legend>{t('campaigns.newsletters.optedOut.legend')}</legend>
          <p>{t('campaigns.newsletters.optedOut.said', { count: optedOut })}</p>
          <OptedOutPeople people={preview.optedOut.people ?? []} total={optedOut} />
          <label className="check">
            <input type="radio" name="opted-out" checked={choice === 'send-as-campaign'} onChange={() => onChoice('send-as-campaign')} />
            {t('campaigns.newsletters.optedOut.asCampaign', { count: preview.recipients })}
          </label>
          <label className="check">
            <input type="radio" name="opted-out" checked={choice === 'include'} onChange={() => onChoice('include')} />
            {t('campaigns.newsletters.optedOut.include', { count: optedOut })}
          </label>
        </fieldset>
      ) : null}
      {createError ? (
        <p role="alert" className="error">
          {createError}
        </p>
      ) : null}
    </div>
  );
}
