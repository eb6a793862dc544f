import { beforeEach, describe, expect, it, vi } from 'vitest';

// The preload runs inside Electron; here `electron` is mocked so we can check what it exposes.
const exposed: Record<string, unknown> = {};
const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke,
    on: (event: string, fn: (...args: unknown[]) => void) => listeners.set(event, [...(listeners.get(event) ?? []), fn]),
    removeListener: (event: string, fn: (...args: unknown[]) => void) =>
      listeners.set(
        event,
        (listeners.get(event) ?? []).filter((f) => f !== fn),
      ),
  },
}));

interface Api {
  invoke(channel: string, input?: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

describe('preload', () => {
  let api: Api;
  beforeEach(async () => {
    await import('../../../electron/preload/index');
    api = exposed['api'] as Api;
  });

  it('exposes only window.api with invoke and on', () => {
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract channels and refuses others without touching IPC', async () => {
    await expect(api.invoke('app:info')).resolves.toEqual({ ok: true, value: { channel: 'app:info', input: undefined } });
    invoke.mockClear();
    await expect(api.invoke('shell:openPath', '/etc')).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('gives listeners the payload only and returns an unsubscribe', () => {
    const got: unknown[] = [];
    const off = api.on('devices:transition', (payload) => got.push(payload));
    const fakeEvent = { sender: 'ipc internals' };
    listeners.get('devices:transition')?.forEach((fn) => fn(fakeEvent, { deviceId: 1 }));
    expect(got).toEqual([{ deviceId: 1 }]);
    off();
    expect(listeners.get('devices:transition')).toEqual([]);
    expect(() => api.on('not:an-event', () => {})).toThrow(/Unknown event/);
  });
});
