import { MESSAGE_STATUS, MESSAGE_STATUS_CODES } from '../../../shared/domain';
import type { MessageStatusCode } from '../../../shared/domain';
import { STATUS_GROUPS } from '../../../shared/ipc/messages';
import type { StatusGroup } from '../../../shared/ipc/messages';

// The five groups people think in (waiting, sent, delivered, failed, incoming), derived from the status
// table in shared/domain.ts so a code added there lands in a group without touching this file.

export { STATUS_GROUPS };
export type { StatusGroup };

export function statusGroup(code: MessageStatusCode): StatusGroup {
  const { outcome, final } = MESSAGE_STATUS[code];
  if (outcome === 'pending') return 'waiting';
  if (outcome === 'good') return final ? 'delivered' : 'sent';
  return outcome; // 'failed' | 'incoming'
}

/** The codes of each group, in the table's order. */
export const GROUP_CODES: Readonly<Record<StatusGroup, readonly MessageStatusCode[]>> = Object.fromEntries(
  STATUS_GROUPS.map((group) => [group, MESSAGE_STATUS_CODES.filter((code) => statusGroup(code) === group)]),
) as unknown as Record<StatusGroup, readonly MessageStatusCode[]>;

/** Not final yet (1 → 3 → 2 → 6): the mirror reads their windows again until they settle. */
export const UNFINISHED_CODES: readonly MessageStatusCode[] = MESSAGE_STATUS_CODES.filter((code) => !MESSAGE_STATUS[code].final);

/** English names for logs, the CLI and exports when no catalogue is given (the app passes its own words). */
export const STATUS_NAMES_EN: Readonly<Record<MessageStatusCode, string>> = {
  1: 'New',
  3: 'Queued on the phone',
  2: 'Taken by the phone',
  5: 'Incoming',
  6: 'Sent',
  7: 'Delivered',
  8: 'Not delivered',
  9: 'Not sent: failure',
  10: 'Not sent: no service',
  11: 'Not sent: null PDU',
  12: 'Not sent: radio off',
  100: 'Not sent: not allowed on the phone',
  101: 'Not sent: not allowed',
};
