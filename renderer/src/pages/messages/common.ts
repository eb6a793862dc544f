import { effectiveTimeZone } from '../../../../shared/time-zone';
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { MESSAGE_STATUS, type MessageStatusCode, type SimSlot } from '../../../../shared/domain';
import type { StatusGroup } from '../../../../shared/ipc';
import { useInvoke } from '../../api/hooks';
import { formatRelative } from '../../format';

// Small pieces the Messages, report and Home screens share: the user's zone, phone
// names, and the words for a status (the failure catalogue for failures, statusHelp for the others).

/** The zone dates are shown and picked in: Settings, else this computer's. */
export function useTimeZone(): string {
  const settings = useInvoke('settings:get');
  return effectiveTimeZone(settings.data?.settings.timeZone);
}

/**
 * "Last synced 2 minutes ago": the clock `now` ticks every 15 s, so a sync that finished since the last tick
 * is later than `now`; it reads "now", never "in 1 second".
 */
export function formatSyncedAgo(lastSyncAt: number, now: number, language: string): string {
  return formatRelative(new Date(Math.min(lastSyncAt, now)).toISOString(), now, language);
}

/** Device id → its title, from the phone monitor (falls back to "Phone 12"). */
export function usePhoneNames(t: TFunction): (deviceId: number) => string {
  const snapshot = useInvoke('devices:snapshot');
  return useMemo(() => {
    const titles = new Map((snapshot.data?.devices ?? []).map((view) => [view.device.id, view.device.title]));
    return (deviceId: number) => titles.get(deviceId) ?? t('messages.filters.phoneName', { id: deviceId });
  }, [snapshot.data, t]);
}

export const channelName = (t: TFunction, sim: SimSlot): string => t(`settings.sim.${String(sim) as '0'}`);

/** Title, meaning and what to do for a status code, in the user's language (failures have their own words). */
export function statusWords(t: TFunction, code: MessageStatusCode): { title: string; what: string; todo: string } {
  if (MESSAGE_STATUS[code].outcome === 'failed') {
    const key = `failures.${String(code) as '8'}` as const;
    return { title: t(`${key}.title`), what: t(`${key}.what`), todo: t(`${key}.todo`) };
  }
  const key = `messages.statusHelp.${String(code) as '1'}` as const;
  return { title: t(`${key}.title`), what: t(`${key}.what`), todo: t(`${key}.todo`) };
}

/** The five groups' tone, used for pills and chart colours (CSS classes, never inline colours). */
export const GROUP_TONE: Record<StatusGroup, 'good' | 'bad' | 'warn' | 'info' | 'neutral'> = {
  delivered: 'good',
  failed: 'bad',
  waiting: 'warn',
  sent: 'info',
  incoming: 'neutral',
};

export function groupOf(code: MessageStatusCode): StatusGroup {
  const { outcome, final } = MESSAGE_STATUS[code];
  if (outcome === 'pending') return 'waiting';
  if (outcome === 'good') return final ? 'delivered' : 'sent';
  return outcome;
}
