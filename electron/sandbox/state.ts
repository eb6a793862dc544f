import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

// Everything the sandbox knows, as plain records keyed by id. Every record names its account (by
// lower-cased email) so one account never sees another's data. Times are epoch milliseconds (UTC).

export interface AccountRecord {
  email: string;
  password: string;
  /** The account's API token; null after invalidateTokens() until the next gettoken. */
  token: string | null;
  /**
   * The zone reply dates are written in when getallsms gets no `timezone` (an IANA name, or `+HH:MM`
   * for PHP's timezone_type 1). Naive request times are UTC whatever this says, as on the service.
   */
  timeZone: string;
}

export interface SimRecord {
  Slot: number;
  IccId: string;
  Number: string;
  Roaming: '0' | '1';
  CountryIso: string;
  CarrierName: string;
}

export interface DeviceRecord {
  id: number;
  account: string;
  title: string;
  number: string;
  imei: string;
  serialnumber: string;
  created: number;
  lastseen: number;
  siminfo: SimRecord[];
  appversion: string;
  /** Seconds between two sends; null = the phone's own default (the service reports null). */
  delaybetweeneachsms: number | null;
  delaybetweenrequest: number;
  subscription: boolean;
  /** Simulation: whether the phone has a connection (polls, sends, reports). */
  online: boolean;
  /** Simulation: share of sends that fail; null = the sandbox-wide rate. */
  failureRate: number | null;
  /**
   * Simulation: share of taken messages the phone first lists as queued (3) before sending (2), the
   * order 1 → 3 → 2 → 6 the service shows for some phones; the others go 1 → 2 → 6.
   */
  queuedStageRate: number;
  /**
   * Simulation: Android's SMS permission for the app. Without it SMS slots (sim 0/1) fail with 100
   * (sending not allowed on the phone) or 101 (not allowed at all); WhatsApp and RCS slots still work.
   */
  smsPermission: SmsPermission;
}

export type SmsPermission = 'granted' | 'not-allowed-on-phone' | 'not-allowed';

export interface MessageRecord {
  id: number;
  account: string;
  sendto: string;
  body: string;
  customerid: number | null;
  status: number;
  deviceid: number;
  sim: number;
  urgent: boolean;
  created: number;
  senttime: number | null;
  timetosend: number | null;
  paketid: number | null;
  pakettitle: string | null;
  paketbody: string | null;
  /**
   * Simulation: the status the phone's delivery report will set (7 delivered, 8 not delivered) while the
   * message sits at 6; null when no report is coming (history that never got one, or already final).
   */
  pendingReport: 7 | 8 | null;
}

export interface TagRecord {
  id: number;
  account: string;
  title: string;
}

export interface ContactRecord {
  id: number;
  account: string;
  tagId: number;
  phone: string;
  fullname: string | null;
}

export interface PaketRecord {
  id: number;
  account: string;
  title: string;
  deviceId: number;
  body: string;
  tagIds: number[];
  sim: number;
  timeToSend: number;
  /** True once it has been turned into one message per contact. */
  expanded: boolean;
  /** When someone pressed start in the app on the phone; null = waiting for that (nothing goes out). */
  startedAt: number | null;
  /** Simulation: when the demo's phone presses start by itself; null = only the sandbox control starts it. */
  autoStartAt: number | null;
}

export interface FileRecord {
  name: string;
  mimeType: string;
  data: Uint8Array;
}

export const CURRENT_APP_VERSION = '2.7.4';

const FIRST_IDS = { device: 260, message: 62_807_000, tag: 8_300, contact: 15_954_700, paket: 4_100 };
type IdKind = keyof typeof FIRST_IDS;

export class SandboxState {
  accounts = new Map<string, AccountRecord>();
  devices = new Map<number, DeviceRecord>();
  messages = new MessageMap();
  tags = new Map<number, TagRecord>();
  contacts = new Map<number, ContactRecord>();
  pakets = new Map<number, PaketRecord>();
  files = new Map<string, FileRecord>();
  private nextIds: Record<IdKind, number> = { ...FIRST_IDS };

  nextId(kind: IdKind): number {
    return this.nextIds[kind]++;
  }

  addAccount(email: string, password: string, timeZone: string): AccountRecord {
    const key = accountKey(email);
    const existing = this.accounts.get(key);
    if (existing) {
      existing.password = password;
      existing.timeZone = timeZone;
      return existing;
    }
    const account: AccountRecord = { email: key, password, token: null, timeZone };
    this.accounts.set(key, account);
    return account;
  }

  account(email: string): AccountRecord {
    const account = this.accounts.get(accountKey(email));
    if (!account) throw new Error(`No sandbox account ${email}`);
    return account;
  }

  accountByToken(token: string): AccountRecord | undefined {
    if (!/^[0-9a-f]{32}$/.test(token)) return undefined;
    for (const account of this.accounts.values()) if (account.token === token) return account;
    return undefined;
  }

  /** The account's token, minted on first use (the service hands out one token per account). */
  tokenFor(account: AccountRecord): string {
    account.token ??= randomBytes(16).toString('hex');
    return account.token;
  }

  // ---- persistence: one JSON file, written whole (temp file + rename so a crash never leaves half) ----

  toJSON(): PersistedState {
    return {
      version: 1,
      nextIds: { ...this.nextIds },
      accounts: [...this.accounts.values()],
      devices: [...this.devices.values()],
      messages: [...this.messages.values()],
      tags: [...this.tags.values()],
      contacts: [...this.contacts.values()],
      pakets: [...this.pakets.values()],
      files: [...this.files.values()].map((f) => ({
        name: f.name,
        mimeType: f.mimeType,
        base64: Buffer.from(f.data).toString('base64'),
      })),
    };
  }

  static fromJSON(data: PersistedState): SandboxState {
    if (data.version !== 1) throw new Error(`Unsupported sandbox state version ${String(data.version)}`);
    const state = new SandboxState();
    state.nextIds = { ...FIRST_IDS, ...data.nextIds };
    // Files saved before a field existed get the behaviour of that time (UTC, no queued stage, started newsletters).
    for (const a of data.accounts) state.accounts.set(a.email, { ...a, timeZone: a.timeZone ?? 'UTC' });
    for (const d of data.devices)
      state.devices.set(d.id, { ...d, queuedStageRate: d.queuedStageRate ?? 0, smsPermission: d.smsPermission ?? 'granted' });
    for (const m of data.messages) state.messages.set(m.id, m);
    for (const t of data.tags) state.tags.set(t.id, t);
    for (const c of data.contacts) state.contacts.set(c.id, c);
    for (const p of data.pakets)
      state.pakets.set(p.id, { ...p, startedAt: p.startedAt ?? p.timeToSend, autoStartAt: p.autoStartAt ?? null });
    for (const f of data.files) {
      state.files.set(f.name, { name: f.name, mimeType: f.mimeType, data: Buffer.from(f.base64, 'base64') });
    }
    return state;
  }

  /** Returns null when the file does not exist yet. */
  static load(path: string): SandboxState | null {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return SandboxState.fromJSON(JSON.parse(text) as PersistedState);
  }

  save(path: string): void {
    const temp = `${path}.tmp`;
    writeFileSync(temp, JSON.stringify(this.toJSON()));
    renameSync(temp, path);
  }
}

/** (created, id) order: the order getallsms answers in. */
function byCreated(a: MessageRecord, b: MessageRecord): number {
  return a.created - b.created || a.id - b.id;
}

/** First index in `list` (in byCreated order) whose message is not before `created`/`id`. */
function lowerBound(list: readonly MessageRecord[], created: number, id: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = list[mid]!;
    if (m.created < created || (m.created === created && m.id < id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The messages by id, plus an index per account in (created, id) order, kept up to date on every set, so
 * getallsms finds a date range by binary search instead of scanning every message of the sandbox per
 * request (a 100k-message history sync makes ~120 of them). A message's `created` never changes once set.
 */
export class MessageMap extends Map<number, MessageRecord> {
  private byAccount?: Map<string, MessageRecord[]>;

  private index(): Map<string, MessageRecord[]> {
    // Lazily: Map's constructor may call set() before this class's fields exist.
    return (this.byAccount ??= new Map<string, MessageRecord[]>());
  }

  override set(id: number, message: MessageRecord): this {
    const previous = super.get(id);
    if (previous) this.unindex(previous);
    super.set(id, message);
    let list = this.index().get(message.account);
    if (!list) this.index().set(message.account, (list = []));
    const last = list[list.length - 1];
    // New messages almost always come last (ids and times grow): append without searching.
    if (!last || byCreated(last, message) < 0) list.push(message);
    else list.splice(lowerBound(list, message.created, message.id), 0, message);
    return this;
  }

  override delete(id: number): boolean {
    const previous = super.get(id);
    if (previous) this.unindex(previous);
    return super.delete(id);
  }

  override clear(): void {
    this.byAccount?.clear();
    super.clear();
  }

  private unindex(message: MessageRecord): void {
    const list = this.index().get(message.account);
    if (!list) return;
    const at = lowerBound(list, message.created, message.id);
    const found = list[at] === message ? at : list.indexOf(message);
    if (found !== -1) list.splice(found, 1);
  }

  /** The account's messages created in [from, to] (ms, either open), in (created, id) order. Do not change. */
  createdBetween(account: string, from?: number, to?: number): readonly MessageRecord[] {
    const list = this.index().get(account);
    if (!list) return [];
    const start = from === undefined ? 0 : lowerBound(list, from, -Infinity);
    const end = to === undefined ? list.length : lowerBound(list, to, Infinity);
    return start === 0 && end === list.length ? list : list.slice(start, end);
  }
}

type Older<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export interface PersistedState {
  version: number;
  nextIds: Record<IdKind, number>;
  accounts: Older<AccountRecord, 'timeZone'>[];
  devices: Older<DeviceRecord, 'queuedStageRate' | 'smsPermission'>[];
  messages: MessageRecord[];
  tags: TagRecord[];
  contacts: ContactRecord[];
  pakets: Older<PaketRecord, 'startedAt' | 'autoStartAt'>[];
  files: { name: string; mimeType: string; base64: string }[];
}

export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}
