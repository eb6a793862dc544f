import { useTranslation } from 'react-i18next';
import type { ConversationView } from '../../../../shared/ipc';
import { formatShortTime } from './time';
import styles from './InboxPage.module.css';

/** The conversations, newest activity first: who, when, the last words, and how many replies are unread. */
export function ConversationList({
  conversations,
  selected,
  onSelect,
  formatPhone,
  timeZone,
  now,
}: {
  conversations: ConversationView[];
  selected: string | undefined;
  onSelect: (key: string) => void;
  formatPhone: (phone: string) => string;
  timeZone: string;
  now: number;
}) {
  const { t, i18n } = useTranslation();
  return (
    <ul className={styles.list} aria-label={t('inbox.listLabel')}>
      {conversations.map((c) => {
        const phone = formatPhone(c.phone);
        return (
          <li key={c.key}>
            <button
              type="button"
              className={[styles.conversation, c.unread > 0 ? styles.unread : '', c.key === selected ? styles.selected : '']
                .filter(Boolean)
                .join(' ')}
              aria-current={c.key === selected ? 'true' : undefined}
              onClick={() => onSelect(c.key)}
              data-testid="conversation"
            >
              <span className={styles.who}>
                <span className={styles.name}>{c.name ?? phone}</span>
                <time className={styles.when} dateTime={new Date(c.last.at).toISOString()}>
                  {formatShortTime(c.last.at, now, i18n.language, timeZone)}
                </time>
              </span>
              {c.name ? <span className={styles.phone}>{phone}</span> : null}
              <span className={styles.preview}>
                <span className={styles.previewText}>
                  {c.last.incoming ? '' : `${t('inbox.you')}: `}
                  {c.last.body}
                </span>
                {c.unread > 0 ? <span className={styles.badge}>{t('inbox.unreadBadge', { count: c.unread })}</span> : null}
                {c.optedOut ? <span className={styles.optedOut}>{t('inbox.optedOut')}</span> : null}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
