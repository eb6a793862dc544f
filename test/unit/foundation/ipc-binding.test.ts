import { describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { bindIpc, deferredRouter } = await import('../../../electron/main/ipc');
const { invokeChannels } = await import('../../../shared/ipc');

const origin = { devServerUrl: null, entryUrl: 'app://relay-desk/index.html' };
const router = { handle: vi.fn(async () => ({ ok: true as const, value: 'routed' })) };

describe('ipcMain binding', () => {
  it('registers every contract channel and routes calls from the app top frame', async () => {
    const unbind = bindIpc(router, origin);
    expect([...handlers.keys()].sort()).toEqual([...invokeChannels].sort());
    const fromApp = { senderFrame: { url: 'app://relay-desk/index.html', parent: null } };
    await expect(handlers.get('app:info')?.(fromApp, undefined)).resolves.toEqual({ ok: true, value: 'routed' });
    unbind();
    expect(handlers.size).toBe(0);
  });

  it('rejects calls from an iframe or a foreign page before they reach the router', async () => {
    bindIpc(router, origin);
    router.handle.mockClear();
    const fromIframe = { senderFrame: { url: 'app://relay-desk/index.html', parent: { url: 'x' } } };
    const fromElsewhere = { senderFrame: { url: 'https://evil.test/', parent: null } };
    for (const event of [fromIframe, fromElsewhere, { senderFrame: null }]) {
      await expect(handlers.get('session:get')?.(event, undefined)).resolves.toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
    expect(router.handle).not.toHaveBeenCalled();
  });
});

describe('calls made while the services are still starting (the window opens first)', () => {
  it('wait for the services and are then answered', async () => {
    let ready: (r: typeof router) => void = () => {};
    const deferred = deferredRouter(new Promise((resolve) => (ready = resolve)));
    const answer = deferred.handle('session:get', undefined);
    let settled = false;
    void answer.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(false);
    ready(router);
    await expect(answer).resolves.toEqual({ ok: true, value: 'routed' });
  });

  it('get a plain error if the services never come up', async () => {
    const deferred = deferredRouter(Promise.reject(new Error('EACCES: settings folder')));
    await expect(deferred.handle('session:get', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'Relay Desk could not start.' },
    });
  });
});
