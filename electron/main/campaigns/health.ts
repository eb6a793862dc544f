import type { PhoneHealth } from './pacing';

// A phone's health for the pacing plan: offline now → offline (its share moves before sending); online but it
// dropped off more than once lately → flaky (half a share, so it is not left holding a large part of the
// campaign if it drops again); otherwise good. The monitor's transition log is the evidence.

/** Offline transitions within this window make a phone flaky. */
export const FLAKY_WINDOW_MS = 24 * 3_600_000;
/** This many offline transitions within the window. */
export const FLAKY_OFFLINE_TRANSITIONS = 2;

export interface Transition {
  deviceId: number;
  /** ISO instant or epoch ms. */
  at: string | number;
  /** The state the phone moved to. */
  online: boolean;
}

export function phoneHealth(deviceId: number, online: boolean, transitions: Iterable<Transition>, now: number): PhoneHealth {
  if (!online) return 'offline';
  let drops = 0;
  for (const t of transitions) {
    if (t.deviceId !== deviceId || t.online) continue;
    const at = typeof t.at === 'number' ? t.at : Date.parse(t.at);
    if (Number.isFinite(at) && at <= now && now - at <= FLAKY_WINDOW_MS) drops += 1;
  }
  return drops >= FLAKY_OFFLINE_TRANSITIONS ? 'flaky' : 'good';
}
