import type { ErrorCode } from '../../../shared/errors';

// Turns whatever the gateway client threw into an ErrorCode, without importing the client: its
// GatewayError carries `.kind`, an AppFailure carries `.code`. Anything else is an internal fault.

/** GatewayError kinds whose name differs from the app's ErrorCode. */
const KIND_ALIASES: Readonly<Record<string, ErrorCode>> = {
  refused: 'gateway-refused',
  // Until the session's confirming read says otherwise, a token refusal is only a refusal.
  'maybe-invalid-token': 'gateway-refused',
  'too-large': 'bad-reply',
  cancelled: 'network',
};

const KNOWN_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'invalid-token',
  'timeout',
  'network',
  'bad-reply',
  'gateway-refused',
  'not-signed-in',
  'wrong-credentials',
  'unknown-outcome',
]);

export function failureCode(error: unknown): ErrorCode {
  if (typeof error === 'object' && error !== null) {
    const { kind, code } = error as { kind?: unknown; code?: unknown };
    if (typeof kind === 'string') {
      const alias = Object.hasOwn(KIND_ALIASES, kind) ? KIND_ALIASES[kind] : undefined;
      if (alias) return alias;
      if (KNOWN_CODES.has(kind)) return kind as ErrorCode;
    }
    if (typeof code === 'string' && KNOWN_CODES.has(code)) return code as ErrorCode;
  }
  return 'internal';
}

/** Failures that say nothing about the phones, only that the gateway could not be read. */
export function isUnreachable(code: ErrorCode): boolean {
  return code === 'timeout' || code === 'network' || code === 'bad-reply';
}

// Our own sentences, never the thrown message: it is shown to the user and must not leak anything.
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  'invalid-token': 'The gateway no longer accepts this sign-in. Please sign in again.',
  timeout: 'The gateway did not answer in time. Retrying in the background.',
  network: 'The gateway could not be reached. Retrying in the background.',
  'bad-reply': 'The gateway sent a reply Relay Desk could not read. Retrying in the background.',
  'gateway-refused': 'The gateway refused to list the phones. Retrying in the background.',
  'not-signed-in': 'Sign in to see your phones.',
};

export function failureMessage(code: ErrorCode): string {
  return MESSAGES[code] ?? 'Reading the phones failed unexpectedly. Retrying in the background.';
}
