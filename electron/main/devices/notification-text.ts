import type { Language } from '../../../shared/domain';
import { translator } from '../../../shared/i18n';

// Desktop notification text in the language chosen in Settings, from the shared catalogue
// (shared/i18n, `notifications.*`), with real plural forms.

export interface TransitionFacts {
  /** The phone's title; may be empty. */
  title: string;
  deviceId: number;
  online: boolean;
  /** Messages waiting on the gateway for this phone. */
  waiting: number;
  /** How long ago the phone was last seen; null when never. */
  agoMs: number | null;
}

type SeenKey = 'notifications.seenMinutes' | 'notifications.seenHours' | 'notifications.seenDays';

/** Rounded to the unit a person would say: minutes under an hour, hours under two days, then days. */
function ago(ms: number): [SeenKey, number] {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return ['notifications.seenMinutes', minutes];
  const hours = Math.round(minutes / 60);
  return hours < 48 ? ['notifications.seenHours', hours] : ['notifications.seenDays', Math.round(hours / 24)];
}

export function notificationText(language: Language, facts: TransitionFacts): { title: string; body: string } {
  const t = translator(language);
  const name = facts.title || t('notifications.unnamed', { id: facts.deviceId });
  if (facts.online) {
    return {
      title: t('notifications.backOnline', { name }),
      body: facts.waiting > 0 ? t('notifications.willSend', { count: facts.waiting }) : t('notifications.pollingAgain'),
    };
  }
  let seen: string;
  if (facts.agoMs === null) seen = t('notifications.neverSeen');
  else {
    const [key, count] = ago(facts.agoMs);
    seen = t(key, { count });
  }
  return { title: t('notifications.offline', { name }), body: `${seen} ${t('notifications.waitNote')}` };
}
