import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { MESSAGE_STATUS, type MessageStatusCode } from '../../../../shared/domain';
import type { SingleSendView, ThreadMessage } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { Button } from '../../ui';
import { ReplyBox } from './ReplyBox';
import { formatFullTime } from './time';
import styles from './InboxPage.module.css';

// One conversation: what we sent (with the campaign or newsletter it belonged to) and what the customer
// wrote, oldest first, the replies on their way, and the reply box. Opening it reads it.

const PAGE = 100;
const MAX = 500;

function statusText(t: TFunction, code: MessageStatusCode): string {
  const { outcome } = MESSAGE_STATUS[code];
  if (outcome === 'incoming') return t('inbox.thread.status.incoming');
  if (outcome === 'failed') return t('inbox.thread.status.failed');
  if (outcome === 'pending') return t('inbox.thread.status.waiting');
  return code === 7 ? t('inbox.thread.status.delivered') : t('inbox.thread.status.sent');
}

function origin(t: TFunction, message: ThreadMessage): string | null {
  if (message.campaign) return t('inbox.thread.campaign', { title: message.campaign.title });
  if (message.newsletter)
    return message.newsletter.title
      ? t('inbox.thread.newsletter', { title: message.newsletter.title })
      : t('inbox.thread.newsletterUntitled');
  if (message.single) return t('inbox.thread.single');
  return null;
}

function Bubble({ message, timeZone }: { message: ThreadMessage; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const from = origin(t, message);
  const failed = MESSAGE_STATUS[message.status].outcome === 'failed';
  return (
    <li className={message.incoming ? styles.incoming : styles.outgoing} data-testid="thread-message">
      <div className={styles.bubble}>
        {from ? <p className={styles.origin}>{from}</p> : null}
        <p className={styles.body}>{message.body}</p>
        {message.optOut ? <p className={styles.optOutNote}>{t('inbox.thread.optOut')}</p> : null}
      </div>
      <p className={styles.meta}>
        <time dateTime={new Date(message.at).toISOString()}>{formatFullTime(message.at, i18n.language, timeZone)}</time>
        {message.incoming ? null : <span className={failed ? styles.failedText : undefined}> · {statusText(t, message.status)}</span>}
      </p>
    </li>
  );
}

function Pending({ send }: { send: SingleSendView }) {
  const { t } = useTranslation();
  const bad = send.state !== 'queued';
  return (
    <li className={styles.outgoing} data-testid="thread-pending">
      <div className={[styles.bubble, styles.pendingBubble].join(' ')}>
        <p className={styles.body}>{send.body}</p>
      </div>
      <p className={[styles.meta, bad ? styles.failedText : ''].join(' ')}>
        {t(`inbox.thread.pending.${send.state}`)}
        {bad && send.reason ? ` — ${send.reason}` : ''}
      </p>
    </li>
  );
}

export function Thread({
  conversationKey,
  timeZone,
  formatPhone,
  onBack,
}: {
  conversationKey: string;
  timeZone: string;
  formatPhone: (p: string) => string;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  // The page keys this component by conversation: another conversation starts at its newest page again.
  const [limit, setLimit] = useState(PAGE);
  const thread = useInvoke('inbox:thread', { key: conversationKey, limit });
  const markRead = useAction('inbox:markRead');
  const view = thread.data;
  const unread = view?.unread ?? 0;
  // Opening a conversation reads it (once per opening, not again while it stays open and a reply comes in).
  const readOnOpen = useRef(false);
  const { mutate: mark } = markRead;
  useEffect(() => {
    if (view && unread > 0 && !readOnOpen.current) {
      readOnOpen.current = true;
      mark({ key: conversationKey, read: true });
    }
  }, [view, unread, conversationKey, mark]);

  if (thread.isError) return <p className="error">{errorMessage(thread.error)}</p>;
  if (!view) return <p className="muted">{thread.isLoading ? t('common.loading') : t('inbox.pickOne')}</p>;
  const who = view.name ?? formatPhone(view.phone);
  return (
    <section className={styles.thread} aria-label={t('inbox.thread.label', { who })}>
      <header className={styles.threadHeader}>
        <Button variant="link" className={styles.back} onClick={onBack}>
          ← {t('inbox.listLabel')}
        </Button>
        <div className={styles.threadWho}>
          <h2>{who}</h2>
          {view.name ? <span className="muted small">{formatPhone(view.phone)}</span> : null}
          {view.optedOut ? <span className={styles.optedOut}>{t('inbox.optedOut')}</span> : null}
        </div>
        <Button onClick={() => markRead.mutate({ key: conversationKey, read: view.unread > 0 })}>
          {view.unread > 0 ? t('inbox.thread.markRead') : t('inbox.thread.markUnread')}
        </Button>
      </header>
      <ol className={styles.messages}>
        {view.olderCursor && limit < MAX ? (
          <li className={styles.older}>
            <Button variant="link" onClick={() => setLimit((l) => Math.min(MAX, l + PAGE))}>
              {t('inbox.thread.older')}
            </Button>
          </li>
        ) : null}
        {view.messages.map((m) => (
          <Bubble key={m.id} message={m} timeZone={timeZone} />
        ))}
        {view.pending.map((send) => (
          <Pending key={`send-${send.id}`} send={send} />
        ))}
      </ol>
      <ReplyBox thread={view} />
    </section>
  );
}
