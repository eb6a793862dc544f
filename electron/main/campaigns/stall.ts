// The stall warning: a phone took messages of a campaign (status 2) and has reported nothing since, for
// longer than a limit. "Reported" is any status change of that phone's messages in the campaign, as the
// read-backs see it. One desktop notification per stall: a stall is named by its phone and the time of that
// phone's last report, so the same silence is announced once and a later one again.

export const DEFAULT_STALL_MS = 10 * 60_000;

export interface PhoneProgress {
  deviceId: number;
  /** The campaign's messages on this phone in status 2 (taken, no result yet). */
  taken: number;
  /** When a status change of this phone's messages was last seen (epoch ms), or null. */
  lastReportAt: number | null;
}

export interface Stall {
  deviceId: number;
  /** The phone's last report: silent since then. */
  sinceMs: number;
}

/** The phone silent the longest among those holding taken messages past the limit, or null. */
export function findStall(phones: readonly PhoneProgress[], now: number, stallMs: number = DEFAULT_STALL_MS): Stall | null {
  let worst: Stall | null = null;
  for (const p of phones) {
    if (p.taken <= 0 || p.lastReportAt === null) continue;
    if (now - p.lastReportAt < stallMs) continue;
    if (!worst || p.lastReportAt < worst.sinceMs) worst = { deviceId: p.deviceId, sinceMs: p.lastReportAt };
  }
  return worst;
}

/** A stall is announced once: `notified` is the `sinceMs` of the last one announced (0 = none). */
export function shouldAnnounce(stall: Stall | null, notified: number): boolean {
  return stall !== null && stall.sinceMs !== notified;
}
