// `customerid` is the only handle on messages sent by addalotofsms (it returns no ids), so every chunk and
// every single send carries one the app chose, journaled before the request leaves. The scheme:
//
// - Ids are positive integers the gateway stores as a MySQL INT: 1 … 2,147,483,647.
// - Relay Desk uses only the upper region, 1,000,000,000 … 2,147,483,647. Ids below are left to whatever
//   else the account's owner sends with (their own order numbers, scripts); the gateway itself writes 0 for
//   bulk rows without an id and null for addsms without one, so neither can be ours.
// - Per account, the database keeps a cursor: the next free id. A campaign takes a range of one id per chunk
//   (chunk k gets first + k); a single send takes a range of one. Ranges from one cursor never overlap.
// - A new account's cursor starts at a random point in the region, so two computers sending for the same
//   account (each with its own database) are unlikely to hand out the same ids: with a million ids used each,
//   the chance their ranges meet is about 0.2%. Reconciliation also matches numbers, not ids alone.
// - At the top of the region the cursor wraps to its start: ids are reused only after ~1.1 billion chunks.

export const CUSTOMER_ID_MAX = 2_147_483_647;
export const CUSTOMER_ID_REGION_START = 1_000_000_000;
const REGION_SIZE = CUSTOMER_ID_MAX - CUSTOMER_ID_REGION_START + 1;

export interface CustomerIdRange {
  /** The first id; id k of the range is first + k. */
  first: number;
  count: number;
}

/** A fresh account's cursor: a random id in the region. `random` returns [0, 1) like Math.random. */
export function initialCursor(random: () => number = Math.random): number {
  const r = random();
  if (!(r >= 0 && r < 1)) throw new RangeError(`random() must return a number in [0, 1), not ${r}.`);
  return CUSTOMER_ID_REGION_START + Math.floor(r * REGION_SIZE);
}

export function isRelayDeskCustomerId(id: number): boolean {
  return Number.isSafeInteger(id) && id >= CUSTOMER_ID_REGION_START && id <= CUSTOMER_ID_MAX;
}

/**
 * Takes `count` consecutive ids at the cursor (or at the region start when they would pass the top) and
 * returns them with the cursor to store. The caller stores the new cursor in the same transaction as the
 * campaign that uses the range.
 */
export function allocateRange(cursor: number, count: number): { range: CustomerIdRange; nextCursor: number } {
  if (!isRelayDeskCustomerId(cursor)) throw new RangeError(`The customerid cursor ${cursor} is outside Relay Desk's region.`);
  if (!Number.isInteger(count) || count < 1 || count > REGION_SIZE) {
    throw new RangeError(`A customerid range needs 1 to ${REGION_SIZE} ids, not ${count}.`);
  }
  const first = cursor + count - 1 <= CUSTOMER_ID_MAX ? cursor : CUSTOMER_ID_REGION_START;
  const after = first + count;
  return { range: { first, count }, nextCursor: after > CUSTOMER_ID_MAX ? CUSTOMER_ID_REGION_START : after };
}

/** The id of chunk `index` (0-based) of the range. */
export function customerIdAt(range: CustomerIdRange, index: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= range.count) {
    throw new RangeError(`Chunk ${index} is outside a range of ${range.count}.`);
  }
  return range.first + index;
}

/** Which chunk of the range an id read back from the gateway belongs to; null when it is not from this range. */
export function indexInRange(range: CustomerIdRange, id: number | null): number | null {
  if (id === null || !Number.isInteger(id)) return null;
  const index = id - range.first;
  return index >= 0 && index < range.count ? index : null;
}
