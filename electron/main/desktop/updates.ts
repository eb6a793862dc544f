import type { JobState } from '../../../shared/jobs';

// When to look for updates and when to offer the restart, apart from electron-updater (which downloads and
// installs): checks at start and every few hours while the switch in Settings is on; the download happens in
// the background; "Restart to update" is offered only while no job is running (never mid-campaign), once per
// version, and otherwise the update installs when the app quits.

export const FIRST_CHECK_DELAY_MS = 30_000;
export const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;
const MAX_NOTES = 1500;

/** States during which a restart would interrupt work. */
export const BUSY_JOB_STATES: readonly JobState[] = ['queued', 'running'];

export interface UpdateInfo {
  version: string;
  /** Plain text, already trimmed (see releaseNotesText). */
  notes: string;
}

/** What electron-updater does for us (autoDownload on, autoInstallOnAppQuit on). */
export interface UpdaterPort {
  /** Looks at the feed; a newer version starts downloading in the background. Resolves with the feed's version or null. */
  check(): Promise<string | null>;
  /** Quits and installs the downloaded update. */
  install(): void;
}

export interface UpdateTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface UpdateDeps {
  port: UpdaterPort;
  currentVersion: string;
  enabled(): boolean;
  jobsBusy(): Promise<boolean>;
  /** Shows the offer with the release notes; true = restart now. */
  offer(info: UpdateInfo): Promise<boolean>;
  /** A manual check's answer ("up to date", "failed: …"); automatic checks stay quiet. */
  tell(result: { kind: 'up-to-date'; version: string } | { kind: 'failed'; reason: string } | { kind: 'waiting-for-jobs' }): void;
  timers: UpdateTimers;
  log: (line: string) => void;
}

export interface UpdateController {
  /** At start: schedules the first check and the periodic ones (when enabled). */
  start(): void;
  /** The Settings switch changed. */
  settingsChanged(): void;
  /** Help → Check for Updates. */
  checkNow(): Promise<void>;
  /** electron-updater finished downloading. */
  downloaded(info: UpdateInfo): Promise<void>;
  /** A job changed state: a waiting offer may now be made. */
  jobsChanged(): Promise<void>;
  stop(): void;
}

export function createUpdateController(deps: UpdateDeps): UpdateController {
  let timer: unknown = null;
  let pending: UpdateInfo | null = null;
  const offered = new Set<string>();
  let offering = false;

  const schedule = (ms: number) => {
    if (timer !== null) deps.timers.clearTimeout(timer);
    timer = null;
    if (!deps.enabled()) return;
    timer = deps.timers.setTimeout(() => {
      timer = null;
      void check(false).finally(() => schedule(CHECK_EVERY_MS));
    }, ms);
  };

  async function check(manual: boolean): Promise<void> {
    try {
      const before = pending;
      const version = await deps.port.check();
      deps.log(`[updates] feed says ${version ?? 'nothing'} (running ${deps.currentVersion})`);
      if (!manual) return;
      // Asked by hand: a download declined earlier is offered again; one that arrived during this check was
      // offered by downloaded() unless jobs run (then say why it waits); nothing newer: up to date.
      if (pending && pending === before) await offerIfIdle(true);
      else if (pending) {
        if (await deps.jobsBusy()) deps.tell({ kind: 'waiting-for-jobs' });
      } else if (version === null || !isNewer(version, deps.currentVersion))
        deps.tell({ kind: 'up-to-date', version: deps.currentVersion });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      deps.log(`[updates] check failed: ${reason}`);
      if (manual) deps.tell({ kind: 'failed', reason });
    }
  }

  async function offerIfIdle(manual = false): Promise<void> {
    if (!pending || offering || (!manual && offered.has(pending.version))) return;
    if (await deps.jobsBusy()) {
      if (manual) deps.tell({ kind: 'waiting-for-jobs' });
      return;
    }
    const info = pending;
    offering = true;
    offered.add(info.version);
    try {
      const restart = await deps.offer(info);
      // A job may have started while the question was open: the update then waits for the quit.
      if (restart && !(await deps.jobsBusy())) deps.port.install();
    } finally {
      offering = false;
    }
  }

  return {
    start: () => schedule(FIRST_CHECK_DELAY_MS),
    settingsChanged: () => {
      if (!deps.enabled()) schedule(0);
      else if (timer === null) schedule(FIRST_CHECK_DELAY_MS);
    },
    checkNow: () => check(true),
    downloaded: async (info) => {
      pending = info;
      await offerIfIdle();
    },
    jobsChanged: () => offerIfIdle(),
    stop: () => {
      if (timer !== null) deps.timers.clearTimeout(timer);
      timer = null;
    },
  };
}

/** True when `a` is a later semver than `b` (pre-release tags count as earlier). */
export function isNewer(a: string, b: string): boolean {
  const parse = (v: string) => {
    const [core = '', pre] = v.replace(/^v/, '').split('-', 2);
    return { parts: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre: pre ?? null };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  if (x.pre === y.pre) return false;
  if (x.pre === null) return true;
  if (y.pre === null) return false;
  return x.pre > y.pre;
}

/** electron-updater's release notes (HTML or per-version list) as short plain text for a dialog. */
export function releaseNotesText(notes: string | readonly { version: string; note: string | null }[] | null | undefined): string {
  const raw = typeof notes === 'string' ? notes : (notes ?? []).map((n) => `${n.version}: ${n.note ?? ''}`).join('\n');
  const text = raw
    .replace(/<\s*(br|\/p|\/li|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text.length > MAX_NOTES ? `${text.slice(0, MAX_NOTES - 1).trimEnd()}…` : text;
}

/**
 * The feed: RELAY_UPDATE_URL overrides the one built into the app (electron-builder's `publish`, a generic
 * provider: any static host with latest.yml). Only https (or http to this computer, for tests).
 */
export function feedUrl(env: NodeJS.ProcessEnv): string | null {
  const url = env['RELAY_UPDATE_URL']?.trim();
  if (!url) return null;
  try {
    const parsed = new URL(url);
    const local = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && local) ? parsed.href : null;
  } catch {
    return null;
  }
}
