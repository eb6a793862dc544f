import { randomBytes } from 'node:crypto';
import {
  Refusal,
  checkTimeZone,
  humanDate,
  parseFlag,
  parseId,
  parsePaketTime,
  parseSim,
  parseSqlDate,
  phpDate,
  PhpDateJson,
  requireId,
} from './formats';
import type { NewMessage, Simulation } from './simulation';
import { CURRENT_APP_VERSION } from './state';
import type { AccountRecord, DeviceRecord, MessageRecord, SandboxState } from './state';

// One handler per /getdata/<name> path. Each reads the request's fields (query and form merged, last
// value wins like PHP), refuses bad input with a Refusal, and returns the reply's JSON text.

export interface RequestContext {
  params: Map<string, string>;
  /** Uploaded files of a multipart POST, by field name. */
  files: Map<string, File>;
  /** http://127.0.0.1:<port>, for the URLs of uploaded files. */
  origin: string;
}

export interface EndpointDeps {
  state: SandboxState;
  sim: Simulation;
}

export type Handler = (ctx: RequestContext, deps: EndpointDeps) => Promise<string> | string;

// Titles as the service words them (its seed: "New", "sending", "delivered"; 2 is "sending").
export const STATUS_TITLES: Record<number, string> = {
  1: 'New',
  2: 'sending',
  3: 'In queue',
  5: 'Incoming',
  6: 'Sent',
  7: 'delivered',
  8: 'Not delivered',
  9: 'Generic failure',
  10: 'No service',
  11: 'Null PDU',
  12: 'Radio off',
  100: 'Sending not allowed on the phone',
  101: 'Not allowed',
};

const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const ENDPOINTS: Record<string, Handler> = {
  gettoken(ctx, { state }) {
    const account = signIn(state, ctx.params.get('email'), ctx.params.get('pass'));
    return reply({ error: 0, message: 'OK', token: state.tokenFor(account) });
  },

  async addsms(ctx, deps) {
    const account = authenticate(ctx, deps.state);
    const upload = ctx.files.get('file');
    if (upload === undefined && ctx.params.has('file') && ctx.params.get('file') !== '') {
      throw new Refusal('file must be uploaded as multipart/form-data');
    }
    const fields = Object.fromEntries(ctx.params);
    const input = readMessage(fields, account, deps.state, upload !== undefined);
    if (upload) input.body = `${ctx.origin}/files/${await storeImage(upload, deps.state)}`;
    const message = deps.sim.addMessage(input);
    return reply({ error: 0, sms_id: message.id, message: 'Sms has been saved successfully' });
  },

  smstosend(ctx, deps) {
    const account = signIn(deps.state, ctx.params.get('email'), ctx.params.get('pass'));
    const message = deps.sim.addMessage(readMessage(Object.fromEntries(ctx.params), account, deps.state, false));
    return reply({ error: 0, sms_id: message.id, message: 'Sms has been saved successfully' });
  },

  addalotofsms(ctx, deps) {
    const raw = ctx.params.get('datajson');
    if (raw === undefined || raw === '') throw new Refusal('datajson is required');
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      throw new Refusal('datajson is not valid JSON');
    }
    if (typeof data !== 'object' || data === null) throw new Refusal('datajson is not valid JSON');
    const { token, smsdata } = data as { token?: unknown; smsdata?: unknown };
    const account = accountForToken(deps.state, typeof token === 'string' ? token : undefined);
    if (!Array.isArray(smsdata) || smsdata.length === 0) throw new Refusal('smsdata must be a non-empty array');
    // All or nothing: every item is checked before any is queued.
    const inputs = smsdata.map((item: unknown, i) => {
      try {
        const input = readMessage(jsonItemFields(item), account, deps.state, false);
        input.customerid ??= 0;
        return input;
      } catch (error) {
        if (error instanceof Refusal) throw new Refusal(`smsdata[${i}]: ${error.message}`);
        throw error;
      }
    });
    for (const input of inputs) deps.sim.addMessage(input);
    return reply({ error: 0, message: 'Sms has been saved successfully' });
  },

  getallsms(ctx, { state }) {
    const account = authenticate(ctx, state);
    const p = ctx.params;
    const deviceId = parseId(p.get('device_id'), 'device_id');
    const statusRaw = p.get('status');
    const status = parseId(statusRaw, 'status');
    if (status !== undefined && STATUS_TITLES[status] === undefined) throw new Refusal('status is not valid');
    const from = parseSqlDate(p.get('begindate'), 'begindate');
    const to = parseSqlDate(p.get('enddate'), 'enddate', true);
    const sim = p.get('sim') === undefined || p.get('sim') === '' ? undefined : parseSim(p.get('sim'));
    const customerId = parseId(p.get('customerid'), 'customerid');
    // Numbers are stored without spaces, so a filter written with spaces matches them too.
    const phone = stripSpaces(p.get('phone') ?? '');
    const zone = p.get('timezone') || account.timeZone;
    checkTimeZone(zone);
    const onlyCount = parseFlag(p.get('onlycount'), 'onlycount');
    const newestFirst = parseFlag(p.get('orderbydesc'), 'orderbydesc');

    // The account's date range from its index, already in (created, id) order; then the other filters.
    const inRange = state.messages.createdBetween(account.email, from, to);
    const filtered = deviceId !== undefined || status !== undefined || sim !== undefined || customerId !== undefined || phone !== '';
    const matches = (m: MessageRecord): boolean =>
      (deviceId === undefined || m.deviceid === deviceId) &&
      (status === undefined || m.status === status) &&
      (sim === undefined || m.sim === sim) &&
      (customerId === undefined || m.customerid === customerId) &&
      (phone === '' || m.sendto.includes(phone));
    if (onlyCount) {
      let count = inRange.length;
      if (filtered) for (const m of inRange) if (!matches(m)) count--;
      return reply({ error: 0, count, message: 'Ok' });
    }
    const rows = filtered ? inRange.filter(matches) : [...inRange];
    if (newestFirst) rows.reverse();
    // Built by hand: a JS object would reorder integer keys, PHP keeps the query's order.
    const dates = new PhpDateJson(zone);
    const parts = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) parts[i] = `"${rows[i]!.id}":${messageJson(rows[i]!, dates)}`;
    const smss = rows.length === 0 ? '[]' : `{${parts.join(',')}}`;
    return `{"error":0,"count":${rows.length},"message":"Ok","smss":${smss}}`;
  },

  getsmsstatus(ctx, { state }) {
    const account = authenticate(ctx, state);
    const id = requireId(ctx.params.get('sms_id'), 'sms_id');
    const message = state.messages.get(id);
    if (!message || message.account !== account.email) throw new Refusal('Sms not found');
    return reply({
      error: 0,
      sms_id: message.id,
      status: message.status,
      status_description: STATUS_TITLES[message.status],
      message: 'Ok',
    });
  },

  getdevicestatus(ctx, { state, sim }) {
    const account = authenticate(ctx, state);
    const zone = account.timeZone;
    const device = ownDevice(state, account, requireId(ctx.params.get('device_id'), 'device_id'));
    const diffseconds = Math.max(0, Math.floor((sim.now() - device.lastseen) / 1000));
    return reply({
      error: 0,
      message: 'OK',
      online: isOnline(device, diffseconds),
      device_id: device.id,
      lastseen: phpDate(device.lastseen, zone),
      diffseconds,
      title: device.title,
    });
  },

  getalldevices(ctx, { state }) {
    const account = authenticate(ctx, state);
    const devices = [...state.devices.values()].filter((d) => d.account === account.email).sort((a, b) => a.id - b.id);
    const body = devices.map((d) => `"${d.id}":${JSON.stringify(deviceRow(d, account.timeZone))}`).join(',');
    return `{"error":0,"count":${devices.length},"message":"Devices list","device":${devices.length === 0 ? '[]' : `{${body}}`}}`;
  },

  savetag(ctx, { state }) {
    const account = authenticate(ctx, state);
    const title = required(ctx.params.get('title'), 'title');
    const tag = { id: state.nextId('tag'), account: account.email, title };
    state.tags.set(tag.id, tag);
    return reply({ error: 0, tag_id: tag.id, message: 'OK' });
  },

  savecontact(ctx, { state }) {
    const account = authenticate(ctx, state);
    const phone = stripSpaces(required(ctx.params.get('phone'), 'phone'));
    const tagId = parseId(ctx.params.get('tag_id'), 'tag_id');
    const ctagId = parseId(ctx.params.get('ctag_id'), 'ctag_id');
    if (tagId !== undefined && ctagId !== undefined && tagId !== ctagId) throw new Refusal('tag_id and ctag_id differ');
    const id = tagId ?? ctagId;
    if (id === undefined) throw new Refusal('tag_id is required');
    const tag = state.tags.get(id);
    if (!tag || tag.account !== account.email) throw new Refusal('Tag not found');
    const fullname = ctx.params.get('fullname')?.trim() || null;
    const contact = { id: state.nextId('contact'), account: account.email, tagId: tag.id, phone, fullname };
    state.contacts.set(contact.id, contact);
    return reply({ error: 0, contact_id: contact.id, message: 'ok' });
  },

  savepaket(ctx, { state, sim }) {
    const account = authenticate(ctx, state);
    const p = ctx.params;
    const title = required(p.get('title'), 'title');
    const device = ownDevice(state, account, requireId(p.get('device_id'), 'device_id'));
    const body = required(p.get('body'), 'body');
    const tagsRaw = required(p.get('tags'), 'tags');
    if (!/^\d+(,\s*\d+)*$/.test(tagsRaw)) throw new Refusal('tags must be comma-separated tag ids, e.g. 12,13,14');
    const tagIds = [...new Set(tagsRaw.split(',').map((t) => Number(t.trim())))];
    for (const id of tagIds) {
      const tag = state.tags.get(id);
      if (!tag || tag.account !== account.email) throw new Refusal(`Tag not found: ${id}`);
    }
    const simSlot = parseSim(p.get('sim'));
    const timeToSend = parsePaketTime(p.get('time_to_send')) ?? sim.now();
    // It waits for start on the phone ("do not forget tap start on device"), like the service.
    const paket = sim.addPaket({
      id: state.nextId('paket'),
      account: account.email,
      title,
      deviceId: device.id,
      body,
      tagIds,
      sim: simSlot,
      timeToSend,
    });
    return reply({ error: 0, paket_id: paket.id, message: 'Paket has been saved' });
  },
};

// ---- shared pieces ----

function reply(value: Record<string, unknown>): string {
  return JSON.stringify(value);
}

/** The service stores numbers without their spaces ("+49 157 52982212" → "+4915752982212"). */
function stripSpaces(raw: string): string {
  return raw.replace(/\s+/g, '');
}

function required(raw: string | undefined, field: string): string {
  const value = raw?.trim() ?? '';
  if (value === '') throw new Refusal(`${field} is required`);
  return value;
}

function signIn(state: SandboxState, email: string | undefined, pass: string | undefined): AccountRecord {
  const account = email ? state.accounts.get(email.trim().toLowerCase()) : undefined;
  if (!account || pass === undefined || account.password !== pass) throw new Refusal('Login or password incorrect');
  return account;
}

function authenticate(ctx: RequestContext, state: SandboxState): AccountRecord {
  return accountForToken(state, ctx.params.get('token'));
}

function accountForToken(state: SandboxState, token: string | undefined): AccountRecord {
  const account = token ? state.accountByToken(token) : undefined;
  if (!account) throw new Refusal('Token is not valid');
  return account;
}

function ownDevice(state: SandboxState, account: AccountRecord, id: number): DeviceRecord {
  const device = state.devices.get(id);
  if (!device || device.account !== account.email) throw new Refusal('Device not found');
  return device;
}

/** The server calls a phone online while it has polled recently (a few poll intervals, at least a minute). */
function isOnline(device: DeviceRecord, diffseconds: number): boolean {
  return diffseconds <= Math.max(60, 3 * device.delaybetweenrequest);
}

/** Checks the fields shared by addsms, smstosend and addalotofsms items. */
function readMessage(
  fields: Record<string, string | undefined>,
  account: AccountRecord,
  state: SandboxState,
  hasFile: boolean,
): NewMessage {
  const sendto = stripSpaces(required(fields.sendto, 'sendto'));
  const body = fields.body ?? '';
  if (body.trim() === '' && !hasFile) throw new Refusal('body is required');
  const device = ownDevice(state, account, requireId(fields.device_id, 'device_id'));
  // Only `customerid`: the SDKs' camelCase `customerId` is not a field the service reads.
  const customerid = parseId(fields.customerid, 'customerid') ?? null;
  return {
    account: account.email,
    sendto,
    body,
    customerid,
    deviceid: device.id,
    sim: parseSim(fields.sim),
    urgent: parseFlag(fields.urgent, 'urgent'),
    timetosend: parseSqlDate(fields.timetosend, 'timetosend') ?? null,
    paketid: null,
    pakettitle: null,
    paketbody: null,
  };
}

/** An addalotofsms item's values as form strings: JSON numbers and booleans are fine, objects are not. */
function jsonItemFields(item: unknown): Record<string, string | undefined> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Refusal('each item must be an object');
  const fields: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') fields[key] = value;
    else if (typeof value === 'number') fields[key] = String(value);
    else if (typeof value === 'boolean') fields[key] = value ? '1' : '0';
    else throw new Refusal(`${key} is not valid`);
  }
  return fields;
}

/**
 * One getallsms row's JSON, exactly as JSON.stringify of the row object writes it (keys in this order, a key
 * whose value is undefined left out), but written as text: a million-message history sync spent most of the
 * sandbox's time building those objects and their date objects, then stringifying them.
 */
function messageJson(m: MessageRecord, dates: PhpDateJson): string {
  const text =
    jsonField('id', m.id) +
    jsonField('sendto', m.sendto) +
    jsonField('body', m.body) +
    jsonField('customerid', m.customerid) +
    jsonField('status', m.status) +
    `,"statustitle":${statusTitleJson(m.status)}` +
    jsonField('deviceid', m.deviceid) +
    jsonField('sim', m.sim) +
    `,"urgent":${m.urgent ? 'true' : 'null'}` +
    `,"created":${dates.write(m.created)}` +
    `,"senttime":${m.senttime === null ? 'null' : dates.write(m.senttime)}` +
    `,"timetosend":${m.timetosend === null ? 'null' : dates.write(m.timetosend)}` +
    jsonField('paketid', m.paketid) +
    jsonField('pakettitle', m.pakettitle) +
    jsonField('paketbody', m.paketbody);
  return `{${text.slice(1)}}`;
}

/** `,"key":value` as JSON.stringify writes that property of an object; '' when it would leave it out. */
function jsonField(key: string, value: unknown): string {
  if (value === null) return `,"${key}":null`;
  if (typeof value === 'number') return `,"${key}":${Number.isFinite(value) ? String(value) : 'null'}`;
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? '' : `,"${key}":${json}`;
}

const statusTitles = new Map<number, string>();
function statusTitleJson(status: number): string {
  let json = statusTitles.get(status);
  if (json === undefined) statusTitles.set(status, (json = JSON.stringify(STATUS_TITLES[status] ?? '')));
  return json;
}

function deviceRow(d: DeviceRecord, zone: string): Record<string, unknown> {
  return {
    id: d.id,
    title: d.title,
    number: d.number,
    imei: d.imei,
    created: phpDate(d.created, zone),
    createdhumanformat: humanDate(d.created, zone),
    lastseen: phpDate(d.lastseen, zone),
    lastseenhumanformat: humanDate(d.lastseen, zone),
    serialnumber: d.serialnumber,
    siminfo: d.siminfo,
    appversion: d.appversion,
    isappversionactual: d.appversion === CURRENT_APP_VERSION,
    delaybetweeneachsms: d.delaybetweeneachsms,
    delaybetweenrequest: d.delaybetweenrequest,
    subscription: d.subscription,
  };
}

const IMAGE_TYPES: { mimeType: string; ext: string; matches: (b: Uint8Array) => boolean }[] = [
  { mimeType: 'image/jpeg', ext: 'jpg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mimeType: 'image/png', ext: 'png', matches: (b) => ascii(b, 1, 4) === 'PNG' && b[0] === 0x89 },
  { mimeType: 'image/gif', ext: 'gif', matches: (b) => ascii(b, 0, 4) === 'GIF8' },
  { mimeType: 'image/webp', ext: 'webp', matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
];

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** Keeps an uploaded image in memory (served at /files/<name>) and returns its name. */
async function storeImage(file: File, state: SandboxState): Promise<string> {
  if (file.size > MAX_FILE_BYTES) throw new Refusal('file is too large');
  const data = new Uint8Array(await file.arrayBuffer());
  // By content, not by the declared type or name: a renamed PDF is still refused.
  const type = IMAGE_TYPES.find((t) => t.matches(data));
  if (!type) throw new Refusal('file type is not allowed: use jpeg, png, webp or gif');
  const name = `${randomBytes(12).toString('hex')}.${type.ext}`;
  state.files.set(name, { name, mimeType: type.mimeType, data });
  return name;
}
