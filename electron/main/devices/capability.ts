import { effectiveLanguage } from '../../../shared/language';
import type { Capability, GatewayHealth } from '../../../shared/ipc';
import type { MonitorClock } from '../lib/clock';
import type { SessionService } from '../session';
import type { PlatformPieces } from '../platform';
import type { SettingsService } from '../settings';
import { healthChanged, healthFromSnapshot, UNKNOWN_HEALTH } from './health';
import { createDeviceMonitor, type DeviceMonitor } from './monitor';

// The phone monitor while signed in, and the gateway's health as its polls see it (no second heartbeat).

/** The platform's pieces this capability uses (platform.ts). */
export interface DevicesDeps extends Pick<PlatformPieces, 'appInfo' | 'emit' | 'notify' | 'log'> {
  session: Pick<SessionService, 'client' | 'get' | 'onChange'>;
  settings: Pick<SettingsService, 'get'>;
  clock: MonitorClock;
}

export interface DevicesCapability extends Capability<'devices'> {
  monitor: DeviceMonitor;
  health(): GatewayHealth;
  /** Called with every health change the user would see (the job runner holds jobs while unreachable). */
  onHealth(listener: (health: GatewayHealth) => void): () => void;
  dispose(): void;
}

export function createDevicesCapability(deps: DevicesDeps): DevicesCapability {
  let health: GatewayHealth = UNKNOWN_HEALTH;
  const healthListeners = new Set<(health: GatewayHealth) => void>();

  const monitor = createDeviceMonitor({
    client: () => deps.session.client(),
    emit: deps.emit,
    onSnapshot: (snapshot) => {
      const next = healthFromSnapshot(snapshot);
      const changed = healthChanged(health, next);
      health = next;
      if (!changed) return;
      deps.emit('gateway:health', health);
      for (const listener of healthListeners) listener(health);
    },
    notify: deps.notify,
    settings: () => {
      const s = deps.settings.get();
      return {
        pollSeconds: s.devicePollSeconds,
        notifyOffline: s.notifications.deviceOffline,
        notifyOnline: s.notifications.deviceOnline,
        language: effectiveLanguage(s.language, deps.appInfo.locale),
      };
    },
    clock: deps.clock,
    log: deps.log,
  });

  const unsubscribe = deps.session.onChange((state) => (state.signedIn ? monitor.start() : monitor.stop()));
  if (deps.session.get().signedIn) monitor.start();

  return {
    monitor,
    health: () => health,
    onHealth: (listener) => {
      healthListeners.add(listener);
      return () => healthListeners.delete(listener);
    },
    handlers: {
      'gateway:health': () => health,
      'devices:snapshot': () => monitor.snapshot(),
      'devices:refresh': () => monitor.refresh(),
    },
    dispose: () => {
      unsubscribe();
      monitor.dispose();
    },
  };
}
