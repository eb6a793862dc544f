import { describe, expect, it, vi } from 'vitest';
import {
  CHECK_EVERY_MS,
  createUpdateController,
  feedUrl,
  FIRST_CHECK_DELAY_MS,
  isNewer,
  releaseNotesText,
  type UpdateDeps,
} from '../../../electron/main/desktop/updates';

function harness(overrides: Partial<UpdateDeps> = {}) {
  const timers: { fn: () => void; at: number }[] = [];
  let now = 0;
  let busy = false;
  let enabled = true;
  const deps: UpdateDeps = {
    port: { check: vi.fn(async () => '1.1.0'), install: vi.fn() },
    currentVersion: '1.0.0',
    enabled: () => enabled,
    jobsBusy: async () => busy,
    offer: vi.fn(async () => true),
    tell: vi.fn(),
    timers: {
      setTimeout: (fn, ms) => {
        const timer = { fn, at: now + ms };
        timers.push(timer);
        return timer;
      },
      clearTimeout: (handle) => {
        const i = timers.indexOf(handle as (typeof timers)[number]);
        if (i >= 0) timers.splice(i, 1);
      },
    },
    log: () => {},
    ...overrides,
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.fn();
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return {
    deps,
    controller: createUpdateController(deps),
    advance,
    pending: () => timers.length,
    setBusy: (value: boolean) => (busy = value),
    setEnabled: (value: boolean) => (enabled = value),
  };
}

describe('update checks', () => {
  it('checks shortly after start and then every few hours', async () => {
    const h = harness();
    h.controller.start();
    await h.advance(FIRST_CHECK_DELAY_MS - 1);
    expect(h.deps.port.check).not.toHaveBeenCalled();
    await h.advance(1);
    expect(h.deps.port.check).toHaveBeenCalledTimes(1);
    await h.advance(CHECK_EVERY_MS);
    expect(h.deps.port.check).toHaveBeenCalledTimes(2);
  });

  it('never checks with the switch off, and starts again when it is turned on', async () => {
    const h = harness();
    h.setEnabled(false);
    h.controller.start();
    await h.advance(CHECK_EVERY_MS * 3);
    expect(h.deps.port.check).not.toHaveBeenCalled();
    h.setEnabled(true);
    h.controller.settingsChanged();
    await h.advance(FIRST_CHECK_DELAY_MS);
    expect(h.deps.port.check).toHaveBeenCalledTimes(1);
    h.setEnabled(false);
    h.controller.settingsChanged();
    expect(h.pending()).toBe(0);
  });

  it('a failed automatic check stays quiet and tries again later; a manual one says why', async () => {
    const h = harness({
      port: { check: vi.fn(async () => Promise.reject(new Error('getaddrinfo ENOTFOUND updates.example\nstack'))), install: vi.fn() },
    });
    h.controller.start();
    await h.advance(FIRST_CHECK_DELAY_MS);
    expect(h.deps.tell).not.toHaveBeenCalled();
    expect(h.pending()).toBe(1);
    await h.controller.checkNow();
    expect(h.deps.tell).toHaveBeenCalledWith({ kind: 'failed', reason: 'getaddrinfo ENOTFOUND updates.example' });
  });

  it('a manual check on the latest version says it is up to date', async () => {
    const h = harness({ port: { check: vi.fn(async () => '1.0.0'), install: vi.fn() } });
    await h.controller.checkNow();
    expect(h.deps.tell).toHaveBeenCalledWith({ kind: 'up-to-date', version: '1.0.0' });
  });
});

describe('restart to update', () => {
  const info = { version: '1.1.0', notes: 'Faster imports' };

  it('is offered with the notes once downloaded, and restarts when accepted', async () => {
    const h = harness();
    await h.controller.downloaded(info);
    expect(h.deps.offer).toHaveBeenCalledWith(info);
    expect(h.deps.port.install).toHaveBeenCalledOnce();
  });

  it('waits while a job runs (never mid-campaign) and is offered when the jobs are done', async () => {
    const h = harness();
    h.setBusy(true);
    await h.controller.downloaded(info);
    await h.controller.jobsChanged();
    expect(h.deps.offer).not.toHaveBeenCalled();
    h.setBusy(false);
    await h.controller.jobsChanged();
    expect(h.deps.offer).toHaveBeenCalledOnce();
  });

  it('does not restart when a job started while the question was open', async () => {
    const h = harness();
    h.deps.offer = vi.fn(async () => {
      h.setBusy(true);
      return true;
    });
    await h.controller.downloaded(info);
    expect(h.deps.port.install).not.toHaveBeenCalled();
  });

  it('Help → Check for Updates offers a declined update again', async () => {
    const offer = vi.fn(async () => false);
    const h = harness({ offer });
    await h.controller.downloaded(info);
    await h.controller.checkNow();
    expect(offer).toHaveBeenCalledTimes(2);
    expect(h.deps.tell).not.toHaveBeenCalled();
  });

  it('"Later" is not asked again for the same version (it installs on quit)', async () => {
    const h = harness({ offer: vi.fn(async () => false) });
    await h.controller.downloaded(info);
    await h.controller.jobsChanged();
    await h.controller.downloaded(info);
    expect(h.deps.offer).toHaveBeenCalledOnce();
    expect(h.deps.port.install).not.toHaveBeenCalled();
  });
});

describe('update pieces', () => {
  it('compares versions', () => {
    expect(isNewer('1.10.0', '1.9.3')).toBe(true);
    expect(isNewer('1.0.0', '1.0.0')).toBe(false);
    expect(isNewer('1.0.0', '1.0.0-beta.2')).toBe(true);
    expect(isNewer('v2.0.0-beta.1', '1.9.0')).toBe(true);
    expect(isNewer('0.9.9', '1.0.0')).toBe(false);
  });

  it('turns HTML release notes into short plain text', () => {
    expect(releaseNotesText('<h2>1.1.0</h2><ul><li>Faster &amp; safer imports</li><li>Dark theme</li></ul>')).toBe(
      '1.1.0\n• Faster & safer imports\n• Dark theme',
    );
    expect(releaseNotesText([{ version: '1.1.0', note: 'Dark theme' }])).toBe('1.1.0: Dark theme');
    expect(releaseNotesText(null)).toBe('');
    expect(releaseNotesText('x'.repeat(5000))).toHaveLength(1500);
  });

  it('accepts an https feed (or http to this computer) from RELAY_UPDATE_URL', () => {
    expect(feedUrl({ RELAY_UPDATE_URL: 'https://updates.example.com/relay/' })).toBe('https://updates.example.com/relay/');
    expect(feedUrl({ RELAY_UPDATE_URL: 'http://127.0.0.1:8080/' })).toBe('http://127.0.0.1:8080/');
    expect(feedUrl({ RELAY_UPDATE_URL: 'http://updates.example.com/' })).toBeNull();
    expect(feedUrl({})).toBeNull();
  });
});
