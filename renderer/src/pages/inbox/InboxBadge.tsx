import { useTranslation } from 'react-i18next';
import { useInvoke } from '../../api/hooks';

/** The sidebar's count of unread replies beside "Inbox" (nothing when all is read). */
export function InboxBadge() {
  const { t } = useTranslation();
  const counts = useInvoke('inbox:counts');
  const unread = counts.data?.unreadReplies ?? 0;
  if (unread === 0) return null;
  return (
    <span className="nav-badge" aria-label={t('inbox.unreadSummary', { count: unread })}>
      {unread > 99 ? '99+' : unread}
    </span>
  );
}
