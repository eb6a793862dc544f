import { useTranslation } from 'react-i18next';
import type { OptedOutView } from '../../../shared/ipc';
import { useInvoke } from '../api/hooks';
import { formatDateTime } from '../format';

// Who is left out because they opted out, before anything is sent: each with the reply that did it
// ("replied “PARAR” on 01/05 14:02") or "added by hand". `total` counts the ones not named.

export function OptedOutPeople({ people, total }: { people: OptedOutView[]; total: number }) {
  const { t } = useTranslation();
  const reason = useOptOutReason();
  if (total === 0) return null;
  return (
    <div data-testid="opted-out-people">
      <p className="muted small">{t('sending.optedOut.leftOut', { count: total })}</p>
      <ul className="small">
        {people.map((p) => (
          <li key={p.phone}>
            <span className="pill warn">{t('sending.optedOut.pill')}</span> {p.name ? `${p.name} · ${p.phone}` : p.phone} — {reason(p)}
          </li>
        ))}
        {total > people.length ? <li className="muted">{t('sending.optedOut.more', { count: total - people.length })}</li> : null}
      </ul>
    </div>
  );
}

/** "replied “PARAR” on 01/05/2026 14:02", "added by hand on …". */
export function useOptOutReason() {
  const { t, i18n } = useTranslation();
  const zone = useInvoke('settings:get').data?.settings.timeZone ?? null;
  return (p: OptedOutView) => {
    const when = formatDateTime(new Date(p.replyAt ?? p.addedAt).toISOString(), i18n.language, zone);
    if (p.source === 'manual') return t('sending.optedOut.byHand', { when });
    if (p.reply) return t('sending.optedOut.replied', { reply: p.reply, when });
    return t('sending.optedOut.repliedKeyword', { keyword: (p.keyword ?? '').toUpperCase(), when });
  };
}
