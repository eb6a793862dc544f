import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { useSearchParamsState } from '../../app/search-params';
import { Button, EmptyState } from '../../ui';
import { useTimeZone } from '../messages/common';
import { useNow } from '../../ui/useNow';
import { ConversationList } from './ConversationList';
import { inboxParams } from './params';
import { Thread } from './Thread';
import { usePhoneFormat } from './useCountry';
import styles from './InboxPage.module.css';

// Inbox: the customers who replied, one conversation each (newest activity first), and the open one's
// thread with a reply box. Side by side on a wide window; one at a time on a narrow one (or at 200 % zoom).

const PAGE = 50;
const MAX = 200;

export function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParamsState(inboxParams);
  const [limit, setLimit] = useState(PAGE);
  const unreadOnly = params.unread === '1';
  const list = useInvoke('inbox:list', { unreadOnly, limit });
  const markAll = useAction('inbox:markAllRead');
  const timeZone = useTimeZone();
  const now = useNow(60_000);
  const formatPhone = usePhoneFormat();
  const counts = list.data?.counts;
  const conversations = list.data?.conversations ?? [];
  const open = params.c;

  return (
    <div className={[styles.inbox, open ? styles.hasOpen : ''].join(' ')}>
      <header className={styles.header}>
        <h1>{t('inbox.title')}</h1>
        <p className="muted small">
          {counts && counts.unreadReplies > 0 ? t('inbox.unreadSummary', { count: counts.unreadReplies }) : t('inbox.intro')}
        </p>
      </header>
      <div className={styles.panes}>
        <section className={styles.listPane} aria-label={t('inbox.listLabel')}>
          <div className={styles.listTools}>
            <label className={styles.filter}>
              <select
                aria-label={t('inbox.filter.label')}
                value={unreadOnly ? 'unread' : 'all'}
                onChange={(e) => setParams({ unread: e.target.value === 'unread' ? '1' : undefined })}
              >
                <option value="all">{t('inbox.filter.all')}</option>
                <option value="unread">{t('inbox.filter.unread')}</option>
              </select>
            </label>
            {counts && counts.unreadConversations > 0 ? (
              <Button variant="link" onClick={() => markAll.mutate(undefined)} disabled={markAll.isPending}>
                {t('inbox.markAllRead')}
              </Button>
            ) : null}
          </div>
          {list.isError ? <p className="error">{errorMessage(list.error)}</p> : null}
          {list.data && conversations.length === 0 ? (
            <EmptyState>{unreadOnly ? t('inbox.emptyUnread') : t('inbox.empty')}</EmptyState>
          ) : null}
          <ConversationList
            conversations={conversations}
            selected={open}
            onSelect={(key) => setParams({ c: key })}
            formatPhone={formatPhone}
            timeZone={timeZone}
            now={now}
          />
          {list.data?.nextCursor && limit < MAX ? (
            <Button variant="link" onClick={() => setLimit((l) => Math.min(MAX, l + PAGE))}>
              {t('inbox.loadMore')}
            </Button>
          ) : null}
        </section>
        <div className={styles.threadPane}>
          {open ? (
            <Thread
              key={open}
              conversationKey={open}
              timeZone={timeZone}
              formatPhone={formatPhone}
              onBack={() => setParams({ c: undefined })}
            />
          ) : (
            <p className="muted">{conversations.length > 0 ? t('inbox.pickOne') : ''}</p>
          )}
        </div>
      </div>
    </div>
  );
}
