import { useTranslation } from 'react-i18next';
import type { PhoneChoice } from '../../../../../shared/ipc';
import { errorMessage } from '../../../api/client';
import { useInvoke } from '../../../api/hooks';
import { usePhones, useSimName, simSlotsOf } from '../../../composer/PhonePicker';
import { durationText } from '../../../composer/time';
import composer from '../../../composer/composer.module.css';
import page from '../../../composer/sending.module.css';
import { formatDateTime } from '../../../format';
import { PlanChart } from '../parts/PlanChart';
import type { CampaignDraft } from './useCampaignDraft';

/**
 * Step 4, the confirmation: who, how many, when (and whether it waits here or at the gateway), which phones and
 * how many SMS, with the plan per phone. Nothing is sent before its button is pressed.
 */
export function ReviewStep({ d, error }: { d: CampaignDraft; error: Error | null }) {
  const { t, i18n } = useTranslation();
  const tags = useInvoke('contacts:tags');
  const phones = usePhones();
  const simName = useSimName();
  const full = d.full;
  const sourceName =
    d.sourceKind === 'file'
      ? (d.file?.name ?? '')
      : (d.tagIds ?? (d.tagId !== null ? [d.tagId] : []))
          .map((id) => tags.data?.find((tag) => tag.id === id)?.title ?? `#${id}`)
          .join(', ');
  const phoneLabel = (c: PhoneChoice) => {
    const found = phones.find((p) => p.device.id === c.deviceId);
    const title = found?.device.title || t('campaigns.phone.unnamed', { id: c.deviceId });
    return simSlotsOf(found?.device).length > 1 ? `${title} · ${simName(c.sim)}` : title;
  };
  if (!full) return <p className="muted">{t('screens.disabled.checking')}</p>;
  return (
    <>
      <div className={composer.columns} data-testid="campaign-summary">
        <div className={page.stack}>
          <ul className={composer.confirm} data-testid="confirm-send">
            <li>{t('sending.confirm.who', { who: sourceName })}</li>
            <li>{t('sending.confirm.howMany', { count: full.recipients })}</li>
            <li>
              {d.sendAt
                ? t('sending.confirm.when', { when: formatDateTime(d.sendAt, i18n.language, d.defaults.zone) })
                : t('sending.confirm.now')}
            </li>
            {d.sendAt ? <li>{d.handOver === 'keep-here' ? t('sending.handOver.keepHere') : t('sending.handOver.gateway')}</li> : null}
            <li>{t('sending.confirm.phones', { phones: d.chosen.map(phoneLabel).join(', ') })}</li>
            <li>{t('sending.confirm.segments', { count: full.totalSegments })}</li>
            {full.suppressed > 0 ? <li>{t('sending.confirm.optedOut', { count: full.suppressed })}</li> : null}
          </ul>
          {full.plan ? (
            <p className="muted small">{t('campaigns.summary.duration', { duration: durationText(t, full.plan.durationMs) })}</p>
          ) : null}
          {full.sameAs ? (
            <p className="notice" data-testid="same-as">
              {t('campaigns.bulk.againBody', {
                when: formatDateTime(new Date(full.sameAs.createdAt).toISOString(), i18n.language, d.defaults.zone),
              })}
            </p>
          ) : null}
        </div>
        {full.plan ? <PlanChart plan={full.plan} compact /> : null}
      </div>
      {error ? (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      ) : null}
    </>
  );
}
