import { useTranslation } from 'react-i18next';
import type { TimeView } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { formatDateTime } from '../../format';
import { Button, Dialog } from '../../ui';
import { GROUP_TONE, channelName, statusWords, usePhoneNames } from './common';
import styles from './MessagesPage.module.css';
import { usePhoneFormat } from '../inbox/useCountry';

// One message, all of it: the whole body, every time in the user's zone and in the gateway's, the status
// with what it means and what to do, its newsletter or campaign, and a WhatsApp image's link (opened in
// the browser by main, through the allow-list).

/** "01/05/2026, 10:00:00" in `zone`; an offset zone Intl does not know falls back to the ISO text. */
function inZone(view: TimeView, lang: string, zone: string, iso: string): string {
  try {
    return formatDateTime(view.iso, lang, zone);
  } catch {
    return iso.replace('T', ' ');
  }
}

/** An instant in the user's zone and, where the gateway's clock read differently, in the gateway's zone too. */
function Time({ view, lang, zone }: { view: TimeView; lang: string; zone: string }) {
  const { t } = useTranslation();
  return (
    <span className={styles.time}>
      <time dateTime={view.local}>{formatDateTime(view.iso, lang, zone)}</time>
      {view.differs ? (
        <span className="muted">
          {' '}
          {t('messages.detail.yourTime', { zone })} · {inZone(view, lang, view.gatewayZone, view.gateway)}{' '}
          {t('messages.detail.gatewayTime', { zone: view.gatewayZone })}
        </span>
      ) : null}
    </span>
  );
}

export function MessageDetailDialog({
  id,
  timeZone,
  onClose,
  onShowNumber,
}: {
  id: number;
  timeZone: string;
  onClose: () => void;
  onShowNumber: (phone: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const formatPhone = usePhoneFormat();
  const lang = i18n.language;
  const detail = useInvoke('messages:get', { id });
  const openImage = useAction('messages:openImage');
  const phoneName = usePhoneNames(t);
  const data = detail.data;
  const zone = data?.timeZone ?? timeZone;
  const words = data ? statusWords(t, data.message.status) : null;
  const incoming = data?.group === 'incoming';

  return (
    <Dialog
      title={t('messages.detail.title', { id })}
      onDismiss={onClose}
      actions={
        <Button variant="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <div className={styles.detail} data-testid="message-detail">
        {detail.error ? (
          <p role="alert" className="error">
            {errorMessage(detail.error)}
          </p>
        ) : null}
        {detail.isPending ? <p>{t('messages.detail.loading')}</p> : null}
        {data === null ? <p>{t('messages.list.noneMatch')}</p> : null}
        {data && words ? (
          <>
            <p className={`${styles.statusBox} ${styles[GROUP_TONE[data.group]]}`}>
              <strong>{words.title}</strong> <span className="muted small">({data.message.status})</span>
              {data.test ? (
                <>
                  {' '}
                  <span className="pill warn" data-testid="test-send">
                    {t('campaigns.test.badgeDetail')}
                  </span>
                </>
              ) : null}
            </p>
            <dl className={styles.facts}>
              <dt>{t('messages.detail.what')}</dt>
              <dd>{words.what}</dd>
              <dt>{t('messages.detail.todo')}</dt>
              <dd>{words.todo}</dd>
            </dl>
            <h3 className={styles.detailHeading}>{t('messages.detail.body')}</h3>
            <p className={styles.body}>{data.message.body}</p>
            {data.imageUrl ? (
              <p>
                <Button onClick={() => openImage.mutate({ id })} disabled={openImage.isPending}>
                  {t('messages.detail.openImage')}
                </Button>{' '}
                <span className="hint">{t('messages.detail.imageNote')}</span>
              </p>
            ) : null}
            {openImage.error ? (
              <p role="alert" className="error">
                {errorMessage(openImage.error)}
              </p>
            ) : null}
            <dl className={styles.facts}>
              <dt>{incoming ? t('messages.detail.from') : t('messages.detail.sendTo')}</dt>
              <dd>
                {data.contactName ? <strong>{data.contactName} </strong> : null}
                {formatPhone(data.message.sendTo)}{' '}
                <Button variant="link" onClick={() => onShowNumber(data.message.sendTo)}>
                  {t('messages.detail.showInList')}
                </Button>
              </dd>
              <dt>{t('messages.detail.created')}</dt>
              <dd>
                <Time view={data.times.created} lang={lang} zone={zone} />
              </dd>
              <dt>{t('messages.detail.sentAt')}</dt>
              <dd>{data.times.sent ? <Time view={data.times.sent} lang={lang} zone={zone} /> : t('messages.detail.notYet')}</dd>
              {data.times.scheduled ? (
                <>
                  <dt>{t('messages.detail.sendAt')}</dt>
                  <dd>
                    <Time view={data.times.scheduled} lang={lang} zone={zone} />
                  </dd>
                </>
              ) : null}
              <dt>{t('messages.detail.phone')}</dt>
              <dd>{phoneName(data.message.deviceId)}</dd>
              <dt>{t('messages.detail.channel')}</dt>
              <dd>{channelName(t, data.message.sim)}</dd>
              <dt>{t('messages.detail.customerId')}</dt>
              <dd>{data.message.customerId ?? t('messages.detail.none')}</dd>
              {data.newsletter ? (
                <>
                  <dt>{t('messages.detail.newsletter')}</dt>
                  <dd>
                    {data.newsletter.title
                      ? t('messages.detail.newsletterName', { title: data.newsletter.title, id: data.newsletter.id })
                      : data.newsletter.id}
                  </dd>
                </>
              ) : null}
              {data.campaign ? (
                <>
                  <dt>{t('messages.detail.campaign')}</dt>
                  <dd>{data.campaign.title}</dd>
                </>
              ) : null}
            </dl>
            {data.message.urgent ? <p className="muted small">{t('messages.detail.urgent')}</p> : null}
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
