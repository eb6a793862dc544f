import type { Bridge } from '../../../shared/ipc';

// The e2e stand-in for the preload's window.api. Installed with page.addInitScript, so this function
// must be self-contained (Playwright sends its source text). Calls go through page.exposeBinding to
// the real router in the test process; events come back through window.__relayDispatch.
// It satisfies the same Bridge type as the preload, so both drift-check against the contract.

declare global {
  interface Window {
    __relayInvoke(channel: string, input: unknown): Promise<unknown>;
    __relayDispatch(event: string, payload: unknown): void;
  }
}

export function installStandIn(): void {
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const api = {
    invoke(channel: string, input?: unknown) {
      return window.__relayInvoke(channel, input === undefined ? null : input) as Promise<never>;
    },
    on(event: string, listener: (payload: never) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  } satisfies Bridge;
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false });
  window.__relayDispatch = (event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload as never);
  };
}
