import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { Dispatcher, FormData } from 'undici';
import type { z } from 'zod';
import { GatewayError, bodySnippet, isWrite, scrubSecrets, userMessage } from './errors';
import type { Endpoint, GatewayErrorDetails, GatewayErrorKind } from './errors';
import { encodeForm } from './format';
import type { FormFields } from './format';
import { ClosedError, Semaphore, backoffDelayMs } from '../lib/limiter';
import { describeIssues } from './map';
import { failureReply } from './schemas';

// The transport: one keep-alive undici Pool, a semaphore shared by every caller, retries for reads only, and
// the decoding of a raw HTTP reply into either a JSON object with error:0 or a typed GatewayError.
//
// Every endpoint is called with POST (urlencoded, or multipart for addsms with an image), reads included: the
// token then travels in the body, never in a URL that proxies, server access logs or our own log could keep,
// and one encoding path serves all endpoints (URLSearchParams sends "+" as %2B either way).

export interface TransportOptions {
  baseUrl: string;
  concurrency: number;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Whole-request deadline for a call, its retries and waits included (headers/body timeouts only bound gaps). */
  requestTimeoutMs: number;
  /** gettoken's deadline: short, and never retried (a password sent three times can trip a lockout). */
  signInTimeoutMs: number;
  /** A write's deadline (never retried): shorter than a job's graceful-stop wait, so a quit waits it out. */
  writeTimeoutMs: number;
  /** Replies over this many bytes are refused while streaming: not kept, not retried. */
  maxReplyBytes: number;
  readRetries: number;
  retryBaseDelayMs: number;
  log: (line: string) => void;
  /** For tests of the backoff; Math.random otherwise. */
  random?: () => number;
}

export type RequestBody = { form: FormFields } | { multipart: FormData };

export interface CallOptions {
  /** Aborts the call: a read or a request not yet sent fails as `cancelled`, a write already sent as `unknown-outcome`. */
  signal?: AbortSignal | undefined;
}

export interface Transport {
  /** Sends one request (reads: with retries) and returns the decoded error:0 reply. */
  call(endpoint: Endpoint, body: RequestBody, secrets: readonly string[], options?: CallOptions): Promise<Reply>;
  /** Gateway clock − local clock in ms, from the HTTP `Date` header of recent replies (median); null before any. */
  clockOffsetMs(): number | null;
  /** Ends every call in flight at once and destroys the connection pool. */
  close(): Promise<void>;
}

function gatewayError(kind: GatewayErrorKind, details: GatewayErrorDetails): GatewayError {
  return new GatewayError(kind, userMessage(kind, details.endpoint, details.gatewayMessage), details);
}

/** A decoded error:0 reply. Keeps the raw body privately so a shape problem can still log a scrubbed snippet. */
export class Reply {
  readonly #raw: string;
  readonly #secrets: readonly string[];

  constructor(
    readonly endpoint: Endpoint,
    readonly data: Readonly<Record<string, unknown>>,
    raw: string,
    secrets: readonly string[],
  ) {
    this.#raw = raw;
    this.#secrets = secrets;
  }

  /** Validates the reply against `schema`; a mismatch is a bad-reply (not transient: retrying will not help). */
  parse<S extends z.ZodType>(schema: S): z.output<S> {
    const result = schema.safeParse(this.data);
    if (!result.success) throw this.badReply(`unexpected shape: ${describeIssues(result.error)}`);
    return result.data;
  }

  badReply(problem: string): GatewayError {
    return gatewayError('bad-reply', {
      endpoint: this.endpoint,
      problem,
      bodySnippet: bodySnippet(this.#raw, this.#secrets),
    });
  }
}

/**
 * What shows a reply is an endpoint's success when it carries no `error` field (the seed's getallsms and
 * getalldevices examples have none). addalotofsms has no payload: without `error` its outcome is unknown.
 */
const PAYLOAD_FIELDS: Readonly<Record<Endpoint, readonly string[]>> = {
  gettoken: ['token'],
  addsms: ['sms_id'],
  addalotofsms: [],
  getallsms: ['smss', 'count'],
  getsmsstatus: ['status'],
  getdevicestatus: ['device_id', 'online'],
  getalldevices: ['device', 'count'],
  savetag: ['tag_id'],
  savecontact: ['contact_id'],
  savepaket: ['paket_id'],
};

/** "Too many requests for this token": a rate limit names the token too, and must not end the session. */
const RATE_LIMIT = /too many|rate.?limit|limit (?:exceeded|reached)|slow down|try (?:again )?later|throttl/i;

/**
 * error:1 → kind. On gettoken every error:1 is wrong-credentials (its only documented failure). The API
 * documents no "invalid token" reply: on a token endpoint, an error:1 whose message mentions the token (the
 * sandbox says "Token is not valid") and is not a rate limit is maybe-invalid-token — the session confirms
 * with one cheap read before signing out. Any other error:1 is refused, with the gateway's message shown.
 */
export function refusalKind(endpoint: Endpoint, message: string | null): GatewayErrorKind {
  if (endpoint === 'gettoken') return 'wrong-credentials';
  if (message !== null && /token/i.test(message) && !RATE_LIMIT.test(message)) return 'maybe-invalid-token';
  return 'refused';
}

const RETRYABLE_STATUS = (status: number): boolean => status >= 500 || status === 408 || status === 429;

/**
 * One raw HTTP reply → Reply, or a GatewayError. Status other than 200 and bodies that do not parse as JSON
 * (HTML pages, truncated JSON) are transport failures (bad-reply; transient for 5xx/408/429 and unparseable
 * bodies); the Content-Type is not looked at. JSON that is not an object, or has neither `error` nor the
 * endpoint's payload, is a protocol failure (bad-reply, not transient); error≠0 is a refusal.
 */
export function decodeReply(endpoint: Endpoint, status: number, contentType: string, text: string, secrets: readonly string[]): Reply {
  const snippet = (): string => bodySnippet(text, secrets);
  if (status !== 200) {
    throw gatewayError('bad-reply', {
      endpoint,
      httpStatus: status,
      transient: RETRYABLE_STATUS(status),
      problem: /^\s*</.test(text) ? `HTTP ${status}, the server answered an HTML page` : `HTTP ${status}`,
      bodySnippet: snippet(),
    });
  }
  // JSON is JSON whatever the Content-Type: PHP sends text/html by default, and so does the service.
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const html = /^\s*</.test(text) && /<(?:!doctype|html|head|body|title|h1|p|div|pre)\b/i.test(text.slice(0, 4096));
    const problem = html ? 'the server answered an HTML page' : `body is not JSON (${contentType || 'no content type'})`;
    throw gatewayError('bad-reply', { endpoint, transient: true, problem, bodySnippet: snippet() });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw gatewayError('bad-reply', { endpoint, problem: 'JSON is not an object', bodySnippet: snippet() });
  }
  const data = json as Record<string, unknown>;
  if (!('error' in data) || data.error === null) {
    // Be liberal: the payload itself says the call worked.
    if (PAYLOAD_FIELDS[endpoint].some((field) => field in data)) return new Reply(endpoint, data, text, secrets);
    throw gatewayError('bad-reply', { endpoint, problem: 'no "error" field and no payload', bodySnippet: snippet() });
  }
  const head = failureReply.safeParse(data);
  if (!head.success) {
    throw gatewayError('bad-reply', { endpoint, problem: `unreadable "error" field`, bodySnippet: snippet() });
  }
  if (head.data.error !== 0) {
    const message = head.data.message === null ? null : scrubSecrets(head.data.message, secrets).slice(0, 200);
    const kind = refusalKind(endpoint, message);
    throw gatewayError(kind, message === null ? { endpoint } : { endpoint, gatewayMessage: message });
  }
  return new Reply(endpoint, data, text, secrets);
}

/** Errors raised before any byte of the request could reach the gateway. */
const CONNECT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, errors, cause } = err as { code?: unknown; errors?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  // Happy-eyeballs connection attempts fail with an AggregateError of the per-address errors.
  if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0]);
  if (cause !== undefined) return errorCode(cause);
  return undefined;
}

/**
 * An exception from undici → GatewayError. A failure to connect means nothing was sent: network (or timeout
 * for a read whose connect timed out). Any later failure — headers or body timeout, reset, socket closed —
 * means a write may have been applied without us hearing back: unknown-outcome, never retried. For reads all
 * of these are transient.
 */
export function classifyTransportError(endpoint: Endpoint, err: unknown): GatewayError {
  const code = errorCode(err) ?? 'unknown';
  const beforeSending = CONNECT_CODES.has(code) || code.startsWith('ERR_TLS_');
  const timedOut = TIMEOUT_CODES.has(code);
  let kind: GatewayErrorKind;
  if (isWrite(endpoint)) kind = beforeSending ? 'network' : 'unknown-outcome';
  else kind = timedOut ? 'timeout' : 'network';
  return gatewayError(kind, { endpoint, causeCode: code, transient: !isWrite(endpoint) });
}

function closedError(endpoint: Endpoint): GatewayError {
  return new GatewayError('network', 'The gateway connection is closed.', { endpoint, causeCode: 'CLIENT_CLOSED' });
}

/** Why a call's combined signal fired: the client closing, the caller, or the deadline. */
type AbortCause = 'closed' | 'cancelled' | 'deadline';

/**
 * A call stopped by its signal → GatewayError. Nothing sent yet: closed → network, cancelled → cancelled,
 * deadline → timeout (a write "was not sent"). Sent: a write may have been applied → unknown-outcome; a read
 * is cancelled, closed or timed out.
 */
function abortError(endpoint: Endpoint, cause: AbortCause, sent: boolean): GatewayError {
  if (sent && isWrite(endpoint)) {
    return gatewayError('unknown-outcome', { endpoint, causeCode: cause === 'deadline' ? 'DEADLINE' : 'ABORTED' });
  }
  if (cause === 'closed') return closedError(endpoint);
  if (cause === 'cancelled') return gatewayError('cancelled', { endpoint, causeCode: 'ABORTED' });
  return gatewayError('timeout', { endpoint, causeCode: 'DEADLINE' });
}

/** Thrown inside a call when its signal fires; turned into the right GatewayError by abortError. */
class Aborted extends Error {}

/** A limiter slot, or Aborted when `signal` fires first (a slot granted later is handed straight back). */
function acquireSlot(limiter: Semaphore, signal: AbortSignal): Promise<() => void> {
  if (signal.aborted) return Promise.reject(new Aborted());
  const pending = limiter.acquire();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      pending.then(
        (release) => release(),
        () => undefined,
      );
      reject(new Aborted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (release) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) release();
        else resolve(release);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/** Waits `ms`, or throws Aborted when `signal` fires first. */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    throw new Aborted();
  }
}

/** Gateway-clock samples kept for the median: a few minutes of polling. */
const CLOCK_SAMPLES = 15;

export function createTransport(options: TransportOptions): Transport {
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new TypeError(`The gateway address must start with https:// or http://`);
  }
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  // What logs show: no query, no user:password@.
  const logBase = `${base.protocol}//${base.host}${basePath}`;

  const pool = new Pool(base.origin, {
    connections: options.concurrency,
    pipelining: 1,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connectTimeout: options.connectTimeoutMs,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
  });
  const limiter = new Semaphore(options.concurrency);
  const random = options.random ?? Math.random;
  /** Fires on close(): every call in flight, waiting for a slot or backing off ends at once. */
  const closing = new AbortController();
  const clockSamples: number[] = [];

  function recordServerDate(header: string | string[] | undefined, sentAt: number, receivedAt: number): void {
    const serverMs = Date.parse(Array.isArray(header) ? (header[0] ?? '') : (header ?? ''));
    if (!Number.isFinite(serverMs)) return;
    // The header is cut to the second (+500 ms centres it); the server wrote it between send and receive.
    clockSamples.push(serverMs + 500 - (sentAt + receivedAt) / 2);
    if (clockSamples.length > CLOCK_SAMPLES) clockSamples.shift();
  }

  function tooLarge(endpoint: Endpoint, problem: string): GatewayError {
    return gatewayError('too-large', { endpoint, problem, limitBytes: options.maxReplyBytes });
  }

  /** The body as text, refused as soon as it is known to go over the cap (content-length first, then bytes). */
  async function readCapped(endpoint: Endpoint, response: Dispatcher.ResponseData): Promise<string> {
    const max = options.maxReplyBytes;
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      response.body.destroy();
      throw tooLarge(endpoint, `content-length ${declared} bytes is over the cap of ${max}`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > max) {
        response.body.destroy();
        throw tooLarge(endpoint, `body went over the cap of ${max} bytes`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  }

  async function attempt(endpoint: Endpoint, body: RequestBody, secrets: readonly string[], signal: AbortSignal): Promise<Reply> {
    const sentAt = Date.now();
    let status: number;
    let contentType: string;
    let text: string;
    const request: Dispatcher.RequestOptions =
      'form' in body
        ? {
            path: basePath + endpoint,
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
            body: encodeForm(body.form),
            signal,
          }
        : { path: basePath + endpoint, method: 'POST', headers: { accept: 'application/json' }, body: body.multipart, signal };
    try {
      const response = await pool.request(request);
      recordServerDate(response.headers.date, sentAt, Date.now());
      status = response.statusCode;
      const header = response.headers['content-type'];
      contentType = Array.isArray(header) ? header.join(', ') : (header ?? '');
      text = await readCapped(endpoint, response);
    } catch (err) {
      if (signal.aborted) throw new Aborted();
      if (err instanceof GatewayError) throw err;
      throw classifyTransportError(endpoint, err);
    }
    options.log(`gateway POST ${logBase}${endpoint} -> ${status} (${Date.now() - sentAt} ms)`);
    return decodeReply(endpoint, status, contentType, text, secrets);
  }

  async function call(endpoint: Endpoint, body: RequestBody, secrets: readonly string[], callOptions: CallOptions = {}): Promise<Reply> {
    const signIn = endpoint === 'gettoken';
    const attempts = isWrite(endpoint) || signIn ? 1 : 1 + Math.max(0, options.readRetries);
    // One controller per call, fired by the client closing, the caller or the deadline, and let go when the
    // call ends: AbortSignal.timeout() and AbortSignal.any() over the client's long-lived closing signal kept
    // every call's signals, timers and listeners until its deadline passed (~100 MB over a simulated day of
    // polling in `bench monitor`; in the app, every request of the last two minutes).
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    const deadline = setTimeout(
      abort,
      signIn
        ? options.signInTimeoutMs
        : isWrite(endpoint)
          ? Math.min(options.writeTimeoutMs, options.requestTimeoutMs)
          : options.requestTimeoutMs,
    );
    deadline.unref?.();
    const caller = callOptions.signal;
    closing.signal.addEventListener('abort', abort, { once: true });
    caller?.addEventListener('abort', abort, { once: true });
    if (closing.signal.aborted || caller?.aborted) abort();
    const signal = controller.signal;
    const cause = (): AbortCause => (closing.signal.aborted ? 'closed' : caller?.aborted ? 'cancelled' : 'deadline');
    try {
      return await attemptsOf(endpoint, body, secrets, attempts, signal, cause);
    } finally {
      clearTimeout(deadline);
      closing.signal.removeEventListener('abort', abort);
      caller?.removeEventListener('abort', abort);
    }
  }

  /** A call's attempts (reads are retried) under its combined signal. */
  async function attemptsOf(
    endpoint: Endpoint,
    body: RequestBody,
    secrets: readonly string[],
    attempts: number,
    signal: AbortSignal,
    cause: () => AbortCause,
  ): Promise<Reply> {
    let sent = false;
    for (let n = 0; ; n += 1) {
      try {
        const release = await acquireSlot(limiter, signal);
        try {
          sent = true;
          return await attempt(endpoint, body, secrets, signal);
        } finally {
          release();
        }
      } catch (err) {
        if (err instanceof ClosedError) throw closedError(endpoint);
        const failure =
          err instanceof Aborted
            ? abortError(endpoint, cause(), sent)
            : err instanceof GatewayError
              ? err
              : classifyTransportError(endpoint, err);
        options.log(failure.toLogLine());
        if (err instanceof Aborted || !failure.transient || n + 1 >= attempts) throw failure;
        // The slot is released while waiting, so a retrying read does not hold up other callers.
        const delay = backoffDelayMs(n, options.retryBaseDelayMs, random);
        options.log(`gateway ${endpoint}: retry ${n + 1} of ${attempts - 1} in ${delay} ms`);
        try {
          await pause(delay, signal);
        } catch {
          const stopped = abortError(endpoint, cause(), false);
          options.log(stopped.toLogLine());
          throw stopped;
        }
      }
    }
  }

  return {
    call,
    clockOffsetMs() {
      if (clockSamples.length === 0) return null;
      const sorted = [...clockSamples].sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      return Math.round(sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2);
    },
    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      limiter.close();
      // destroy, not close: close() would wait for a trickling reply to finish.
      await pool.destroy();
    },
  };
}
