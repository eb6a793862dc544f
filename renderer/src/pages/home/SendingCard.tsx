import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CampaignSummary, NewsletterView } from '../../../../shared/ipc';
import { useInvoke } from '../../api/hooks';
import { formatDateTime } from '../../format';
import styles from './HomePage.module.css';

// Home's "Sending" card: the campaigns and newsletters scheduled or on their way, so Home says what is going
// out today without opening their screens. Each links to its screen.

interface SendingItem {
  key: string;
  title: string;
  kind: 'campaign' | 'newsletter';
  state: 'scheduled' | 'waitingStart' | 'sending';
  at: string | null;
  delivered: number;
  total: number;
  to: string;
}

/** What is scheduled or going out now, scheduled ones first by their time. */
export function sendingItems(campaigns: readonly CampaignSummary[], newsletters: readonly NewsletterView[], now: number): SendingItem[] {
  const items: SendingItem[] = [];
  for (const c of campaigns) {
    if (c.state !== 'sending' && c.state !== 'watching') continue;
    items.push({
      key: `c${c.id}`,
      title: c.title,
      kind: 'campaign',
      state: 'sending',
      at: null,
      delivered: c.counts.delivered,
      total: c.counts.total,
      to: '/campaigns',
    });
  }
  for (const n of newsletters) {
    if (n.state !== 'created') continue;
    const scheduled = n.sendAt !== null && Date.parse(n.sendAt) > now;
    if (n.final) continue;
    const state = scheduled ? 'scheduled' : n.waitingForStart ? 'waitingStart' : 'sending';
    items.push({
      key: `n${n.id}`,
      title: n.title,
      kind: 'newsletter',
      state,
      at: n.sendAt,
      delivered: n.counts.delivered,
      total: n.counts.total || n.recipients,
      to: '/newsletters',
    });
  }
  return items.sort((a, b) => (a.at ?? '9').localeCompare(b.at ?? '9'));
}

export function SendingCard({ now, timeZone }: { now: number; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const campaigns = useInvoke('campaigns:list');
  const newsletters = useInvoke('newsletters:list');
  const items = sendingItems(campaigns.data ?? [], newsletters.data ?? [], now);
  return (
    <section className={styles.card} aria-labelledby="home-sending" data-testid="home-sending">
      <h2 id="home-sending">{t('messages.home.sending')}</h2>
      {items.length === 0 ? <p className="muted">{t('messages.home.nothingSending')}</p> : null}
      <ul className={styles.jobs}>
        {items.slice(0, 5).map((item) => (
          <li key={item.key}>
            <Link to={item.to}>{item.title}</Link>{' '}
            <span className="muted small">
              {t(`messages.home.kind.${item.kind}`)} ·{' '}
              {item.state === 'scheduled' && item.at
                ? t('messages.home.scheduledAt', { when: formatDateTime(item.at, i18n.language, timeZone) })
                : item.state === 'waitingStart'
                  ? t('messages.home.waitingStart')
                  : t('messages.home.deliveredOf', { count: item.delivered, total: item.total })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
