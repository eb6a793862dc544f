import type { AppInfo } from '../../shared/domain';
import type { EmitEvent, Handlers } from '../../shared/ipc';
import { createAccountScopes, type AccountScopes } from './account/scope';
import { createAppCapability } from './app';
import { createCampaignsCapability } from './campaigns/capability';
import { createResultsCapability } from './campaigns/results-capability';
import { createContactsCapability } from './contacts/capability';
import { createDesktopCapability, type DesktopShell } from './desktop/capability';
import { createDevicesCapability } from './devices/capability';
import { createGatewayClient } from './gateway';
import { createInboxCapability } from './inbox/capability';
import { trayReplies } from './inbox/replies';
import { createJobsCapability } from './jobs/capability';
import { createMessagesCapability } from './messages/capability';
import { systemClock, type MonitorClock } from './lib';
import { startSandbox } from './sandbox-loader';
import { createSessionService, createTokenStore, type KeytarLoader, type SafeStorage, type SandboxHandle } from './session';
import { createSessionCapability } from './session/capability';
import { createSettingsService, type OpenSettingsFile } from './settings';
import { createSettingsCapability } from './settings/capability';

// Composition root for the main-process services. The Electron app and the e2e harness both call
// createServices: only the platform deps (Electron's, or test doubles) and the transport differ.
// It builds the shared pieces (settings, session, gateway access) and spreads the capabilities' handlers;
// each capability (electron/main/<name>/) owns its channels and subscribes to what it needs.

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface PlatformDeps {
  appInfo: AppInfo;
  /** Where settings, the session record and (with safeStorage) the encrypted token live. */
  dataDir: string;
  /** A desktop notification; `screen` (e.g. "/devices") is what clicking it opens. */
  notify: (notification: { title: string; body: string; screen?: string }) => void;
  safeStorage: SafeStorage | null;
  /**
   * Main reads and writes files itself: the user picks one in the OS dialog (Electron's in the app, a
   * double in tests) and the renderer never receives a path it could read. null = cancelled.
   */
  pickFile?: (options: { title: string; filters: FileFilter[] }) => Promise<string | null>;
  saveFile?: (options: { title: string; defaultName: string; filters: FileFilter[] }) => Promise<string | null>;
  /** The window printed with its print stylesheet, as PDF bytes (Electron's printToPDF; absent: not offered). */
  printToPdf?: () => Promise<Uint8Array>;
  /** Hands a link main already checked against the allow-list to the system browser. */
  openExternal?: (url: string) => void | Promise<void>;
  /** The tray's tooltip ('' = its default words) and badge count where the OS has one. */
  setTrayStatus?: (text: string, badgeCount: number) => void;
  /** electron-store in the app; conf (same file format) where Electron is absent. */
  openSettingsFile?: OpenSettingsFile;
  keytarLoader?: KeytarLoader;
  clock?: MonitorClock;
  /** The in-process sandbox behind "Try without an account"; tests pass one on a manual clock. */
  startSandbox?: () => Promise<SandboxHandle>;
  /** Clipboard and file manager for Settings → Copy diagnostics / the logs folder (absent: they do nothing). */
  desktopShell?: DesktopShell;
}

export interface ServiceDeps extends PlatformDeps {
  emit: EmitEvent;
  log: (line: string) => void;
}

export interface Services {
  handlers: Handlers;
  /** The signed-in account's database and job runner. */
  scopes: AccountScopes;
  dispose(): Promise<void>;
}

/** How long `session:get` waits for a slow keychain before the window shows the sign-in screen. */
export const RESTORE_WAIT_MS = 5_000;

export async function createServices(deps: ServiceDeps): Promise<Services> {
  const { emit, log } = deps;
  const clock = deps.clock ?? systemClock;
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
  const session = createSessionService({
    settings,
    tokenStore,
    createClient: (baseUrl, token) => createGatewayClient({ baseUrl, token, log }),
    startSandbox: deps.startSandbox ?? startSandbox,
    emit,
    log,
  });

  // The account's database and jobs follow the session and the gateway's health: signed out or unreachable,
  // jobs wait; back, they carry on.
  const scopes = createAccountScopes({ dataDir: deps.dataDir, emit, log, clock });
  session.onChange((state) => scopes.sessionChanged(state));

  const app = createAppCapability(deps.appInfo);
  const desktop = createDesktopCapability({ appInfo: deps.appInfo, settings, shell: deps.desktopShell });
  const sessionCapability = createSessionCapability(session);
  const settingsCapability = createSettingsCapability(settings);
  // Each capability's notifications open its own screen when clicked.
  const notifyFrom = (screen: string) => (n: { title: string; body: string }) => deps.notify({ ...n, screen });
  const devices = createDevicesCapability({ appInfo: deps.appInfo, session, settings, emit, notify: notifyFrom('/devices'), clock, log });
  devices.onHealth((health) => scopes.healthChanged(health));
  const jobs = createJobsCapability(scopes);
  const campaigns = createCampaignsCapability({
    session, settings, scopes, emit, notify: notifyFrom('/campaigns'), clock, log, phones: devices.monitor,
    history: { syncSoon: () => messages.syncSoon() },
    ...(deps.pickFile ? { pickFile: deps.pickFile } : {}),
    ...(deps.saveFile ? { saveFile: deps.saveFile } : {}),
  });

  const contacts = createContactsCapability({
    session, settings, scopes, emit, notify: notifyFrom('/contacts'), clock, log, locale: deps.appInfo.locale,
    ...(deps.pickFile ? { pickFile: deps.pickFile } : {}),
    ...(deps.saveFile ? { saveFile: deps.saveFile } : {}),
  });

  // The tray shows the messages' line and the unread replies. The messages capability updates it after every
  // sync and refresh, which is also when new replies may have come in: the inbox looks then.
  let messagesTray = { text: '', badge: 0 };
  const showTray = () => {
    const replies = inbox.unreadReplies();
    const line = trayReplies(replies, settings.get().language ?? 'en');
    deps.setTrayStatus?.([messagesTray.text, line].filter(Boolean).join('\n'), messagesTray.badge + replies);
  };
  const messages = createMessagesCapability({
    session, settings, scopes, emit, notify: notifyFrom('/messages'), clock, log, locale: deps.appInfo.locale,
    ...(deps.saveFile ? { saveFile: deps.saveFile } : {}),
    ...(deps.openExternal ? { openExternal: deps.openExternal } : {}),
    setTrayStatus: (text, badge) => {
      messagesTray = { text, badge };
      inbox.mirrorMoved();
      showTray();
    },
  });

  const inbox = createInboxCapability({
    session, settings, scopes, emit, notify: notifyFrom('/inbox'), clock, log, locale: deps.appInfo.locale,
    history: { syncSoon: () => messages.syncSoon() },
    onCounts: showTray,
  });

  const results = createResultsCapability({
    settings, scopes, clock, locale: deps.appInfo.locale,
    ...(deps.saveFile ? { saveFile: deps.saveFile } : {}),
    ...(deps.printToPdf ? { printToPdf: deps.printToPdf } : {}),
  });

  // The stored session restores in the background: a keychain that never answers must not hold the
  // window. session:get waits for it a little, so a normal start does not flash the sign-in screen.
  const restored = session.restore().then(
    () => undefined,
    (error: unknown) => log(`[services] session restore failed: ${String(error)}`),
  );
  const untilRestored = () =>
    Promise.race([restored, new Promise<void>((resolve) => clock.setTimeout(resolve, RESTORE_WAIT_MS))]);

  const handlers: Handlers = {
    ...app.handlers,
    ...sessionCapability.handlers,
    'session:get': async () => {
      await untilRestored();
      return session.get();
    },
    ...settingsCapability.handlers,
    ...devices.handlers,
    ...jobs.handlers,
    ...campaigns.handlers,
    ...contacts.handlers,
    ...messages.handlers,
    ...inbox.handlers,
    ...results.handlers,
    ...desktop.handlers,
  };

  return {
    handlers,
    scopes,
    dispose: async () => {
      await restored;
      devices.dispose();
      messages.dispose?.();
      campaigns.dispose?.();
      await contacts.dispose?.();
      // Graceful: no new request leaves, requests in flight finish and are journaled, then the database closes.
      await scopes.dispose();
      await sessionCapability.dispose?.();
    },
  };
}
