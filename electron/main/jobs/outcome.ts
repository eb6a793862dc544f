import { AppFailure } from '../../../shared/errors';
import type { ErrorCode } from '../../../shared/errors';
import type { HoldReason } from '../../../shared/jobs';
import { GatewayError, toAppFailure } from '../gateway/errors';

// What a step's error means for its journal row. The one rule that matters: a write whose request may have
// left is never sent again by itself.

export type StepVerdict =
  | { to: 'unknown'; message: string }
  | { to: 'failed'; message: string }
  /** Nothing was applied: the step goes back to pending and the job waits (for `hold`, when given). */
  | { to: 'pending'; hold: HoldReason | null; message: string };

const MAY_HAVE_LEFT = 'The request may or may not have been applied: check before sending it again.';

function codeOf(err: unknown): { code: ErrorCode; message: string } | null {
  if (err instanceof AppFailure) return { code: err.code, message: err.message };
  if (err instanceof GatewayError) {
    const failure = toAppFailure(err);
    return { code: failure.code, message: failure.message };
  }
  return null;
}

const isAbort = (err: unknown): boolean => err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');

export function classifyStepError(err: unknown, writes: boolean): StepVerdict {
  const known = codeOf(err);
  if (!known) {
    if (isAbort(err)) {
      return writes
        ? { to: 'unknown', message: `Relay Desk stopped before the gateway answered. ${MAY_HAVE_LEFT}` }
        : { to: 'pending', hold: null, message: 'Stopped before it finished.' };
    }
    // A bug or an unexpected failure: in a write we cannot tell whether the request left.
    return writes
      ? { to: 'unknown', message: `The step stopped with an unexpected error. ${MAY_HAVE_LEFT}` }
      : { to: 'failed', message: 'The step stopped with an unexpected error.' };
  }
  const { code, message } = known;
  switch (code) {
    case 'unknown-outcome':
      return { to: 'unknown', message };
    case 'bad-reply':
      // A write got an unreadable reply: the gateway saw the request and may have applied it.
      return writes ? { to: 'unknown', message } : { to: 'failed', message };
    case 'gateway-refused':
    case 'validation':
      return { to: 'failed', message };
    case 'network':
    case 'timeout':
      // The client reports these only when a write never reached the gateway.
      return { to: 'pending', hold: 'gateway-unreachable', message };
    case 'not-signed-in':
    case 'invalid-token':
    case 'wrong-credentials':
    case 'keychain':
      return { to: 'pending', hold: 'signed-out', message };
    default:
      return writes ? { to: 'unknown', message: `${message} ${MAY_HAVE_LEFT}` } : { to: 'failed', message };
  }
}
