import type { Sandbox } from './index';
import { ControlError } from './server';
import type { SmsPermission } from './state';

// /__sandbox/<action>: the sandbox handle's controls over HTTP, for a sandbox in another process (the
// app's e2e runs, `npm run sandbox`, a script). Fields come from the query or an urlencoded POST.
//
//   start-newsletter  paket_id                         press start on the phone
//   faults            drop_every=N | drop_next=N | off  drop replies after committing writes
//   latency           ms                               delay before every gateway reply
//   advance           ms                               manual clock only
//   device            device_id, online=0|1, sms_permission=granted|not-allowed-on-phone|not-allowed
//   receive           device_id, from, body, sim?      an incoming message (status 5)
//   seed-history      count, days?, seed?              months of history at once
//   status            (nothing)                        the clock, fault counters, latency

const PERMISSIONS: readonly SmsPermission[] = ['granted', 'not-allowed-on-phone', 'not-allowed'];

export function createControl(sandbox: Sandbox): (action: string, params: Map<string, string>) => Promise<Record<string, unknown>> {
  return async (action, params) => {
    const int = (name: string, optional = false): number | undefined => {
      const raw = params.get(name);
      if ((raw === undefined || raw === '') && optional) return undefined;
      if (raw === undefined || !/^\d{1,15}$/.test(raw)) throw new Error(`${name} must be a whole number`);
      return Number(raw);
    };
    const need = (name: string): number => int(name)!;
    switch (action) {
      case 'start-newsletter':
        sandbox.startNewsletter(need('paket_id'));
        return { ok: true };
      case 'faults': {
        const every = int('drop_every', true);
        const next = int('drop_next', true);
        if (every !== undefined) sandbox.dropRepliesAfterCommit({ every });
        else if (next !== undefined) sandbox.dropRepliesAfterCommit({ next });
        else if (params.get('off') !== undefined) sandbox.dropRepliesAfterCommit(null);
        else throw new Error('give drop_every, drop_next or off');
        return { ok: true };
      }
      case 'latency': {
        const latencyMs = need('ms');
        sandbox.setLatency(latencyMs);
        return { ok: true, latencyMs };
      }
      case 'advance':
        await sandbox.advance(need('ms'));
        return { ok: true, now: sandbox.now().toISOString() };
      case 'device': {
        const deviceId = need('device_id');
        const online = params.get('online');
        const permission = params.get('sms_permission');
        if (online !== undefined) {
          if (online !== '0' && online !== '1') throw new Error('online must be 0 or 1');
          sandbox.setDeviceOnline(deviceId, online === '1');
        }
        if (permission !== undefined) {
          if (!PERMISSIONS.includes(permission as SmsPermission))
            throw new Error(`sms_permission must be one of ${PERMISSIONS.join(', ')}`);
          sandbox.setSmsPermission(deviceId, permission as SmsPermission);
        }
        return { ok: true };
      }
      case 'receive': {
        const from = params.get('from') ?? '';
        const body = params.get('body') ?? '';
        if (from.trim() === '' || body === '') throw new Error('from and body are required');
        return { ok: true, sms_id: sandbox.receiveSms({ deviceId: need('device_id'), from, body, sim: int('sim', true) }) };
      }
      case 'seed-history': {
        const summary = sandbox.seedHistory({ count: need('count'), days: int('days', true), seed: int('seed', true) });
        return { ok: true, count: summary.count, from: summary.from.toISOString(), to: summary.to.toISOString() };
      }
      case 'status':
        return {
          ok: true,
          now: sandbox.now().toISOString(),
          faults: sandbox.faultStats(),
          waitingNewsletters: sandbox.waitingNewsletters(),
        };
      default:
        throw new ControlError(`unknown sandbox control ${action}`, 404);
    }
  };
}
