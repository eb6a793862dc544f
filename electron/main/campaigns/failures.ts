import type { MessageStatusCode } from '../../../shared/domain';

// Failed messages grouped by status code, each with what to do about it (texts: shared/failure-words.ts).
// "Send the retryable failures again" is a new, explicit send the user starts; this only says which are.

export type FailureCode = 8 | 9 | 10 | 11 | 12 | 100 | 101;
export const FAILURE_CODES: readonly FailureCode[] = [8, 9, 10, 11, 12, 100, 101];

/**
 * retryable: a passing phone or network condition; sending again (maybe on another phone) may work.
 * fix-phone: the phone forbids sending; sending again before it is fixed fails the same way.
 * not-delivered: it was sent; the operator could not deliver it, so a resend is the user's call.
 */
export type FailureKind = 'retryable' | 'fix-phone' | 'not-delivered';

const KIND: Readonly<Record<FailureCode, FailureKind>> = {
  8: 'not-delivered',
  9: 'retryable',
  10: 'retryable',
  11: 'retryable',
  12: 'retryable',
  100: 'fix-phone',
  101: 'fix-phone',
};

export function isFailureCode(status: number): status is FailureCode {
  return Object.hasOwn(KIND, status);
}

export function failureKind(code: FailureCode): FailureKind {
  return KIND[code];
}

export function isRetryable(status: number): boolean {
  return isFailureCode(status) && KIND[status] === 'retryable';
}

export interface FailureGroup<T> {
  code: FailureCode;
  kind: FailureKind;
  /** Catalogue keys for the group's heading, explanation and advice. */
  titleKey: `failures.${FailureCode}.title`;
  whatKey: `failures.${FailureCode}.what`;
  todoKey: `failures.${FailureCode}.todo`;
  messages: T[];
}

/** Failed messages by code, the largest group first (ties in code order); other statuses are left out. */
export function groupFailures<T extends { status: MessageStatusCode | number }>(messages: Iterable<T>): FailureGroup<T>[] {
  const groups = new Map<FailureCode, T[]>();
  for (const message of messages) {
    if (!isFailureCode(message.status)) continue;
    const group = groups.get(message.status);
    if (group) group.push(message);
    else groups.set(message.status, [message]);
  }
  return [...groups]
    .sort(([a, x], [b, y]) => y.length - x.length || a - b)
    .map(([code, list]) => ({
      code,
      kind: KIND[code],
      titleKey: `failures.${code}.title`,
      whatKey: `failures.${code}.what`,
      todoKey: `failures.${code}.todo`,
      messages: list,
    }));
}
