import type { KeychainBackend, SessionEndReason, SessionState } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import type { EmitEvent } from '../../../shared/ipc';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import { GatewayError, toAppFailure } from '../gateway';
import type { GatewayClient } from '../gateway/types';
import type { TokenStore } from './token-store';

// Sign-in, sign-out and the one gateway client every service uses. The password is used once for
// gettoken and dropped; the token stays in main (token store + this closure); the renderer only ever
// learns SessionState. Any invalid-token reply from any call signs the user out with a reason.

// Why a session ended on its own; the renderer words these in the user's language.
export const SESSION_EXPIRED: SessionEndReason = 'expired';
export const SESSION_UNREADABLE: SessionEndReason = 'unreadable';
export const SANDBOX_NOT_RESTARTED: SessionEndReason = 'sandbox-not-restarted';

export interface SandboxHandle {
  baseUrl: string;
  demo: { email: string; password: string };
  close(): Promise<void>;
}

export interface SessionServiceOptions {
  settings: { get(): Settings; update(patch: SettingsPatch): Settings };
  tokenStore: TokenStore;
  /** `token` is read at call time; it returns null once this session has ended. */
  createClient: (baseUrl: string, token: () => string | null) => GatewayClient;
  /** Starts the in-process sandbox gateway; called at most once while it runs. */
  startSandbox: () => Promise<SandboxHandle>;
  emit: EmitEvent;
  log?: (line: string) => void;
}

export interface SignInInput {
  email: string;
  password: string;
  server: string;
}

export interface SessionService {
  get(): SessionState;
  /** At start: uses the stored token silently; a stored sandbox session starts the sandbox again. Never throws. */
  restore(): Promise<SessionState>;
  /** Throws AppFailure (e.g. 'wrong-credentials' with the gateway's message). */
  signIn(input: SignInInput): Promise<SessionState>;
  trySandbox(): Promise<SessionState>;
  /** The user's answer when storageConsentNeeded: store the token without OS encryption, or keep it for this run. */
  answerStorage(answer: { storeUnencrypted: boolean }): Promise<SessionState>;
  signOut(): Promise<SessionState>;
  /** The signed-in client; throws AppFailure 'not-signed-in' when signed out. */
  client(): GatewayClient;
  /** Signs out with SESSION_EXPIRED (called automatically on any invalid-token failure). */
  onInvalidToken(): void;
  onChange(listener: (state: SessionState) => void): () => void;
  /** On quit: closes the client and the sandbox. The stored session is kept for the next start. */
  dispose(): Promise<void>;
}

export const SIGNED_OUT: SessionState = Object.freeze({
  signedIn: false,
  email: null,
  server: null,
  keychainBackend: null,
  sandbox: false,
  storageConsentNeeded: false,
  endedBecause: null,
});

interface Active {
  /** Tells this session apart from later ones, so a late failure of an old client cannot sign out a new session. */
  generation: number;
  email: string;
  server: string;
  sandbox: boolean;
  token: string;
  backend: KeychainBackend;
  consentNeeded: boolean;
  raw: GatewayClient;
  client: GatewayClient;
}

export function isInvalidTokenError(err: unknown): boolean {
  if (err instanceof AppFailure) return err.code === 'invalid-token';
  return typeof err === 'object' && err !== null && (err as { kind?: unknown }).kind === 'invalid-token';
}

/** Every method call that fails with invalid-token also calls `onInvalid`; the error still reaches the caller. */
function watchForInvalidToken(client: GatewayClient, onInvalid: () => void): GatewayClient {
  // A Proxy rather than one wrapper per method, so methods added to GatewayClient are covered too.
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((err: unknown) => {
          if (isInvalidTokenError(err)) onInvalid();
          throw err;
        });
      };
    },
  });
}

/** Wrong credentials show the gateway's own words ("Login or password incorrect"), the only documented text. */
function signInFailure(err: unknown): AppFailure {
  if (err instanceof GatewayError && err.kind === 'wrong-credentials' && err.gatewayMessage) {
    return new AppFailure('wrong-credentials', err.gatewayMessage);
  }
  return toAppFailure(err);
}

export function createSessionService(options: SessionServiceOptions): SessionService {
  const log = options.log ?? (() => {});
  const listeners = new Set<(state: SessionState) => void>();
  let active: Active | null = null;
  let generation = 0;
  let sandbox: Promise<SandboxHandle> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  /** Kept until the next sign-in or sign-out, so a window that loads later still learns it. */
  let endedBecause: SessionEndReason | null = null;

  /** Session changes run one at a time, in call order. */
  function serial<T>(job: () => Promise<T>): Promise<T> {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  }

  function state(): SessionState {
    if (!active) return { ...SIGNED_OUT, endedBecause };
    return {
      signedIn: true,
      email: active.email,
      server: active.server,
      keychainBackend: active.backend,
      sandbox: active.sandbox,
      storageConsentNeeded: active.consentNeeded,
      endedBecause: null,
    };
  }

  function changed(reason: SessionEndReason | null): void {
    endedBecause = reason;
    const now = state();
    options.emit('session:changed', now);
    for (const listener of listeners) {
      try {
        listener(now);
      } catch (err) {
        log(`session: a change listener failed: ${(err as Error).message}`);
      }
    }
  }

  function replaceActive(next: Active | null, reason: SessionEndReason | null): void {
    const previous = active;
    active = next;
    if (previous && previous.raw !== next?.raw) {
      previous.raw.close().catch((err: unknown) => log(`session: closing the old client failed: ${String(err)}`));
    }
    changed(reason);
  }

  /** A client whose token getter only answers while its session is the active one. */
  function newClient(baseUrl: string, gen: number): { raw: GatewayClient; client: GatewayClient } {
    const raw = options.createClient(baseUrl, () => (active?.generation === gen ? active.token : null));
    const client = watchForInvalidToken(raw, () => expire(gen));
    return { raw, client };
  }

  /** gettoken with the password, which goes no further than this function. */
  async function authenticate(baseUrl: string, email: string, password: string) {
    const gen = ++generation;
    const { raw, client } = newClient(baseUrl, gen);
    try {
      const token = await raw.getToken(email, password);
      return { gen, raw, client, token };
    } catch (err) {
      raw.close().catch(() => undefined);
      throw signInFailure(err);
    }
  }

  function expire(gen: number): void {
    void serial(async () => {
      if (active?.generation !== gen) return; // already signed out, or a newer session
      log('session: the gateway rejected the token; signing out');
      await options.tokenStore.delete();
      replaceActive(null, SESSION_EXPIRED);
    });
  }

  function startedSandbox(): Promise<SandboxHandle> {
    sandbox ??= options.startSandbox().catch((err: unknown) => {
      sandbox = null; // let a later attempt try again
      log(`session: the sandbox did not start: ${(err as Error).message}`);
      throw new AppFailure('internal', 'The built-in sandbox could not be started.');
    });
    return sandbox;
  }

  async function signInToSandbox(): Promise<SessionState> {
    const box = await startedSandbox();
    const { gen, raw, client, token } = await authenticate(box.baseUrl, box.demo.email, box.demo.password);
    const saved = await options.tokenStore.save({ email: box.demo.email, server: box.baseUrl, sandbox: true }, token);
    replaceActive(
      { generation: gen, email: box.demo.email, server: box.baseUrl, sandbox: true, token, backend: saved.backend, consentNeeded: false, raw, client },
      null,
    );
    log('session: signed in to the sandbox');
    return state();
  }

  async function restoreNow(): Promise<SessionState> {
    if (active) return state();
    const record = await options.tokenStore.loadRecord();
    if (!record) return state();
    if (record.sandbox) {
      // The sandbox kept its accounts in memory: start it again and sign in afresh.
      try {
        return await signInToSandbox();
      } catch (err) {
        log(`session: could not restore the sandbox session: ${(err as Error).message}`);
        changed(SANDBOX_NOT_RESTARTED);
        return state();
      }
    }
    const token = await options.tokenStore.read(record);
    if (!token) {
      log(`session: no readable token in ${record.backend}; asking to sign in again`);
      changed(SESSION_UNREADABLE);
      return state();
    }
    const gen = ++generation;
    const { raw, client } = newClient(record.server, gen);
    replaceActive(
      { generation: gen, email: record.email, server: record.server, sandbox: false, token, backend: record.backend, consentNeeded: false, raw, client },
      null,
    );
    log(`session: restored (${record.backend})`);
    return state();
  }

  return {
    get: state,

    restore: () =>
      serial(async () => {
        try {
          return await restoreNow();
        } catch (err) {
          log(`session: restore failed: ${(err as Error).message}`);
          return state();
        }
      }),

    signIn: (input) =>
      serial(async () => {
        const email = input.email.trim();
        const server = input.server.trim();
        const { gen, raw, client, token } = await authenticate(server, email, input.password);
        const saved = await options.tokenStore.save({ email, server }, token);
        try {
          if (options.settings.get().serverUrl !== server) options.settings.update({ serverUrl: server });
        } catch (err) {
          log(`session: could not save the server URL: ${(err as Error).message}`);
        }
        replaceActive(
          { generation: gen, email, server, sandbox: false, token, backend: saved.backend, consentNeeded: saved.consentNeeded, raw, client },
          null,
        );
        log(`session: signed in (${saved.backend}${saved.consentNeeded ? ', storage consent needed' : ''})`);
        return state();
      }),

    trySandbox: () => serial(signInToSandbox),

    answerStorage: ({ storeUnencrypted }) =>
      serial(async () => {
        if (!active?.consentNeeded) return state();
        const current = active;
        const backend = storeUnencrypted
          ? (await options.tokenStore.save({ email: current.email, server: current.server }, current.token, { storeUnencrypted: true })).backend
          : 'memory';
        if (active !== current) return state(); // signed out meanwhile
        active = { ...current, backend, consentNeeded: false };
        changed(null);
        return state();
      }),

    signOut: () =>
      serial(async () => {
        await options.tokenStore.delete();
        if (active) replaceActive(null, null);
        return state();
      }),

    client() {
      if (!active) throw new AppFailure('not-signed-in', 'Please sign in first.');
      return active.client;
    },

    onInvalidToken() {
      if (active) expire(active.generation);
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async dispose() {
      const closing: Promise<unknown>[] = [];
      if (active) closing.push(active.raw.close());
      if (sandbox) closing.push(sandbox.then((box) => box.close()));
      const results = await Promise.allSettled(closing);
      for (const result of results) if (result.status === 'rejected') log(`session: dispose: ${String(result.reason)}`);
    },
  };
}
