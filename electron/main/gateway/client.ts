import { FormData } from 'undici';
import type { Message } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { DEFAULT_SERVER_URL } from '../../../shared/settings';
import { GatewayError } from './errors';
import type { Endpoint } from './errors';
import {
  addManySmsFields,
  addSmsFields,
  messageQueryFields,
  saveContactFields,
  savePaketFields,
} from './format';
import type { FormFields } from './format';
import { createTransport } from './http';
import type { Reply, RequestBody } from './http';
import { devicesFromRows, knownStatus, messagesFromRows, toDeviceStatus, UNKNOWN_STATUS_FALLBACK } from './map';
import type { RowProblem } from './map';
import {
  addSmsReply,
  contactReply,
  countReply,
  deviceStatusReply,
  devicesReply,
  messagesReply,
  paketReply,
  smsStatusReply,
  tagReply,
  tokenReply,
} from './schemas';
import { isValidTimeZone } from './time';
import type { GatewayClient, GatewayClientOptions, MessageQuery } from './types';

/**
 * Defaults. `serverTimeZone` is the zone the gateway reads naive date-times in (addsms `timetosend`,
 * getallsms `begindate`/`enddate`, savepaket `time_to_send`): 'UTC' unless the caller knows the account's
 * zone (the sandbox runs in UTC). A wrong zone shifts scheduled sends and date filters by the difference.
 */
export const GATEWAY_DEFAULTS = {
  baseUrl: DEFAULT_SERVER_URL,
  concurrency: 8,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 60_000,
  readRetries: 2,
  retryBaseDelayMs: 300,
  serverTimeZone: 'UTC',
} as const;

/** baseUrl with exactly one trailing slash, so endpoint URLs are baseUrl + name. */
function normaliseBaseUrl(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}

export function createGatewayClient(options: GatewayClientOptions = {}): GatewayClient {
  const baseUrl = normaliseBaseUrl(options.baseUrl ?? GATEWAY_DEFAULTS.baseUrl);
  const serverTimeZone = options.serverTimeZone ?? GATEWAY_DEFAULTS.serverTimeZone;
  if (!isValidTimeZone(serverTimeZone)) throw new RangeError(`Unknown time zone "${serverTimeZone}"`);
  const log = options.log ?? ((): void => {});
  const transport = createTransport({
    baseUrl,
    concurrency: options.concurrency ?? GATEWAY_DEFAULTS.concurrency,
    connectTimeoutMs: options.connectTimeoutMs ?? GATEWAY_DEFAULTS.connectTimeoutMs,
    headersTimeoutMs: options.headersTimeoutMs ?? GATEWAY_DEFAULTS.headersTimeoutMs,
    bodyTimeoutMs: options.bodyTimeoutMs ?? GATEWAY_DEFAULTS.bodyTimeoutMs,
    readRetries: options.readRetries ?? GATEWAY_DEFAULTS.readRetries,
    retryBaseDelayMs: options.retryBaseDelayMs ?? GATEWAY_DEFAULTS.retryBaseDelayMs,
    log,
  });

  /** The token, read at call time; none means the session is gone (same handling as a rejected token). */
  function currentToken(endpoint: Endpoint): string {
    const token = options.token?.() ?? null;
    if (!token) {
      throw new GatewayError('invalid-token', 'You are not signed in to the gateway. Sign in again.', { endpoint });
    }
    return token;
  }

  /** A token endpoint with urlencoded fields. */
  function callWithToken(endpoint: Endpoint, fields: FormFields): Promise<Reply> {
    const token = currentToken(endpoint);
    return transport.call(endpoint, { form: { token, ...fields } }, [token]);
  }

  /** Logs rows that failed their schema; if there were rows and none passed, the reply is unusable. */
  function checkRows(reply: Reply, what: string, total: number, accepted: number, rejected: RowProblem[]): void {
    if (rejected.length === 0) return;
    const sample = rejected
      .slice(0, 5)
      // Only short numeric ids are echoed: the row's other values never reach the log.
      .map((r) => `#${r.index}${/^\d{1,12}$/.test(String(r.id)) ? ` id ${String(r.id)}` : ''}: ${r.problem}`)
      .join(' | ');
    log(`gateway ${reply.endpoint}: skipped ${rejected.length} of ${total} ${what} with an unexpected shape (${sample})`);
    if (accepted === 0) throw reply.badReply(`every ${what.replace(/s$/, '')} had an unexpected shape: ${sample}`);
  }

  async function queryMessages(query: MessageQuery): Promise<Message[]> {
    const reply = await callWithToken('getallsms', messageQueryFields(query, serverTimeZone));
    const parsed = reply.parse(messagesReply);
    if (parsed.smss === undefined && (parsed.count ?? 0) > 0) throw reply.badReply('count > 0 but no "smss"');
    const raw = parsed.smss ?? [];
    const { messages, rejected } = messagesFromRows(raw, {
      newestFirst: query.newestFirst,
      onUnknownStatus: (code, id) =>
        log(`gateway getallsms: message ${id} has unknown status ${code}; shown as ${UNKNOWN_STATUS_FALLBACK} (pending)`),
    });
    checkRows(reply, 'messages', raw.length, messages.length, rejected);
    return messages;
  }

  return {
    baseUrl,

    async getToken(email, password) {
      const reply = await transport.call('gettoken', { form: { email, pass: password } }, [password]);
      return reply.parse(tokenReply).token;
    },

    async addSms(input) {
      const token = currentToken('addsms');
      const fields: FormFields = { token, ...addSmsFields(input, serverTimeZone) };
      let body: RequestBody = { form: fields };
      if (input.image) {
        const form = new FormData();
        for (const [key, value] of Object.entries(fields)) form.append(key, value);
        const blob = new Blob([Uint8Array.from(input.image.data)], { type: input.image.mimeType });
        form.append('file', blob, input.image.fileName);
        body = { multipart: form };
      }
      const reply = await transport.call('addsms', body, [token]);
      return { smsId: reply.parse(addSmsReply).sms_id };
    },

    async addManySms(items) {
      if (items.length === 0) return;
      const token = currentToken('addalotofsms');
      await transport.call('addalotofsms', { form: addManySmsFields(token, items, serverTimeZone) }, [token]);
    },

    getAllSms(query = {}) {
      return queryMessages(query);
    },

    async countSms(query = {}) {
      const reply = await callWithToken('getallsms', messageQueryFields(query, serverTimeZone, true));
      return reply.parse(countReply).count;
    },

    async getSmsStatus(smsId) {
      const reply = await callWithToken('getsmsstatus', { sms_id: String(smsId) });
      const parsed = reply.parse(smsStatusReply);
      let status = knownStatus(parsed.status);
      if (status === null) {
        log(`gateway getsmsstatus: message ${parsed.sms_id} has unknown status ${parsed.status}; shown as pending`);
        status = UNKNOWN_STATUS_FALLBACK;
      }
      return { smsId: parsed.sms_id, status, title: parsed.status_description ?? '' };
    },

    async getDeviceStatus(deviceId) {
      const reply = await callWithToken('getdevicestatus', { device_id: String(deviceId) });
      return toDeviceStatus(reply.parse(deviceStatusReply), Date.now());
    },

    async getAllDevices() {
      const reply = await callWithToken('getalldevices', {});
      const raw = reply.parse(devicesReply).device ?? [];
      const { devices, rejected, rejectedSims } = devicesFromRows(raw);
      checkRows(reply, 'devices', raw.length, devices.length, rejected);
      for (const { deviceId, count } of rejectedSims) {
        log(`gateway getalldevices: device ${deviceId}: skipped ${count} sim entries with an unexpected shape`);
      }
      return devices;
    },

    async saveTag(title) {
      if (title.trim() === '') throw new AppFailure('validation', 'Enter a name for the tag.', 'title');
      const reply = await callWithToken('savetag', { title });
      return { tagId: reply.parse(tagReply).tag_id };
    },

    async saveContact(input) {
      const reply = await callWithToken('savecontact', saveContactFields(input));
      return { contactId: reply.parse(contactReply).contact_id };
    },

    async savePaket(input) {
      const reply = await callWithToken('savepaket', savePaketFields(input, serverTimeZone));
      return { paketId: reply.parse(paketReply).paket_id };
    },

    close() {
      return transport.close();
    },
  };
}
