import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { invokeChannels, type EmitEvent } from '../../shared/ipc';
import type { Result } from '../../shared/errors';
import type { Router } from './router';
import { isTrustedSender, type AppOrigin } from './security';

// Binds the transport-free router to ipcMain. Every call is checked: only the app's own top frame
// may invoke (an injected iframe or a navigated-away page gets 'forbidden-sender').

export function bindIpc(router: Router, origin: AppOrigin): () => void {
  for (const channel of invokeChannels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame, origin)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'forbidden-sender', message: 'This request did not come from Relay Desk.' },
        });
      }
      return router.handle(channel, input);
    });
  }
  return () => invokeChannels.forEach((channel) => ipcMain.removeHandler(channel));
}

/**
 * A router that waits for the real one: the window opens before the services are built, and a call made
 * meanwhile is answered once they are (or with 'internal' if they never come up: the app is quitting then).
 */
export function deferredRouter(ready: Promise<Router>): Router {
  return {
    async handle(channel, input) {
      let router: Router;
      try {
        router = await ready;
      } catch {
        return { ok: false, error: { code: 'internal', message: 'Relay Desk could not start.' } };
      }
      return router.handle(channel, input);
    },
  };
}

/** Pushes contract events to the window (whatever window is current: it may be re-created). */
export function windowEmitter(getWindow: () => BrowserWindow | null): EmitEvent {
  return (event, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(event, payload);
  };
}
