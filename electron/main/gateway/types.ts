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

export interface GatewayClient {
  readonly baseUrl: string;
  getToken(email: string, password: string): Promise<string>;
  addSms(input: SendSmsInput): Promise<{ smsId: number }>;
  addManySms(items: BulkSmsItem[]): Promise<void>;
  getAllSms(query?: MessageQuery): Promise<Message[]>;
  countSms(query?: MessageQuery): Promise<number>;
  getSmsStatus(smsId: number): Promise<{ smsId: number; status: MessageStatusCode; title: string }>;
  getDeviceStatus(deviceId: number): Promise<DeviceStatus>;
  getAllDevices(): Promise<Device[]>;
  saveTag(title: string): Promise<{ tagId: number }>;
  saveContact(input: { phone: string; tagId: number; name?: string }): Promise<{ contactId: number }>;
  savePaket(input: NewsletterInput): Promise<{ paketId: number }>;
  /** Stop accepting calls and close the keep-alive pool. */
  close(): Promise<void>;
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
