import { AppFailure } from '../../../shared/errors';
import type { ErrorCode } from '../../../shared/errors';

// Typed gateway failures. Every message here is written for the user; details for logs (a scrubbed body
// snippet, the gateway's own message) sit in separate fields. No field ever holds the token.

export type GatewayErrorKind =
  | 'wrong-credentials' // gettoken said error:1
  | 'invalid-token' // there is no token: the session is gone for certain
  // error:1 whose message mentions the token ("Token is not valid"), not a rate limit. The API documents no
  // invalid-token reply, so this is a guess: the session confirms with one cheap read before signing out.
  | 'maybe-invalid-token'
  | 'refused' // error:1 with a message, on any other request (rate limits included)
  | 'timeout' // no reply in time (reads, or a write that never reached the gateway)
  | 'network' // could not connect, or the connection broke during a read
  | 'bad-reply' // HTTP status other than 200, a body that is not JSON (HTML...), or a JSON shape we do not know
  | 'too-large' // the reply was over the size cap: not read, not retried (a narrower query may fit)
  | 'cancelled' // the caller's AbortSignal fired before anything was sent, or during a read
  | 'unknown-outcome'; // a write was sent but no usable reply came: it may or may not have been applied

export type Endpoint =
  | 'gettoken'
  | 'addsms'
  | 'addalotofsms'
  | 'getallsms'
  | 'getsmsstatus'
  | 'getdevicestatus'
  | 'getalldevices'
  | 'savetag'
  | 'savecontact'
  | 'savepaket';

/** Writes are never retried: resending could queue a message twice. */
export function isWrite(endpoint: Endpoint): boolean {
  return endpoint.startsWith('add') || endpoint.startsWith('save');
}

export interface GatewayErrorDetails {
  endpoint: Endpoint;
  /** HTTP status when the gateway answered with something other than 200. */
  httpStatus?: number;
  /** bad-reply: the first ~200 bytes of the body, secrets scrubbed. For logs only. */
  bodySnippet?: string;
  /** refused / invalid-token / wrong-credentials: the gateway's message, secrets scrubbed. */
  gatewayMessage?: string;
  /** Transport failures a read may retry: timeouts, broken connections, 5xx / HTML / truncated bodies. */
  transient?: boolean;
  /** too-large: the cap in bytes that the reply went over. */
  limitBytes?: number;
  /** Low-level error code (ECONNRESET, UND_ERR_HEADERS_TIMEOUT, ...) for logs. */
  causeCode?: string;
  /** bad-reply: what was wrong (field paths, never values). For logs only. */
  problem?: string;
}

export class GatewayError extends Error {
  readonly kind: GatewayErrorKind;
  readonly endpoint: Endpoint;
  readonly httpStatus?: number;
  readonly bodySnippet?: string;
  readonly gatewayMessage?: string;
  readonly transient: boolean;
  readonly causeCode?: string;
  readonly problem?: string;
  readonly limitBytes?: number;

  constructor(kind: GatewayErrorKind, message: string, details: GatewayErrorDetails) {
    super(message);
    this.name = 'GatewayError';
    this.kind = kind;
    this.endpoint = details.endpoint;
    this.transient = details.transient ?? false;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.bodySnippet !== undefined) this.bodySnippet = details.bodySnippet;
    if (details.gatewayMessage !== undefined) this.gatewayMessage = details.gatewayMessage;
    if (details.causeCode !== undefined) this.causeCode = details.causeCode;
    if (details.problem !== undefined) this.problem = details.problem;
    if (details.limitBytes !== undefined) this.limitBytes = details.limitBytes;
  }

  /** One line for the log: kind, endpoint and the scrubbed details. */
  toLogLine(): string {
    const parts = [`gateway ${this.endpoint} failed: ${this.kind}`];
    if (this.causeCode) parts.push(`cause=${this.causeCode}`);
    if (this.httpStatus !== undefined) parts.push(`http=${this.httpStatus}`);
    if (this.problem !== undefined) parts.push(`problem=${JSON.stringify(this.problem)}`);
    if (this.gatewayMessage !== undefined) parts.push(`gateway said ${JSON.stringify(this.gatewayMessage)}`);
    if (this.bodySnippet !== undefined) parts.push(`body=${JSON.stringify(this.bodySnippet)}`);
    return parts.join(' ');
  }
}

/** A GatewayError as plain data: the mirror's thread reads replies with a client of its own (messages/sync.ts). */
export function gatewayErrorData(error: GatewayError): { kind: GatewayErrorKind; details: GatewayErrorDetails } {
  const details: GatewayErrorDetails = { endpoint: error.endpoint, transient: error.transient };
  for (const key of ['httpStatus', 'bodySnippet', 'gatewayMessage', 'causeCode', 'problem', 'limitBytes'] as const) {
    if (error[key] !== undefined) Object.assign(details, { [key]: error[key] });
  }
  return { kind: error.kind, details };
}

/** What the user was doing, for messages that tell them what to check before trying again. */
function subject(endpoint: Endpoint): { thing: string; check: string } {
  switch (endpoint) {
    case 'addsms':
      return { thing: 'The message', check: 'check Messages before sending again' };
    case 'addalotofsms':
      return { thing: 'The messages', check: 'check Messages before sending again' };
    case 'savetag':
      return { thing: 'The tag', check: 'check the tags in the SMSGateway24 account before trying again' };
    case 'savecontact':
      return { thing: 'The contact', check: 'check the tag in the SMSGateway24 account before trying again' };
    case 'savepaket':
      return { thing: 'The newsletter', check: 'check the newsletters on the phone before trying again' };
    default:
      return { thing: 'The request', check: 'check before trying again' };
  }
}

/** The user-facing sentence for each kind. */
export function userMessage(kind: GatewayErrorKind, endpoint: Endpoint, gatewayMessage?: string): string {
  const write = isWrite(endpoint);
  const { thing, check } = subject(endpoint);
  switch (kind) {
    case 'wrong-credentials':
      return 'The gateway did not accept this email and password.';
    case 'invalid-token':
      return 'The gateway no longer accepts this session. Sign in again.';
    case 'maybe-invalid-token':
      return gatewayMessage
        ? `The gateway refused the request: ${gatewayMessage}`
        : 'The gateway refused the request because of the sign-in.';
    case 'too-large':
      return write
        ? `The gateway's reply was too large to read. ${thing} may or may not have been queued — ${check}.`
        : "The gateway's reply was too large to read. Narrow the request (for example a shorter date range).";
    case 'cancelled':
      return 'The request was cancelled.';
    case 'refused':
      return gatewayMessage ? `The gateway refused the request: ${gatewayMessage}` : 'The gateway refused the request.';
    case 'timeout':
      return write
        ? `The gateway could not be reached in time. ${thing} was not sent.`
        : 'The gateway did not answer in time. Try again in a moment.';
    case 'network':
      return write
        ? `Could not reach the gateway. ${thing} was not sent. Check the internet connection and the server address.`
        : 'Could not reach the gateway. Check the internet connection and the server address.';
    case 'bad-reply':
      return write
        ? `The gateway sent a reply the app could not read. ${thing} may or may not have been queued — ${check}.`
        : 'The gateway sent a reply the app could not read. Try again later.';
    case 'unknown-outcome':
      return `The gateway did not confirm the request. ${thing} may or may not have been queued — ${check}.`;
  }
}

const APP_CODE: Record<GatewayErrorKind, ErrorCode> = {
  'wrong-credentials': 'wrong-credentials',
  'invalid-token': 'invalid-token',
  // Shown, not acted on: only the session's confirming read turns it into a sign-out.
  'maybe-invalid-token': 'gateway-refused',
  refused: 'gateway-refused',
  'too-large': 'bad-reply',
  // ErrorCode has no "cancelled"; whoever cancelled does not show it anyway.
  cancelled: 'network',
  timeout: 'timeout',
  network: 'network',
  'bad-reply': 'bad-reply',
  'unknown-outcome': 'unknown-outcome',
};

/**
 * Any error from the gateway client → the AppFailure the router sends to the renderer. AppFailures pass
 * through (the client throws AppFailure('validation') for inputs it cannot send); anything else is internal
 * and its message is not shown (it could carry anything).
 */
export function toAppFailure(err: unknown): AppFailure {
  if (err instanceof AppFailure) return err;
  if (err instanceof GatewayError) return new AppFailure(APP_CODE[err.kind], err.message);
  return new AppFailure('internal', 'Something went wrong while talking to the gateway.', undefined, undefined, 'refusals.gatewayTrouble');
}

const REDACTED = '[redacted]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes secrets from text bound for an error or a log: the given literals (raw and URL-encoded), any
 * 32-hex-digit run (the token's shape), and the values of token / pass fields in JSON or form encoding.
 */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue; // too short to scrub without mangling ordinary text
    for (const form of new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])) {
      out = out.replace(new RegExp(escapeRegExp(form), 'g'), REDACTED);
    }
  }
  return out
    .replace(/[0-9a-f]{32}/gi, REDACTED)
    .replace(/("(?:token|pass|password)"\s*:\s*")[^"]*(")/gi, `$1${REDACTED}$2`)
    .replace(/\b((?:token|pass|password)=)[^&\s"']*/gi, `$1${REDACTED}`);
}

/** The first ~`maxBytes` bytes of a body for logs, secrets scrubbed before cutting (so no half token stays). */
export function bodySnippet(body: string, secrets: readonly string[], maxBytes = 200): string {
  const scrubbed = scrubSecrets(body.slice(0, maxBytes * 4), secrets);
  const bytes = Buffer.from(scrubbed, 'utf8');
  if (bytes.length <= maxBytes) return scrubbed;
  return `${bytes
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD+$/, '')}…`;
}
