import type { Bridge, EventName, InputOf, InvokeChannel, OutputOf, PayloadOf } from '../../shared/ipc';
import type { AppError, ErrorCode, Result } from '../../shared/errors';
import type { AppInfo, Language, SessionState } from '../../shared/domain';
import { DEFAULT_SETTINGS } from '../../shared/settings';

// A stand-in for window.api in component tests: answers from per-channel handlers (typed by the contract:
// a handler's input and answer must match its channel), records calls, and pushes events as main would.

export type Handler<C extends InvokeChannel> = (input: InputOf<C>) => OutputOf<C> | Promise<OutputOf<C>>;
export type Handlers = { [C in InvokeChannel]?: Handler<C> };

/** Thrown by a handler: the call answers { ok: false, error }. */
export class Refusal extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}
export const refuse = (code: ErrorCode, message = `refused: ${code}`, extra: Partial<AppError> = {}): never => {
  throw new Refusal({ code, message, ...extra });
};
/** A call that never answers: the screen stays in its loading state. */
export const pending = <T>(): Promise<T> => new Promise<T>(() => {});

export const appInfo: AppInfo = { name: 'Relay Desk', version: '9.9.9-test', platform: 'linux', locale: 'en-US' };
export const signedIn: SessionState = {
  signedIn: true,
  email: 'ana@padaria.com.br',
  server: 'https://smsgateway24.com/getdata/',
  sandbox: false,
  keychainBackend: 'keytar',
  storageConsentNeeded: false,
  endedBecause: null,
};
export const signedOut: SessionState = { ...signedIn, signedIn: false, email: null, server: null, keychainBackend: null };

/** settings:get for a user who chose this language in Settings. */
export const settingsIn = (language: Language | null) => () => ({
  settings: { ...DEFAULT_SETTINGS, language },
  corruptFileMovedTo: null,
  resetFields: [],
});

const defaults: Handlers = {
  'app:info': () => appInfo,
  'session:get': () => signedIn,
  'settings:get': () => ({ settings: DEFAULT_SETTINGS, corruptFileMovedTo: null, resetFields: [] }),
  'gateway:health': () => ({ reachable: true, checkedAt: '2026-05-01T10:00:00Z', unreachableSince: null }),
  'devices:snapshot': () => ({
    running: true,
    devices: [],
    lastPollAt: null,
    unreachableSince: null,
    lastError: null,
    events: [],
    pollSeconds: 30,
  }),
  'inbox:counts': () => ({ unreadConversations: 0, unreadReplies: 0, conversations: 0 }),
};

export class FakeBridge {
  readonly calls: { channel: InvokeChannel; input: unknown }[] = [];
  private readonly handlers: Handlers;
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();

  constructor(handlers: Handlers = {}) {
    this.handlers = { ...defaults, ...handlers };
  }

  /** Replaces one channel's handler (e.g. the next answer differs). */
  answer<C extends InvokeChannel>(channel: C, handler: Handler<C>): void {
    (this.handlers as Record<string, unknown>)[channel] = handler;
  }

  callsTo(channel: InvokeChannel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.input);
  }

  /** Pushes an event to the renderer, as main does. */
  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload as never);
  }

  readonly api = {
    invoke: async (channel: InvokeChannel, input?: unknown): Promise<Result<unknown>> => {
      this.calls.push({ channel, input });
      const handler = this.handlers[channel] as ((input: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'unknown-channel', message: `no fake for ${channel}` } };
      try {
        return { ok: true, value: await handler(input) };
      } catch (error) {
        if (error instanceof Refusal) return { ok: false, error: error.error };
        throw error;
      }
    },
    on: (event: string, listener: (payload: never) => void) => {
      let set = this.listeners.get(event);
      if (!set) this.listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
  } as unknown as Bridge;
}
