import { useTranslation } from 'react-i18next';
import { countSms, withPlainPunctuation, type SmsCount } from '../../../shared/sms';
import { formatNumber } from '../format';
import styles from './composer.module.css';

/**
 * The live length line under a message: how many SMS, characters left in the last one, the encoding, and
 * which characters forced Unicode (with a one-click fix when they are only typographic quotes and dashes).
 * Counts with shared/sms.ts, the code main bills with, so the screen and the send agree.
 */
export function SmsCounter({
  text,
  count,
  onPlainPunctuation,
  id,
  prefix,
}: {
  text: string;
  count?: SmsCount;
  onPlainPunctuation?: (fixed: string) => void;
  id?: string;
  prefix?: string;
}) {
  const { t, i18n } = useTranslation();
  const c = count ?? countSms(text);
  if (c.segments === 0) {
    return (
      <span id={id} className={styles.counter} data-testid="sms-counter">
        {t('campaigns.counter.empty')}
      </span>
    );
  }
  const plain = withPlainPunctuation(text);
  const fixable = onPlainPunctuation !== undefined && plain !== text && countSms(plain).segments < c.segments;
  return (
    // Spans only: the counter sits inside a field's hint paragraph.
    <span id={id} className={styles.counter} data-testid="sms-counter" aria-live="polite">
      {prefix ? <span>{prefix}</span> : null}
      <span className={styles.segments}>{t('campaigns.counter.segments', { count: c.segments })}</span>
      <span>{t('campaigns.counter.left', { count: c.left, formatted: formatNumber(c.left, i18n.language) })}</span>
      <span className={c.encoding === 'ucs2' ? styles.unicode : undefined}>
        {t(c.encoding === 'gsm7' ? 'campaigns.counter.gsm7' : 'campaigns.counter.ucs2')}
      </span>
      {c.unicodeCharacters.length > 0 ? (
        <span className={styles.forced} data-testid="forced-unicode">
          {t('campaigns.counter.forcedUnicode', {
            characters: c.unicodeCharacters
              .map((ch) => (ch.trim() === '' ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase()}` : ch))
              .join(' '),
          })}
        </span>
      ) : null}
      {fixable ? (
        <button type="button" className="link-button" onClick={() => onPlainPunctuation(plain)}>
          {t('campaigns.counter.plainPunctuation')}
        </button>
      ) : null}
    </span>
  );
}
