import { FormData } from 'undici';
import type { Message } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { DEFAULT_SERVER_URL } from '../../../shared/settings';
import { GatewayError } from './errors';
import type { Endpoint } from './errors';
import { addManySmsFields, addSmsFields, messageQueryFields, saveContactFields, savePaketFields } from './format';
import type { FormFields } from './format';
import { createTransport } from './http';
import type { CallOptions, Reply, RequestBody } from './http';
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
  /** Requests in flight at once, shared by every caller. Contacts go one per request (savecontact): at 16 an
   *  import of 2,000 at 50 ms a reply runs ~10× faster than one at a time; at 8, ~6×. */
  concurrency: 16,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 60_000,
  /** A whole call, retries included: a reply trickling one byte at a time cannot hold it longer. */
  requestTimeoutMs: 120_000,
  signInTimeoutMs: 15_000,
  /** ≤ the job runner's graceful-stop wait (JOB_DEFAULTS.stopTimeoutMs): a quit never aborts a write mid-way. */
  writeTimeoutMs: 30_000,
  /** Generous: 50,000 messages are ~24 MB of JSON. Over it the reply is refused, not read. */
  maxReplyBytes: 64 * 1024 * 1024,
  readRetries: 2,
  retryBaseDelayMs: 300,
  serverTimeZone: 'UTC',
} as const;

/** baseUrl with exactly one trailing slash, so endpoint URLs are baseUrl + name. */
function normaliseBaseUrl(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}

function duplicatesLog(log: (line: string) => void, endpoint: Endpoint, what: string, ids: readonly number[]): void {
  if (ids.length === 0) return;
  log(`gateway ${endpoint}: dropped ${ids.length} ${what} listed again under the same id (${ids.slice(0, 5).join(', ')})`);
}

/** Logs rows that failed their schema; if there were rows and none passed, the reply is unusable. */
function rowsCheck(log: (line: string) => void, reply: Reply, what: string, total: number, accepted: number, rejected: RowProblem[]): void {
  if (rejected.length === 0) return;
  const sample = rejected
    .slice(0, 5)
    // Only short numeric ids are echoed: the row's other values never reach the log.
    .map((r) => `#${r.index}${/^\d{1,12}$/.test(String(r.id)) ? ` id ${String(r.id)}` : ''}: ${r.problem}`)
    .join(' | ');
  log(`gateway ${reply.endpoint}: skipped ${rejected.length} of ${total} ${what} with an unexpected shape (${sample})`);
  if (accepted === 0) throw reply.badReply(`every ${what.replace(/s$/, '')} had an unexpected shape: ${sample}`);
}

/** A decoded getallsms reply → getAllSms's messages, its odd rows logged (exported for bench/gateway-replies.ts). */
export function messagesFromReply(reply: Reply, query: MessageQuery, log: (line: string) => void): Message[] {
  const parsed = reply.parse(messagesReply);
  if (parsed.smss === undefined && (parsed.count ?? 0) > 0) throw reply.badReply('count > 0 but no "smss"');
  const raw = parsed.smss ?? [];
  const { messages, rejected, duplicateIds } = messagesFromRows(raw, {
    newestFirst: query.newestFirst,
    ...(query.keepUndated ? { undatedAt: Date.now() } : {}),
    onUnknownStatus: (code, id) =>
      log(`gateway getallsms: message ${id} has unknown status ${code}; shown as ${UNKNOWN_STATUS_FALLBACK} (pending)`),
  });
  rowsCheck(log, reply, 'messages', raw.length, messages.length, rejected);
  duplicatesLog(log, 'getallsms', 'messages', duplicateIds);
  return messages;
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
    requestTimeoutMs: options.requestTimeoutMs ?? GATEWAY_DEFAULTS.requestTimeoutMs,
    signInTimeoutMs: options.signInTimeoutMs ?? GATEWAY_DEFAULTS.signInTimeoutMs,
    writeTimeoutMs: options.writeTimeoutMs ?? GATEWAY_DEFAULTS.writeTimeoutMs,
    maxReplyBytes: options.maxReplyBytes ?? GATEWAY_DEFAULTS.maxReplyBytes,
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
  function callWithToken(endpoint: Endpoint, fields: FormFields, call: CallOptions | undefined): Promise<Reply> {
    const token = currentToken(endpoint);
    return transport.call(endpoint, { form: { token, ...fields } }, [token], call);
  }

  const logDuplicates = (endpoint: Endpoint, what: string, ids: readonly number[]): void => duplicatesLog(log, endpoint, what, ids);
  const checkRows = (reply: Reply, what: string, total: number, accepted: number, rejected: RowProblem[]): void =>
    rowsCheck(log, reply, what, total, accepted, rejected);

  async function queryMessages(query: MessageQuery, call: CallOptions | undefined): Promise<Message[]> {
    const reply = await callWithToken('getallsms', messageQueryFields(query, serverTimeZone), call);
    return messagesFromReply(reply, query, log);
  }

  return {
    baseUrl,

    async getToken(email, password, call) {
      const reply = await transport.call('gettoken', { form: { email, pass: password } }, [password], call);
      return reply.parse(tokenReply).token;
    },

    async addSms(input, call) {
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
      const reply = await transport.call('addsms', body, [token], call);
      return { smsId: reply.parse(addSmsReply).sms_id };
    },

    async addManySms(items, call) {
      if (items.length === 0) return;
      const token = currentToken('addalotofsms');
      await transport.call('addalotofsms', { form: addManySmsFields(token, items, serverTimeZone) }, [token], call);
    },

    getAllSms(query = {}, call) {
      return queryMessages(query, call);
    },

    async countSms(query = {}, call) {
      const reply = await callWithToken('getallsms', messageQueryFields(query, serverTimeZone, true), call);
      return reply.parse(countReply).count;
    },

    async getSmsStatus(smsId, call) {
      const reply = await callWithToken('getsmsstatus', { sms_id: String(smsId) }, call);
      const parsed = reply.parse(smsStatusReply);
      let status = knownStatus(parsed.status);
      if (status === null) {
        log(`gateway getsmsstatus: message ${parsed.sms_id} has unknown status ${parsed.status}; shown as pending`);
        status = UNKNOWN_STATUS_FALLBACK;
      }
      return { smsId: parsed.sms_id, status, title: parsed.status_description ?? '' };
    },

    async getDeviceStatus(deviceId, call) {
      const reply = await callWithToken('getdevicestatus', { device_id: String(deviceId) }, call);
      return toDeviceStatus(reply.parse(deviceStatusReply), Date.now());
    },

    async getAllDevices(call) {
      const reply = await callWithToken('getalldevices', {}, call);
      const raw = reply.parse(devicesReply).device ?? [];
      const { devices, rejected, rejectedSims, duplicateIds } = devicesFromRows(raw);
      checkRows(reply, 'devices', raw.length, devices.length, rejected);
      logDuplicates('getalldevices', 'devices', duplicateIds);
      for (const { deviceId, count } of rejectedSims) {
        log(`gateway getalldevices: device ${deviceId}: skipped ${count} sim entries with an unexpected shape`);
      }
      return devices;
    },

    async saveTag(title, call) {
      if (title.trim() === '') throw new AppFailure('validation', 'Enter a name for the tag.', 'title', undefined, 'refusals.tagName');
      const reply = await callWithToken('savetag', { title }, call);
      return { tagId: reply.parse(tagReply).tag_id };
    },

    async saveContact(input, call) {
      const reply = await callWithToken('savecontact', saveContactFields(input), call);
      return { contactId: reply.parse(contactReply).contact_id };
    },

    async savePaket(input, call) {
      const reply = await callWithToken('savepaket', savePaketFields(input, serverTimeZone), call);
      return { paketId: reply.parse(paketReply).paket_id };
    },

    clockOffsetMs() {
      return transport.clockOffsetMs();
    },

    threadAccess() {
      const { token: _token, log: _log, ...plain } = options;
      return { options: plain, token: () => options.token?.() ?? null, log };
    },

    close() {
      return transport.close();
    },
  };
}
