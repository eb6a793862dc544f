import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { FormData } from 'undici';
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
  readRetries: number;
  retryBaseDelayMs: number;
  log: (line: string) => void;
  /** For tests of the backoff; Math.random otherwise. */
  random?: () => number;
}

export type RequestBody = { form: FormFields } | { multipart: FormData };

export interface Transport {
  /** Sends one request (reads: with retries) and returns the decoded error:0 reply. */
  call(endpoint: Endpoint, body: RequestBody, secrets: readonly string[]): Promise<Reply>;
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

/** getalldevices' documented reply has no `error` field; every other reply must carry one. */
const ERROR_FIELD_OPTIONAL: ReadonlySet<Endpoint> = new Set(['getalldevices']);

/**
 * error:1 → kind. The API documents no "invalid token" reply, so the rule is ours: on an endpoint that takes a
 * token, an error:1 whose message mentions "token" (the sandbox says "Token is not valid") means the session
 * is gone → invalid-token. On gettoken every error:1 is wrong-credentials (its only documented failure). Any
 * other error:1 is refused, with the gateway's message shown to the user.
 */
export function refusalKind(endpoint: Endpoint, message: string | null): GatewayErrorKind {
  if (endpoint === 'gettoken') return 'wrong-credentials';
  if (message !== null && /token/i.test(message)) return 'invalid-token';
  return 'refused';
}

const RETRYABLE_STATUS = (status: number): boolean => status >= 500 || status === 408 || status === 429;

/**
 * One raw HTTP reply → Reply, or a GatewayError: status other than 200, HTML and non-JSON bodies are transport
 * failures (bad-reply; transient for 5xx/408/429, HTML and unparseable bodies such as truncated JSON); JSON
 * that is not an object or lacks `error` is a protocol failure (bad-reply, not transient); error≠0 is a refusal.
 */
export function decodeReply(
  endpoint: Endpoint,
  status: number,
  contentType: string,
  text: string,
  secrets: readonly string[],
): Reply {
  const snippet = (): string => bodySnippet(text, secrets);
  if (status !== 200) {
    throw gatewayError('bad-reply', {
      endpoint,
      httpStatus: status,
      transient: RETRYABLE_STATUS(status),
      problem: `HTTP ${status}`,
      bodySnippet: snippet(),
    });
  }
  const trimmed = text.trimStart();
  if (/text\/html/i.test(contentType) || trimmed.startsWith('<')) {
    throw gatewayError('bad-reply', { endpoint, transient: true, problem: 'HTML instead of JSON', bodySnippet: snippet() });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw gatewayError('bad-reply', { endpoint, transient: true, problem: 'body is not JSON', bodySnippet: snippet() });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw gatewayError('bad-reply', { endpoint, problem: 'JSON is not an object', bodySnippet: snippet() });
  }
  const data = json as Record<string, unknown>;
  if (!('error' in data)) {
    if (ERROR_FIELD_OPTIONAL.has(endpoint)) return new Reply(endpoint, data, text, secrets);
    throw gatewayError('bad-reply', { endpoint, problem: 'no "error" field', bodySnippet: snippet() });
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
  let closed = false;

  async function attempt(endpoint: Endpoint, body: RequestBody, secrets: readonly string[]): Promise<Reply> {
    const started = Date.now();
    let status: number;
    let contentType: string;
    let text: string;
    try {
      const response =
        'form' in body
          ? await pool.request({
              path: basePath + endpoint,
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
              body: encodeForm(body.form),
            })
          : await pool.request({
              path: basePath + endpoint,
              method: 'POST',
              headers: { accept: 'application/json' },
              body: body.multipart,
            });
      status = response.statusCode;
      const header = response.headers['content-type'];
      contentType = Array.isArray(header) ? header.join(', ') : (header ?? '');
      text = await response.body.text();
    } catch (err) {
      throw classifyTransportError(endpoint, err);
    }
    options.log(`gateway POST ${logBase}${endpoint} -> ${status} (${Date.now() - started} ms)`);
    return decodeReply(endpoint, status, contentType, text, secrets);
  }

  async function call(endpoint: Endpoint, body: RequestBody, secrets: readonly string[]): Promise<Reply> {
    const attempts = isWrite(endpoint) ? 1 : 1 + Math.max(0, options.readRetries);
    for (let n = 0; ; n += 1) {
      if (closed) throw closedError(endpoint);
      try {
        return await limiter.run(() => attempt(endpoint, body, secrets));
      } catch (err) {
        if (err instanceof ClosedError) throw closedError(endpoint);
        const failure = err instanceof GatewayError ? err : classifyTransportError(endpoint, err);
        options.log(failure.toLogLine());
        if (!failure.transient || n + 1 >= attempts || closed) throw failure;
        // The slot is released while waiting, so a retrying read does not hold up other callers.
        const delay = backoffDelayMs(n, options.retryBaseDelayMs, random);
        options.log(`gateway ${endpoint}: retry ${n + 1} of ${attempts - 1} in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  return {
    call,
    async close() {
      if (closed) return;
      closed = true;
      limiter.close();
      await pool.close();
    },
  };
}
