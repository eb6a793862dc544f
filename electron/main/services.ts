import type { AppInfo } from '../../shared/domain';
import { pickLanguage } from '../../shared/language';
import type { EmitEvent, GatewayHealth, Handlers, MonitorSnapshot } from '../../shared/ipc';
import { createGatewayClient } from './gateway';
import { startSandbox } from './sandbox-loader';
import { createSettingsService, type OpenSettingsFile } from './settings';
import { createSessionService, createTokenStore, type KeytarLoader, type SafeStorage, type SandboxHandle } from './session';
import { createDeviceMonitor } from './devices';
import { systemClock, type MonitorClock } from './lib';
import { healthChanged, healthFromSnapshot, UNKNOWN_HEALTH } from './devices/health';

// Composition root for the main-process services. The Electron app and the e2e harness both call
// createServices: only the platform deps (Electron's, or test doubles) and the transport differ.

export interface PlatformDeps {
  appInfo: AppInfo;
  /** Where settings, the session record and (with safeStorage) the encrypted token live. */
  dataDir: string;
  notify: (notification: { title: string; body: string }) => void;
  safeStorage: SafeStorage | null;
  /** electron-store in the app; conf (same file format) where Electron is absent. */
  openSettingsFile?: OpenSettingsFile;
  keytarLoader?: KeytarLoader;
  clock?: MonitorClock;
  /** The in-process sandbox behind "Try without an account"; tests pass one on a manual clock. */
  startSandbox?: () => Promise<SandboxHandle>;
}

export interface ServiceDeps extends PlatformDeps {
  emit: EmitEvent;
  log: (line: string) => void;
}

export interface Services {
  handlers: Handlers;
  dispose(): Promise<void>;
}

export async function createServices(deps: ServiceDeps): Promise<Services> {
  const { emit, log } = deps;
  const settings = createSettingsService({
    dir: deps.dataDir,
    log,
    ...(deps.openSettingsFile ? { openFile: deps.openSettingsFile } : {}),
    onChange: (s) => emit('settings:changed', s),
  });
  const tokenStore = createTokenStore({
    dataDir: deps.dataDir,
    safeStorage: deps.safeStorage,
    log,
    ...(deps.keytarLoader ? { keytarLoader: deps.keytarLoader } : {}),
  });

  let health: GatewayHealth = UNKNOWN_HEALTH;
  const updateHealth = (snapshot: MonitorSnapshot) => {
    const next = healthFromSnapshot(snapshot);
    const changed = healthChanged(health, next);
    health = next;
    if (changed) emit('gateway:health', health);
  };
  const emitAndTrack: EmitEvent = (event, payload) => {
    emit(event, payload);
    if (event === 'devices:changed') updateHealth(payload as MonitorSnapshot);
  };

  const session = createSessionService({
    settings,
    tokenStore,
    createClient: (baseUrl, token) => createGatewayClient({ baseUrl, token, log }),
    startSandbox: deps.startSandbox ?? (() => startSandbox()),
    emit,
    log,
  });

  const monitor = createDeviceMonitor({
    client: () => session.client(),
    emit: emitAndTrack,
    notify: deps.notify,
    settings: () => {
      const s = settings.get();
      return {
        pollSeconds: s.devicePollSeconds,
        notifyOffline: s.notifications.deviceOffline,
        notifyOnline: s.notifications.deviceOnline,
        language: s.language ?? pickLanguage(deps.appInfo.locale),
      };
    },
    clock: deps.clock ?? systemClock,
    log,
  });
  session.onChange((state) => (state.signedIn ? monitor.start() : monitor.stop()));
  await session.restore();
  if (session.get().signedIn) monitor.start();

  const handlers: Handlers = {
    'app:info': () => deps.appInfo,
    'session:get': () => session.get(),
    'session:signIn': (input) => session.signIn(input),
    'session:trySandbox': () => session.trySandbox(),
    'session:signOut': () => session.signOut(),
    'session:answerStorage': (input) => session.answerStorage(input),
    'settings:get': () => settings.getView(),
    'settings:update': (patch) => settings.update(patch),
    'gateway:health': () => health,
    'devices:snapshot': () => monitor.snapshot(),
    'devices:refresh': () => monitor.refresh(),
  };

  return {
    handlers,
    dispose: async () => {
      monitor.dispose();
      await session.dispose();
    },
  };
}
