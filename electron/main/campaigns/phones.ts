import { Temporal } from 'temporal-polyfill';
import type { Db } from '../db';
import { isOnline } from '../devices';
import type { GatewayClient } from '../gateway/types';
import type { PhoneHealth } from './pacing';

// The phones a campaign is planned on: as the monitor sees them (the window) or from one read (the CLI), and
// what each already has scheduled on a day (daily caps count every campaign).

export interface PhoneInfo {
  deviceId: number;
  title: string;
  online: boolean;
  sendDelaySeconds: number | null;
  /** From the monitor's transitions (./health.ts); absent: good when online, else offline. */
  health?: PhoneHealth;
}

export const healthOf = (info: PhoneInfo): PhoneHealth => (info.online ? (info.health ?? 'good') : 'offline');

/**
 * Messages of every campaign scheduled on the local day (in `zone`) that holds `at`, per `deviceId:sim`.
 * Chunks of cancelled or failed jobs count only when their request left (sent, found or needing attention).
 */
export function scheduledOnDay(db: Db, at: number, zone: string, jobState: (jobId: number) => string | null): Map<string, number> {
  const day = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone).startOfDay();
  const dayStart = day.epochMilliseconds;
  const dayEnd = day.add({ days: 1 }).startOfDay().epochMilliseconds;
  const rows = db
    .prepare(
      `SELECT k.device_id AS deviceId, k.sim, k.send_at AS sendAt, k.count, k.spacing_ms AS spacingMs, k.state, c.job_id AS jobId
       FROM campaign_chunks k JOIN campaigns c ON c.id = k.campaign_id
       WHERE k.send_at < ? AND k.send_at + (k.count - 1) * k.spacing_ms >= ?`,
    )
    .all(dayEnd, dayStart) as {
    deviceId: number;
    sim: number;
    sendAt: number;
    count: number;
    spacingMs: number;
    state: string;
    jobId: number | null;
  }[];
  const used = new Map<string, number>();
  const stopped = new Map<number, boolean>();
  for (const r of rows) {
    if (r.state === 'planned' && r.jobId !== null) {
      if (!stopped.has(r.jobId)) stopped.set(r.jobId, ['cancelled', 'failed'].includes(jobState(r.jobId) ?? ''));
      if (stopped.get(r.jobId)) continue;
    }
    // Message i goes at sendAt + i × spacing: those within [dayStart, dayEnd).
    const step = Math.max(1, r.spacingMs);
    const first = r.sendAt >= dayStart ? 0 : Math.ceil((dayStart - r.sendAt) / step);
    const last = Math.min(r.count - 1, Math.ceil((dayEnd - r.sendAt) / step) - 1);
    if (last < first) continue;
    const key = `${r.deviceId}:${r.sim}`;
    used.set(key, (used.get(key) ?? 0) + last - first + 1);
  }
  return used;
}

/** The account's phones from one getalldevices read, with the monitor's online rule (the CLI has no monitor). */
export async function phonesFromGateway(client: GatewayClient, nowMs: number = Date.now()): Promise<PhoneInfo[]> {
  const devices = await client.getAllDevices();
  const offset = client.clockOffsetMs();
  return devices.map((d) => ({
    deviceId: d.id,
    title: d.title,
    online: isOnline(d.lastSeen ? Date.parse(d.lastSeen.iso) : null, d.pollIntervalSeconds, nowMs, offset),
    sendDelaySeconds: d.sendDelaySeconds,
  }));
}
