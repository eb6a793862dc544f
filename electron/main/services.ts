import { effectiveLanguage } from '../../shared/language';
import type { EmitEvent, Handlers } from '../../shared/ipc';
import { createAccountScopes, type AccountScopes } from './account/scope';
import { createAppCapability } from './app';
import { createCampaignsCapability, createResultsCapability } from './campaigns';
import type { CampaignsChange } from '../../shared/ipc';
import { createNewslettersCapability } from './newsletters';
import { createOptOutsCapability } from './optouts';
import { createSendingCapability } from './sending';
import { createContactsCapability } from './contacts';
import { createDesktopCapability, type DesktopShell } from './desktop';
import { createDevicesCapability } from './devices';
import { createGatewayClient } from './gateway';
import { createInboxCapability, trayReplies } from './inbox';
import { createJobsCapability } from './jobs/capability';
import { createMessagesCapability } from './messages';
import { systemClock, type MonitorClock } from './lib';
import type { PlatformPieces } from './platform';
import { startSandbox } from './sandbox-loader';
import {
  createSessionService,
  createTokenStore,
  type KeytarLoader,
  type SafeStorage,
  type SandboxHandle,
  createSessionCapability,
} from './session';
import { createSettingsService, type OpenSettingsFile, createSettingsCapability } from './settings';

// Composition root for the main-process services. The Electron app and the e2e harness both call
// createServices: only the platform deps (Electron's, or test doubles) and the transport differ.
// It builds the shared pieces (settings, session, gateway access) and spreads the capabilities' handlers;
// each capability (electron/main/<name>/) owns its channels and subscribes to what it needs.

/** What the app (Electron's pieces) or a test harness (doubles) hands the composition root. */
export interface PlatformDeps extends Omit<PlatformPieces, 'emit' | 'log'> {
  /** Where settings, the session record and (with safeStorage) the encrypted token live. */
  dataDir: string;
  safeStorage: SafeStorage | null;
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
  const settingsCapability = createSettingsCapability(settings);
  // Each capability's notifications open its own screen when clicked.
  const notifyFrom = (screen: string) => (n: { title: string; body: string }) => deps.notify({ ...n, screen });
  const devices = createDevicesCapability({ appInfo: deps.appInfo, session, settings, emit, notify: notifyFrom('/devices'), clock, log });
  devices.onHealth((health) => scopes.healthChanged(health));
  const jobs = createJobsCapability(scopes);
  // The sending capabilities: the opt-out list guards the other three; each pushes its own event.
  const changed = (change: CampaignsChange) => {
    if (change.what === 'campaign') emit('campaigns:changed', change);
    else if (change.what === 'newsletter') emit('newsletters:changed', { id: change.id });
    else if (change.what === 'send') emit('sending:changed', { id: change.id });
    else emit('optouts:changed', {});
  };
  const history = { syncSoon: () => messages.syncSoon(), syncing: () => messages.syncing() };
  const optouts = createOptOutsCapability({ session, settings, scopes, clock, log, changed: () => changed({ what: 'suppression' }) });
  const campaigns = createCampaignsCapability({
    session,
    settings,
    scopes,
    notify: notifyFrom('/campaigns'),
    clock,
    log,
    phones: devices.monitor,
    optOuts: optouts.guard,
    changed,
    history,
    ...(deps.pickFile ? { pickFile: deps.pickFile } : {}),
    ...(deps.saveFile ? { saveFile: deps.saveFile } : {}),
  });
  const newsletters = createNewslettersCapability({
    session,
    scopes,
    clock,
    optOuts: optouts.guard,
    campaigns: campaigns.service,
    phones: campaigns.phones,
    devices: devices.monitor,
    mirror: campaigns.mirror,
    changed,
    history,
  });
  const sending = createSendingCapability({
    session,
    settings,
    scopes,
    clock,
    optOuts: optouts.guard,
    changed: (id) => changed({ what: 'send', id }),
    history,
    ...(deps.pickFile ? { pickFile: deps.pickFile } : {}),
  });

  const contacts = createContactsCapability({
    session,
    settings,
    scopes,
    emit,
    notify: notifyFrom('/contacts'),
    clock,
    log,
    locale: deps.appInfo.locale,
    ...(deps.pickFile ? { pickFile: deps.pickFile } : {}),
    ...(deps.saveFile ? { saveFile: deps.saveFile } : {}),
  });

  // The tray shows the messages' line and the unread replies. The messages capability updates it after every
  // sync and refresh, which is also when new replies may have come in: the inbox looks then.
  let messagesTray = { text: '', badge: 0 };
  const showTray = () => {
    const replies = inbox.unreadReplies();
    const line = trayReplies(replies, effectiveLanguage(settings.get().language, deps.appInfo.locale));
    deps.setTrayStatus?.([messagesTray.text, line].filter(Boolean).join('\n'), messagesTray.badge + replies);
  };
  const messages = createMessagesCapability({
    session,
    settings,
    scopes,
    emit,
    notify: notifyFrom('/messages'),
    clock,
    log,
    locale: deps.appInfo.locale,
    ...(deps.saveFile ? { saveFile: deps.saveFile } : {}),
    ...(deps.openExternal ? { openExternal: deps.openExternal } : {}),
    setTrayStatus: (text, badge) => {
      messagesTray = { text, badge };
      inbox.mirrorMoved();
      showTray();
    },
  });

  const inbox = createInboxCapability({
    session,
    settings,
    scopes,
    emit,
    notify: notifyFrom('/inbox'),
    clock,
    log,
    locale: deps.appInfo.locale,
    history: { syncSoon: () => messages.syncSoon() },
    onCounts: showTray,
  });

  const results = createResultsCapability({
    settings,
    scopes,
    clock,
    locale: deps.appInfo.locale,
    ...(deps.saveFile ? { saveFile: deps.saveFile } : {}),
    ...(deps.printToPdf ? { printToPdf: deps.printToPdf } : {}),
  });

  // Last: the stored session's restore starts here, once every capability listens to the session.
  const sessionCapability = createSessionCapability(session, { clock, log });

  const handlers: Handlers = {
    ...app.handlers,
    ...sessionCapability.handlers,
    ...settingsCapability.handlers,
    ...devices.handlers,
    ...jobs.handlers,
    ...campaigns.handlers,
    ...newsletters.handlers,
    ...sending.handlers,
    ...optouts.handlers,
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
      // A restore still under way may yet open the account: let it end before anything closes.
      await sessionCapability.restored;
      devices.dispose();
      await messages.dispose?.();
      await campaigns.dispose?.();
      await contacts.dispose?.();
      // Graceful: no new request leaves, requests in flight finish and are journaled, then the database closes.
      await scopes.dispose();
      await sessionCapability.dispose();
    },
  };
}
