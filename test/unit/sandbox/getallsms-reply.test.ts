import { describe, expect, it } from 'vitest';
import { ENDPOINTS, STATUS_TITLES, type EndpointDeps } from '../../../electron/sandbox/endpoints';
import { phpDate } from '../../../electron/sandbox/formats';
import { SandboxState, type MessageRecord } from '../../../electron/sandbox/state';

// getallsms writes its rows as text (fast enough for a million-message sync); this is the plain way it was
// written before, row objects through JSON.stringify, which every reply must match byte for byte.
function referenceReply(state: SandboxState, email: string, p: Record<string, string>): string {
  const zone = p.timezone || state.accounts.get(email)!.timeZone;
  const from = p.begindate ? Date.parse(`${p.begindate.replace(' ', 'T')}Z`) : -Infinity;
  const to = p.enddate ? Date.parse(`${p.enddate.replace(' ', 'T')}Z`) : Infinity;
  const rows = [...state.messages.values()]
    .filter(
      (m) =>
        m.account === email &&
        m.created >= from &&
        m.created <= to &&
        (p.device_id === undefined || m.deviceid === Number(p.device_id)) &&
        (p.status === undefined || m.status === Number(p.status)),
    )
    .sort((a, b) => a.created - b.created || a.id - b.id);
  if (p.orderbydesc === '1') rows.reverse();
  const date = (ms: number | null) => (ms === null ? null : phpDate(ms, zone));
  const row = (m: MessageRecord) => ({
    id: m.id,
    sendto: m.sendto,
    body: m.body,
    customerid: m.customerid,
    status: m.status,
    statustitle: STATUS_TITLES[m.status] ?? '',
    deviceid: m.deviceid,
    sim: m.sim,
    urgent: m.urgent ? true : null,
    created: date(m.created),
    senttime: date(m.senttime),
    timetosend: date(m.timetosend),
    paketid: m.paketid,
    pakettitle: m.pakettitle,
    paketbody: m.paketbody,
  });
  const smss = rows.length === 0 ? '[]' : `{${rows.map((m) => `"${m.id}":${JSON.stringify(row(m))}`).join(',')}}`;
  return `{"error":0,"count":${rows.length},"message":"Ok","smss":${smss}}`;
}

const BODIES = ['Olá! Seu pedido saiu', 'say "hi"\\ now\n', 'emoji 😀 and a lone \ud800 surrogate', '', '</script>\u2028\u0007'];
const ZONES = ['Europe/Paris', 'America/Sao_Paulo', 'Asia/Kathmandu', 'UTC', '+05:30', '-09:30', 'Australia/Lord_Howe'];
const STATUSES = [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 100, 101];

describe('getallsms replies', () => {
  it('are byte for byte what JSON.stringify of the rows wrote, over ranges, filters, zones and status changes', async () => {
    let seed = 11;
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const state = new SandboxState();
    const email = 'a@x';
    state.addAccount(email, 'pw', 'Europe/Paris');
    state.addAccount('b@x', 'pw', 'UTC');
    const token = state.tokenFor(state.accounts.get(email)!);
    // Two years around DST changes, the last of 1999 and the first of 2000; a few at the same second.
    const start = Date.UTC(1999, 11, 30);
    const span = 2 * 365 * 86_400_000;
    for (let id = 1; id <= 3_000; id++) {
      const created = random() < 0.05 ? start + 3_600_000 : start + Math.floor(random() * span);
      const sent = random() < 0.7 ? created + Math.floor(random() * 90_000_000) : null;
      state.messages.set(id, {
        id,
        account: random() < 0.1 ? 'b@x' : email,
        sendto: pick(['+33612345678', '+5511987654321', '12345']),
        body: pick(BODIES),
        customerid: pick([null, 0, 42, 9_007_199_254_740_991]),
        status: pick(STATUSES),
        deviceid: pick([1, 2, 3]),
        sim: pick([0, 1, 2, 3]),
        urgent: random() < 0.3,
        created,
        senttime: sent,
        timetosend: random() < 0.2 ? created - Math.floor(random() * 3_600_000) + 999 : null,
        paketid: random() < 0.3 ? 7 : null,
        pakettitle: random() < 0.3 ? 'Promo "winter" ☃' : null,
        paketbody: random() < 0.3 ? 'Body\twith tab' : null,
        pendingReport: null,
      });
    }
    const deps = { state } as EndpointDeps;
    let rows = 0;
    const sql = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    for (let i = 0; i < 120; i++) {
      if (i % 10 === 0) for (const m of state.messages.values()) if (random() < 0.2) m.status = pick(STATUSES); // statuses move on, as the simulation moves them
      const a = start - 86_400_000 + Math.floor(random() * (span + 2 * 86_400_000));
      const b = a + Math.floor(random() * (i % 7 === 0 ? span : 10 * 86_400_000));
      const p: Record<string, string> = { token, begindate: sql(a), enddate: sql(b) };
      if (i % 3 === 0) p.timezone = pick(ZONES);
      if (i % 4 === 0) p.device_id = String(pick([1, 2, 3]));
      if (i % 5 === 0) p.status = String(pick(STATUSES));
      if (i % 2 === 0) p.orderbydesc = '1';
      if (i === 0) delete p.begindate;
      const reply = await ENDPOINTS.getallsms!({ params: new Map(Object.entries(p)), files: new Map(), origin: '' }, deps);
      expect(reply).toBe(referenceReply(state, email, p));
      rows += (JSON.parse(reply) as { count: number }).count;
      if (i === 1) expect(reply).toContain('"timezone":"Europe/Paris"');
    }
    expect(rows).toBeGreaterThan(10_000);
  });
});
