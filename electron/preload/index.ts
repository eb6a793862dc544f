import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventName, isInvokeChannel, type Bridge } from '../../shared/ipc';
import type { Result } from '../../shared/errors';

// The only thing the renderer gets: window.api, generic over the contract. No raw ipcRenderer,
// channels outside the contract are refused here too, and listeners never see the IPC event.

const api = {
  invoke(channel: string, input?: unknown) {
    if (!isInvokeChannel(channel)) {
      return Promise.resolve<Result<never>>({
        ok: false,
        error: { code: 'unknown-channel', message: `Unknown request "${channel}".` },
      });
    }
    return ipcRenderer.invoke(channel, input);
  },
  on(event: string, listener: (payload: never) => void) {
    if (!isEventName(event)) throw new Error(`Unknown event "${event}"`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
} satisfies Bridge;

contextBridge.exposeInMainWorld('api', api);
