import { useTranslation } from 'react-i18next';
import type { SimSlot } from '../../../../shared/domain';
import type { ImageView } from '../../../../shared/ipc';
import { countSms } from '../../../../shared/sms';
import { isSmsChannel, usePhoneName, useSimName } from '../../composer/PhonePicker';
import page from '../../composer/sending.module.css';
import { formatDateTime } from '../../format';
import { sizeText } from './size';

/** How many numbers the confirmation names before "… and 3 more". */
const NAMED = 5;

/**
 * The Send screen's confirmation, before anything leaves: to whom (the opted-out numbers left out), from which
 * phone and channel, when, and what goes: how many SMS, or on WhatsApp the image with its text first.
 */
export function SendConfirm({
  to,
  optedOut,
  deviceId,
  sim,
  sendAt,
  zone,
  urgent,
  body,
  image,
}: {
  to: string[];
  optedOut: string[];
  deviceId: number;
  sim: SimSlot;
  sendAt: string | null;
  zone: string;
  urgent: boolean;
  body: string;
  image: ImageView | null;
}) {
  const { t, i18n } = useTranslation();
  const phoneName = usePhoneName();
  const simName = useSimName();
  const sms = isSmsChannel(sim);
  const reached = to.filter((n) => !optedOut.includes(n));
  const segments = body.trim() ? countSms(body).segments : 0;
  const named = (numbers: string[]) =>
    numbers.slice(0, NAMED).join(', ') + (numbers.length > NAMED ? ` ${t('composer.send.more', { count: numbers.length - NAMED })}` : '');
  return (
    <ul className={page.confirm} data-testid="confirm-single">
      <li>{t('composer.send.to', { count: reached.length, numbers: named(reached) })}</li>
      {optedOut.length > 0 ? <li>{t('composer.send.optedOut', { count: optedOut.length, numbers: named(optedOut) })}</li> : null}
      <li>{t('composer.send.from', { phone: phoneName(deviceId), channel: simName(sim) })}</li>
      <li>{sendAt ? t('sending.confirm.when', { when: formatDateTime(sendAt, i18n.language, zone) }) : t('sending.confirm.now')}</li>
      {urgent ? <li>{t('composer.send.urgent')}</li> : null}
      {sms ? (
        <li>
          {t('composer.send.segments', { count: segments })} · {t('composer.send.segmentsTotal', { count: segments * reached.length })}
        </li>
      ) : (
        <li>{t('composer.send.whatsApp')}</li>
      )}
      {image && !sms ? (
        <li>
          {t('composer.send.image', { name: image.name, size: sizeText(image.size, i18n.language) })} —{' '}
          {body.trim() ? t('composer.send.textFirst') : t('composer.send.noText')}
        </li>
      ) : null}
    </ul>
  );
}
