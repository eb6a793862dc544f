import type { GatewayHealth, MonitorSnapshot } from '../../../shared/ipc';

// "Does the gateway answer?" for the status bar is what the device monitor last learnt: it polls anyway,
// so a second heartbeat would only double the requests.

export const UNKNOWN_HEALTH: GatewayHealth = Object.freeze({ reachable: null, checkedAt: null, unreachableSince: null });

export function healthFromSnapshot(snapshot: MonitorSnapshot): GatewayHealth {
  if (!snapshot.running || (snapshot.lastPollAt === null && snapshot.unreachableSince === null)) return UNKNOWN_HEALTH;
  return {
    reachable: snapshot.unreachableSince === null,
    checkedAt: snapshot.lastPollAt,
    unreachableSince: snapshot.unreachableSince,
  };
}

/** Only a change the user would see (reachable flips, or a new outage start) is worth a push. */
export function healthChanged(before: GatewayHealth, after: GatewayHealth): boolean {
  return before.reachable !== after.reachable || before.unreachableSince !== after.unreachableSince;
}
