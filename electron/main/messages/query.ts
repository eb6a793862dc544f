import type { Statement } from 'better-sqlite3';
import type { Db } from '../db';
import type { Message, MessageStatusCode } from '../../../shared/domain';
import { DEFAULT_SORT, MAX_PAGE } from './filter';
import type { MessageCursor, MessageFilter, MessagePageInput, MessageSort, SortColumn } from './filter';
import { foldText } from './fold';
import { GROUP_CODES } from './status';
import { rowToMessage } from './store';
import type { MessageRow } from './store';

// A filter → SQL over the mirror. Every value is bound, never spliced into the text. Statements are prepared once per distinct SQL text (a small LRU), so a
// page costs one index walk: measured by `npm run bench -- history` (p95 over 24 combinations).

export interface SqlWhere {
  /** "" when the filter matches everything, else " WHERE …". */
  where: string;
  params: (number | string)[];
}

/** The filter's codes (statuses and groups merged), or null when it does not filter by status. */
export function filterStatusCodes(filter: MessageFilter): MessageStatusCode[] | null {
  if (!filter.statuses?.length && !filter.groups?.length) return null;
  const codes = new Set<MessageStatusCode>(filter.statuses ?? []);
  for (const group of filter.groups ?? []) for (const code of GROUP_CODES[group]) codes.add(code);
  return [...codes].sort((a, b) => a - b);
}

/** The digits a number filter looks for: "+44 (0)7700-900" → "447700900"; a leading trunk 0 is dropped. */
export function phoneNeedle(text: string): string {
  return text.replace(/\D+/g, '').replace(/^0+/, '');
}

/**
 * The filter's WHERE. `walkSort`: its columns are written `+column`, which keeps SQLite off their indexes, so it
 * walks the sort's index and tests each row (see sortWalkPays: many matches, sorted by another column).
 */
export function filterToSql(filter: MessageFilter, options: { walkSort?: boolean } = {}): SqlWhere {
  const conditions: string[] = [];
  const params: (number | string)[] = [];
  const plus = options.walkSort ? '+' : '';
  const inList = (name: string, values: readonly number[]): void => {
    const column = plus + name;
    if (values.length === 1) {
      conditions.push(`${column} = ?`);
      params.push(values[0]!);
    } else {
      conditions.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    }
  };
  if (filter.deviceIds?.length) inList('device_id', [...new Set(filter.deviceIds)]);
  const codes = filterStatusCodes(filter);
  if (codes) inList('status', codes);
  if (filter.from !== undefined) {
    conditions.push(`${plus}created_ms >= ?`);
    params.push(Date.parse(filter.from));
  }
  if (filter.to !== undefined) {
    conditions.push(`${plus}created_ms < ?`);
    params.push(Date.parse(filter.to));
  }
  if (filter.sims?.length) inList('sim', [...new Set(filter.sims)]);
  // IFNULL(…, -1): the form the indexes are built on (the same index serves the filter and the sort).
  if (filter.customerId !== undefined) {
    conditions.push(`${plus}IFNULL(customer_id, -1) = ?`);
    params.push(filter.customerId);
  }
  if (filter.customerIdRange) {
    conditions.push(`${plus}IFNULL(customer_id, -1) BETWEEN ? AND ?`);
    params.push(filter.customerIdRange[0], filter.customerIdRange[1]);
  }
  const phone = filter.phone === undefined ? '' : phoneNeedle(filter.phone);
  if (phone !== '') {
    // The numbers that match (each once, in message_recipients), then their messages by messages_by_send_to.
    conditions.push(`${plus}send_to IN (SELECT send_to FROM message_recipients WHERE instr(digits, ?) > 0)`);
    params.push(phone);
  }
  if (filter.newsletterId !== undefined) {
    conditions.push(`${plus}IFNULL(paket_id, -1) = ?`);
    params.push(filter.newsletterId);
  }
  const text = filter.text === undefined ? '' : foldText(filter.text.trim());
  if (text !== '') {
    conditions.push('instr(body_folded, ?) > 0');
    params.push(text);
  }
  return { where: conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '', params };
}

/** The sort key of each column; nullable ones sort as -1 so keyset comparisons work (NULL never compares). */
const SORT_EXPR: Record<SortColumn, { sql: string; value: (row: MessageRow) => number | string }> = {
  created: { sql: 'created_ms', value: (r) => r.created_ms },
  sentAt: { sql: 'IFNULL(sent_ms, -1)', value: (r) => r.sent_ms ?? -1 },
  sendAt: { sql: 'IFNULL(send_at_ms, -1)', value: (r) => r.send_at_ms ?? -1 },
  status: { sql: 'status', value: (r) => r.status },
  deviceId: { sql: 'device_id', value: (r) => r.device_id },
  sim: { sql: 'sim', value: (r) => r.sim },
  sendTo: { sql: 'send_to', value: (r) => r.send_to },
  customerId: { sql: 'IFNULL(customer_id, -1)', value: (r) => r.customer_id ?? -1 },
  newsletterId: { sql: 'IFNULL(paket_id, -1)', value: (r) => r.paket_id ?? -1 },
  id: { sql: 'id', value: (r) => r.id },
};

const COLUMNS = `id, send_to, body, customer_id, status, status_title, device_id, sim, urgent, created_ms, created_zone,
  sent_ms, sent_zone, send_at_ms, send_at_zone, paket_id, paket_title, paket_body, status_changed_at`;

/** ORDER BY of a sort: the column, then creation time, then id (the order of every sort index). */
function orderSql(sort: MessageSort): { keys: string[]; dir: string } {
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
  if (sort.column === 'id') return { keys: ['id'], dir };
  if (sort.column === 'created') return { keys: ['created_ms', 'id'], dir };
  return { keys: [SORT_EXPR[sort.column].sql, 'created_ms', 'id'], dir };
}

function keysetParams(sort: MessageSort, after: MessageCursor): (number | string)[] {
  if (sort.column === 'id') return [after.id];
  if (sort.column === 'created') return [after.created, after.id];
  return [after.value, after.created, after.id];
}

function keysetSql(keys: readonly string[], sort: MessageSort): string {
  return `(${keys.join(', ')}) ${sort.direction === 'asc' ? '>' : '<'} (${keys.map(() => '?').join(', ')})`;
}

/** SELECT of one page: the filter, the keyset condition when paging by cursor, the order, LIMIT/OFFSET. */
export function pageSql(
  filter: MessageFilter,
  sort: MessageSort,
  after: MessageCursor | undefined,
  walkSort = false,
  direct = false,
): SqlWhere {
  const base = filterToSql(filter, { walkSort });
  const { keys, dir } = orderSql(sort);
  let where = base.where;
  const params = [...base.params];
  if (after) {
    const keyset = keysetSql(keys, sort);
    where = where ? `${where} AND ${keyset}` : ` WHERE ${keyset}`;
    params.push(...keysetParams(sort, after));
  }
  // The page's ids are chosen first, then its rows read: when SQLite has to sort (a filter and a sort no one
  // index serves), it sorts narrow (key, id) records, not whole rows with their bodies (measured 27 → ~8 ms
  // for a campaign's 14k messages newest first).
  const order = keys.map((k) => `${k} ${dir}`).join(', ');
  // A walk of one sort index with nothing to filter (an export of the whole history): the rows come in order,
  // and choosing the ids first would only sort each page's wide rows again.
  if (direct) return { where: `SELECT ${COLUMNS} FROM messages${where} ORDER BY ${order} LIMIT ? OFFSET ?`, params };
  return {
    where: `SELECT ${COLUMNS} FROM messages WHERE id IN (SELECT id FROM messages${where} ORDER BY ${order} LIMIT ? OFFSET ?) ORDER BY ${order}`,
    params,
  };
}

const MAX_CACHED = 128;
const caches = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement per SQL text, most recently used kept. */
export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement) {
    cache.delete(sql);
  } else {
    statement = db.prepare(sql);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  cache.set(sql, statement);
  return statement;
}

export interface MessagePage {
  rows: Message[];
  /** Every match of the filter; null when not asked for. */
  total: number | null;
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: MessageCursor | null;
  /** `total` is a lower bound: a text or number search matched more than that, and the count stopped there. */
  totalAtLeast?: true;
}

/** Rows as stored, for exports and figures that need the raw instants. */
export function pageRows(
  db: Db,
  filter: MessageFilter,
  sort: MessageSort,
  limit: number,
  options: { offset?: number | undefined; after?: MessageCursor | undefined; walkSort?: boolean } = {},
): MessageRow[] {
  // Nothing to filter and no offset to skip: a plain walk of the sort's index (see pageSql).
  const direct = !options.offset && Object.values(filter).every((value) => value === undefined);
  const { where: sql, params } = pageSql(filter, sort, options.after, options.walkSort, direct);
  return prepared(db, sql).all(...params, limit, options.offset ?? 0) as MessageRow[];
}

export function cursorOf(row: MessageRow, sort: MessageSort): MessageCursor {
  return { value: SORT_EXPR[sort.column].value(row), created: row.created_ms, id: row.id };
}

/** Filters by phone, SIM and status only (or none): their total is a sum over message_tallies. */
export function talliesCount(db: Db, filter: MessageFilter): number | null {
  const { deviceIds, statuses, groups, sims, ...others } = filter;
  if (Object.values(others).some((value) => value !== undefined)) return null;
  const { where, params } = filterToSql({ deviceIds, statuses, groups, sims });
  return prepared(db, `SELECT IFNULL(SUM(n), 0) FROM message_tallies${where}`)
    .pluck()
    .get(...params) as number;
}

export function countMessages(db: Db, filter: MessageFilter): number {
  const tallied = talliesCount(db, filter);
  if (tallied !== null) return tallied;
  const { where, params } = filterToSql(filter);
  return prepared(db, `SELECT COUNT(*) FROM messages${where}`)
    .pluck()
    .get(...params) as number;
}

/**
 * A scanned filter (text) collects the ids of its first matches, up to this many, in one pass: fewer are the
 * count, and the page is sorted from them. More: the count says "more than 1,000" (the exact figure costs a
 * test of every row, ~0.3 s at a million, and no one reads the difference between 41,327 and 41,328 matches
 * of "pedido"), and the page walks the sort's index, which finds common matches at once.
 */
export const SCAN_COUNT_CAP = 1_000;

/**
 * Whether walking the sort's index (testing each row) beats reading the filter's matches through its own
 * index and sorting them: about (offset + limit) × rows / matches rows walked, against `matches` sorted.
 * Only for sorts the filter indexes cannot give (they all end in created_ms, so "created" never needs it).
 */
function sortWalkPays(sort: MessageSort, matches: number, rows: number, wanted: number): boolean {
  return sort.column !== 'created' && matches > 0 && matches * matches > wanted * rows;
}

/**
 * Page and count for filters SQLite must test row by row (text, number), in about one scan: the first
 * FEW_MATCHES + 1 matching ids are collected. Fewer: they are the count, and the page is sorted from them.
 * More: the match is common, so the page (an index walk that stops after `limit` hits) is cheap, and only the
 * count scans. Measured at 100k under load: a rare word took 2 scans ≈ 45 ms, now ≈ 25 ms.
 */
function pageAndCountScanned(
  db: Db,
  filter: MessageFilter,
  sort: MessageSort,
  limit: number,
  offset: number,
  after: MessageCursor | undefined,
): { rows: MessageRow[]; total: number; atLeast: boolean } {
  const { where, params } = filterToSql(filter);
  const ids = prepared(db, `SELECT id FROM messages${where} LIMIT ${SCAN_COUNT_CAP + 1}`)
    .pluck()
    .all(...params) as number[];
  if (ids.length > SCAN_COUNT_CAP) {
    return {
      rows: pageRows(db, filter, sort, limit, { offset, after, walkSort: sort.column !== 'created' }),
      total: SCAN_COUNT_CAP,
      atLeast: true,
    };
  }
  const { keys, dir } = orderSql(sort);
  const keyset = after ? ` AND ${keysetSql(keys, sort)}` : '';
  const sql = `SELECT ${COLUMNS} FROM messages WHERE id IN (SELECT value FROM json_each(?))${keyset}
    ORDER BY ${keys.map((k) => `${k} ${dir}`).join(', ')} LIMIT ? OFFSET ?`;
  const rows = prepared(db, sql).all(JSON.stringify(ids), ...(after ? keysetParams(sort, after) : []), limit, offset) as MessageRow[];
  return { rows, total: ids.length, atLeast: false };
}

/** Filters with no index to narrow them: SQLite tests every row. */
const needsScan = (filter: MessageFilter): boolean =>
  (filter.text !== undefined && filter.text.trim() !== '') || (filter.phone !== undefined && phoneNeedle(filter.phone) !== '');

/** One page of the Messages table (input already checked by messagePageSchema). */
export function listMessages(db: Db, input: MessagePageInput = {}): MessagePage {
  const filter = input.filter ?? {};
  const sort = input.sort ?? DEFAULT_SORT;
  const limit = Math.min(input.limit ?? 100, MAX_PAGE);
  const withTotal = input.withTotal !== false;
  let rows: MessageRow[];
  let total: number | null = null;
  let atLeast = false;
  if (needsScan(filter)) {
    // Every page of a search (not only the first, which shows the count) learns how common its matches are
    // from the capped pass: that decides how its page is read.
    ({ rows, total, atLeast } = pageAndCountScanned(db, filter, sort, limit, input.offset ?? 0, input.after));
    if (!withTotal) {
      total = null;
      atLeast = false;
    }
  } else {
    // A filter by phone, SIM or status knows its matches from the tallies: many of them, sorted by another
    // column (a million messages, 66,000 incoming, by number), walk the number's index instead of sorting.
    const tallied = talliesCount(db, filter);
    const walkSort = tallied !== null && sortWalkPays(sort, tallied, talliesCount(db, {})!, (input.offset ?? 0) + limit);
    rows = pageRows(db, filter, sort, limit, { offset: input.offset, after: input.after, walkSort });
    if (withTotal) total = tallied ?? countMessages(db, filter);
  }
  const last = rows[rows.length - 1];
  return {
    rows: rows.map(rowToMessage),
    total,
    nextCursor: rows.length === limit && last ? cursorOf(last, sort) : null,
    ...(atLeast ? { totalAtLeast: true as const } : {}),
  };
}

/** One message by id (the details panel), or null when the mirror does not have it. */
export function getMessage(db: Db, messageId: number): Message | null {
  const row = prepared(db, `SELECT ${COLUMNS} FROM messages WHERE id = ?`).get(messageId) as MessageRow | undefined;
  return row ? rowToMessage(row) : null;
}
