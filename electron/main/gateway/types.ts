import type { Device, DeviceStatus, Message, MessageStatusCode, SimSlot } from '../../../shared/domain';

// The typed surface of the SMSGateway24 client. Inputs are domain values; the client formats them
// per endpoint (see ../shared/api/smsgateway24.md). Implemented in ./client.ts.

export interface SendSmsInput {
  /** One number, or several comma-separated. */
  sendTo: string;
  body?: string;
  deviceId: number;
  sim?: SimSlot;
  /** Send at this instant (formatted in the gateway's zone); omitted = now. */
  sendAt?: Date;
  customerId?: number;
  urgent?: boolean;
  /** WhatsApp image, sent as multipart `file`. */
  image?: { data: Uint8Array; fileName: string; mimeType: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' };
}

export type BulkSmsItem = Omit<SendSmsInput, 'image'>;

export interface MessageQuery {
  deviceId?: number;
  status?: MessageStatusCode;
  from?: Date;
  to?: Date;
  sim?: SimSlot;
  customerId?: number;
  phone?: string;
  newestFirst?: boolean;
  /** IANA zone for the dates in the reply. */
  timeZone?: string;
  /**
   * Keep rows whose date (or id, or phone id) is missing or cannot be read, dated at the time of reading, instead
   * of skipping them: the opt-out check, where a STOP counts whatever its date says. Not sent to the gateway.
   */
  keepUndated?: boolean;
}

export interface NewsletterInput {
  title: string;
  deviceId: number;
  body: string;
  tagIds: number[];
  sim?: SimSlot;
  /** omitted = now */
  sendAt?: Date;
}

/** Per call: `signal` aborts it (a read, or a write not yet sent, fails as `cancelled`; a write already sent as `unknown-outcome`). */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}

export interface GatewayClient {
  readonly baseUrl: string;
  /** Never retried, short deadline (signInTimeoutMs); cancel with `options.signal` (the sign-in form's Cancel). */
  getToken(email: string, password: string, options?: CallOptions): Promise<string>;
  addSms(input: SendSmsInput, options?: CallOptions): Promise<{ smsId: number }>;
  addManySms(items: BulkSmsItem[], options?: CallOptions): Promise<void>;
  getAllSms(query?: MessageQuery, options?: CallOptions): Promise<Message[]>;
  countSms(query?: MessageQuery, options?: CallOptions): Promise<number>;
  getSmsStatus(smsId: number, options?: CallOptions): Promise<{ smsId: number; status: MessageStatusCode; title: string }>;
  getDeviceStatus(deviceId: number, options?: CallOptions): Promise<DeviceStatus>;
  getAllDevices(options?: CallOptions): Promise<Device[]>;
  saveTag(title: string, options?: CallOptions): Promise<{ tagId: number }>;
  saveContact(input: { phone: string; tagId: number; name?: string }, options?: CallOptions): Promise<{ contactId: number }>;
  savePaket(input: NewsletterInput, options?: CallOptions): Promise<{ paketId: number }>;
  /**
   * The gateway's clock minus the local clock, in ms: the median of the last replies' HTTP `Date` headers
   * (±0.5 s plus half a round trip); null until a reply carried one. For the monitor's online rule.
   */
  clockOffsetMs(): number | null;
  /** Stop accepting calls, end the ones in flight at once and destroy the keep-alive pool. */
  close(): Promise<void>;
  /**
   * What a second client on another thread needs to make the same reads (the mirror's thread reads a big
   * sync's replies itself: messages/sync.ts): its options as plain data, and this client's token (read at
   * call time) and log. Test doubles may leave it out: the sync then reads here.
   */
  threadAccess?(): GatewayThreadAccess;
}

export interface GatewayThreadAccess {
  options: Omit<GatewayClientOptions, 'token' | 'log'>;
  token(): string | null;
  log(line: string): void;
}

export interface GatewayClientOptions {
  /** Default https://smsgateway24.com/getdata/ */
  baseUrl?: string;
  /** Supplies the token for token-authenticated endpoints; read at call time, never logged. */
  token?: () => string | null;
  /** Requests in flight at once, shared by every caller of this client. */
  concurrency?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Whole-call deadline, retries included (default 120 s): a trickling reply cannot hold a call longer. */
  requestTimeoutMs?: number;
  /** gettoken's deadline (default 15 s); it is never retried. */
  signInTimeoutMs?: number;
  /** A write's whole deadline (default 30 s; writes are never retried): within a graceful stop's wait. */
  writeTimeoutMs?: number;
  /** Replies over this many bytes fail as `too-large` while streaming, not retried (default 64 MB). */
  maxReplyBytes?: number;
  /** Retries for reads (get*) on transport failures. Writes are never retried. */
  readRetries?: number;
  retryBaseDelayMs?: number;
  /**
   * Zone the gateway reads and writes naive date-times in (addsms `timetosend`, getallsms `begindate` /
   * `enddate`, savepaket `time_to_send`): IANA name or fixed offset. Default 'UTC' (the sandbox's zone);
   * set it to the account's zone for the real service, or scheduled sends shift by the difference.
   */
  serverTimeZone?: string;
  log?: (line: string) => void;
}
