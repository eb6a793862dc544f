import type { KeychainBackend, SessionEndReason, SessionState } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import type { EmitEvent } from '../../../shared/ipc';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import { checkServerUrl } from '../../../shared/server-url';
import { GatewayError, toAppFailure } from '../gateway';
import { userMessage } from '../gateway/errors';
import type { GatewayClient } from '../gateway/types';
import type { TokenStore } from './token-store';

// Sign-in, sign-out and the one gateway client every service uses. The password is used once for
// gettoken and dropped; the token stays in main (token store + this closure); the renderer only ever
// learns SessionState. A reply that says the token is refused ends the session only after one cheap read
// (getalldevices) confirms it: "Too many requests for this token" is a rate limit, not a dead token, and
// a refusal we cannot confirm is shown to the user (as a plain refusal), not acted on.

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
  /** A restore still waiting (keychain, sandbox) after this long gives up and asks to sign in. Default 15 s. */
  restoreDeadlineMs?: number;
  /** After a confirmation found the token alive, refusals within this window are not re-checked. Default 30 s. */
  confirmCooldownMs?: number;
  now?: () => number;
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
  /**
   * Throws AppFailure (e.g. 'wrong-credentials' with the gateway's message, 'validation' for a plain-http
   * server). `signal` (or cancelSignIn) abandons it: the request is dropped and the session stays as it was.
   */
  signIn(input: SignInInput, signal?: AbortSignal): Promise<SessionState>;
  /** Cancels every sign-in in progress (the form's Cancel button); they reject, nothing changes. */
  cancelSignIn(): void;
  trySandbox(): Promise<SessionState>;
  /** The user's answer when storageConsentNeeded: store the token without OS encryption, or keep it for this run. */
  answerStorage(answer: { storeUnencrypted: boolean }): Promise<SessionState>;
  signOut(): Promise<SessionState>;
  /** The signed-in client; throws AppFailure 'not-signed-in' when signed out. */
  client(): GatewayClient;
  /**
   * Someone saw the token refused: confirms with one read and signs out with SESSION_EXPIRED only if the
   * gateway really no longer knows it (called automatically for every call made through client()).
   */
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

/** Words of a rate limit or a temporary refusal: the token is fine, the gateway wants us to slow down. */
const RATE_LIMIT_TEXT = /too many|rate.?limit|throttl|slow down|try (?:again )?later|temporar|429/i;

/** The gateway's own words on a failure, where it said any. */
function gatewayWords(err: unknown): string | null {
  const words = typeof err === 'object' && err !== null ? (err as { gatewayMessage?: unknown }).gatewayMessage : undefined;
  return typeof words === 'string' ? words : null;
}

/**
 * What one failure says about the token: 'refused' (the gateway refused it: the client's
 * 'maybe-invalid-token', or 'invalid-token'), 'rate-limit' (a refusal naming the token in a rate limit's
 * words, as "Too many requests for this token"), or 'other' (nothing about the token).
 */
export function tokenVerdict(err: unknown): 'refused' | 'rate-limit' | 'other' {
  const kind = typeof err === 'object' && err !== null ? (err as { kind?: unknown }).kind : undefined;
  const aboutToken = isInvalidTokenError(err) || (typeof kind === 'string' && /token/i.test(kind));
  if (!aboutToken) return 'other';
  const words = gatewayWords(err) ?? (err instanceof Error ? err.message : '');
  return RATE_LIMIT_TEXT.test(words) ? 'rate-limit' : 'refused';
}

/** Once confirmed: the error the caller sees says the session is over. */
function asSessionOver(err: unknown): unknown {
  if (err instanceof GatewayError) {
    return new GatewayError('invalid-token', userMessage('invalid-token', err.endpoint), {
      endpoint: err.endpoint,
      ...(err.gatewayMessage !== undefined ? { gatewayMessage: err.gatewayMessage } : {}),
    });
  }
  return err instanceof AppFailure && err.code === 'invalid-token'
    ? err
    : new AppFailure(
        'invalid-token',
        'The gateway no longer accepts this session. Sign in again.',
        undefined,
        undefined,
        'errors.invalid-token',
      );
}

/** A refusal that turned out not to mean a dead token, shown as what it is: the gateway refused this request. */
function asPlainRefusal(err: unknown): unknown {
  const words = gatewayWords(err) ?? undefined;
  if (err instanceof GatewayError) {
    return new GatewayError('refused', userMessage('refused', err.endpoint, words), {
      endpoint: err.endpoint,
      ...(words !== undefined ? { gatewayMessage: words } : {}),
    });
  }
  return new AppFailure(
    'gateway-refused',
    words ? `The gateway refused the request: ${words}` : 'The gateway refused the request.',
    undefined,
    words ? { words } : undefined,
    words ? 'refusals.gatewayRefused' : 'refusals.gatewayRefusedNoWords',
  );
}

/**
 * Every method call that fails with a token refusal waits for `onRefusal`, which decides (after a
 * confirming read) whether the session ends, and returns the error the caller should see.
 */
function watchForTokenRefusal(client: GatewayClient, onRefusal: (err: unknown) => Promise<unknown>): GatewayClient {
  // A Proxy rather than one wrapper per method, so methods added to GatewayClient are covered too.
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch(async (err: unknown) => {
          if (tokenVerdict(err) === 'other') throw err;
          throw await onRefusal(err);
        });
      };
    },
  });
}

/** Rejects with `onAbort()` as soon as the signal aborts; otherwise settles like `promise`. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => unknown): Promise<T> {
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', abort), resolve(value)),
      (err: unknown) => (signal.removeEventListener('abort', abort), reject(err)),
    );
  });
}

const cancelled = () => new AppFailure('not-signed-in', 'Sign-in was cancelled.', undefined, undefined, 'refusals.signInCancelled');

/** Wrong credentials show the gateway's own words ("Login or password incorrect"), the only documented text. */
function signInFailure(err: unknown): AppFailure {
  if (err instanceof GatewayError && err.kind === 'wrong-credentials' && err.gatewayMessage) {
    return new AppFailure('wrong-credentials', err.gatewayMessage);
  }
  return toAppFailure(err);
}

export function createSessionService(options: SessionServiceOptions): SessionService {
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  const restoreDeadlineMs = options.restoreDeadlineMs ?? 15_000;
  const confirmCooldownMs = options.confirmCooldownMs ?? 30_000;
  const listeners = new Set<(state: SessionState) => void>();
  let active: Active | null = null;
  let generation = 0;
  let sandbox: Promise<SandboxHandle> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  /** Kept until the next sign-in or sign-out, so a window that loads later still learns it. */
  let endedBecause: SessionEndReason | null = null;
  /** Sign-ins in progress, so Cancel reaches them (and those still queued behind another change). */
  const signIns = new Set<AbortController>();
  /** One confirming read at a time per session; its verdict is reused for a short while. */
  let confirming: { generation: number; verdict: Promise<'gone' | 'alive' | 'unsure'>; at: number } | null = null;

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
    const client = watchForTokenRefusal(raw, async (err) => {
      if (active?.generation !== gen) return err; // an old session's client: its token is gone anyway
      const verdict = await confirmTokenGone(gen);
      if (verdict === 'gone') {
        await expire(gen);
        return asSessionOver(err);
      }
      return asPlainRefusal(err);
    });
    return { raw, client };
  }

  /**
   * One cheap read with the session's own token decides whether a refusal meant the token is gone. Shared by
   * the calls that fail together; after a read that found it alive, later refusals wait for the cooldown.
   */
  function confirmTokenGone(gen: number): Promise<'gone' | 'alive' | 'unsure'> {
    const session = active;
    if (session?.generation !== gen) return Promise.resolve('unsure'); // an old client: nothing to end
    if (confirming?.generation === gen && now() - confirming.at < confirmCooldownMs) return confirming.verdict;
    const verdict = session.raw.getAllDevices().then(
      () => 'alive' as const,
      // A second refusal of the token (not a rate limit) confirms it; anything else (offline, 5xx) does not.
      (err: unknown) => (tokenVerdict(err) === 'refused' ? ('gone' as const) : ('unsure' as const)),
    );
    confirming = { generation: gen, verdict, at: now() };
    void verdict.then((v) => log(`session: a token refusal was checked with getalldevices: ${v}`));
    return verdict;
  }

  /** gettoken with the password, which goes no further than this function. */
  async function authenticate(baseUrl: string, email: string, password: string, signal: AbortSignal) {
    const gen = ++generation;
    const { raw, client } = newClient(baseUrl, gen);
    try {
      // Cancel closes the client, which drops the request; we stop waiting for it at once.
      const token = await abortable(raw.getToken(email, password, { signal }), signal, () => {
        raw.close().catch(() => undefined);
        return cancelled();
      });
      return { gen, raw, client, token };
    } catch (err) {
      raw.close().catch(() => undefined);
      throw err instanceof AppFailure ? err : signInFailure(err);
    }
  }

  /** Ends session `gen` (if it is still the active one): the token is deleted everywhere it was kept. */
  function expire(gen: number): Promise<void> {
    return serial(async () => {
      if (active?.generation !== gen) return; // already signed out, or a newer session
      log('session: the gateway no longer knows the token (confirmed); signing out');
      await options.tokenStore.delete();
      replaceActive(null, SESSION_EXPIRED);
    });
  }

  function startedSandbox(): Promise<SandboxHandle> {
    sandbox ??= options.startSandbox().catch((err: unknown) => {
      sandbox = null; // let a later attempt try again
      log(`session: the sandbox did not start: ${(err as Error).message}`);
      throw new AppFailure('internal', 'The built-in sandbox could not be started.', undefined, undefined, 'refusals.sandboxNotStarted');
    });
    return sandbox;
  }

  async function signInToSandbox(signal: AbortSignal = new AbortController().signal): Promise<SessionState> {
    const box = await startedSandbox();
    const { gen, raw, client, token } = await authenticate(box.baseUrl, box.demo.email, box.demo.password, signal);
    const saved = await options.tokenStore.save({ email: box.demo.email, server: box.baseUrl, sandbox: true }, token);
    replaceActive(
      {
        generation: gen,
        email: box.demo.email,
        server: box.baseUrl,
        sandbox: true,
        token,
        backend: saved.backend,
        consentNeeded: false,
        raw,
        client,
      },
      null,
    );
    log('session: signed in to the sandbox');
    return state();
  }

  /** `abandoned` aborts when the restore ran out of time: then nothing it finds later is used. */
  async function restoreNow(abandoned: AbortSignal): Promise<SessionState> {
    if (active) return state();
    const record = await options.tokenStore.inspectRecord();
    if (abandoned.aborted) return state();
    if (record === 'corrupt') {
      log('session: the saved session record is unreadable; removing it and asking to sign in again');
      await options.tokenStore.delete();
      changed(SESSION_UNREADABLE);
      return state();
    }
    if (!record) return state();
    if (record.sandbox) {
      // The sandbox kept its accounts in memory: start it again and sign in afresh.
      try {
        return await signInToSandbox(abandoned);
      } catch (err) {
        if (abandoned.aborted) return state();
        log(`session: could not restore the sandbox session: ${(err as Error).message}`);
        changed(SANDBOX_NOT_RESTARTED);
        return state();
      }
    }
    const token = await options.tokenStore.read(record);
    if (abandoned.aborted) return state();
    if (!token) {
      log(`session: no readable token in ${record.backend}; asking to sign in again`);
      changed(SESSION_UNREADABLE);
      return state();
    }
    const gen = ++generation;
    const { raw, client } = newClient(record.server, gen);
    replaceActive(
      {
        generation: gen,
        email: record.email,
        server: record.server,
        sandbox: false,
        token,
        backend: record.backend,
        consentNeeded: false,
        raw,
        client,
      },
      null,
    );
    log(`session: restored (${record.backend})`);
    return state();
  }

  return {
    get: state,

    restore: () =>
      serial(async () => {
        const abandoned = new AbortController();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const deadline = new Promise<SessionState>((resolve) => {
          timer = setTimeout(() => {
            abandoned.abort();
            log(`session: restore gave up after ${restoreDeadlineMs} ms (keychain or sandbox not answering)`);
            changed(SESSION_UNREADABLE);
            resolve(state());
          }, restoreDeadlineMs);
          timer.unref?.();
        });
        try {
          return await Promise.race([restoreNow(abandoned.signal), deadline]);
        } catch (err) {
          log(`session: restore failed: ${(err as Error).message}`);
          return state();
        } finally {
          clearTimeout(timer);
        }
      }),

    signIn: (input, signal) => {
      const controller = new AbortController();
      signIns.add(controller);
      const stopFollowing = signal ? followAbort(signal, controller) : () => {};
      const attempt = serial(async () => {
        if (controller.signal.aborted) throw cancelled();
        const email = input.email.trim();
        const checked = checkServerUrl(input.server);
        if (!checked.ok) throw new AppFailure('validation', checked.reason, 'server', undefined, `forms.server.${checked.problem}`);
        const server = checked.url;
        const { gen, raw, client, token } = await authenticate(server, email, input.password, controller.signal);
        if (controller.signal.aborted) {
          raw.close().catch(() => undefined);
          throw cancelled();
        }
        const saved = await options.tokenStore.save({ email, server }, token);
        try {
          if (options.settings.get().serverUrl !== server) options.settings.update({ serverUrl: server });
        } catch (err) {
          log(`session: could not save the server URL: ${(err as Error).message}`);
        }
        replaceActive(
          {
            generation: gen,
            email,
            server,
            sandbox: false,
            token,
            backend: saved.backend,
            consentNeeded: saved.consentNeeded,
            raw,
            client,
          },
          null,
        );
        log(`session: signed in (${saved.backend}${saved.consentNeeded ? ', storage consent needed' : ''})`);
        return state();
      });
      return attempt.finally(() => {
        signIns.delete(controller);
        stopFollowing();
      });
    },

    cancelSignIn() {
      for (const controller of signIns) controller.abort();
    },

    trySandbox: () => serial(() => signInToSandbox()),

    answerStorage: ({ storeUnencrypted }) =>
      serial(async () => {
        if (!active?.consentNeeded) return state();
        const current = active;
        const backend = storeUnencrypted
          ? (await options.tokenStore.save({ email: current.email, server: current.server }, current.token, { storeUnencrypted: true }))
              .backend
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
      if (!active) throw new AppFailure('not-signed-in', 'Please sign in first.', undefined, undefined, 'errors.not-signed-in');
      return active.client;
    },

    onInvalidToken() {
      const gen = active?.generation;
      if (gen === undefined) return;
      void confirmTokenGone(gen).then((verdict) => (verdict === 'gone' ? expire(gen) : undefined));
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

/** Aborts `controller` when `signal` does; returns the unsubscribe. */
function followAbort(signal: AbortSignal, controller: AbortController): () => void {
  if (signal.aborted) {
    controller.abort();
    return () => {};
  }
  const abort = () => controller.abort();
  signal.addEventListener('abort', abort, { once: true });
  return () => signal.removeEventListener('abort', abort);
}
